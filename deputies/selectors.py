"""Reads of the deputy portal: the deputy's own items, the sessions they can file under, co-signer search."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, When

from deputies.models import Deputy, Session
from proposals.choices import Role
from proposals.models import Assignment, Proposal
from proposals.models.assignment import AssignmentState
from proposals.models.proposal import ProposalState
from proposals.text_search import text_contains

# A congress session takes items for this many days from its opening day; after that, items
# go to the year's 闭会期间 pseudo-session.
SESSION_SUBMISSION_DAYS = 7

SCOPES = {
    "all": "全部",
    "led": "我领衔的",
    "cosigned": "我附议的",
    "to_rate": "待评价",
}
SEARCH_LIMIT = 20
# Newest first: the latest session year, then the latest submission (unsent drafts, which have no date
# yet, lead their year), then the latest created. Every key is a column of the row or its session, so a
# page can also be cut by keyset on these values.
ITEM_ORDER = (
    F("session__year").desc(),
    F("submitted_on").desc(nulls_first=True),
    F("pk").desc(),
)


def open_congress_session(*, on: dt.date) -> Session | None:
    """This year's congress session being held on ``on`` (opened within the submission days), if any."""
    return (
        Session.objects.filter(
            kind=Session.Kind.CONGRESS,
            year=on.year,
            opened_on__lte=on,
            opened_on__gt=on - dt.timedelta(days=SESSION_SUBMISSION_DAYS),
        )
        .order_by("-opened_on", "-pk")
        .first()
    )


def sessions_open_for_filing(*, on: dt.date) -> QuerySet[Session]:
    """Sessions a deputy may file a new item under: this year's opened congress sessions and 闭会期间."""
    return Session.objects.filter(year=on.year).filter(
        Q(kind=Session.Kind.RECESS) | Q(kind=Session.Kind.CONGRESS, opened_on__lte=on)
    )


def _cosigned(deputy: Deputy):
    through = Proposal.co_signers.through
    return Exists(through.objects.filter(proposal_id=OuterRef("pk"), deputy_id=deputy.pk))


def deputy_items(*, deputy: Deputy, scope: str = "all") -> QuerySet[Proposal]:
    """The items the deputy leads or co-signed (the same rule as ``visible_proposals``), for one list page.

    Ordered by session year and submission date, newest first (``ITEM_ORDER``): an item imported from
    last year's ledger comes after this year's, whenever it was imported. Each row carries its live
    assignments and units, so a page costs a constant number of queries.
    """
    qs = Proposal.objects.annotate(is_cosigned=_cosigned(deputy))
    if scope == "led":
        qs = qs.filter(lead_deputy=deputy)
    elif scope == "cosigned":
        qs = qs.filter(is_cosigned=True)
    elif scope == "to_rate":
        qs = qs.filter(lead_deputy=deputy, state=ProposalState.REPLIED)
    else:
        qs = qs.filter(Q(lead_deputy=deputy) | Q(is_cosigned=True))
    live = (
        Assignment.objects.exclude(state=AssignmentState.WITHDRAWN)
        .select_related("unit")
        .order_by(Case(When(role=Role.CO, then=1), default=0), "id")
    )
    return (
        qs.select_related("session", "lead_deputy")
        .prefetch_related(Prefetch("assignments", queryset=live, to_attr="live_assignments"))
        .order_by(*ITEM_ORDER)
    )


def deputy_item_counts(*, deputy: Deputy) -> dict[str, int]:
    """How many items fall under each tab of the deputy's home page (one query)."""
    mine = Q(lead_deputy=deputy)
    counts = (
        Proposal.objects.annotate(is_cosigned=_cosigned(deputy))
        .filter(mine | Q(is_cosigned=True))
        .aggregate(
            all=Count("pk"),
            led=Count("pk", filter=mine),
            cosigned=Count("pk", filter=Q(is_cosigned=True)),
            to_rate=Count("pk", filter=mine & Q(state=ProposalState.REPLIED)),
        )
    )
    return {key: counts[key] or 0 for key in SCOPES}


def deputy_search(*, query: str, exclude: Deputy | None = None) -> list[Deputy]:
    """Active deputies whose name contains ``query``, for choosing co-signers (bounded)."""
    query = query.strip()
    if not query:
        return []
    qs = Deputy.objects.filter(text_contains("name", query), active=True).select_related("delegation")
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(qs.order_by("name", "pk")[:SEARCH_LIMIT])


def current_round_replies(*, proposal: Proposal, replies: list) -> list:
    """The replies of the item's round being evaluated (the latest answered round)."""
    if not replies:
        return []
    latest = max(r.round for r in replies)
    return [r for r in replies if r.round == latest]


def with_days_left(items, *, today: dt.date) -> list:
    """Attach ``due`` (the date the item is due now) and ``days_left`` to each item on a page."""
    items = list(items)
    for item in items:
        due = None
        if item.state in (ProposalState.ASSIGNED, ProposalState.HANDLING, ProposalState.REHANDLING):
            due = item.effective_due
        elif item.state == ProposalState.REPLIED:
            due = item.evaluation_due
        item.due = due
        item.days_left = (due - today).days if due else None
    return items


def reply_for_user(user, pk: int):
    """A reply whose item the user may see (its lead or co-signing deputies), with a file; else 404."""
    from django.http import Http404

    from proposals.models import Reply
    from proposals.selectors import proposal_for_user

    reply = Reply.objects.filter(pk=pk).only("pk", "proposal_id", "file").first()
    if reply is None or not reply.file:
        raise Http404("未找到该答复函")
    proposal_for_user(user, reply.proposal_id)
    return reply
