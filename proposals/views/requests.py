"""The office's queues of the units' requests: 调整 (re-assignment) and 延期 (extension)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import staff_required
from proposals import deadlines, services
from proposals.choices import RequestStatus
from proposals.errors import ConflictError, DomainError
from proposals.forms import AdjustmentApproveForm, DenyForm, ExtensionApproveForm
from proposals.models import AdjustmentRequest, ExtensionRequest, HandlingRules
from proposals.selectors import proposal_for_user

from ._common import clock, today
from ._paging import bounded_page

_RELATED = (
    "assignment",
    "assignment__unit",
    "assignment__proposal",
    "assignment__proposal__session",
    "assignment__proposal__lead_deputy",
    "requested_by",
)


def _pending(model):
    return model.objects.filter(status=RequestStatus.PENDING).select_related(*_RELATED).order_by("requested_at", "id")


def _pending_counts() -> dict[str, int]:
    return {
        "adjustments": AdjustmentRequest.objects.filter(status=RequestStatus.PENDING).count(),
        "extensions": ExtensionRequest.objects.filter(status=RequestStatus.PENDING).count(),
    }


def _get_request(request: HttpRequest, model, pk: int):
    req = get_object_or_404(model.objects.select_related(*_RELATED), pk=pk)
    proposal_for_user(request.user, req.assignment.proposal_id)
    return req


def _check_version(req, version: int) -> None:
    if req.assignment.version != version:
        raise ConflictError()


# --- 调整 ------------------------------------------------------------------------------------


def _adjustment_forms(req, bound: dict):
    prefix = f"a{req.pk}"
    initial = {"version": req.assignment.version}
    return (
        bound.get((req.pk, "approve"))
        or AdjustmentApproveForm(prefix=prefix, initial=initial, proposed_unit=req.proposed_unit),
        bound.get((req.pk, "deny")) or DenyForm(prefix=f"{prefix}d", initial=initial),
    )


def _render_adjustments(request: HttpRequest, *, bound: dict | None = None, focus: int | None = None) -> HttpResponse:
    page = bounded_page(_pending(AdjustmentRequest).select_related("proposed_unit"), request.GET.get("page"))
    on = today()
    for req in page.rows:
        req.approve_form, req.deny_form = _adjustment_forms(req, bound or {})
        req.window = clock(req.assignment.adjust_until, running=False, today=on)
    return render(
        request,
        "proposals/queue_adjustments.html",
        {"page": page, "focus": focus, "counts": _pending_counts()},
    )


@staff_required
@require_GET
def adjustments(request: HttpRequest) -> HttpResponse:
    return _render_adjustments(request)


@staff_required
@require_POST
def adjustment_approve(request: HttpRequest, pk: int) -> HttpResponse:
    req = _get_request(request, AdjustmentRequest, pk)
    form = AdjustmentApproveForm(request.POST, prefix=f"a{pk}", proposed_unit=req.proposed_unit)
    if form.is_valid():
        try:
            _check_version(req, form.cleaned_data["version"])
            services.adjustment_approve(
                request=req, by=request.user, note=form.cleaned_data["note"], reassign_to=form.reassign_to
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            target = form.reassign_to
            suffix = f"，已改由{target.name}承办" if target else "，该件待重新交办"
            messages.success(request, f"已同意{req.assignment.unit.name}的调整申请{suffix}")
            return redirect("workbench:adjustments")
    return _render_adjustments(request, bound={(pk, "approve"): form}, focus=pk)


@staff_required
@require_POST
def adjustment_deny(request: HttpRequest, pk: int) -> HttpResponse:
    req = _get_request(request, AdjustmentRequest, pk)
    form = DenyForm(request.POST, prefix=f"a{pk}d")
    if form.is_valid():
        try:
            _check_version(req, form.cleaned_data["version"])
            services.adjustment_deny(request=req, by=request.user, note=form.cleaned_data["note"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"已不同意{req.assignment.unit.name}的调整申请，该单位继续办理")
            return redirect("workbench:adjustments")
    return _render_adjustments(request, bound={(pk, "deny"): form}, focus=pk)


# --- 延期 ------------------------------------------------------------------------------------


def _render_extensions(request: HttpRequest, *, bound: dict | None = None, focus: int | None = None) -> HttpResponse:
    page = bounded_page(_pending(ExtensionRequest), request.GET.get("page"))
    rules = HandlingRules.current()
    on = today()
    bound = bound or {}
    for req in page.rows:
        a = req.assignment
        req.cap = deadlines.extension_cap(assigned_on=a.assigned_on, rules=rules)
        req.clock = clock(a.due_on, running=True, today=on)
        initial = {"version": a.version, "until": min(req.requested_until, req.cap)}
        req.approve_form = bound.get((req.pk, "approve")) or ExtensionApproveForm(
            prefix=f"e{req.pk}", initial=initial, cap=req.cap
        )
        req.deny_form = bound.get((req.pk, "deny")) or DenyForm(prefix=f"e{req.pk}d", initial={"version": a.version})
    return render(
        request,
        "proposals/queue_extensions.html",
        {"page": page, "focus": focus, "cap_months": rules.extension_cap_months, "counts": _pending_counts()},
    )


@staff_required
@require_GET
def extensions(request: HttpRequest) -> HttpResponse:
    return _render_extensions(request)


@staff_required
@require_POST
def extension_approve(request: HttpRequest, pk: int) -> HttpResponse:
    req = _get_request(request, ExtensionRequest, pk)
    rules = HandlingRules.current()
    cap = deadlines.extension_cap(assigned_on=req.assignment.assigned_on, rules=rules)
    form = ExtensionApproveForm(request.POST, prefix=f"e{pk}", cap=cap)
    if form.is_valid():
        until = form.cleaned_data["until"]
        try:
            _check_version(req, form.cleaned_data["version"])
            services.extension_approve(request=req, by=request.user, until=until, note=form.cleaned_data["note"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"已同意{req.assignment.unit.name}延期至{until:%Y年%m月%d日}")
            return redirect("workbench:extensions")
    return _render_extensions(request, bound={(pk, "approve"): form}, focus=pk)


@staff_required
@require_POST
def extension_deny(request: HttpRequest, pk: int) -> HttpResponse:
    req = _get_request(request, ExtensionRequest, pk)
    form = DenyForm(request.POST, prefix=f"e{pk}d")
    if form.is_valid():
        try:
            _check_version(req, form.cleaned_data["version"])
            services.extension_deny(request=req, by=request.user, note=form.cleaned_data["note"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"已不同意{req.assignment.unit.name}的延期申请，原期限不变")
            return redirect("workbench:extensions")
    return _render_extensions(request, bound={(pk, "deny"): form}, focus=pk)
