"""A blank ledger to fill in: the contract's header row, one example row, and a sheet of what each column takes.

The first sheet is a ledger the import reads as it is (the example row passes the same checks as any
other row), so an office can start from it, replace the example and upload. The second sheet lists,
for each column, whether it is required, what it holds and its allowed values, all taken from
``ledger.columns`` so the template cannot drift from what the import accepts.
"""

from __future__ import annotations

import datetime as dt
from typing import BinaryIO

import xlsxwriter

from ledger import columns as C

SHEET_NAME = "台账"
GUIDE_SHEET_NAME = "填写说明"
DATE_TEXT = "日期，如 2025-03-01（也可用 Excel 日期格式）"
HOW_TO = "第1个工作表第2行是示例，导入前请替换或删除；列的顺序可以调整，表头文字须与第1行一致。"
NAMES_TEXT = "一个或多个名称，用「、」分隔（也可用 ， , ; ；）"

# The example: a suggestion of last year, assigned to one unit, answered, rated 满意 and closed.
EXAMPLE = {
    C.SESSION: "市十七届人大四次会议",
    C.NUMBER: "0001",
    C.KIND: "建议",
    C.TITLE: "关于加快老旧小区加装电梯的建议",
    C.LEAD_DEPUTY: "张丽华",
    C.DELEGATION: "城关区代表团",
    C.CO_SIGNERS: "王建国、李秀英",
    C.SUBMITTED_ON: (1, 10),
    C.FIELD: "城乡建设",
    C.HANDLING_MODE: "主办协办",
    C.LEAD_UNITS: "市住房和城乡建设局",
    C.CO_UNITS: "市财政局",
    C.ASSIGNED_ON: (3, 1),
    C.REPLIED_ON: (5, 20),
    C.CATEGORY: "A",
    C.CONTACT: "面谈",
    C.FIRST_RATING: "满意",
    C.FIRST_RATED_ON: (6, 1),
    C.KEY_SUPERVISION: "否",
    C.CLOSED_ON: (6, 2),
}

CONTENT = {
    C.SESSION: "会议名称，如 市十七届人大四次会议，或 2025年闭会期间；不存在的会议导入时新建",
    C.NUMBER: "议案建议编号，同一会议内不重复",
    C.TITLE: f"不超过{C.MAX_LENGTH[C.TITLE]}字",
    C.LEAD_DEPUTY: "领衔代表姓名，按姓名（填写代表团时在该代表团内）匹配，没有的导入时新建",
    C.DELEGATION: "领衔代表所在代表团",
    C.CO_SIGNERS: NAMES_TEXT,
    C.FIELD: "所属领域，自由填写，如 城乡建设",
    C.MOTION_OUTCOME: "只有议案填写；转为建议的议案此后按建议办理，其他议案不填写本列之后的各列；留空为待定",
    C.LEAD_UNITS: "一个单位；分办时两个或以上单位，用「、」分隔；填写交办日期时必填",
    C.CO_UNITS: "只有主办协办时填写，" + NAMES_TEXT,
    C.ASSIGNED_ON: "留空为尚未交办",
    C.REPLY_DUE: "留空为交办日期后3个月",
    C.EXTENDED_TO: "批准延期后的期限：晚于答复期限，不晚于交办日期后6个月",
    C.REPLIED_ON: "首次答复日期（分办时为最后一个单位答复的日期）；须填写交办日期",
    C.CATEGORY: "填写答复日期时必填",
    C.CONTACT: "与代表最直接的一次沟通；「无」表示确认未沟通，留空表示未记录",
    C.FIRST_RATING: "代表对首次答复的评价；须填写答复日期",
    C.FIRST_RATED_ON: "填写首次评价时必填，不早于答复日期",
    C.REHANDLE_REPLIED_ON: "只有首次评价为不满意时填写，不早于首次评价日期",
    C.REHANDLE_CATEGORY: "填写重办答复日期时必填",
    C.FINAL_RATING: "代表对重办答复的评价；须填写重办答复日期",
    C.FINAL_RATED_ON: "填写最终评价时必填，不早于重办答复日期",
    C.KEY_SUPERVISION: "留空为「否」",
    C.CLOSED_ON: "须填写答复日期，不早于最近一次答复日期",
}


def allowed_values() -> dict[str, tuple[str, ...]]:
    """The columns that take one of a list of values, with the values the import accepts."""
    ratings = tuple(C.RATINGS)
    categories = tuple(C.CATEGORIES)
    return {
        C.KIND: tuple(C.KINDS),
        C.MOTION_OUTCOME: tuple(C.MOTION_OUTCOMES),
        C.HANDLING_MODE: tuple(C.HANDLING_MODES),
        C.CATEGORY: categories,
        C.CONTACT: (*C.CONTACT_METHODS, C.NO_CONTACT),
        C.FIRST_RATING: ratings,
        C.REHANDLE_CATEGORY: categories,
        C.FINAL_RATING: ratings,
        C.KEY_SUPERVISION: tuple(C.KEY_SUPERVISION_VALUES),
    }


def example_row(*, year: int) -> dict[str, object]:
    """The example row, dated in ``year`` (last year's, so that no date lies in the future)."""
    return {column: dt.date(year, *value) if isinstance(value, tuple) else value for column, value in EXAMPLE.items()}


def guide_rows() -> list[tuple[str, str, str, str]]:
    """(列, 是否必填, 内容, 可填写的值) for every column, in the contract's order."""
    values = allowed_values()
    required_with = {C.HANDLING_MODE: "填写交办日期时必填", C.LEAD_UNITS: "填写交办日期时必填"}
    rows = []
    for column in C.COLUMNS:
        required = "必填" if column in C.REQUIRED else required_with.get(column, "选填")
        content = CONTENT.get(column, "")
        if column in C.DATE_COLUMNS:
            content = f"{DATE_TEXT}；{content}" if content else DATE_TEXT
        rows.append((column, required, content, "、".join(values.get(column, ()))))
    return rows


def ledger_template(*, output: BinaryIO, today: dt.date) -> None:
    """Write the blank ledger (.xlsx) to ``output``."""
    book = xlsxwriter.Workbook(output, {"strings_to_numbers": False})
    try:
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        sheet = book.add_worksheet(SHEET_NAME)
        example = example_row(year=today.year - 1)
        for column, name in enumerate(C.COLUMNS):
            sheet.set_column(column, column, 26 if name in (C.TITLE, C.SESSION) else 13)
            sheet.write_string(0, column, name, head)
            value = example.get(name)
            if isinstance(value, dt.date):
                sheet.write_datetime(1, column, dt.datetime.combine(value, dt.time()), day)
            elif value:
                sheet.write_string(1, column, str(value))
        sheet.freeze_panes(1, 0)

        guide = book.add_worksheet(GUIDE_SHEET_NAME)
        for column, (name, width) in enumerate((("列", 14), ("是否必填", 18), ("内容", 60), ("可填写的值", 40))):
            guide.set_column(column, column, width, wrap)
            guide.write_string(0, column, name, head)
        for row, cells in enumerate(guide_rows(), start=1):
            for column, text in enumerate(cells):
                if text:
                    guide.write_string(row, column, text)
        guide.freeze_panes(1, 0)
        guide.write_string(len(C.COLUMNS) + 2, 0, HOW_TO)
    finally:
        book.close()
