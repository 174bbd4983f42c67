"""Similar earlier items while drafting and at intake review; marking 多年重复."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import staff_required
from accounts.roles import deputy_of, is_leader, is_office_staff
from proposals.errors import DomainError
from proposals.models import Proposal
from similar import selectors, services
from similar.models import RepeatLink


def _bounded_ids(values: list[str]) -> list[int]:
    ids = []
    for value in values[:20]:
        if value.isdigit() and len(value) <= 10 and 0 < int(value) < 2**31:
            ids.append(int(value))
    return ids


@login_required
@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    """An HTML fragment: the items most like the title and content being written."""
    user = request.user
    if not (is_office_staff(user) or is_leader(user) or deputy_of(user) is not None):
        raise PermissionDenied("仅代表和工作人员可以查看相似件")
    exclude = _bounded_ids([request.GET.get("exclude", "")])
    found = selectors.similar_items(
        user,
        title=request.GET.get("title", "")[:200],
        content=request.GET.get("content", "")[:10000],
        exclude_pk=exclude[0] if exclude else None,
    )
    staff_view = is_office_staff(user) or is_leader(user)
    return render(request, "similar/_suggestions.html", {"found": found, "staff_view": staff_view})


@staff_required
@require_GET
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The intake-review panel of the staff item page (loaded after the page): 并案 candidates, 多年重复."""
    proposal = get_object_or_404(Proposal.objects.select_related("session").exclude(state="draft"), pk=pk)
    found = selectors.review_candidates(request.user, proposal)
    fragment = request.headers.get("X-Requested-With") == "fetch"
    template = "similar/_review_panel.html" if fragment else "similar/review_page.html"
    return render(request, template, {"p": proposal, **found})


@staff_required
@require_POST
def mark_repeat(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal.objects.select_related("session"), pk=pk)
    ids = _bounded_ids(request.POST.getlist("earlier"))
    earlier = list(Proposal.objects.select_related("session").filter(pk__in=ids))
    note = request.POST.get("note", "").strip()
    if len(note) > 2000:
        messages.error(request, "说明不能超过2000字")
    else:
        try:
            created = services.repeat_mark(by=request.user, proposal=proposal, earlier=earlier, note=note)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, f"已标记为多年重复（{len(created)}件往年议案建议）" if created else "这些往年议案建议已标记过"
            )
    return redirect(reverse("workbench:detail", args=[proposal.pk]) + "#similar")


@staff_required
@require_POST
def unmark_repeat(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(RepeatLink.objects.select_related("proposal", "earlier"), pk=pk)
    services.repeat_unmark(by=request.user, link=link)
    messages.success(request, "已取消多年重复标记")
    return redirect(reverse("workbench:detail", args=[link.proposal_id]) + "#similar")
