"""The tables of the reports, defined once for the PDF and the Excel file.

Each function turns a report dict from ``reports.statistics`` into ``Table`` objects: a title, its
columns (label and type) and rows of raw values. The PDF formats the values for reading; the Excel
writes numbers as numbers, rates as numbers with a percent format and dates as dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

TEXT, INT, RATE, DATE = "text", "int", "rate", "date"

TOTAL_LABELS = {
    "items": "议案建议总数",
    "suggestions": "建议（含议案转建议）",
    "motions": "议案",
    "motions_to_agenda": "议案列入议程",
    "motions_converted": "议案转为建议",
    "assigned": "已交办",
    "replied": "已答复（办复）",
    "replied_on_time": "按期答复",
    "due_or_replied": "应答复（已答复或已到期）",
    "overdue_open": "超期未答复（首次办理）",
    "closed": "已办结",
    "evaluated_first": "首次评价",
    "satisfied_first": "首次评价满意",
    "basically_satisfied_first": "首次评价基本满意",
    "unsatisfied_first": "首次评价不满意",
    "evaluated_final": "最终评价",
    "satisfied_final": "最终评价满意",
    "basically_satisfied_final": "最终评价基本满意",
    "unsatisfied_final": "最终评价不满意",
    "face_to_face": "见面沟通",
    "key_supervision": "重点督办",
}

FOLLOW_UP_LABELS = {
    "followups_due": ("到期的计划落实事项", INT),
    "followups_done": ("其中已落实", INT),
    "followup_rate": ("落实率", RATE),
    "returned_replies": ("答复审查退回", INT),
    "assisted_ratings": ("代为录入的评价", INT),
    "co_signer_evaluated": ("附议代表评价", INT),
    "co_signer_satisfied": ("其中满意及基本满意", INT),
    "co_signer_satisfaction_rate": ("附议代表满意率", RATE),
}

RATE_LABELS = {
    "reply_rate": ("办复率", "已答复 ÷ 已交办"),
    "on_time_rate": ("按期办复率", "按期答复 ÷ 应答复"),
    "closure_rate": ("办结率", "已办结 ÷ 已交办"),
    "first_satisfaction_rate": ("初次满意率", "首次评价满意及基本满意 ÷ 首次评价"),
    "satisfaction_rate": ("满意率", "最终评价满意及基本满意 ÷ 最终评价"),
    "solved_or_planned_rate": ("解决或计划解决率", "A类与B类答复 ÷ 已答复"),
    "face_to_face_rate": ("见面率", "见面沟通 ÷ 已答复"),
}

CATEGORY_LABELS = {
    "A": "A 已经解决或基本解决",
    "B": "B 正在解决或列入规划逐步解决",
    "C": "C 因目前条件限制或其他原因需待以后解决",
    "D": "D 留作参考",
}


@dataclass(frozen=True)
class Column:
    label: str
    type: str = TEXT
    width: int | None = None  # characters, for the Excel column; None = fit the content


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    empty: str = "无"

    @property
    def sheet_name(self) -> str:
        return self.title[:31]


def as_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _totals(data: dict, title: str) -> Table:
    totals = data.get("totals", {})
    rows = [[label, totals.get(key)] for key, label in TOTAL_LABELS.items() if key in totals]
    return Table("totals", title, [Column("指标", width=28), Column("件数", INT, width=10)], rows)


def _rates(data: dict) -> Table:
    rates = data.get("rates", {})
    rows = [[label, rates.get(key), basis] for key, (label, basis) in RATE_LABELS.items() if key in rates]
    columns = [Column("指标", width=20), Column("比率", RATE, width=12), Column("计算口径", width=40)]
    return Table("rates", "主要比率", columns, rows, empty="—")


def _categories(data: dict) -> Table:
    categories = data.get("categories", {})
    rows = [[label, categories.get(key, 0)] for key, label in CATEGORY_LABELS.items()]
    return Table("categories", "答复类别", [Column("答复类别", width=40), Column("件数", INT, width=10)], rows)


def _fields(data: dict) -> Table:
    rows = [[name, count] for name, count in data.get("fields", {}).items()]
    return Table("fields", "领域分布", [Column("领域", width=24), Column("建议件数", INT, width=12)], rows)


def _annual_units(data: dict) -> Table:
    columns = [
        Column("排名", INT, width=6),
        Column("承办单位", width=24),
        Column("主办件数", INT),
        Column("协办件数", INT),
        Column("已答复", INT),
        Column("按期答复", INT),
        Column("应答复", INT),
        Column("按期办复率", RATE),
        Column("已评价", INT),
        Column("满意及基本满意", INT),
        Column("满意率", RATE),
    ]
    keys = (
        "rank",
        "unit",
        "lead_items",
        "co_items",
        "replied",
        "replied_on_time",
        "due_or_replied",
        "on_time_rate",
        "evaluated",
        "satisfied",
        "satisfaction_rate",
    )
    rows = [[entry.get(key) for key in keys] for entry in data.get("units", [])]
    return Table("units", "承办单位办理情况", columns, rows)


def _unit_scores(data: dict) -> Table:
    columns = [
        Column("排名", INT, width=6),
        Column("承办单位", width=24),
        Column("主办件数", INT),
        Column("按期签收率", RATE),
        Column("按期答复率", RATE),
        Column("见面率", RATE),
        Column("满意率", RATE),
        Column("答复被退回", INT),
        Column("落实逾期", INT),
        Column("得分", TEXT, width=10),
    ]
    keys = (
        "rank",
        "unit",
        "lead_items",
        "sign_on_time_rate",
        "on_time_rate",
        "face_to_face_rate",
        "satisfaction_rate",
        "returned_replies",
        "overdue_followups",
    )
    rows = [
        [entry.get(key) for key in keys] + [None if entry.get("score") is None else f"{entry['score']:.2f}"]
        for entry in data.get("unit_scores", [])
    ]
    return Table("unit_scores", "承办单位考核得分", columns, rows)


def _follow_up(data: dict) -> Table:
    figures = data.get("follow_up", {})
    rows = []
    for key, (label, kind) in FOLLOW_UP_LABELS.items():
        if key in figures:
            value = figures[key]
            rows.append([label, value if kind == INT else None, value if kind == RATE else None])
    columns = [Column("指标", width=28), Column("件数", INT, width=10), Column("比率", RATE, width=10)]
    return Table("follow_up", "答复审查、跟踪落实和附议代表评价", columns, rows)


def annual_tables(data: dict) -> dict[str, Table]:
    tables = [
        _totals(data, "主要数据"),
        _rates(data),
        _categories(data),
        _annual_units(data),
        _fields(data),
        _follow_up(data),
    ]
    if "unit_scores" in data:
        tables.append(_unit_scores(data))
    return {t.key: t for t in tables}


def _item_columns() -> list[Column]:
    return [Column("会议", width=22), Column("编号", width=10), Column("标题", width=40), Column("承办单位", width=24)]


def _item_cells(entry: dict) -> list:
    return [entry.get("session"), entry.get("number"), entry.get("title"), entry.get("units")]


def _overdue(data: dict) -> Table:
    columns = [*_item_columns(), Column("办理期限", DATE), Column("超期天数", INT), Column("办理阶段")]
    rows = [
        [*_item_cells(e), as_date(e.get("due")), e.get("days_overdue"), e.get("stage")] for e in data.get("overdue", [])
    ]
    return Table("overdue", "超期未答复件", columns, rows)


def _near_due(data: dict) -> Table:
    columns = [*_item_columns(), Column("办理期限", DATE), Column("剩余天数", INT), Column("办理阶段")]
    rows = [
        [*_item_cells(e), as_date(e.get("due")), e.get("days_left"), e.get("stage")] for e in data.get("near_due", [])
    ]
    return Table("near_due", "临期件（15日内到期）", columns, rows)


def _progress_text(entry: dict | None) -> str:
    if not entry:
        return ""
    return f"{entry.get('date') or ''} {entry.get('unit') or ''}：{entry.get('body') or ''}".strip()


def _reply_text(entry: dict | None) -> str:
    if not entry:
        return ""
    return f"{entry.get('date') or ''} {entry.get('unit') or ''}（{entry.get('category') or ''}类）".strip()


def _key_supervision(data: dict) -> Table:
    columns = [
        *_item_columns(),
        Column("督办领导/委员会", width=16),
        Column("办理状态", width=12),
        Column("办理期限", DATE),
        Column("最新进展", width=40),
        Column("最新答复", width=28),
    ]
    rows = [
        [
            *_item_cells(e),
            e.get("supervisor"),
            e.get("status"),
            as_date(e.get("due")),
            _progress_text(e.get("latest_progress")),
            _reply_text(e.get("latest_reply")),
        ]
        for e in data.get("key_supervision", [])
    ]
    return Table("key_supervision", "重点督办件", columns, rows)


def _monthly_units(data: dict) -> Table:
    columns = [Column("承办单位", width=24), Column("在办件数", INT), Column("临期件数", INT), Column("超期件数", INT)]
    rows = [[e.get("unit"), e.get("open"), e.get("near_due"), e.get("overdue")] for e in data.get("units", [])]
    return Table("units", "各承办单位在办情况", columns, rows)


def _rehandled(data: dict) -> Table:
    columns = [
        *_item_columns(),
        Column("不满意评价日期", DATE),
        Column("重新办理期限", DATE),
        Column("重新办理答复日期", DATE),
        Column("最终评价", width=10),
        Column("办理状态", width=14),
    ]
    rows = [
        [
            *_item_cells(e),
            as_date(e.get("unsatisfied_on")),
            as_date(e.get("rehandle_due")),
            as_date(e.get("rehandle_replied_on")),
            e.get("final_evaluation"),
            e.get("status"),
        ]
        for e in data.get("rehandled", [])
    ]
    return Table("rehandled", "不满意及重新办理件", columns, rows)


def _pending_requests(data: dict) -> Table:
    columns = [
        Column("申请类别", width=8),
        Column("会议", width=22),
        Column("编号", width=10),
        Column("标题", width=36),
        Column("申请单位", width=20),
        Column("申请日期", DATE),
        Column("申请延期至", DATE),
        Column("建议改由", width=16),
        Column("理由", width=40),
    ]
    rows = [
        [
            e.get("kind"),
            e.get("session"),
            e.get("number"),
            e.get("title"),
            e.get("unit"),
            as_date(e.get("requested_on")),
            as_date(e.get("requested_until")),
            e.get("proposed_unit"),
            e.get("reason"),
        ]
        for e in data.get("pending_requests", [])
    ]
    return Table("pending_requests", "待审批的调整和延期申请", columns, rows)


def _committee_suggestions(data: dict) -> Table:
    columns = [
        Column("专门委员会", width=22),
        *_item_columns(),
        Column("办理状态", width=10),
        Column("列入督办日期", DATE),
        Column("督办重点", width=30),
    ]
    rows = [
        [c.get("committee"), *_item_cells(e), e.get("status"), as_date(e.get("marked_on")), e.get("note")]
        for c in data.get("committees", [])
        for e in c.get("suggestions", [])
    ]
    return Table("committee_suggestions", "专门委员会督办的建议", columns, rows)


def _committee_opinions(data: dict) -> Table:
    columns = [
        Column("专门委员会", width=22),
        Column("所属领域", width=30),
        Column("督办建议件数", INT),
        Column("督办群众意见数", INT),
        Column("其中尚未反馈", INT),
    ]
    rows = [
        [
            c.get("committee"),
            "、".join(c.get("fields", [])),
            len(c.get("suggestions", [])),
            c.get("opinions", 0),
            c.get("opinions_awaiting_feedback", 0),
        ]
        for c in data.get("committees", [])
    ]
    return Table("committees", "各专门委员会督办情况", columns, rows)


def _followups(data: dict) -> Table:
    columns = [
        Column("会议", width=22),
        Column("编号", width=10),
        Column("标题", width=36),
        Column("承办单位", width=20),
        Column("计划落实事项", width=40),
        Column("落实时限", DATE),
        Column("逾期天数", INT, width=10),
    ]
    rows = [
        [
            e.get("session"),
            e.get("number"),
            e.get("title"),
            e.get("unit"),
            e.get("action"),
            as_date(e.get("due")),
            e.get("days_overdue"),
        ]
        for e in data.get("followups", [])
    ]
    return Table("followups", "跟踪落实：到期未报告落实情况的计划落实事项", columns, rows)


def monthly_tables(data: dict) -> dict[str, Table]:
    tables = [
        _totals(data, "年度累计数据"),
        _rates(data),
        _categories(data),
        _overdue(data),
        _near_due(data),
        _key_supervision(data),
        _monthly_units(data),
        _rehandled(data),
        _pending_requests(data),
        _committee_opinions(data),
        _committee_suggestions(data),
        _follow_up(data),
        _followups(data),
    ]
    return {t.key: t for t in tables}


def tables_for(kind: str, data: dict) -> dict[str, Table]:
    if kind == "annual":
        return annual_tables(data)
    if kind == "monthly":
        return monthly_tables(data)
    raise ValueError(f"unknown report kind: {kind}")
