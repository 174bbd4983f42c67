"""Forms of the office workbench."""

from .assign import AssignForm
from .filters import ListFilterForm
from .intake import CloseForm, MergeForm, MotionDecisionForm, ProposalEntryForm, RegisterForm, RejectForm
from .ledger import LedgerUploadForm
from .requests import AdjustmentApproveForm, DenyForm, ExtensionApproveForm
from .supervision import KeySupervisionForm, SupervisionIssueForm

__all__ = [
    "AdjustmentApproveForm",
    "AssignForm",
    "CloseForm",
    "DenyForm",
    "ExtensionApproveForm",
    "KeySupervisionForm",
    "LedgerUploadForm",
    "ListFilterForm",
    "MergeForm",
    "MotionDecisionForm",
    "ProposalEntryForm",
    "RegisterForm",
    "RejectForm",
    "SupervisionIssueForm",
]
