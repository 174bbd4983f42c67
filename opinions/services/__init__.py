"""Writes of the 民意池. Each service is keyword-only and one transaction."""

from opinions.services.committee import (
    committee_supervise_opinion,
    committee_supervise_suggestion,
    suggestion_committee_set,
)
from opinions.services.feedback import opinion_rate, opinion_release_outcome, published_answers_feed_back
from opinions.services.intake import (
    opinion_record,
    opinion_submit_public,
    reception_record,
    station_create,
    station_staff_add,
)
from opinions.services.referral import referral_answer
from opinions.services.triage import (
    opinion_answer,
    opinion_decline,
    opinion_keep,
    opinion_refer,
    opinions_merge,
    opinions_to_suggestion,
)

__all__ = [
    "committee_supervise_opinion",
    "committee_supervise_suggestion",
    "opinion_answer",
    "opinion_decline",
    "opinion_keep",
    "opinion_rate",
    "opinion_record",
    "opinion_refer",
    "opinion_release_outcome",
    "opinion_submit_public",
    "opinions_merge",
    "opinions_to_suggestion",
    "published_answers_feed_back",
    "reception_record",
    "referral_answer",
    "station_create",
    "station_staff_add",
    "suggestion_committee_set",
]
