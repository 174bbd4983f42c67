"""What a unit does on its assignment. Each view: parse the form → one service → redirect, or re-show the page."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import unit_required
from common import once
from common.forms import VersionedForm
from proposals import services
from proposals.choices import ReviewStatus
from proposals.errors import DomainError
from proposals.models import Assignment
from units import selectors
from units.forms import (
    PLAN_ROWS,
    AcknowledgeForm,
    AdjustmentForm,
    ContactForm,
    ExtensionForm,
    OpinionForm,
    ProgressForm,
    ReplyForm,
    SignForm,
)
from units.views._common import render_assignment


@unit_required
@require_GET
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_assignment(request, selectors.unit_assignment(request.user, pk))


def _act(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type,
    form_key: str,
    run: Callable[[Assignment, dict], object],
    success: str | Callable[[Assignment], str],
    anchor: str = "",
    creates: str = "",
) -> HttpResponse:
    """Run one unit action from its form. ``creates`` names what the form creates (a request, a record, a
    reply): such a form carries a one-time token, and sending it again shows the page instead of a duplicate."""
    assignment = selectors.unit_assignment(request.user, pk)
    url = reverse("unitportal:assignment", args=[assignment.pk])
    target = f"{url}#{anchor}" if anchor else url
    if creates and (done := once.replay(request)):
        return done
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        if isinstance(form, VersionedForm):
            form.apply_version(assignment)
        try:
            with transaction.atomic():
                run(assignment, form.cleaned_data)
                if creates:
                    once.remember(request, url=target, label=creates)
        except once.Replayed:
            return once.replay(request)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, success(assignment) if callable(success) else success)
            return redirect(target)
        assignment.refresh_from_db()
    return render_assignment(request, assignment, **{form_key: form})


@unit_required
@require_POST
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=SignForm,
        form_key="sign_form",
        run=lambda a, d: services.assignment_sign(assignment=a, by=request.user),
        success=lambda a: "已签收，请在期限内办理答复" if a.answers else "已签收，请在期限内向主办单位提交协办意见",
    )


@unit_required
@require_POST
def request_adjustment(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=AdjustmentForm,
        form_key="adjust_form",
        run=lambda a, d: services.adjustment_request(
            assignment=a, by=request.user, reason=d["reason"], proposed_unit=d["proposed_unit"]
        ),
        success="调整申请已提交，等待代表工作机构审批",
        anchor="requests",
        creates="调整申请",
    )


@unit_required
@require_POST
def request_extension(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=ExtensionForm,
        form_key="extend_form",
        run=lambda a, d: services.extension_request(
            assignment=a, by=request.user, until=d["until"], reason=d["reason"]
        ),
        success="延期申请已提交，等待代表工作机构审批",
        anchor="requests",
        creates="延期申请",
    )


@unit_required
@require_POST
def log_contact(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=ContactForm,
        form_key="contact_form",
        run=lambda a, d: services.contact_log(
            assignment=a,
            by=request.user,
            method=d["method"],
            contacted_on=d["contacted_on"],
            summary=d["summary"],
            participants=d["participants"],
        ),
        success="沟通记录已保存",
        anchor="records",
        creates="沟通记录",
    )


@unit_required
@require_POST
def add_progress(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=ProgressForm,
        form_key="progress_form",
        run=lambda a, d: services.progress_add(assignment=a, by=request.user, body=d["body"], noted_on=d["noted_on"]),
        success="办理进展已保存，代表可以看到",
        anchor="records",
        creates="办理进展",
    )


@unit_required
@require_POST
def send_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=OpinionForm,
        form_key="opinion_form",
        run=lambda a, d: services.opinion_send(assignment=a, by=request.user, body=d["body"], file=d["file"]),
        success="协办意见已送主办单位",
        creates="协办意见",
    )


@unit_required
@require_POST
def submit_reply(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=ReplyForm,
        form_key="reply_form",
        run=lambda a, d: services.reply_submit(
            assignment=a,
            by=request.user,
            category=d["category"],
            body=d["body"],
            doc_number=d["doc_number"],
            signer=d["signer"],
            contact_person=d["contact_person"],
            contact_phone=d["contact_phone"],
            file=d["file"],
            replied_on=d["replied_on"],
            adoption=d["adoption"],
            done_items=d["done_items"],
            not_adopted_reason=d["not_adopted_reason"],
            planned=form_plans(d),
        ),
        success=lambda a: (
            "答复已提交，代表工作机构审查通过后送达代表"
            if a.replies.filter(round=a.round, review_status=ReviewStatus.PENDING).exists()
            else "答复已提交，代表将收到答复并进行评价"
        ),
        creates="答复",
    )


def form_plans(data: dict) -> list[tuple]:
    return [(data.get(f"plan_text_{n}", ""), data.get(f"plan_due_{n}")) for n in range(1, PLAN_ROWS + 1)]


@unit_required
@require_POST
def acknowledge_supervision(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    assignment = selectors.unit_assignment(request.user, pk)
    action = selectors.supervision_for_assignment(assignment=assignment, pk=action_pk)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.supervision_acknowledge(action=action, by=request.user, response=form.cleaned_data["response"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已签收{action.get_kind_display()}{action.number}")
            return redirect(f"{reverse('unitportal:assignment', args=[assignment.pk])}#supervision")
    form.action_pk = action.pk
    return render_assignment(request, assignment, ack_form=form)
