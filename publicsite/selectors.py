"""Reads of the public pages. Only live publications (agreed, due, not withdrawn) are ever reachable."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from proposals.choices import Disclosure, FollowUpStatus, ReviewStatus, Role
from proposals.models import Assignment, PlannedAction, Reply
from proposals.models.assignment import AssignmentState
from proposals.models.proposal import EXCLUDED_STATES
from proposals.text_search import text_contains
from publicsite.models import Publication

PAGE_SIZE = 20

# What a citizen is told of where an item stands.
PUBLIC_STATUS = {"replied": "已答复", "rehandling": "重新办理中", "closed": "已办结"}


def live_publications(*, today: dt.date) -> QuerySet[Publication]:
    return Publication.objects.filter(
        withdrawn_at__isnull=True,
        publish_on__lte=today,
        proposal__disclosure=Disclosure.AGREE,
    ).exclude(proposal__state__in=EXCLUDED_STATES)


def published_q(*, today: dt.date | None = None) -> Q:
    """On a ``Proposal`` queryset: the items the public pages show today (for the similar-items look-up)."""
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    live = live_publications(today=today or timezone.localdate()).filter(proposal_id=OuterRef("pk"))
    return Q(Exists(live))


def search(*, today: dt.date, year=None, session=None, unit=None, field="", text="", page: int = 1) -> dict:
    qs = live_publications(today=today)
    if year:
        qs = qs.filter(proposal__session__year=year)
    if session:
        qs = qs.filter(proposal__session=session)
    if unit:
        qs = qs.filter(
            proposal__assignments__unit=unit, proposal__assignments__role__in=[Role.LEAD, Role.SPLIT]
        ).distinct()
    if field:
        qs = qs.filter(proposal__field=field)
    text = text.strip()
    if text:
        qs = qs.filter(text_contains("proposal__title", text) | Q(proposal__content__icontains=text))
    qs = qs.select_related("proposal", "proposal__session").order_by("-publish_on", "-id")
    start = (page - 1) * PAGE_SIZE
    rows = list(qs[start : start + PAGE_SIZE + 1])
    has_next = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    _attach_units([p.proposal for p in rows])
    return {"rows": rows, "page": page, "has_next": has_next, "has_previous": page > 1}


def _attach_units(proposals) -> None:
    ids = [p.pk for p in proposals]
    names: dict[int, list[str]] = {pk: [] for pk in ids}
    rows = (
        Assignment.objects.filter(proposal_id__in=ids)
        .exclude(state=AssignmentState.WITHDRAWN)
        .order_by("proposal_id", "role", "id")
        .values_list("proposal_id", "unit__name", "role")
    )
    for pk, name, role in rows:
        label = f"{name}（协办）" if role == Role.CO else name
        if label not in names[pk]:
            names[pk].append(label)
    for p in proposals:
        p.public_units = names[p.pk]
        p.public_status = PUBLIC_STATUS.get(p.state, "办理中")


def publication_by_slug(*, slug: str, today: dt.date) -> Publication:
    """The live publication with this slug, with the replies of record and the promises reported done."""
    publication = (
        live_publications(today=today)
        .select_related("proposal", "proposal__session", "proposal__lead_deputy")
        .filter(slug=slug)
        .first()
    )
    if publication is None:
        raise Http404("未找到该公开信息")
    proposal = publication.proposal
    _attach_units([proposal])
    done = PlannedAction.objects.filter(status=FollowUpStatus.DONE).order_by("position")
    proposal.public_replies = list(
        Reply.objects.filter(proposal=proposal, review_status=ReviewStatus.APPROVED)
        .select_related("unit")
        .prefetch_related(Prefetch("planned_actions", queryset=done, to_attr="done_actions"))
        .order_by("round", "replied_on", "id")
    )
    return publication
