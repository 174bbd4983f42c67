"""督办: issuing 催办 / 督办通知 / 整改通知书, and choosing 重点督办 items."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from proposals import services
from proposals.errors import DomainError
from proposals.forms import KeySupervisionForm, SupervisionIssueForm
from proposals.selectors import proposal_for_user

from ._actions import act
from ._common import new_form_token, use_form_token
from .detail import render_detail, units_for_supervision


@staff_required
@require_POST
def supervise(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a numbered supervision step. A one-time token stops a double click from issuing two."""
    proposal = proposal_for_user(request.user, pk)
    units = units_for_supervision(list(proposal.assignments.select_related("unit")))
    form = SupervisionIssueForm(request.POST, units=units)
    if form.is_valid():
        data = form.cleaned_data
        try:
            # The token is spent with the step it issues: a refused step leaves it unspent.
            with transaction.atomic():
                if not use_form_token(request, data["token"], url=reverse("workbench:detail", args=[pk]), label="督办"):
                    messages.warning(request, "该督办已提交，请勿重复提交；如需再次督办请重新填写")
                    return redirect("workbench:detail", pk=pk)
                action = services.supervision_issue(
                    proposal=proposal,
                    unit=data["unit"],
                    by=request.user,
                    kind=data["kind"],
                    content=data["content"],
                    due_on=data["due_on"],
                )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"已向{action.unit}签发{action.get_kind_display()}（{action.number}）")
            return redirect("workbench:detail", pk=pk)
    form.data = form.data.copy()
    form.data["token"] = new_form_token(request)
    return render_detail(request, proposal, panel="supervise", supervise_form=form)


@staff_required
@require_POST
def key_supervision(request: HttpRequest, pk: int) -> HttpResponse:
    return act(
        request,
        pk,
        form_class=KeySupervisionForm,
        panel="key",
        run=lambda p, d: services.key_supervision_set(
            proposal=p, by=request.user, selected=d["selected"], supervisor=d["supervisor"], comment=d["comment"]
        ),
        success=lambda p: "已列为重点督办件" if p.key_supervision else "已取消重点督办",
    )
