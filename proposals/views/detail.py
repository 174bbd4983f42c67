"""The item's page for the office: everything about it, and the actions its state allows."""

from __future__ import annotations

from django.forms import HiddenInput
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.decorators import leader_or_staff_required, staff_required
from files.downloads import protected_download
from proposals.attachment_access import attachment_download, attachment_of
from proposals.choices import RequestStatus, ReviewStatus, Role
from proposals.forms import (
    CloseForm,
    KeySupervisionForm,
    MergeForm,
    MotionDecisionForm,
    RegisterForm,
    RejectForm,
    SupervisionIssueForm,
)
from proposals.forms.review import (
    AssistedCoSignerEvaluationForm,
    AssistedEvaluationForm,
    CategoryCorrectForm,
    ReplyApproveForm,
    ReplyReturnForm,
)
from proposals.models import Assignment, CoOpinion, Proposal, Reply
from proposals.models.assignment import ACTIVE_STATES, AssignmentState
from proposals.models.proposal import EXCLUDED_STATES, OPEN_HANDLING_STATES, ProposalState
from proposals.selectors import proposal_detail_related, proposal_for_user
from units.models import Unit

from ._audit import audit_rows
from ._common import clock, new_form_token, proposal_clock, today


def _assignment_rows(assignments: list[Assignment]) -> list[Assignment]:
    on = today()
    order = {Role.LEAD: 0, Role.SPLIT: 1, Role.CO: 2}
    for a in assignments:
        a.clock = clock(a.due_on, running=a.state in ACTIVE_STATES, today=on)
        a.sign_clock = clock(a.sign_due, running=a.state == AssignmentState.PENDING_SIGN, today=on, near_days=1)
        a.is_live = a.state != AssignmentState.WITHDRAWN
    return sorted(assignments, key=lambda a: (not a.is_live, a.round, order.get(a.role, 9), a.id))


def units_for_supervision(assignments: list[Assignment]) -> list[Unit]:
    """The units the item is with (from its assignments, read once), by name: whom a 督办 can go to."""
    units = {a.unit_id: a.unit for a in assignments if a.state != AssignmentState.WITHDRAWN}
    return sorted(units.values(), key=lambda u: (u.name, u.pk))


