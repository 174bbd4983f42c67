"""What the citizen is told of the suggestion made from their opinion, within the disclosure rules.

The answer itself (the replies of record and the promises reported done) is shown only while the
suggestion's publication is live on the public pages (``publicsite.selectors.live_publications``):
the deputy agreed, the publication day has come and the office has not withdrawn it. Before that the
citizen sees that the suggestion was answered and that the answer will be published per the rules
(with the publication day once it is scheduled). An item not published (不公开) or withdrawn shows that
it was answered, never the reply. Contact names and phones are never part of it.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.urls import reverse

from proposals.choices import Disclosure
from proposals.models import Proposal, ProposalState
from publicsite.models import Publication
from publicsite.selectors import live_publications, publication_by_slug

ANSWERED_STATES = (ProposalState.REPLIED, ProposalState.REHANDLING, ProposalState.CLOSED)
SUGGESTION_STATUS = {
    ProposalState.DRAFT: "代表起草中",
    ProposalState.SUBMITTED: "已提交，待审查立案",
    ProposalState.REJECTED: "未予立案",
    ProposalState.WITHDRAWN: "代表已撤回",
    ProposalState.MERGED: "已与同类建议合并办理",
}

# How far the answer of an answered suggestion is published.
LIVE = "live"  # on the public pages today: the reply is shown
SCHEDULED = "scheduled"  # agreed, with a publication day still to come
PENDING = "pending"  # agreed, not yet scheduled (the reply of record is awaited)
NOT_PUBLIC = "not_public"  # 不公开, or no choice made
WITHDRAWN = "withdrawn"  # the office took it off the public pages


def _publication_state(suggestion: Proposal, *, today: dt.date) -> tuple[str, Publication | None]:
    if suggestion.disclosure != Disclosure.AGREE:
        return NOT_PUBLIC, None
    publication = Publication.objects.filter(proposal=suggestion).first()
    if publication is None:
        return PENDING, None
    if publication.withdrawn_at is not None:
        return WITHDRAWN, None
    if publication.publish_on > today:
        return SCHEDULED, publication
    try:
        return LIVE, publication_by_slug(slug=publication.slug, today=today)
    except Http404:  # not reachable on the public pages after all
        return WITHDRAWN, None


def suggestion_outcome(suggestion: Proposal, *, summary: str, today: dt.date) -> dict:
    """The suggestion's title and status for the query page, and its answer where the rules allow."""
    answered = suggestion.state in ANSWERED_STATES
    outcome = {
        "title": suggestion.title,
        "status": "已答复" if answered else SUGGESTION_STATUS.get(suggestion.state, "办理中"),
        "answered": answered,
        "summary": summary,
        "publication": None,
        "replies": [],
        "public_url": "",
        "publish_on": None,
    }
    if not answered:
        return outcome
    state, publication = _publication_state(suggestion, today=today)
    outcome["publication"] = state
    if state == SCHEDULED:
        outcome["publish_on"] = publication.publish_on
    elif state == LIVE:
        outcome["replies"] = publication.proposal.public_replies
        outcome["public_url"] = reverse("publicsite:item", args=[publication.slug])
        outcome["status"] = publication.proposal.public_status
    return outcome


def answer_published(suggestion: Proposal | None, *, today: dt.date) -> bool:
    """Whether the suggestion's answer is on the public pages today (so the citizen can read it)."""
    if suggestion is None or suggestion.state not in ANSWERED_STATES:
        return False
    return live_publications(today=today).filter(proposal=suggestion).exists()
