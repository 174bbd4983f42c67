"""The unit portal's 民意转办 section: the referrals sent to the unit, and its answer."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import unit_required
from accounts.roles import unit_of
from opinions import access, selectors, services
from opinions.forms import ReferralAnswerForm
from opinions.models import ReferralState
from proposals.errors import DomainError

TABS = {"open": "待答复", "answered": "已答复"}


@unit_required
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "open")
    if tab not in TABS:
        tab = "open"
    qs = access.referrals_for_unit(request.user)
    counts = {key: qs.filter(state=key if key == "answered" else ReferralState.OPEN).count() for key in TABS}
    return render(
        request,
        "opinions/unit_referrals.html",
        {
            "unit": unit_of(request.user),
            "tab": tab,
            "tabs": [(k, label, counts[k]) for k, label in TABS.items()],
            "rows": selectors.unit_referrals(qs, tab=tab),
            "today": timezone.localdate(),
        },
    )


@unit_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = access.referral_for_unit(request.user, pk)
    form = ReferralAnswerForm(initial={"version": referral.version})
    return render(
        request,
        "opinions/unit_referral.html",
        {"referral": referral, "opinion": referral.opinion, "form": form, "today": timezone.localdate()},
    )


@unit_required
@require_POST
def referral_answer(request: HttpRequest, pk: int) -> HttpResponse:
    referral = access.referral_for_unit(request.user, pk)
    form = ReferralAnswerForm(request.POST)
    if form.is_valid():
        referral.version = form.cleaned_data["version"]
        try:
            services.referral_answer(referral=referral, by=request.user, answer=form.cleaned_data["answer"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已答复，答复将反馈给提出意见的群众")
            return redirect("opinions:referral", pk=referral.pk)
    return render(
        request,
        "opinions/unit_referral.html",
        {"referral": referral, "opinion": referral.opinion, "form": form, "today": timezone.localdate()},
        status=400,
    )
