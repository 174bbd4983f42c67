"""Choice lists of the domain, shared by models, forms, the ledger and the reports."""

from django.db import models


class Kind(models.TextChoices):
    MOTION = "motion", "议案"
    SUGGESTION = "suggestion", "建议"


class MotionOutcome(models.TextChoices):
    TO_AGENDA = "to_agenda", "列入议程"
    NOT_TO_AGENDA = "not_to_agenda", "不列入议程"
    CONVERTED = "converted", "转为建议"


class HandlingMode(models.TextChoices):
    SINGLE = "single", "单办"
    LEAD_CO = "lead_co", "主办协办"
    SPLIT = "split", "分办"


class Role(models.TextChoices):
    LEAD = "lead", "主办"
    CO = "co", "协办"
    SPLIT = "split", "分办"


class Category(models.TextChoices):
    A = "A", "A 已经解决或基本解决"
    B = "B", "B 正在解决或列入规划逐步解决"
    C = "C", "C 因目前条件限制或其他原因需待以后解决"
    D = "D", "D 留作参考"


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class ContactMethod(models.TextChoices):
    MEETING = "meeting", "面谈"
    FORUM = "forum", "座谈会"
    VISIT = "visit", "上门"
    INSPECTION = "inspection", "视察调研"
    PHONE = "phone", "电话"
    LETTER = "letter", "书信"
    EMAIL = "email", "邮件"
    OTHER = "other", "其他"


FACE_TO_FACE_METHODS = (
    ContactMethod.MEETING,
    ContactMethod.FORUM,
    ContactMethod.VISIT,
    ContactMethod.INSPECTION,
)


class RequestStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已同意"
    DENIED = "denied", "不同意"


class SupervisionKind(models.TextChoices):
    URGE = "urge", "催办"
    NOTICE = "notice", "督办通知"
    RECTIFICATION = "rectification", "整改通知书"


SUPERVISION_PREFIX = {
    SupervisionKind.URGE: "催",
    SupervisionKind.NOTICE: "督",
    SupervisionKind.RECTIFICATION: "改",
}
