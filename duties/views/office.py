"""The office's side of the year: point rules, quarterly publications, 优秀建议."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import leader_or_staff_required, staff_required
from accounts.roles import is_office_staff
from common import once
from duties import builders, selectors, services
from duties.forms import DecisionForm, NominationForm, PointRulesForm, PublishForm
from duties.models import ExcellentNomination, NominationStatus, Publication
from duties.views._common import download, year_param
from proposals.errors import DomainError


@leader_or_staff_required
@require_http_methods(["GET", "POST"])
def point_rules(request: HttpRequest) -> HttpResponse:
    editable = is_office_staff(request.user)
    if request.method == "POST":
        if not editable:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("仅工作人员可以修改积分规则")
        form = PointRulesForm(request.POST)
        if form.is_valid():
            try:
                changed = services.point_rules_update(by=request.user, values=form.values())
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    f"已修改{changed}项积分规则，各代表积分已按新规则重新计算；已发布的季度公示保持发布时的内容"
                    if changed
                    else "积分规则没有变化",
                )
                return redirect("duties:rules")
        status = 400
    else:
        form = PointRulesForm()
        status = 200
    return render(request, "duties/rules.html", {"form": form, "editable": editable}, status=status)


@leader_or_staff_required
@require_GET
def publications(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    last_quarter = (today.month - 1) // 3  # the last quarter that has ended this year (0 = none yet)
    suggestion = (today.year, last_quarter) if last_quarter else (today.year - 1, 4)
    return render(
        request,
        "duties/publications.html",
        {
            "publications": Publication.objects.select_related("published_by").order_by("-year", "-quarter"),
            "suggested_year": suggestion[0],
            "suggested_quarter": suggestion[1],
            "editable": is_office_staff(request.user),
            "form": PublishForm(initial={"year": suggestion[0], "quarter": suggestion[1]}),
        },
    )


@staff_required
@require_POST
def publication_create(request: HttpRequest) -> HttpResponse:
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择要公示的年度和季度")
        return redirect("duties:publications")
    try:
        publication = services.publication_publish(
            by=request.user, year=form.cleaned_data["year"], quarter=form.cleaned_data["quarter"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已发布{publication}，共{len(publication.rows)}名代表")
    return redirect("duties:publications")


@leader_or_staff_required
@require_GET
def publication_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    publication = get_object_or_404(Publication, pk=pk)
    name = f"{publication.year}年第{publication.quarter}季度代表履职积分公示"
    if fmt == "pdf":
        return download(builders.publication_pdf(publication), f"{name}.pdf", "application/pdf")
    return download(
        builders.publication_xlsx(publication),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@leader_or_staff_required
@require_GET
def excellent_list(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    rows = list(selectors.nominations(year=year))
    return render(
        request,
        "duties/excellent.html",
        {
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
            "nominations": rows,
            "selected": [n for n in rows if n.status == NominationStatus.SELECTED],
        },
    )


@leader_or_staff_required
@require_GET
def excellent_xlsx(request: HttpRequest) -> HttpResponse:
    import io

    import xlsxwriter

    year = year_param(request)
    rows = [n for n in selectors.nominations(year=year) if n.status == NominationStatus.SELECTED]
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("优秀建议")
    head = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    sheet.write(0, 0, f"{year}年度优秀建议名单", book.add_format({"bold": True, "font_size": 14}))
    for col, text in enumerate(
        ["序号", "会议", "编号", "标题", "领衔代表", "代表团", "推荐理由", "评定日期", "评定意见"]
    ):
        sheet.write(2, col, text, head)
    for r, n in enumerate(rows, start=3):
        p = n.proposal
        values = [
            r - 2,
            p.session.name,
            p.number or "",
            p.title,
            p.lead_deputy.name,
            p.lead_deputy.delegation.name if p.lead_deputy.delegation else "",
            n.reason,
            n.decided_on.isoformat() if n.decided_on else "",
            n.decision_note,
        ]
        for c, value in enumerate(values):
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value)
    sheet.set_column(1, 1, 24)
    sheet.set_column(3, 3, 40)
    sheet.set_column(6, 6, 40)
    book.close()
    return download(
        out.getvalue(),
        f"{year}年度优秀建议名单.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@staff_required
@require_POST
def excellent_nominate(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.nominable(request.user, pk)
    if done := once.replay(request):
        return done
    form = NominationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            once.create_once(
                request,
                lambda: services.excellent_nominate(
                    by=request.user, proposal=proposal, reason=form.cleaned_data["reason"]
                ),
                url=lambda _: reverse("workbench:detail", args=[proposal.pk]) + "#excellent",
                label="优秀建议推荐",
            )
        except once.Replayed:
            return once.replay(request)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已推荐为优秀建议候选，待评定")
    return redirect(reverse("workbench:detail", args=[proposal.pk]))


@leader_or_staff_required
@require_POST
def excellent_decide(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(ExcellentNomination.objects.select_related("proposal"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "页面已过期，请刷新后重试")
    else:
        nomination.version = form.cleaned_data["version"]
        selected = form.cleaned_data["decision"] == "select"
        try:
            services.excellent_decide(
                by=request.user, nomination=nomination, selected=selected, note=form.cleaned_data["note"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, f"已评定：{nomination.proposal.title} {'评为优秀建议' if selected else '不予评选'}"
            )
    return redirect(f"{reverse('duties:excellent')}?year={nomination.year}")


@leader_or_staff_required
@require_http_methods(["GET", "POST"])
def unit_assessment(request: HttpRequest) -> HttpResponse:
    """承办单位考核: the formula, the weights (staff edit them) and each unit's parts and score."""
    import datetime as dt

    from duties.forms import UnitWeightsForm
    from duties.models import UnitAssessmentRule
    from reports.statistics.unit_scores import unit_scores
    from reports.statistics.units import unit_counts, units

    rule = UnitAssessmentRule.current()
    editable = is_office_staff(request.user)
    status = 200
    if request.method == "POST":
        if not editable:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("仅工作人员可以修改考核权重")
        form = UnitWeightsForm(request.POST, instance=rule)
        if form.is_valid():
            form.save()
            messages.success(request, "考核权重已保存，各单位得分已按新权重计算")
            return redirect(f"{reverse('duties:units')}?year={year_param(request)}")
        status = 400
    else:
        form = UnitWeightsForm(instance=rule)
    year = year_param(request)
    as_of = min(timezone.localdate(), dt.date(year, 12, 31))
    counts = unit_counts(year=year, as_of=as_of)
    rows = unit_scores(year=year, as_of=as_of, units=units(year=year, as_of=as_of, counts=counts), counts=counts)
    return render(
        request,
        "duties/units.html",
        {
            "year": year,
            "as_of": as_of,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
            "rows": rows,
            "rule": rule,
            "form": form,
            "editable": editable,
        },
        status=status,
    )
