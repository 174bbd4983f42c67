"""Drafting, submitting and withdrawing an item, and the co-signer search."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import deputy_required
from common import once
from deputies import selectors
from deputies import services as deputy_services
from deputies.forms import ActionForm, ProposalForm, SubmitForm
from deputies.views._common import current_deputy, require_lead
from deputies.views.items import item_context
from proposals import services
from proposals.errors import DomainError
from proposals.models import HandlingRules
from proposals.models.proposal import ProposalState
from proposals.selectors import proposal_for_user


@deputy_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    """A new item: saved as a draft, or saved and submitted at once."""
    deputy = current_deputy(request)
    today = timezone.localdate()
    sessions = selectors.sessions_open_for_filing(on=today)
    if request.method == "POST":
        if done := once.replay(request):
            return done
        form = ProposalForm(request.POST, request.FILES, sessions=sessions, lead=deputy)
        if form.is_valid():
            data = form.cleaned_data
            submit = "submit" in request.POST
            try:
                with transaction.atomic():
                    proposal = services.proposal_create(
                        by=request.user,
                        session=data["session"],
                        kind=data["kind"],
                        title=data["title"],
                        content=data["content"],
                        field=data["field"],
                        lead_deputy=deputy,
                        co_signers=data["co_signers"],
                    )
                    services.attachments_add(proposal=proposal, by=request.user, files=data["attachments"])
                    once.remember(request, url=reverse("deputy:detail", args=[proposal.pk]), label=proposal.title)
            except once.Replayed:
                return once.replay(request)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                _submit_saved(request, proposal, submit=submit, saved="已保存为草稿", data=data)
                return redirect("deputy:detail", pk=proposal.pk)
    else:
        default_session = deputy_services.session_for_new_item(on=today)
        form = ProposalForm(sessions=sessions, lead=deputy, initial={"session": default_session})
    return render(request, "deputies/proposal_form.html", {"form": form, "creating": True, **_rules()})


@deputy_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft; optionally submit it in the same step."""
    deputy = current_deputy(request)
    proposal = proposal_for_user(request.user, pk)
    require_lead(proposal, deputy, "修改")
    if proposal.state != ProposalState.DRAFT:
        if request.method != "POST":
            messages.warning(request, "此件已提交，不能再修改")
            return redirect("deputy:detail", pk=proposal.pk)
        # Sent from a page opened before the item left the draft state: say so, and keep what was typed.
        form = ProposalForm(request.POST, with_session=False, lead=deputy)
        form.is_valid()
        form.add_error(
            None, f"此件已被处理（当前状态：{proposal.get_state_display()}），不能再修改；您填写的内容仍保留在下方"
        )
        return render(request, "deputies/proposal_form.html", {"form": form, "proposal": proposal, "creating": False})
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, with_session=False, lead=deputy)
        form.fields["version"].required = True
        if form.is_valid():
            data = form.cleaned_data
            if data.get("version") is not None:
                proposal.version = data["version"]
            submit = "submit" in request.POST
            try:
                with transaction.atomic():
                    services.proposal_update_draft(
                        proposal=proposal,
                        by=request.user,
                        title=data["title"],
                        content=data["content"],
                        field=data["field"],
                        kind=data["kind"],
                        co_signers=data["co_signers"],
                    )
                    services.attachments_add(proposal=proposal, by=request.user, files=data["attachments"])
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                _submit_saved(request, proposal, submit=submit, saved="草稿已保存", data=data)
                return redirect("deputy:detail", pk=proposal.pk)
    else:
        form = ProposalForm(
            with_session=False,
            lead=deputy,
            initial={
                "kind": proposal.kind,
                "title": proposal.title,
                "field": proposal.field,
                "content": proposal.content,
                "co_signers": selectors.chosen_co_signers(proposal),
                "version": proposal.version,
            },
        )
    context = {"form": form, "proposal": proposal, "creating": False, "attachments": proposal.attachments.all()}
    return render(request, "deputies/proposal_form.html", {**context, **_rules()})


def _rules() -> dict:
    rules = HandlingRules.current()
    return {"cosign_days": rules.cosign_days, "motion_min_signers": rules.motion_min_signers}


def _submit_saved(request: HttpRequest, proposal, *, submit: bool, saved: str, data: dict) -> None:
    """After the draft is saved: submit it if asked. A refused submission (e.g. co-signers still to
    confirm) keeps the saved draft and its invitations, and says what is missing."""
    invited = proposal.cosign_invitations.filter(state="pending").exists()
    note = "，已向附议代表发出邀请" if invited else ""
    if not submit:
        messages.success(request, f"{saved}{note}")
        return
    try:
        services.proposal_submit(
            proposal=proposal,
            by=request.user,
            disclosure=data.get("disclosure"),
            non_disclosure_reason=data.get("non_disclosure_reason", ""),
        )
    except DomainError as exc:
        messages.warning(request, f"{saved}{note}，但暂不能提交：{exc.message}")
    else:
        messages.success(request, "已提交，请等待代表工作机构审查立案")


@deputy_required
@require_POST
def proposal_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit a saved draft from its page; the deputy states there whether it may be published."""
    deputy = current_deputy(request)
    proposal = proposal_for_user(request.user, pk)
    require_lead(proposal, deputy, "提交")
    form = SubmitForm(request.POST)
    if form.is_valid():
        form.apply_version(proposal)
        data = form.cleaned_data
        try:
            services.proposal_submit(
                proposal=proposal,
                by=request.user,
                comment=data["comment"],
                disclosure=data["disclosure"],
                non_disclosure_reason=data["non_disclosure_reason"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已提交，请等待代表工作机构审查立案")
        return redirect("deputy:detail", pk=proposal.pk)
    if proposal.state != ProposalState.DRAFT:  # the form is no longer on the page: say it at the top
        messages.error(request, "此件已提交，不能再次提交")
        return redirect("deputy:detail", pk=proposal.pk)
    context = item_context(request, proposal, submit_form=form, submit_open=True)
    return render(request, "deputies/proposal_detail.html", context)


@deputy_required
@require_POST
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = current_deputy(request)
    proposal = proposal_for_user(request.user, pk)
    require_lead(proposal, deputy, "撤回")
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "页面已过期，请刷新后重试")
        return redirect("deputy:detail", pk=proposal.pk)
    form.apply_version(proposal)
    try:
        services.proposal_withdraw(proposal=proposal, by=request.user, comment=form.cleaned_data["comment"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已撤回")
    return redirect("deputy:detail", pk=proposal.pk)


@deputy_required
@require_GET
def deputy_search(request: HttpRequest) -> JsonResponse:
    """Deputies by name, for choosing co-signers (at most 20)."""
    deputy = current_deputy(request)
    found = selectors.deputy_search(query=request.GET.get("q", ""), exclude=deputy)
    return JsonResponse(
        {"results": [{"id": d.pk, "name": d.name, "detail": d.delegation.name if d.delegation else ""} for d in found]}
    )
