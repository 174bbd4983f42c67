from django.db import models
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description

from proposals import permissions as perm
from proposals.choices import Role


class AssignmentState(models.TextChoices):
    PENDING_SIGN = "pending_sign", "待签收"
    HANDLING = "handling", "办理中"
    ADJUSTMENT_REQUESTED = "adjustment_requested", "申请调整中"
    EXTENSION_REQUESTED = "extension_requested", "申请延期中"
    REPLIED = "replied", "已答复"
    OPINION_SENT = "opinion_sent", "已提交协办意见"
    WITHDRAWN = "withdrawn", "已调整退回"


A = AssignmentState
ACTIVE_STATES = (A.PENDING_SIGN, A.HANDLING, A.ADJUSTMENT_REQUESTED, A.EXTENSION_REQUESTED)
LIVE_STATES = (*ACTIVE_STATES, A.REPLIED, A.OPINION_SENT)
# The unit inbox's 待签收 / 办理中 / 已答复 tabs: a state, or a state and whether it was signed before an
# adjustment request. Their partial indexes use these very conditions, so the planner matches them.
PENDING_TAB = models.Q(state=A.PENDING_SIGN) | models.Q(state=A.ADJUSTMENT_REQUESTED, signed_at__isnull=True)
HANDLING_TAB = models.Q(state__in=[A.HANDLING, A.EXTENSION_REQUESTED]) | models.Q(
    state=A.ADJUSTMENT_REQUESTED, signed_at__isnull=False
)
REPLIED_TAB = models.Q(state__in=[A.REPLIED, A.OPINION_SENT])


def _answers(instance) -> bool:
    return instance.role in (Role.LEAD, Role.SPLIT)


def _is_co(instance) -> bool:
    return instance.role == Role.CO


class Assignment(FSMModelMixin, models.Model):
    """One unit's share of one item: its role, its clock and its state."""

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="承办单位", on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField("承办角色", max_length=8, choices=Role.choices)
    state = FSMField("状态", default=A.PENDING_SIGN, choices=AssignmentState.choices, protected=True, db_index=True)
    version = models.PositiveIntegerField("版本", default=0, editable=False)
    round = models.PositiveSmallIntegerField("办理轮次", default=1)

    assigned_on = models.DateField("交办日期")
    sign_due = models.DateField("签收期限")
    adjust_until = models.DateField("申请调整截止")
    # Working-day windows counted over provisional calendar days are shown as 暂定 until the year is official.
    sign_due_provisional = models.BooleanField("签收期限暂定", default=False)
    adjust_until_provisional = models.BooleanField("调整截止暂定", default=False)
    base_due = models.DateField("原定期限")
    extended_to = models.DateField("延期至", null=True, blank=True)
    due_on = models.DateField("当前期限", db_index=True)

    signed_at = models.DateTimeField("签收时间", null=True, blank=True)
    replied_on = models.DateField("答复/意见日期", null=True, blank=True)
    withdrawn_on = models.DateField("调整退回日期", null=True, blank=True)

    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "交办记录"
        verbose_name_plural = "交办记录"
        ordering = ["proposal_id", "role", "id"]
        indexes = [
            models.Index(fields=["unit", "state", "due_on"], name="assignment_unit_state_due"),
            models.Index(fields=["state", "due_on"], name="assignment_state_due"),
            models.Index(fields=["state", "sign_due"], name="assignment_state_sign_due"),
            # The unit inbox: a unit's unfinished assignments by due date (keyset pages).
            models.Index(
                fields=["unit", "due_on", "id"],
                name="assignment_unit_open_due",
                condition=models.Q(state__in=ACTIVE_STATES),
            ),
            # 待签收 is listed by sign deadline (the deadline that tab is about).
            models.Index(fields=["unit", "sign_due", "id"], name="assignment_unit_pending_sign", condition=PENDING_TAB),
            models.Index(fields=["unit", "due_on", "id"], name="assignment_unit_handling_due", condition=HANDLING_TAB),
            models.Index(fields=["unit", "-replied_on", "-id"], name="assignment_unit_replied", condition=REPLIED_TAB),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} → {self.unit}（{self.get_role_display()}）"

    @property
    def answers(self) -> bool:
        return _answers(self)

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=A.PENDING_SIGN, target=A.HANDLING, permission=perm.assigned_unit)
    def sign(self, *, at, by=None, description=None) -> None:
        self.signed_at = at

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state, source=[A.PENDING_SIGN, A.HANDLING], target=A.ADJUSTMENT_REQUESTED, permission=perm.assigned_unit
    )
    def request_adjustment(self, *, by=None, description=None) -> None:
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=A.ADJUSTMENT_REQUESTED, target=A.WITHDRAWN, permission=perm.office_staff)
    def approve_adjustment(self, *, on, by=None, description=None) -> None:
        self.withdrawn_on = on

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=A.ADJUSTMENT_REQUESTED,
        target=RETURN_VALUE(A.PENDING_SIGN, A.HANDLING),
        permission=perm.office_staff,
    )
    def deny_adjustment(self, *, by=None, description=None) -> str:
        return A.HANDLING if self.signed_at else A.PENDING_SIGN

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=A.HANDLING, target=A.EXTENSION_REQUESTED, permission=perm.assigned_unit)
    def request_extension(self, *, by=None, description=None) -> None:
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=A.EXTENSION_REQUESTED, target=A.HANDLING, permission=perm.office_staff)
    def approve_extension(self, *, until, by=None, description=None) -> None:
        self.extended_to = until
        self.due_on = until

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=A.EXTENSION_REQUESTED, target=A.HANDLING, permission=perm.office_staff)
    def deny_extension(self, *, by=None, description=None) -> None:
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state, source=A.HANDLING, target=A.OPINION_SENT, conditions=[_is_co], permission=perm.assigned_unit
    )
    def send_opinion(self, *, on, by=None, description=None) -> None:
        self.replied_on = on

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=A.HANDLING, target=A.REPLIED, conditions=[_answers], permission=perm.assigned_unit)
    def reply(self, *, on, by=None, description=None) -> None:
        self.replied_on = on

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=A.REPLIED, target=A.HANDLING, conditions=[_answers], permission=perm.office_staff)
    def return_reply(self, *, by=None, description=None) -> None:
        """答复审查 returns the reply: the unit revises it; its clock (due_on) keeps running."""
        self.replied_on = None

    @fsm_log_by
    @fsm_log_description
    @transition(field=state, source=A.REPLIED, target=A.HANDLING, conditions=[_answers], permission=perm.derived_only)
    def rehandle(self, *, due, by=None, description=None) -> None:
        self.round += 1
        self.due_on = due
        self.replied_on = None
