"""What each 专门委员会 supervises, as of a day: the suggestions it carries and the opinions it follows.

A suggestion counts once it was marked for the committee's supervision on or before as_of; its
status as of that day follows from its stored dates (办结 / 已答复 / 办理中 / 未交办). An opinion
counts once marked by then; it is *awaiting feedback* while the citizen has had no answer by then.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q

from opinions.models import Committee, CommitteeField, Opinion, SuggestionSupervision
from proposals.models import Assignment
from proposals.models.assignment import AssignmentState
from reports.statistics.sql import start_of_next_day


def _status(proposal, as_of: dt.date) -> str:
    if proposal.closed_on and proposal.closed_on <= as_of:
        return "已办结"
    if proposal.first_replied_on and proposal.first_replied_on <= as_of:
        return "已答复"
    if proposal.assigned_on and proposal.assigned_on <= as_of:
        return "办理中"
    return "未交办"


def committee_supervision(*, as_of: dt.date) -> list[dict]:
    """Per committee (by name): its fields, its supervised suggestions, and its supervised opinions' counts."""
    committees = list(
        Committee.objects.prefetch_related(Prefetch("fields", queryset=CommitteeField.objects.order_by("id"))).order_by(
            "name"
        )
    )
    assignments = Assignment.objects.exclude(state=AssignmentState.WITHDRAWN).select_related("unit").order_by("id")
    marks = (
        SuggestionSupervision.objects.filter(marked_on__lte=as_of)
        .select_related("proposal__session")
        .prefetch_related(Prefetch("proposal__assignments", queryset=assignments))
        .order_by("committee_id", "marked_on", "id")
    )
    by_committee: dict[int, list[dict]] = {}
    for mark in marks:
        p = mark.proposal
        by_committee.setdefault(mark.committee_id, []).append(
            {
                "session": p.session.name,
                "number": p.number,
                "title": p.title,
                "units": "、".join(a.unit.name for a in p.assignments.all() if a.assigned_on <= as_of),
                "status": _status(p, as_of),
                "marked_on": mark.marked_on.isoformat(),
                "note": mark.note,
            }
        )
    cutoff = start_of_next_day(as_of)
    counts = {
        row["supervised_by"]: row
        for row in Opinion.objects.filter(supervised_by__isnull=False, supervised_at__lt=cutoff)
        .values("supervised_by")
        .annotate(
            n=Count("pk"),
            waiting=Count("pk", filter=Q(fed_back_on__isnull=True) | Q(fed_back_on__gt=as_of)),
        )
    }
    return [
        {
            "committee": c.name,
            "fields": [f.field for f in c.fields.all()],
            "suggestions": by_committee.get(c.pk, []),
            "opinions": counts.get(c.pk, {}).get("n", 0),
            "opinions_awaiting_feedback": counts.get(c.pk, {}).get("waiting", 0),
        }
        for c in committees
    ]
