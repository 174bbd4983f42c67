from proposals.models.assignment import Assignment, AssignmentState
from proposals.models.attachments import Attachment
from proposals.models.calendar import CalendarDay
from proposals.models.cosigner_listing import CoSignerListing
from proposals.models.cosigning import CoSignInvitation, InvitationState
from proposals.models.lead_listing import LeadListing
from proposals.models.proposal import Proposal, ProposalState
from proposals.models.records import (
    Contact,
    CoOpinion,
    CoSignerEvaluation,
    Evaluation,
    MeetingRequest,
    ProgressNote,
    Reply,
)
from proposals.models.requests import AdjustmentRequest, ExtensionRequest
from proposals.models.review import PlannedAction, ReplyReview
from proposals.models.rules import HandlingRules
from proposals.models.supervision import SupervisionAction

__all__ = [
    "AdjustmentRequest",
    "Assignment",
    "AssignmentState",
    "Attachment",
    "CalendarDay",
    "CoOpinion",
    "CoSignInvitation",
    "CoSignerEvaluation",
    "CoSignerListing",
    "Contact",
    "Evaluation",
    "ExtensionRequest",
    "HandlingRules",
    "InvitationState",
    "LeadListing",
    "MeetingRequest",
    "PlannedAction",
    "ProgressNote",
    "Proposal",
    "ProposalState",
    "Reply",
    "ReplyReview",
    "SupervisionAction",
]
