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


class Adoption(models.TextChoices):
    """采纳情况 of a reply."""

    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_YET = "not_yet", "暂不能采纳"
    REFERENCE = "reference", "留作参考"


# A reply entered in the platform in these categories must name a dated planned action (计划落实事项) …
CATEGORIES_NEEDING_PLAN = ("B", "C")
# … and in these a reason why it is not adopted or cannot be carried out yet.
CATEGORIES_NEEDING_REASON = ("C", "D")


class ReviewStatus(models.TextChoices):
    """答复审查: where a submitted reply stands with the office."""

    PENDING = "pending", "待审查"
    APPROVED = "approved", "已通过"
    RETURNED = "returned", "已退回修改"


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", "审查通过"
    RETURN = "return", "退回修改"
    CORRECT = "correct", "更正答复类别"


class FollowUpStatus(models.TextChoices):
    """跟踪落实: a planned action's outcome as reported by the unit."""

    OPEN = "open", "待落实"
    DONE = "done", "已落实"
    NOT_DONE = "not_done", "未落实"


class AssistChannel(models.TextChoices):
    """代为录入: how the office took the rating of a deputy who cannot go online."""

    WRITTEN = "written", "书面"
    PHONE = "phone", "电话"
    IN_PERSON = "in_person", "当面"


class Disclosure(models.TextChoices):
    """Whether the deputy agrees to publish the item and its reply on the public pages."""

    AGREE = "agree", "同意公开"
    REFUSE = "refuse", "不公开"
