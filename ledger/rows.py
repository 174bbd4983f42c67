"""One ledger row: every cell checked, every dependency between the cells checked, or a list of errors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field as default
from typing import Any

from ledger import columns as C
from ledger.report import LedgerError
from ledger.values import BadValue, cell_text, parse_date, split_names
from proposals.choices import HandlingMode, Kind, MotionOutcome, Rating
from proposals.deadlines import add_months


@dataclass
class LedgerRow:
    """A row that passed every check, with its values in the platform's terms."""

    row: int
    session: str
    number: str
    kind: str
    title: str
    lead_deputy: str
    delegation: str
    submitted_on: dt.date
    co_signers: list[str] = default(default_factory=list)
    field: str = ""
    motion_outcome: str = ""
    handling_mode: str = ""
    lead_units: list[str] = default(default_factory=list)
    co_units: list[str] = default(default_factory=list)
    assigned_on: dt.date | None = None
    reply_due: dt.date | None = None
    extended_to: dt.date | None = None
    replied_on: dt.date | None = None
    category: str = ""
    contact_method: str = ""
    no_contact: bool = False  # 沟通方式 `无`: no contact with the deputy (an empty cell: not recorded)
    first_rating: str = ""
    first_rated_on: dt.date | None = None
    rehandle_replied_on: dt.date | None = None
    rehandle_category: str = ""
    final_rating: str = ""
    final_rated_on: dt.date | None = None
    key_supervision: bool = False
    closed_on: dt.date | None = None

    @property
    def on_handling_track(self) -> bool:
        return self.kind == Kind.SUGGESTION or self.motion_outcome == MotionOutcome.CONVERTED


class _Cells:
    """Reads the cells of one row and records an error per bad cell."""

    def __init__(self, *, number: int, cells: dict[str, Any], today: dt.date) -> None:
        self.number = number
        self.cells = cells
        self.today = today
        self.texts = {column: cell_text(value) for column, value in cells.items()}
        self.errors: list[LedgerError] = []
        self.bad: set[str] = set()

    def text(self, column: str) -> str:
        return self.texts.get(column, "")

    def has(self, column: str) -> bool:
        return self.texts.get(column, "") != ""

    def usable(self, column: str) -> bool:
        return column not in self.bad

    def error(self, column: str, reason: str, value: str | None = None) -> None:
        self.errors.append(
            LedgerError(
                row=self.number, column=column, value=self.text(column) if value is None else value, reason=reason
            )
        )
        self.bad.add(column)

    def string(self, column: str, *, required: bool = False) -> str:
        text = self.text(column)
        if required and not text:
            self.error(column, "必填项，不能为空")
        elif column in C.MAX_LENGTH and len(text) > C.MAX_LENGTH[column]:
            self.error(column, f"{column}不能超过{C.MAX_LENGTH[column]}个字（现为{len(text)}个字）")
        return text

    def names(self, column: str) -> list[str]:
        names = split_names(self.text(column))
        limit = C.MAX_LENGTH[column]
        too_long = [name for name in names if len(name) > limit]
        if too_long:
            self.error(column, f"名称不能超过{limit}个字：{'、'.join(too_long)}")
        return names

    def choice(self, column: str, mapping: dict[str, Any], *, required: bool = False, upper: bool = False) -> Any:
        text = self.text(column)
        if upper:
            text = text.upper()
        if not text:
            if required:
                self.error(column, "必填项，不能为空")
            return ""
        if text not in mapping:
            self.error(column, f"只能填写{C.labels(mapping)}")
            return ""
        return mapping[text]

    def date(self, column: str, *, required: bool = False) -> dt.date | None:
        raw = self.cells.get(column)
        if not self.has(column):
            if required:
                self.error(column, "必填项，不能为空")
            return None
        try:
            day = parse_date(raw)
        except BadValue as exc:
            self.error(column, exc.reason)
            return None
        if column not in C.FUTURE_ALLOWED and day > self.today:
            self.error(column, f"日期不能晚于今天（{self.today.isoformat()}）")
            return None
        return day


