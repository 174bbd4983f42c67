"""Forms of the duty record pages."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from duties.models import ACTIVITY_KINDS
from duties.points import current_rules


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(
        label="类别",
        choices=[(k.value, k.label) for k in ACTIVITY_KINDS],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    held_on = forms.DateField(
        label="日期",
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}),
        error_messages={"required": "请填写活动日期", "invalid": "请按 2025-06-30 的格式填写日期"},
    )
    title = forms.CharField(
        label="活动名称",
        max_length=200,
        error_messages={"required": "请填写活动名称", "max_length": "活动名称不能超过200字"},
    )
    evidence = forms.CharField(
        label="佐证材料说明",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control form-control-sm"}),
        error_messages={"required": "请说明佐证材料（通知文号、签到表、照片等）", "max_length": "说明不能超过2000字"},
    )


class PointRulesForm(forms.Form):
    """One points field and one cap field per kind."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = current_rules()
        for kind, rule in self.rules.items():
            self.fields[f"points_{kind}"] = forms.DecimalField(
                label=rule.label,
                min_value=Decimal("0"),
                max_value=Decimal("1000"),
                decimal_places=1,
                initial=rule.points,
                error_messages={"required": f"请填写“{rule.label}”的每项积分", "invalid": "请填写数字"},
            )
            self.fields[f"cap_{kind}"] = forms.DecimalField(
                label=f"{rule.label}年度上限",
                required=False,
                min_value=Decimal("0"),
                max_value=Decimal("10000"),
                decimal_places=1,
                initial=rule.cap,
                error_messages={"invalid": "请填写数字，或留空表示不设上限"},
            )

    def rows(self):
        return [(rule, self[f"points_{kind}"], self[f"cap_{kind}"]) for kind, rule in self.rules.items()]

    def values(self) -> dict:
        data = self.cleaned_data
        return {kind: (data[f"points_{kind}"], data.get(f"cap_{kind}")) for kind in self.rules}


class NominationForm(forms.Form):
    reason = forms.CharField(
        label="推荐理由",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写推荐理由", "max_length": "推荐理由不能超过2000字"},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("select", "评为优秀"), ("reject", "不予评选")])
    note = forms.CharField(label="评定意见", max_length=2000, required=False)
    version = forms.IntegerField(min_value=0, max_value=2**31 - 1)


class PublishForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(coerce=int, choices=[(q, f"第{q}季度") for q in (1, 2, 3, 4)])


class UnitWeightsForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-sm"

    class Meta:
        from duties.models import UnitAssessmentRule

        model = UnitAssessmentRule
        fields = [
            "sign_on_time_weight",
            "on_time_weight",
            "face_to_face_weight",
            "satisfaction_weight",
            "returned_reply_penalty",
            "overdue_followup_penalty",
        ]

    def clean(self):
        data = super().clean()
        weights = [data.get(k) or 0 for k in self.Meta.fields[:4]]
        if any(w < 0 for w in weights) or sum(weights) <= 0:
            raise forms.ValidationError("四项权重不能为负数，且合计必须大于0")
        for key in self.Meta.fields[4:]:
            if (data.get(key) or 0) < 0:
                self.add_error(key, "扣分不能为负数")
        return data
