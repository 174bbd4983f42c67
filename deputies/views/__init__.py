"""The deputy portal (/deputy/)."""

from deputies.views.attachments import attachment_file, attachment_remove
from deputies.views.cosign import invitation_answer, invitation_detail
from deputies.views.drafts import deputy_search, proposal_create, proposal_edit, proposal_submit, proposal_withdraw
from deputies.views.home import home
from deputies.views.items import (
    co_signer_rate,
    meeting_request,
    proposal_detail,
    proposal_rate,
    reply_file,
    reply_letter,
)

__all__ = [
    "attachment_file",
    "attachment_remove",
    "co_signer_rate",
    "deputy_search",
    "home",
    "invitation_answer",
    "invitation_detail",
    "meeting_request",
    "proposal_create",
    "proposal_detail",
    "proposal_edit",
    "proposal_rate",
    "proposal_submit",
    "proposal_withdraw",
    "reply_file",
    "reply_letter",
]
