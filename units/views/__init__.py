"""The unit portal (/unit/)."""

from units.views.actions import (
    acknowledge_supervision,
    add_progress,
    assignment_detail,
    log_contact,
    request_adjustment,
    request_extension,
    send_opinion,
    sign,
    submit_reply,
)
from units.views.files import attachment_file, opinion_file, reply_file, reply_letter
from units.views.followups import followup_report, followups
from units.views.inbox import inbox
from units.views.search import unit_search

__all__ = [
    "acknowledge_supervision",
    "add_progress",
    "assignment_detail",
    "attachment_file",
    "followup_report",
    "followups",
    "inbox",
    "log_contact",
    "opinion_file",
    "reply_file",
    "reply_letter",
    "request_adjustment",
    "request_extension",
    "send_opinion",
    "sign",
    "submit_reply",
    "unit_search",
]
