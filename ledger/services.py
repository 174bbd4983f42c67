"""The ledger (台账) import and export: one code path for the command line, the browser and the tasks.

- ``ledger_check`` validates a whole file and writes nothing;
- ``ledger_import`` validates it and, only when there is no error at all, writes everything in one
  transaction (all or nothing); it raises ``LedgerInvalid`` with the full report otherwise;
- ``ledger_export`` writes items in the same columns.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ledger import columns as C
from ledger.export import ledger_export
from ledger.plan import Plan, make_plan
from ledger.reader import FileProblem, open_sheet, read_bytes
from ledger.report import LedgerError, LedgerInvalid, LedgerReport
from ledger.rows import LedgerRow, parse_row
from ledger.values import cell_text
from ledger.writer import write_ledger
from reports.statistics.snapshots import forget_past as forget_past_figures

__all__ = [
    "LedgerError",
    "LedgerInvalid",
    "LedgerReport",
    "ledger_check",
    "ledger_export",
    "ledger_import",
]

_COLUMN_ORDER = {column: index for index, column in enumerate(C.COLUMNS)}


def ledger_check(*, file: BinaryIO | str | Path, filename: str) -> LedgerReport:
    """Validate the whole file and report every error, with what an import would create. Writes nothing."""
    report, _rows, _plan = _validate(file=file, filename=filename, today=timezone.localdate())
    return report


@transaction.atomic
def _import(*, file, filename: str, by, dry_run: bool) -> LedgerReport:
    today = timezone.localdate()
    report, rows, plan = _validate(file=file, filename=filename, today=today)
    if not report.ok:
        raise LedgerInvalid(report)
    if not dry_run:
        write_ledger(rows=rows, plan=plan, by=by, filename=_display_name(filename), today=today)
        report.imported = len(rows)
        # Imported items may date from any past day: every stored figure snapshot is rebuilt when next read.
        forget_past_figures()
        if len(rows) >= ANALYZE_AFTER_ROWS:
            transaction.on_commit(_refresh_planner_statistics)
    return report


ANALYZE_AFTER_ROWS = 2000
_BULK_LOADED_TABLES = ("proposal", "assignment", "reply", "evaluation", "contact")


def _refresh_planner_statistics() -> None:
    """After a large bulk load, PostgreSQL's planner statistics are stale until ANALYZE; refresh them now."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name in _BULK_LOADED_TABLES:
            cursor.execute(f'ANALYZE "proposals_{name}"')


def ledger_import(*, file: BinaryIO | str | Path, filename: str, by=None, dry_run: bool = False) -> LedgerReport:
    """Import the ledger, all or nothing. Raises ``LedgerInvalid`` (nothing written) when any row is wrong."""
    try:
        return _import(file=file, filename=filename, by=by, dry_run=dry_run)
    except IntegrityError as exc:
        # Someone created the same session, number, deputy or unit between the check and the write.
        report = LedgerReport(
            errors=[
                LedgerError(
                    row=0,
                    column="",
                    value="",
                    reason="导入时系统中的数据已发生变化（如同一编号已被他人录入），未导入任何数据，请重新校验后再导入",
                )
            ]
        )
        raise LedgerInvalid(report) from exc


def _display_name(filename: str) -> str:
    return Path(filename or "").name or "台账"


def _validate(*, file, filename: str, today: dt.date) -> tuple[LedgerReport, list[LedgerRow], Plan | None]:
    report = LedgerReport()
    rows: list[LedgerRow] = []
    try:
        sheet = open_sheet(data=read_bytes(file), filename=filename)
        index = _read_header(sheet.headers, report)
        if not report.ok:
            return report, rows, None
        width = max(index.values()) + 1
        for number, values in sheet.rows:
            if all(cell_text(value) == "" for value in values):
                continue
            if len(values) < width:
                values = [*values, *([None] * (width - len(values)))]
            cells = {column: values[position] for column, position in index.items()}
            row, errors = parse_row(number=number, cells=cells, today=today)
            report.rows += 1
            report.errors += errors
            rows.append(row)
    except FileProblem as problem:
        report.errors.append(LedgerError(row=problem.row, column="", value="", reason=problem.reason))
        return report, [], None
    if not rows:
        report.errors.append(LedgerError(row=0, column="", value="", reason="文件中没有数据：表头以下没有任何内容"))
        return report, rows, None
    plan = make_plan(rows)
    report.errors += plan.errors
    report.errors.sort(key=lambda e: (e.row, _COLUMN_ORDER.get(e.column, -1)))
    report.sessions_created = [session.name for session in plan.new_sessions]
    report.deputies_created = len(plan.new_deputies)
    report.units_created = len(plan.new_units)
    return report, rows, plan


def _read_header(headers: list[str], report: LedgerReport) -> dict[str, int]:
    """Where each contract column is; unknown columns are named in the report and ignored."""
    index: dict[str, int] = {}
    for position, header in enumerate(headers):
        if not header:
            continue
        if header not in _COLUMN_ORDER:
            if header not in report.ignored_columns:
                report.ignored_columns.append(header)
        elif header in index:
            report.errors.append(
                LedgerError(row=1, column=header, value=header, reason="表头中此列出现了两次，请删除多余的一列")
            )
        else:
            index[header] = position
    if not index:
        shown = "、".join(h for h in headers if h)[:60]
        report.errors.append(
            LedgerError(
                row=1,
                column="",
                value=shown,
                reason="第1行不是表头：未找到会议、编号、类型等列名。台账的第1行必须是表头，请删除表头上方的标题行",
            )
        )
        report.ignored_columns = []
        return index
    for column in C.REQUIRED:
        if column not in index:
            report.errors.append(LedgerError(row=1, column=column, value="", reason=f"缺少必填列「{column}」"))
    return index
