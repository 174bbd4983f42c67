"""The workbench list as an Excel file: exactly the rows the list shows, in its order, with its columns.

The rows come from the same queryset as the page (``filtered_proposals``), so the file cannot list an
item the page does not, or leave one out (items not yet registered included). Above the columns, the
file says which filters were applied, how it was sorted and when it was made. The columns are those of
the page plus what the page shows in a cell's second line (会议, 领域, 代表团, 协办单位) and what one looks
up on an item's page: 剩余天数, 答复类别 and 评价.

Written as a streaming .xlsx, the items fetched in chunks with their related records prefetched (a
constant number of queries per chunk), so a long list does not grow in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import xlsxwriter
from django.db.models import Prefetch, QuerySet

from proposals.choices import Rating, Role
from proposals.models import Assignment, Proposal
from proposals.models.assignment import AssignmentState as A
from proposals.models.proposal import OPEN_HANDLING_STATES

CHUNK = 500
SHEET_NAME = "议案建议列表"
COLUMNS = (
    "编号",
    "标题",
    "会议",
    "领域",
    "重点督办",
    "类型",
    "领衔代表",
    "代表团",
    "承办单位",
    "协办单位",
    "提出日期",
    "答复期限",
    "剩余天数",
    "状态",
    "答复类别",
    "评价",
)
DAYS_LEFT_NOTE = "剩余天数：距答复期限的天数，负数为已超期天数；只计办理中的件"
_RATING = dict(Rating.choices)


@dataclass(frozen=True)
class ExportHeading:
    """What the file says above its columns."""

    filters: list[tuple[str, str]]  # (筛选项, 所选值), in the filter bar's order
    sort: str
    made_on: dt.date

    def lines(self, count: int) -> list[str]:
        chosen = "；".join(f"{name}：{value}" for name, value in self.filters) or "无（全部件）"
        return [
            f"议案建议列表（导出日期：{self.made_on:%Y-%m-%d}）",
            f"筛选条件：{chosen}",
            f"排序：{self.sort}；共 {count} 件。{DAYS_LEFT_NOTE}",
        ]


def _latest_round(records: list) -> list:
    if not records:
        return []
    latest = max(r.round for r in records)
    return [r for r in records if r.round == latest]


def row_of(p: Proposal, *, today: dt.date) -> list:
    """One item's cells, in ``COLUMNS`` order (dates as dates, the days left as a number)."""
    live = list(p.assignments.all())
    answering = [a.unit.name for a in live if a.role != Role.CO]
    co = [a.unit.name for a in live if a.role == Role.CO]
    due = p.effective_due
    running = p.state in OPEN_HANDLING_STATES and due is not None
    categories = sorted({r.category for r in _latest_round(list(p.replies.all()))})
    evaluations = _latest_round(list(p.evaluations.all()))
    if evaluations:
        evaluation = _RATING.get(evaluations[0].result, "")
        if evaluations[0].round > 1:
            evaluation += "（重新办理后）"
    else:
        evaluation = "未表态" if p.closed_unevaluated else ""
    delegation = p.lead_deputy.delegation
    return [
        p.number or "",
        p.title,
        p.session.name,
        p.field,
        "是" if p.key_supervision else "",
        p.get_kind_display(),
        p.lead_deputy.name,
        delegation.name if delegation else "",
        "、".join(answering),
        "、".join(co),
        p.submitted_on,
        due,
        (due - today).days if running else None,
        p.get_state_display(),
        "、".join(categories),
        evaluation,
    ]


def _items(pks: list[int]) -> Iterator[Proposal]:
    live = Assignment.objects.exclude(state=A.WITHDRAWN).select_related("unit").order_by("role", "id")
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        batch = (
            Proposal.objects.filter(pk__in=chunk)
            .select_related("session", "lead_deputy__delegation")
            .prefetch_related(Prefetch("assignments", queryset=live), "replies", "evaluations")
        )
        by_pk = {p.pk: p for p in batch}
        for pk in chunk:
            yield by_pk[pk]


def list_export(*, proposals: QuerySet[Proposal], heading: ExportHeading, output: BinaryIO) -> int:
    """Write ``proposals`` (in their order) as the list's workbook; returns the number of item rows."""
    pks = list(proposals.values_list("pk", flat=True))
    book = xlsxwriter.Workbook(output, {"constant_memory": True, "strings_to_numbers": False})
    try:
        sheet = book.add_worksheet(SHEET_NAME)
        title = book.add_format({"bold": True, "font_size": 13})
        note = book.add_format({"font_color": "#555555"})
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        widths = {"标题": 40, "会议": 22, "承办单位": 24, "协办单位": 20}
        for column, name in enumerate(COLUMNS):
            sheet.set_column(column, column, widths.get(name, 11))
        lines = heading.lines(len(pks))
        for row, text in enumerate(lines):
            sheet.write_string(row, 0, text, title if row == 0 else note)
        header_row = len(lines)
        for column, name in enumerate(COLUMNS):
            sheet.write_string(header_row, column, name, head)
        sheet.freeze_panes(header_row + 1, 0)
        count = 0
        for count, proposal in enumerate(_items(pks), start=1):
            for column, value in enumerate(row_of(proposal, today=heading.made_on)):
                cell = header_row + count
                if isinstance(value, dt.date):
                    sheet.write_datetime(cell, column, dt.datetime.combine(value, dt.time()), day)
                elif isinstance(value, int):
                    sheet.write_number(cell, column, value)
                elif value not in (None, ""):
                    sheet.write_string(cell, column, str(value))
    finally:
        book.close()
    return count
