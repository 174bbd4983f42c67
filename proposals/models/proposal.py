from django.conf import settings
from django.db import models
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description

from proposals import permissions as perm
from proposals.choices import Disclosure, HandlingMode, Kind, MotionOutcome, Rating


class ProposalState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    WITHDRAWN = "withdrawn", "已撤回"
    REJECTED = "rejected", "不予立案"
    MERGED = "merged", "已并案"
    REGISTERED = "registered", "已立案"
    ON_AGENDA = "on_agenda", "列入议程"
    NOT_ON_AGENDA = "not_on_agenda", "不列入议程"
    ASSIGNED = "assigned", "已交办"
    HANDLING = "handling", "办理中"
    REPLIED = "replied", "已答复"
    REHANDLING = "rehandling", "重新办理"
    CLOSED = "closed", "已办结"


S = ProposalState
OPEN_HANDLING_STATES = (S.ASSIGNED, S.HANDLING, S.REHANDLING)
EXCLUDED_STATES = (S.DRAFT, S.WITHDRAWN, S.REJECTED, S.MERGED)


def _is_motion(instance) -> bool:
    return instance.kind == Kind.MOTION and not instance.motion_outcome


def _on_handling_track(instance) -> bool:
    return instance.is_suggestion_track


class Proposal(FSMModelMixin, models.Model):
    """An item (议案 or 建议) as the deputy and the office see it."""

    kind = models.CharField("类型", max_length=12, choices=Kind.choices, default=Kind.SUGGESTION)
    session = models.ForeignKey(
        "deputies.Session", verbose_name="会议", on_delete=models.PROTECT, related_name="proposals"
    )
    number = models.CharField("编号", max_length=30, null=True, blank=True)
    title = models.CharField("标题", max_length=200)
    content = models.TextField("内容", blank=True)
    field = models.CharField("领域", max_length=50, blank=True, db_index=True)
    lead_deputy = models.ForeignKey(
        "deputies.Deputy", verbose_name="领衔代表", on_delete=models.PROTECT, related_name="led_proposals"
    )
    co_signers = models.ManyToManyField(
        "deputies.Deputy", verbose_name="附议代表", blank=True, related_name="cosigned_proposals"
    )
    submitted_on = models.DateField("提出日期", null=True, blank=True, db_index=True)
    # 公开: chosen by the deputy at submission; items entered otherwise (ledger, office) are not published.
    disclosure = models.CharField("是否公开", max_length=8, choices=Disclosure.choices, blank=True)
    non_disclosure_reason = models.TextField("不公开原由", blank=True)

    state = FSMField("状态", default=S.DRAFT, choices=ProposalState.choices, protected=True, db_index=True)
    version = models.PositiveIntegerField("版本", default=0, editable=False)

    motion_outcome = models.CharField(
        "议案处理结果", max_length=16, choices=MotionOutcome.choices, blank=True, default=""
    )
    handling_mode = models.CharField("办理方式", max_length=10, choices=HandlingMode.choices, blank=True, default="")
    reject_reason = models.TextField("不予立案理由", blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name="并入", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_items"
    )

    key_supervision = models.BooleanField("重点督办", default=False, db_index=True)
    key_supervision_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确定人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    key_supervision_at = models.DateTimeField("确定时间", null=True, blank=True)
    key_supervisor = models.CharField("督办领导/委员会", max_length=100, blank=True)
    no_contact = models.BooleanField(
        "未与代表沟通",
        default=False,
        help_text="台账“沟通方式”记为“无”：已确认办理中没有与代表沟通（未勾选且无沟通记录即为未记录）",
    )

    # Stored dates of the handling, kept in step by the services (lists and reports read them).
    round = models.PositiveSmallIntegerField("办理轮次", default=1)
    assigned_on = models.DateField("交办日期", null=True, blank=True, db_index=True)
    reply_due = models.DateField("答复期限", null=True, blank=True, db_index=True)
    extended_to = models.DateField("延期至", null=True, blank=True)
    first_replied_on = models.DateField("答复日期", null=True, blank=True)
    latest_replied_on = models.DateField("最近答复日期", null=True, blank=True)
    rehandle_due = models.DateField("重办期限", null=True, blank=True, db_index=True)
    evaluation_due = models.DateField("评价截止", null=True, blank=True, db_index=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    closed_unevaluated = models.BooleanField("未表态办结", default=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "议案建议"
        verbose_name_plural = "议案建议"
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"],
                condition=models.Q(number__isnull=False),
                name="proposal_unique_number_in_session",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "reply_due"], name="proposal_state_due"),
            models.Index(fields=["session", "state"], name="proposal_session_state"),
            # The deputy's home: the led items in order of session year, date and id, read session by session
            # from the index alone, and those awaiting the deputy's rating.
            models.Index(fields=["lead_deputy", "session", "submitted_on", "id"], name="proposal_lead_listing"),
            models.Index(
                fields=["lead_deputy", "session", "submitted_on", "id"],
                condition=models.Q(state="replied"),
                name="proposal_lead_to_rate",
            ),
            # The office's list in its default order (newest submitted first), deputies' drafts left out:
            # any page of it is read from this index alone, however deep.
            models.Index(fields=["submitted_on", "id"], condition=~models.Q(state="draft"), name="proposal_listed"),
        ]

    def __str__(self) -> str:
        return f"{self.number or '未编号'} {self.title}"

    @property
    def is_suggestion_track(self) -> bool:
        return self.kind == Kind.SUGGESTION or self.motion_outcome == MotionOutcome.CONVERTED

    @property
    def effective_due(self):
        if self.state == S.REHANDLING and self.rehandle_due:
            return self.rehandle_due
        return self.extended_to or self.reply_due

    # --- intake -------------------------------------------------------------------------
    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=S.DRAFT, target=S.SUBMITTED, permission=perm.lead_deputy_or_staff)
    def submit(self, *, by=None, description=None) -> None:
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=[S.DRAFT, S.SUBMITTED], target=S.WITHDRAWN, permission=perm.lead_deputy)
    def withdraw(self, *, by=None, description=None) -> None:
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=S.SUBMITTED, target=S.REGISTERED, permission=perm.office_staff)
    def register(self, *, by=None, description=None) -> None:
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=S.SUBMITTED, target=S.REJECTED, permission=perm.office_staff)
    def reject(self, *, reason: str, by=None, description=None) -> None:
        self.reject_reason = reason

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=[S.SUBMITTED, S.REGISTERED], target=S.MERGED, permission=perm.office_staff)
    def merge(self, *, into: "Proposal", by=None, description=None) -> None:
        self.merged_into = into

    # --- the motion track -----------------------------------------------------------------
    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state, source=S.REGISTERED, target=S.ON_AGENDA, conditions=[_is_motion], permission=perm.office_staff
    )
    def to_agenda(self, *, by=None, description=None) -> None:
        self.motion_outcome = MotionOutcome.TO_AGENDA

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state, source=S.REGISTERED, target=S.NOT_ON_AGENDA, conditions=[_is_motion], permission=perm.office_staff
    )
    def not_to_agenda(self, *, by=None, description=None) -> None:
        self.motion_outcome = MotionOutcome.NOT_TO_AGENDA

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=[S.SUBMITTED, S.REGISTERED],
        target=S.REGISTERED,
        conditions=[_is_motion],
        permission=perm.office_staff,
    )
    def convert(self, *, by=None, description=None) -> None:
        """议案转建议: from now on the item is handled as a suggestion."""
        self.motion_outcome = MotionOutcome.CONVERTED

    # --- handling ---------------------------------------------------------------------------
    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=S.REGISTERED,
        target=S.ASSIGNED,
        conditions=[_on_handling_track],
        permission=perm.office_staff,
    )
    def assign(self, *, mode: str, on, by=None, description=None) -> None:
        self.handling_mode = mode
        if self.assigned_on is None:
            self.assigned_on = on

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=S.ASSIGNED, target=S.HANDLING, permission=perm.derived_only)
    def start_handling(self, *, by=None, description=None) -> None:
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state, source=[S.ASSIGNED, S.HANDLING, S.REHANDLING], target=S.REPLIED, permission=perm.derived_only
    )
    def mark_replied(self, *, on, by=None, description=None) -> None:
        if self.first_replied_on is None:
            self.first_replied_on = on
        self.latest_replied_on = on

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=[S.ASSIGNED, S.HANDLING], target=S.REGISTERED, permission=perm.derived_only)
    def return_for_reassignment(self, *, by=None, description=None) -> None:
        pass

    # --- evaluation and closing -------------------------------------------------------------
    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=S.REPLIED,
        target=RETURN_VALUE(S.CLOSED, S.REHANDLING),
        permission=perm.lead_deputy,
    )
    def evaluate(self, *, result: str, on, by=None, description=None) -> str:
        if result == Rating.UNSATISFIED:
            self.round += 1
            return S.REHANDLING
        self.closed_on = on
        self.closed_unevaluated = False
        return S.CLOSED

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=S.REPLIED, target=S.CLOSED, permission=perm.office_staff)
    def close(self, *, on, unevaluated: bool = False, by=None, description=None) -> None:
        self.closed_on = on
        self.closed_unevaluated = unevaluated
