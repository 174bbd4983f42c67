"""Triage actions on one opinion: each parses its form, calls one service and goes back to the opinion."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.decorators import deputy_required
from common import once
from common.ids import parse_ids
from opinions import access, services
from opinions.forms import AnswerForm, MergeForm, ReasonForm, ReferForm, ReleaseForm, SuggestForm
from opinions.models import Opinion
from opinions.views._common import back, opinions_required
from proposals.errors import DomainError


def _actionable(request: HttpRequest, pk: int) -> Opinion:
    """The opinion, if the user may triage it: 404 when they cannot see it, 403 when they only read it."""
    opinion = access.opinion_for_user(request.user, pk)
    if not access.can_triage(request.user, opinion):
        raise PermissionDenied("只有本联络站工作人员和相关代表可以处置该意见")
    return opinion


def _bound(request: HttpRequest, pk: int, form_class, prefix: str):
    opinion = _actionable(request, pk)
    form = form_class(request.POST, prefix=prefix)
    if not form.is_valid():
        errors = [e for errs in form.errors.values() for e in errs]
        return opinion, None, errors[0] if errors else "请检查填写的内容"
    opinion.version = form.cleaned_data["version"]
    return opinion, form.cleaned_data, None


def _run(request, opinion, call, ok: str) -> HttpResponse:
    try:
        call()
    except DomainError as exc:
        return back(request, opinion.pk, error=exc.message)
    return back(request, opinion.pk, ok=ok)


@opinions_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    opinion, data, error = _bound(request, pk, AnswerForm, "answer")
    if error:
        return back(request, pk, error=error)
    return _run(
        request,
        opinion,
        lambda: services.opinion_answer(
            opinion=opinion, by=request.user, answer=data["answer"], reason=data["reason"], on=data["on"]
        ),
        "已直接答复，群众可凭查询码看到答复",
    )


@opinions_required
@require_POST
def refer(request: HttpRequest, pk: int) -> HttpResponse:
    if done := once.replay(request):
        return done
    opinion, data, error = _bound(request, pk, ReferForm, "refer")
    if error:
        return back(request, pk, error=error)
    try:
        return _run(
            request,
            opinion,
            lambda: once.create_once(
                request,
                lambda: services.opinion_refer(
                    opinion=opinion,
                    by=request.user,
                    unit=data["unit"],
                    reason=data["reason"],
                    request=data["request"],
                    due_on=data["due_on"],
                    on=data["on"],
                ),
                url=lambda referral: reverse("opinions:detail", args=[opinion.pk]),
                label=f"转交{data['unit'].name}办理",
            ),
            f"已转交{data['unit'].name}办理",
        )
    except once.Replayed:
        return once.replay(request)


def _reasoned(request: HttpRequest, pk: int, *, prefix: str, service, ok: str) -> HttpResponse:
    opinion, data, error = _bound(request, pk, ReasonForm, prefix)
    if error:
        return back(request, pk, error=error)
    return _run(
        request, opinion, lambda: service(opinion=opinion, by=request.user, reason=data["reason"], on=data["on"]), ok
    )


@opinions_required
@require_POST
def keep(request: HttpRequest, pk: int) -> HttpResponse:
    return _reasoned(request, pk, prefix="keep", service=services.opinion_keep, ok="已留存参考")


@opinions_required
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _reasoned(request, pk, prefix="decline", service=services.opinion_decline, ok="已不予受理")


@opinions_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    head, data, error = _bound(request, pk, MergeForm, "merge")
    if error:
        return back(request, pk, error=error)
    visible = access.visible_opinions(request.user)
    others = list(visible.filter(pk__in=data["others"]))
    if len(others) != len(set(data["others"])):
        return back(request, pk, error="有的意见编号不存在或您无权处置")
    return _run(
        request,
        head,
        lambda: services.opinions_merge(
            head=head, others=others, by=request.user, reason=data["reason"], on=data["on"]
        ),
        f"已将 {len(others)} 条意见合并到本条，一并处置",
    )


@opinions_required
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    opinion, data, error = _bound(request, pk, ReleaseForm, "release")
    if error:
        return back(request, pk, error=error)
    return _run(
        request,
        opinion,
        lambda: services.opinion_release_outcome(opinion=opinion, by=request.user, summary=data["summary"]),
        "已向群众公布办理结果",
    )


def _prefill(opinions: list[Opinion]) -> dict:
    first = opinions[0]
    lines = [
        f"{i}. {o.received_on:%Y年%m月%d日}，{o.area or '本地'}群众反映：{o.content}" for i, o in enumerate(opinions, 1)
    ]
    return {
        "opinions": ",".join(str(o.pk) for o in opinions),
        "field": first.field,
        "title": f"关于{first.short[:20]}问题的建议",
        "content": "一、群众反映的问题\n" + "\n".join(lines) + "\n\n二、原因分析\n\n三、具体建议\n",
    }


@deputy_required
def suggest(request: HttpRequest) -> HttpResponse:
    """转为建议: a draft suggestion prefilled from the chosen opinions."""
    visible = access.visible_opinions(request.user)
    if request.method == "POST" and (done := once.replay(request)):
        return done
    if request.method == "POST":
        form = SuggestForm(request.POST)
        ids = parse_ids(request.POST.get("opinions", "").split(","))
    else:
        ids = parse_ids(request.GET.getlist("ids"))
        form = None
    if not ids:
        messages.error(request, "请先勾选要转为建议的意见")
        return redirect("opinions:list")
    chosen = [o for o in visible.filter(pk__in=ids).order_by("received_on", "pk") if access.can_triage(request.user, o)]
    if len(chosen) != len(set(ids)):
        raise Http404("未找到所选的意见，或您无权处置")
    if form is None:
        form = SuggestForm(initial=_prefill(chosen))
    elif form.is_valid():
        data = form.cleaned_data
        try:
            proposal = once.create_once(
                request,
                lambda: services.opinions_to_suggestion(
                    opinions=chosen,
                    by=request.user,
                    title=data["title"],
                    content=data["content"],
                    field=data["field"],
                    reason=data["reason"],
                ),
                url=lambda proposal: reverse("deputy:edit", args=[proposal.pk]),
                label=data["title"],
            )
        except once.Replayed:
            return once.replay(request)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已据群众意见起草建议，请完善后提交")
            return redirect("deputy:edit", pk=proposal.pk)
    return render(request, "opinions/suggest.html", {"form": form, "chosen": chosen})