def parse_row(*, number: int, cells: dict[str, Any], today: dt.date) -> tuple[LedgerRow, list[LedgerError]]:
    """Check one row (``cells`` maps the contract's header texts to raw values).

    The row comes back even with errors (its bad cells empty), so that file-wide checks such as
    duplicate numbers still see it; only a file without any error is written.
    """
    c = _Cells(number=number, cells=cells, today=today)
    row = LedgerRow(
        row=number,
        session=c.string(C.SESSION, required=True),
        number=c.string(C.NUMBER, required=True),
        kind=c.choice(C.KIND, C.KINDS, required=True),
        title=c.string(C.TITLE, required=True),
        lead_deputy=c.string(C.LEAD_DEPUTY, required=True),
        delegation=c.string(C.DELEGATION),
        co_signers=c.names(C.CO_SIGNERS),
        submitted_on=c.date(C.SUBMITTED_ON, required=True),
        field=c.string(C.FIELD),
        motion_outcome=c.choice(C.MOTION_OUTCOME, C.MOTION_OUTCOMES),
        handling_mode=c.choice(C.HANDLING_MODE, C.HANDLING_MODES),
        lead_units=c.names(C.LEAD_UNITS),
        co_units=c.names(C.CO_UNITS),
        assigned_on=c.date(C.ASSIGNED_ON),
        reply_due=c.date(C.REPLY_DUE),
        extended_to=c.date(C.EXTENDED_TO),
        replied_on=c.date(C.REPLIED_ON),
        category=c.choice(C.CATEGORY, C.CATEGORIES, upper=True),
        contact_method=c.choice(C.CONTACT, {**C.CONTACT_METHODS, C.NO_CONTACT: ""}),
        no_contact=c.text(C.CONTACT) == C.NO_CONTACT,
        first_rating=c.choice(C.FIRST_RATING, C.RATINGS),
        first_rated_on=c.date(C.FIRST_RATED_ON),
        rehandle_replied_on=c.date(C.REHANDLE_REPLIED_ON),
        rehandle_category=c.choice(C.REHANDLE_CATEGORY, C.CATEGORIES, upper=True),
        final_rating=c.choice(C.FINAL_RATING, C.RATINGS),
        final_rated_on=c.date(C.FINAL_RATED_ON),
        key_supervision=c.choice(C.KEY_SUPERVISION, C.KEY_SUPERVISION_VALUES) is True,
        closed_on=c.date(C.CLOSED_ON),
    )
    row.co_signers = [name for name in row.co_signers if name != row.lead_deputy]

    if row.kind == Kind.SUGGESTION and c.has(C.MOTION_OUTCOME):
        c.error(C.MOTION_OUTCOME, "只有议案才能填写议案处理结果")
    if row.kind == Kind.MOTION and row.motion_outcome != MotionOutcome.CONVERTED:
        _check_motion_leaves_handling_empty(c, row)
    else:
        _check_assignment(c, row)
        _check_replies_and_evaluations(c, row)
        _check_closing(c, row)
    return row, c.errors


def _check_motion_leaves_handling_empty(c: _Cells, row: LedgerRow) -> None:
    outcome = dict(MotionOutcome.choices).get(row.motion_outcome, "待定（未填写）")
    for column in C.HANDLING_COLUMNS:
        text = c.text(column)
        absent = (column == C.KEY_SUPERVISION and text == C.NO) or (column == C.CONTACT and text == C.NO_CONTACT)
        if text and not absent and c.usable(column):
            c.error(column, f"议案处理结果为{outcome}的议案不能填写此列（只有转为建议的议案按建议办理）")


def _check_assignment(c: _Cells, row: LedgerRow) -> None:
    if row.assigned_on is None:
        if c.usable(C.ASSIGNED_ON):
            for column in (C.HANDLING_MODE, C.LEAD_UNITS, C.CO_UNITS, C.REPLY_DUE, C.EXTENDED_TO, C.REPLIED_ON):
                if c.has(column) and c.usable(column):
                    c.error(column, f"未填写交办日期，不能填写{column}")
            if row.contact_method:
                c.error(C.CONTACT, "未填写交办日期，不能填写沟通方式")
        return
    mode, leads, cos = row.handling_mode, row.lead_units, row.co_units
    if not c.has(C.HANDLING_MODE):
        c.error(C.HANDLING_MODE, "填写交办日期时必须填写办理方式")
    if not leads and c.usable(C.LEAD_UNITS):
        c.error(C.LEAD_UNITS, "填写交办日期时必须填写主办单位")
    if mode == HandlingMode.SINGLE:
        if len(leads) > 1:
            c.error(C.LEAD_UNITS, "单办只能有一个主办单位")
        if cos:
            c.error(C.CO_UNITS, "单办不能有协办单位（协办单位只用于主办协办）")
    elif mode == HandlingMode.LEAD_CO:
        if len(leads) > 1:
            c.error(C.LEAD_UNITS, "主办协办只能有一个主办单位")
        if not cos and c.usable(C.CO_UNITS):
            c.error(C.CO_UNITS, "主办协办须填写至少一个协办单位")
    elif mode == HandlingMode.SPLIT:
        if len(leads) == 1:
            c.error(C.LEAD_UNITS, "分办须有两个或以上主办单位")
        if cos:
            c.error(C.CO_UNITS, "分办不能有协办单位（协办单位只用于主办协办）")
    both = [name for name in cos if name in leads]
    if both and c.usable(C.CO_UNITS):
        c.error(C.CO_UNITS, f"协办单位不能同时是主办单位：{'、'.join(both)}")

    on = row.assigned_on
    if row.submitted_on and on < row.submitted_on:
        c.error(C.ASSIGNED_ON, f"交办日期不能早于提出日期（{row.submitted_on.isoformat()}）")
    if row.reply_due and row.reply_due <= on:
        c.error(C.REPLY_DUE, f"答复期限须晚于交办日期（{on.isoformat()}）")
    if row.extended_to and c.usable(C.REPLY_DUE):
        due = row.reply_due or add_months(on, C.REPLY_MONTHS)
        cap = add_months(on, C.EXTENSION_CAP_MONTHS)
        if row.extended_to <= due:
            c.error(C.EXTENDED_TO, f"延期至须晚于答复期限（{due.isoformat()}）")
        elif row.extended_to > cap:
            c.error(C.EXTENDED_TO, f"延期至不能超过交办日期后{C.EXTENSION_CAP_MONTHS}个月（{cap.isoformat()}）")
    if row.replied_on and row.replied_on < on:
        c.error(C.REPLIED_ON, f"答复日期不能早于交办日期（{on.isoformat()}）")


