"""Every write of the proposals app. Each function is keyword-only and one transaction."""

from proposals.services.assignment import (
    adjustment_approve,
    adjustment_deny,
    adjustment_request,
    assignment_sign,
    extension_approve,
    extension_deny,
    extension_request,
    proposal_assign,
    suggested_due_dates,
)
from proposals.services.attachments import attachment_remove, attachments_add
from proposals.services.cosigning import cosign_answer, cosign_notices_lapse
from proposals.services.evaluation import (
    co_signer_evaluation_submit,
    evaluation_submit,
    proposal_close,
    proposals_close_lapsed,
)
from proposals.services.followups import followup_report
from proposals.services.handling import (
    contact_log,
    meeting_request,
    opinion_send,
    progress_add,
)
from proposals.services.intake import (
    motion_decide,
    proposal_create,
    proposal_merge,
    proposal_register,
    proposal_reject,
    proposal_submit,
    proposal_update_draft,
    proposal_withdraw,
)
from proposals.services.lifecycle import proposal_sync_state
from proposals.services.replies import Plan, reply_approve, reply_correct_category, reply_return, reply_submit
from proposals.services.supervision import key_supervision_set, supervision_acknowledge, supervision_issue

__all__ = [
    "Plan",
    "adjustment_approve",
    "adjustment_deny",
    "adjustment_request",
    "assignment_sign",
    "attachment_remove",
    "attachments_add",
    "co_signer_evaluation_submit",
    "contact_log",
    "cosign_answer",
    "cosign_notices_lapse",
    "evaluation_submit",
    "extension_approve",
    "extension_deny",
    "extension_request",
    "followup_report",
    "key_supervision_set",
    "meeting_request",
    "motion_decide",
    "opinion_send",
    "progress_add",
    "proposal_assign",
    "proposal_close",
    "proposal_create",
    "proposal_merge",
    "proposal_register",
    "proposal_reject",
    "proposal_submit",
    "proposal_sync_state",
    "proposal_update_draft",
    "proposal_withdraw",
    "proposals_close_lapsed",
    "reply_approve",
    "reply_correct_category",
    "reply_return",
    "reply_submit",
    "suggested_due_dates",
    "supervision_acknowledge",
    "supervision_issue",
]
