"""The public search form and the office's withdrawal form."""

from __future__ import annotations

from django import forms

from common.forms import StyledForm
from deputies.models import Session
from units.models import Unit


class PublicSearchForm(StyledForm):
    q = forms.CharField(label="关键词", required=False, max_length=50)
    year = forms.TypedChoiceField(label="年度", required=False, coerce=int, empty_value=None)
    session = forms.ModelChoiceField(label="会议", required=False, queryset=Session.objects.order_by("-year", "name"))
    unit = forms.ModelChoiceField(label="承办单位", required=False, queryset=Unit.objects.order_by("name"))
    field = forms.CharField(label="领域", required=False, max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = Session.objects.order_by("-year").values_list("year", flat=True).distinct()
        self.fields["year"].choices = [("", "全部年度")] + [(y, f"{y}年") for y in years]
        self.fields["session"].empty_label = "全部会议"
        self.fields["unit"].empty_label = "全部承办单位"


class WithdrawForm(StyledForm):
    reason = forms.CharField(label="撤回理由", max_length=1000, error_messages={"required": "撤回公开须写明理由"})