def _pair(c: _Cells, date_column: str, value_column: str) -> None:
    """A reply date and its category: both or neither (the error goes on the category)."""
    if c.has(date_column) and not c.has(value_column):
        c.error(value_column, f"填写{date_column}时必须填写{value_column}")
    elif c.has(value_column) and not c.has(date_column) and c.usable(value_column):
        c.error(value_column, f"未填写{date_column}，不能填写{value_column}")


def _not_before(c: _Cells, column: str, day: dt.date | None, earlier_column: str, earlier: dt.date | None) -> None:
    if day and earlier and day < earlier and c.usable(column) and c.usable(earlier_column):
        c.error(column, f"{column}不能早于{earlier_column}（{earlier.isoformat()}）")


def _check_replies_and_evaluations(c: _Cells, row: LedgerRow) -> None:
    _pair(c, C.REPLIED_ON, C.CATEGORY)

    if c.has(C.FIRST_RATING) and not c.has(C.REPLIED_ON):
        c.error(C.FIRST_RATING, "未填写答复日期，不能填写首次评价")
    if c.has(C.FIRST_RATING) and not c.has(C.FIRST_RATED_ON):
        c.error(C.FIRST_RATED_ON, "填写首次评价时必须填写首次评价日期", value="")
    elif c.has(C.FIRST_RATED_ON) and not c.has(C.FIRST_RATING) and c.usable(C.FIRST_RATED_ON):
        c.error(C.FIRST_RATED_ON, "未填写首次评价，不能填写首次评价日期")
    _not_before(c, C.FIRST_RATED_ON, row.first_rated_on, C.REPLIED_ON, row.replied_on)

    if c.has(C.REHANDLE_REPLIED_ON) and c.usable(C.FIRST_RATING) and row.first_rating != Rating.UNSATISFIED:
        c.error(C.REHANDLE_REPLIED_ON, "只有首次评价为不满意时才能填写重办答复日期")
    _not_before(c, C.REHANDLE_REPLIED_ON, row.rehandle_replied_on, C.FIRST_RATED_ON, row.first_rated_on)
    _pair(c, C.REHANDLE_REPLIED_ON, C.REHANDLE_CATEGORY)

    if c.has(C.FINAL_RATING) and not c.has(C.REHANDLE_REPLIED_ON):
        c.error(C.FINAL_RATING, "未填写重办答复日期，不能填写最终评价")
    if c.has(C.FINAL_RATING) and not c.has(C.FINAL_RATED_ON):
        c.error(C.FINAL_RATED_ON, "填写最终评价时必须填写最终评价日期", value="")
    elif c.has(C.FINAL_RATED_ON) and not c.has(C.FINAL_RATING) and c.usable(C.FINAL_RATED_ON):
        c.error(C.FINAL_RATED_ON, "未填写最终评价，不能填写最终评价日期")
    _not_before(c, C.FINAL_RATED_ON, row.final_rated_on, C.REHANDLE_REPLIED_ON, row.rehandle_replied_on)


def _check_closing(c: _Cells, row: LedgerRow) -> None:
    if not c.has(C.CLOSED_ON):
        # A rated item the ledger has not closed yet stays 已答复 with its rating recorded.
        return
    if not c.has(C.REPLIED_ON):
        c.error(C.CLOSED_ON, "未填写答复日期，不能填写办结日期")
        return
    if row.first_rating == Rating.UNSATISFIED and not c.has(C.REHANDLE_REPLIED_ON):
        c.error(C.CLOSED_ON, "首次评价为不满意、尚未重办答复的件不能填写办结日期")
        return
    if row.rehandle_replied_on:
        _not_before(c, C.CLOSED_ON, row.closed_on, C.REHANDLE_REPLIED_ON, row.rehandle_replied_on)
    else:
        _not_before(c, C.CLOSED_ON, row.closed_on, C.REPLIED_ON, row.replied_on)
    if c.usable(C.CLOSED_ON):
        rated_column = C.FINAL_RATED_ON if row.final_rated_on else C.FIRST_RATED_ON
        _not_before(c, C.CLOSED_ON, row.closed_on, rated_column, row.final_rated_on or row.first_rated_on)
