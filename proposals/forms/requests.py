"""Deciding the units' adjustment (调整) and extension (延期) requests."""

from __future__ import annotations

from django import forms

from common.forms import StyledForm
from common.limits import REASON_MAX

from .fields import UnitChoiceField, VersionField
from .widgets import AutocompleteSelect


class AdjustmentApproveForm(StyledForm):
    TARGETS = [
        ("none", "同意退回，稍后重新交办"),
        ("proposed", "同意，改由申请中建议的单位承办"),
        ("other", "同意，改由其他单位承办"),
    ]
    target = forms.ChoiceField(label="处理方式", choices=TARGETS, initial="none", widget=forms.RadioSelect)
    other_unit = UnitChoiceField(
        label="改由单位",
        required=False,
        widget=AutocompleteSelect(source="workbench:search_units", placeholder="输入单位名称搜索"),
    )
    note = forms.CharField(label="审批意见", required=False, max_length=REASON_MAX)
    version = VersionField()

    def __init__(self, *args, proposed_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposed_unit = proposed_unit
        if proposed_unit is None:
            self.fields["target"].choices = [c for c in self.TARGETS if c[0] != "proposed"]
        else:
            self.fields["target"].choices = [
                (key, f"同意，改由{proposed_unit.name}承办" if key == "proposed" else label)
                for key, label in self.TARGETS
            ]

    def clean(self):
        data = super().clean()
        if data.get("target") == "other" and not data.get("other_unit"):
            self.add_error("other_unit", "请选择改由承办的单位")
        return data

    @property
    def reassign_to(self):
        target = self.cleaned_data.get("target")
        if target == "proposed":
            return self.proposed_unit
        if target == "other":
            return self.cleaned_data.get("other_unit")
        return None


class DenyForm(StyledForm):
    note = forms.CharField(label="不同意理由", max_length=REASON_MAX, error_messages={"required": "请填写不同意的理由"})
    version = VersionField()

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError("请填写不同意的理由")
        return note


class ExtensionApproveForm(StyledForm):
    until = forms.DateField(
        label="批准延期至",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "请填写批准延期至的日期"},
    )
    note = forms.CharField(label="审批意见", required=False, max_length=REASON_MAX)
    version = VersionField()

    def __init__(self, *args, cap=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cap is not None:
            self.fields["until"].widget.attrs["max"] = cap.isoformat()
