"""督办: supervision steps and 重点督办."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from common.forms import StyledForm
from common.ids import IdChoiceField
from common.limits import REASON_MAX
from proposals.choices import SupervisionKind
from units.models import Unit

from .fields import VersionField


class SupervisionIssueForm(StyledForm):
    kind = forms.ChoiceField(
        label="督办方式",
        choices=SupervisionKind.choices,
        initial=SupervisionKind.URGE,
        error_messages={"required": "请选择督办方式"},
    )
    unit = IdChoiceField(
        label="被督办单位",
        queryset=None,
        empty_label="请选择承办单位",
        error_messages={"required": "请选择被督办单位", "invalid_choice": "请选择本件的承办单位"},
    )
    content = forms.CharField(
        label="督办内容",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写督办内容"},
    )
    due_on = forms.DateField(
        label="反馈期限",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "请填写反馈期限"},
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units, **kwargs):
        """``units``: the item's units (already read, in the order shown); the choice must be one of them."""
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        field.choices = [("", field.empty_label), *((u.pk, field.label_from_instance(u)) for u in units)]
        self.fields["due_on"].widget.attrs["min"] = (timezone.localdate()).isoformat()


class KeySupervisionForm(StyledForm):
    selected = forms.BooleanField(required=False, widget=forms.HiddenInput)
    supervisor = forms.CharField(
        label="督办领导/委员会", required=False, max_length=100, help_text="如：常委会副主任张某某、财经委"
    )
    comment = forms.CharField(label="说明", required=False, max_length=REASON_MAX)
    version = VersionField()

    def clean(self):
        data = super().clean()
        if data.get("selected") and not (data.get("supervisor") or "").strip():
            self.add_error("supervisor", "列为重点督办须填写督办领导或委员会")
        return data
