"""The columns of the ledger (台账) as the contract names them, in the contract's order, and their values."""

from __future__ import annotations

from proposals.choices import Category, ContactMethod, HandlingMode, Kind, MotionOutcome, Rating

SESSION = "会议"
NUMBER = "编号"
KIND = "类型"
TITLE = "标题"
LEAD_DEPUTY = "领衔代表"
DELEGATION = "代表团"
CO_SIGNERS = "附议代表"
SUBMITTED_ON = "提出日期"
FIELD = "领域"
MOTION_OUTCOME = "议案处理结果"
HANDLING_MODE = "办理方式"
LEAD_UNITS = "主办单位"
CO_UNITS = "协办单位"
ASSIGNED_ON = "交办日期"
REPLY_DUE = "答复期限"
EXTENDED_TO = "延期至"
REPLIED_ON = "答复日期"
CATEGORY = "答复类别"
CONTACT = "沟通方式"
FIRST_RATING = "首次评价"
FIRST_RATED_ON = "首次评价日期"
REHANDLE_REPLIED_ON = "重办答复日期"
REHANDLE_CATEGORY = "重办答复类别"
FINAL_RATING = "最终评价"
FINAL_RATED_ON = "最终评价日期"
KEY_SUPERVISION = "重点督办"
CLOSED_ON = "办结日期"

COLUMNS: tuple[str, ...] = (
    SESSION,
    NUMBER,
    KIND,
    TITLE,
    LEAD_DEPUTY,
    DELEGATION,
    CO_SIGNERS,
    SUBMITTED_ON,
    FIELD,
    MOTION_OUTCOME,
    HANDLING_MODE,
    LEAD_UNITS,
    CO_UNITS,
    ASSIGNED_ON,
    REPLY_DUE,
    EXTENDED_TO,
    REPLIED_ON,
    CATEGORY,
    CONTACT,
    FIRST_RATING,
    FIRST_RATED_ON,
    REHANDLE_REPLIED_ON,
    REHANDLE_CATEGORY,
    FINAL_RATING,
    FINAL_RATED_ON,
    KEY_SUPERVISION,
    CLOSED_ON,
)

REQUIRED: tuple[str, ...] = (SESSION, NUMBER, KIND, TITLE, LEAD_DEPUTY, SUBMITTED_ON)

# "A 议案 not converted must leave the columns below 议案处理结果 empty."
HANDLING_COLUMNS: tuple[str, ...] = COLUMNS[COLUMNS.index(HANDLING_MODE) :]

DATE_COLUMNS: tuple[str, ...] = (
    SUBMITTED_ON,
    ASSIGNED_ON,
    REPLY_DUE,
    EXTENDED_TO,
    REPLIED_ON,
    FIRST_RATED_ON,
    REHANDLE_REPLIED_ON,
    FINAL_RATED_ON,
    CLOSED_ON,
)
# Deadlines may lie in the future; every other date records something that has happened.
FUTURE_ALLOWED: tuple[str, ...] = (REPLY_DUE, EXTENDED_TO)

MAX_LENGTH = {
    SESSION: 100,
    NUMBER: 30,
    TITLE: 200,
    LEAD_DEPUTY: 50,
    CO_SIGNERS: 50,
    DELEGATION: 100,
    FIELD: 50,
    LEAD_UNITS: 100,
    CO_UNITS: 100,
}

KINDS = {"建议": Kind.SUGGESTION, "议案": Kind.MOTION}
MOTION_OUTCOMES = {label: value for value, label in MotionOutcome.choices}
HANDLING_MODES = {label: value for value, label in HandlingMode.choices}
CATEGORIES = {value: value for value in Category.values}
RATINGS = {label: value for value, label in Rating.choices}
NO_CONTACT = "无"
CONTACT_METHODS = {label: value for value, label in ContactMethod.choices}
YES, NO = "是", "否"
KEY_SUPERVISION_VALUES = {YES: True, NO: False}

# The most direct contact first: the export names the most direct contact an item had.
CONTACT_PRIORITY: tuple[str, ...] = tuple(ContactMethod.values)

LIST_SEPARATORS = "、，,;；"

# Fixed by the contract (the ledger format), not by the office's current handling rules.
REPLY_MONTHS = 3
EXTENSION_CAP_MONTHS = 6
CO_OPINION_MONTHS = 1
REHANDLE_MONTHS = 1


def labels(mapping: dict) -> str:
    return "、".join(f"「{label}」" for label in mapping)
