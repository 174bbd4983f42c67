from opinions.models.committee import Committee, CommitteeField, CommitteeMember, SuggestionSupervision
from opinions.models.opinion import Opinion, OpinionSource, OpinionState, Satisfaction, TriageStep
from opinions.models.referral import Referral, ReferralReminder, ReferralState
from opinions.models.rules import OpinionRules
from opinions.models.snapshot import FiguresSnapshot
from opinions.models.station import Reception, Station, StationStaff

__all__ = [
    "Committee",
    "CommitteeField",
    "CommitteeMember",
    "FiguresSnapshot",
    "Opinion",
    "OpinionRules",
    "OpinionSource",
    "OpinionState",
    "Reception",
    "Referral",
    "ReferralReminder",
    "ReferralState",
    "Satisfaction",
    "Station",
    "StationStaff",
    "SuggestionSupervision",
    "TriageStep",
]