def render_detail(
    request: HttpRequest, proposal: Proposal, *, panel: str = "", status: int = 200, **forms
) -> HttpResponse:
    """The detail page; an action that failed passes its bound form (with the user's entries) and panel."""
    related = proposal_detail_related(proposal)
    transitions = {t.name for t in proposal.get_available_user_state_transitions(request.user)}
    version = {"version": proposal.version}
    for form in forms.values():
        if not isinstance(form, dict):
            _refresh_version(form, proposal.version)

    can = {
        "register": "register" in transitions,
        "reject": "reject" in transitions,
        "merge": "merge" in transitions,
        "motion": bool({"to_agenda", "not_to_agenda", "convert"} & transitions),
        "assign": "assign" in transitions,
        "close": "close" in transitions,
        "assist": proposal.state == ProposalState.REPLIED,
        "supervise": proposal.state in OPEN_HANDLING_STATES,
        "key": proposal.state not in EXCLUDED_STATES,
    }
    co_signer_evaluations = list(
        proposal.co_signer_evaluations.select_related("deputy").order_by("round", "evaluated_on", "id")
    )
    # 代为录入 for co-signers: while the reply can be rated and some co-signer has not rated this round.
    yet_to_rate = []
    if proposal.state in (ProposalState.REPLIED, ProposalState.CLOSED):
        rated = {e.deputy_id for e in co_signer_evaluations if e.round == proposal.round}
        yet_to_rate = sorted((d for d in related["co_signers"] if d.pk not in rated), key=lambda d: (d.name, d.pk))
    can["co_assist"] = bool(yet_to_rate)
    context = {
        "p": proposal,
        "clock": proposal_clock(proposal, today=today()),
        **related,
        "assignments": _assignment_rows(related["assignments"]),
        "audit": audit_rows(related["audit"], related["assignments"]),
        "can": can,
        "any_action": any(can.values()),
        "panel": panel,
        "pending_adjustments": [r for r in related["adjustment_requests"] if r.status == RequestStatus.PENDING],
        "pending_extensions": [r for r in related["extension_requests"] if r.status == RequestStatus.PENDING],
        "is_registered_state": proposal.state == ProposalState.REGISTERED,
        "meeting_requests": list(proposal.meeting_requests.select_related("deputy").order_by("created_at")),
    }
    review_forms = forms.pop("review_forms", {}) if "review_forms" in forms else {}
    for reply in related["replies"]:
        reply.reviews_shown = [v for v in related["reply_reviews"] if v.reply_id == reply.pk]
        if reply.review_status == ReviewStatus.RETURNED:
            continue
        bound = review_forms.get(reply.pk)
        prefix = f"r{reply.pk}"
        reply.approve_form = _pick(bound, ReplyApproveForm) or ReplyApproveForm(prefix=prefix)
        reply.return_form = _pick(bound, ReplyReturnForm) or ReplyReturnForm(prefix=prefix)
        reply.category_form = _pick(bound, CategoryCorrectForm) or CategoryCorrectForm(
            prefix=prefix, initial={"category": reply.category}
        )
    if can["register"]:
        context["register_form"] = forms.get("register_form") or RegisterForm(
            initial={**version, "number": proposal.number or ""}
        )
    if can["reject"]:
        context["reject_form"] = forms.get("reject_form") or RejectForm(initial=version)
    if can["merge"]:
        context["merge_form"] = forms.get("merge_form") or MergeForm(initial=version, proposal=proposal)
    if can["motion"]:
        motion_form = forms.get("motion_form") or MotionDecisionForm(initial=version)
        field = motion_form.fields["decision"]
        field.choices = [(k, label) for k, label in field.choices if k in transitions]
        context["motion_form"] = motion_form
    if can["assist"]:
        context["assist_form"] = forms.get("assist_form") or AssistedEvaluationForm(initial=version)
    context["publication"] = getattr(proposal, "publication", None) if proposal.disclosure == "agree" else None
    context["co_signer_evaluations"] = co_signer_evaluations
    if can["co_assist"]:
        context["co_assist_form"] = forms.get("co_assist_form") or AssistedCoSignerEvaluationForm(
            co_signers=yet_to_rate
        )
    if can["close"]:
        context["close_form"] = forms.get("close_form") or CloseForm(initial=version)
    if can["supervise"]:
        context["supervise_form"] = forms.get("supervise_form") or SupervisionIssueForm(
            initial={"token": new_form_token(request)}, units=units_for_supervision(related["assignments"])
        )
    if can["key"]:
        key_form = forms.get("key_form") or KeySupervisionForm(
            initial={**version, "selected": not proposal.key_supervision, "supervisor": proposal.key_supervisor}
        )
        if proposal.key_supervision:
            key_form.fields["supervisor"].widget = HiddenInput()
        context["key_form"] = key_form
    return render(request, "proposals/detail.html", context, status=status)


def _pick(form, form_class):
    return form if isinstance(form, form_class) else None


def _refresh_version(form, version: int) -> None:
    """After a refused action the page shows the item as it is now, so a retry carries the current version."""
    if form.is_bound and "version" in form.fields:
        data = form.data.copy()
        data["version"] = str(version)
        form.data = data


@staff_required
@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_detail(request, proposal_for_user(request.user, pk))


def _file_response(record, *, label: str) -> HttpResponse:
    """A reply's or an opinion's file, named after its unit and the name it was uploaded with."""
    return protected_download(record.file, filename=f"{label}_{record.download_name}", missing="没有上传附件")


@staff_required
@require_GET
def reply_file(request: HttpRequest, pk: int) -> HttpResponse:
    reply = get_object_or_404(Reply.objects.select_related("unit"), pk=pk)
    proposal_for_user(request.user, reply.proposal_id)
    return _file_response(reply, label=f"{reply.unit.name}答复函")


@staff_required
@require_GET
def opinion_file(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = get_object_or_404(CoOpinion.objects.select_related("unit"), pk=pk)
    proposal_for_user(request.user, opinion.proposal_id)
    return _file_response(opinion, label=f"{opinion.unit.name}协办意见")


@leader_or_staff_required
@require_GET
def attachment_file(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """An item's attachment, for the office and the leaders (never a deputy's unsent draft)."""
    proposal = proposal_for_user(request.user, pk)
    return attachment_download(attachment_of(proposal.pk, attachment_pk))
