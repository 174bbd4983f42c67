"""Reads of the proposals app, and the access helpers every view goes through.

``visible_proposals`` is the one definition of who sees what:
office staff and leaders see everything but the deputies' unsent drafts; a deputy sees the items they lead
or co-signed (a co-signed draft only once it is submitted);
a unit sees the items assigned to it. ``proposal_for_user`` and ``assignment_for_user``
raise 404 for anything outside that, so no page can show another user's item.
"""

from __future__ import annotations

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, When
from django.http import Http404

from accounts.roles import deputy_of, is_leader, is_office_staff, unit_of
from proposals.choices import Role
from proposals.models import Assignment, Proposal, ProposalState
from proposals.models.assignment import AssignmentState as A


def visible_proposals(user, *, pk: int | None = None) -> QuerySet[Proposal]:
    """What ``user`` may see; with ``pk``, only that item (if visible), tested on that one row."""
    qs = Proposal.objects.all() if pk is None else Proposal.objects.filter(pk=pk)
    if is_office_staff(user) or is_leader(user):
        # A draft belongs to its deputy until it is submitted: not even the office may open it.
        others_drafts = Q(state=ProposalState.DRAFT)
        own = deputy_of(user)
        if own is not None:  # a staff member who is also a deputy keeps their own drafts
            others_drafts &= ~Q(lead_deputy=own)
        return qs.exclude(others_drafts)
    unit = unit_of(user)
    if unit is not None:
        return qs.filter(
            Exists(Assignment.objects.filter(proposal=OuterRef("pk"), unit=unit).exclude(state=A.WITHDRAWN))
        )
    deputy = deputy_of(user)
    if deputy is not None:
        through = Proposal.co_signers.through
        if pk is not None:  # one item: test its co-signature directly rather than listing the deputy's
            cosigned_here = Exists(through.objects.filter(proposal_id=OuterRef("pk"), deputy=deputy))
            return qs.filter(Q(lead_deputy=deputy) | (cosigned_here & ~Q(state=ProposalState.DRAFT)))
        # A deputy co-signs a handful of items: fetching their ids lets the database combine two index
        # lookups instead of testing every item. A co-signer follows an item once it is submitted; the
        # lead's unsent draft stays private.
        cosigned = list(through.objects.filter(deputy=deputy).values_list("proposal_id", flat=True))
        return qs.filter(Q(lead_deputy=deputy) | (Q(pk__in=cosigned) & ~Q(state=ProposalState.DRAFT)))
    return qs.none()


def proposal_for_user(user, pk: int) -> Proposal:
    """The item ``pk`` if ``user`` may see it, else 404 (never reveal that it exists)."""
    proposal = (
        visible_proposals(user, pk=pk)
        # The item's 专门委员会督办 mark, 优秀建议 nomination and publication (one-to-one) are read with it,
        # so the staff page costs the same whichever of them the item has.
        .select_related(
            "publication",
            "session",
            "lead_deputy",
            "lead_deputy__delegation",
            "merged_into",
            "committee_supervision__committee",
            "excellent__decided_by",
        )
        .first()
    )
    if proposal is None:
        raise Http404("未找到该议案建议，或您无权查看")
    return proposal


def assignment_for_user(user, pk: int) -> Assignment:
    """An assignment of the user's own unit (staff may open any), else 404."""
    qs = Assignment.objects.select_related("proposal", "proposal__session", "proposal__lead_deputy", "unit")
    if not is_office_staff(user):
        unit = unit_of(user)
        if unit is None:
            raise Http404("未找到该交办记录")
        qs = qs.filter(unit=unit)
    assignment = qs.filter(pk=pk).first()
    if assignment is None:
        raise Http404("未找到该交办记录，或您无权查看")
    return assignment


def proposal_detail_related(proposal: Proposal) -> dict:
    """Everything an item's detail page or timeline shows, in a constant number of queries."""
    lead_first = Case(When(role=Role.LEAD, then=0), When(role=Role.SPLIT, then=1), default=2)
    assignments = list(proposal.assignments.select_related("unit").order_by(lead_first, "id"))
    return {
        "assignments": assignments,
        "co_signers": list(proposal.co_signers.select_related("delegation")),
        "attachments": list(proposal.attachments.all()),
        "replies": _replies_with_actions(proposal),
        "reply_reviews": list(proposal.reply_reviews.select_related("decided_by", "unit").order_by("decided_at", "id")),
        "opinions": list(proposal.co_opinions.select_related("unit").order_by("sent_on")),
        "contacts": list(proposal.contacts.select_related("unit").order_by("contacted_on", "id")),
        "progress_notes": list(proposal.progress_notes.select_related("unit").order_by("noted_on", "id")),
        "evaluations": list(proposal.evaluations.order_by("round")),
        "supervision_actions": list(proposal.supervision_actions.select_related("unit").order_by("issued_on", "id")),
        "extension_requests": list(
            _requests_for(proposal, "extension_requests").select_related("assignment__unit").order_by("requested_at")
        ),
        "adjustment_requests": list(
            _requests_for(proposal, "adjustment_requests")
            .select_related("assignment__unit", "proposed_unit")
            .order_by("requested_at")
        ),
        "audit": audit_trail(proposal, assignment_ids=[a.pk for a in assignments]),
    }


def _replies_with_actions(proposal: Proposal) -> list:
    """The item's replies, each with its planned actions as ``actions`` (two queries, whatever the count)."""
    replies = list(proposal.replies.select_related("unit").order_by("round", "replied_on", "id"))
    actions: dict[int, list] = {r.pk: [] for r in replies}
    for action in proposal.planned_actions.order_by("reply_id", "position", "id"):
        actions.setdefault(action.reply_id, []).append(action)
    for reply in replies:
        reply.actions = actions[reply.pk]
    return replies


def _requests_for(proposal: Proposal, related: str):
    from proposals.models import AdjustmentRequest, ExtensionRequest

    model = ExtensionRequest if related == "extension_requests" else AdjustmentRequest
    return model.objects.filter(assignment__proposal=proposal)


def audit_trail(proposal: Proposal, *, assignment_ids: list[int] | None = None) -> list:
    """The item's audit rows and its assignments', oldest first (``assignment_ids`` when already read)."""
    from django.contrib.contenttypes.models import ContentType
    from django_fsm_log.models import StateLog

    if assignment_ids is None:
        assignment_ids = list(proposal.assignments.values_list("pk", flat=True))
    return list(
        StateLog.objects.filter(
            Q(content_type=ContentType.objects.get_for_model(Proposal), object_id=proposal.pk)
            | Q(content_type=ContentType.objects.get_for_model(Assignment), object_id__in=assignment_ids)
        )
        .select_related("by")
        .order_by("timestamp", "id")
    )
