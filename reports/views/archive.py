"""Archived report files: request a build, follow it in the list, download it when ready.

Leaders and office staff only (deputies and units get 403).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import leader_or_staff_required
from common import once
from common.forms import ClearMessagesForm
from files.downloads import protected_download
from proposals.errors import DomainError
from reports import services
from reports.models import ReportArchive

PAGE_SIZE = 20


class ArchiveRequestForm(ClearMessagesForm):
    kind = forms.ChoiceField(label="报告类型", choices=ReportArchive.Kind.choices, initial=ReportArchive.Kind.MONTHLY)
    year = forms.IntegerField(label="年度", min_value=services.EARLIEST_YEAR, max_value=9999)
    month = forms.TypedChoiceField(
        label="月份（月度报告）",
        choices=[("", "—")] + [(str(m), f"{m}月") for m in range(1, 13)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    as_of = forms.DateField(
        label="统计截至（年度报告）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="不填为今天；月度报告统计截至该月最后一天",
    )
    format = forms.ChoiceField(label="文件格式", choices=ReportArchive.Format.choices, initial=ReportArchive.Format.PDF)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        year, month = services.previous_month(today)
        self.fields["year"].initial = year
        self.fields["month"].initial = str(month)
        for name, field in self.fields.items():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
            field.widget.attrs.setdefault("id", f"id_{name}")


def _list_context(request, form: ArchiveRequestForm) -> dict:
    archives = ReportArchive.objects.select_related("requested_by").order_by("-requested_at", "-id")
    page = Paginator(archives, PAGE_SIZE).get_page(request.GET.get("page"))
    busy = any(a.status in (ReportArchive.Status.QUEUED, ReportArchive.Status.BUILDING) for a in page)
    return {"form": form, "page": page, "busy": busy, "Status": ReportArchive.Status}


@require_GET
@leader_or_staff_required
def archive_list(request):
    return render(request, "reports/archive/list.html", _list_context(request, ArchiveRequestForm()))


@require_http_methods(["POST"])
@leader_or_staff_required
def archive_request(request):
    if done := once.replay(request):
        return done
    form = ArchiveRequestForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = once.create_once(
                request,
                lambda: services.report_request(
                    kind=data["kind"],
                    year=data["year"],
                    month=data["month"] if data["kind"] == ReportArchive.Kind.MONTHLY else None,
                    as_of=data["as_of"],
                    fmt=data["format"],
                    by=request.user,
                ),
                url=lambda _: reverse("dashboard:archive_list"),
                label="报告生成请求",
            )
        except once.Replayed:
            return once.replay(request)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{result.archive}：{result.message}")
            return redirect("dashboard:archive_list")
    return render(request, "reports/archive/list.html", _list_context(request, form), status=400)


@require_POST
@leader_or_staff_required
def archive_rebuild(request, pk: int):
    archive = get_object_or_404(ReportArchive, pk=pk)
    try:
        result = services.report_request(
            kind=archive.kind,
            year=archive.year,
            month=archive.month,
            as_of=archive.as_of,
            fmt=archive.format,
            by=request.user,
            rebuild=True,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{result.archive}：{result.message}")
    return redirect("dashboard:archive_list")


@require_GET
@leader_or_staff_required
def archive_download(request, pk: int):
    archive = get_object_or_404(ReportArchive, pk=pk)
    if archive.status != ReportArchive.Status.READY or not archive.file:
        raise Http404("该报告尚未生成完成")
    return protected_download(archive.file, filename=archive.download_name, gone="报告文件已不存在，请重新生成")
