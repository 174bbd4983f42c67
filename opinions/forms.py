"""Forms of the 民意池: intake, triage, the unit's answer, and the public pages."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from common.forms import StyledForm, VersionedForm
from common.ids import parse_id
from deputies.forms import FIELD_SUGGESTIONS
from deputies.models import Deputy
from opinions.models import OpinionSource, Satisfaction
from proposals.forms.fields import UnitChoiceField

FIELD_CHOICES = [("", "请选择")] + [(f, f) for f in FIELD_SUGGESTIONS]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _today() -> dt.date:
    return timezone.localdate()


class OpinionForm(StyledForm):
    content = forms.CharField(
        label="意见内容",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "请填写意见内容"},
    )
    citizen_name = forms.CharField(label="群众姓名（可不填）", max_length=50, required=False)
    citizen_phone = forms.CharField(label="联系电话", max_length=30, error_messages={"required": "请填写联系电话"})
    field = forms.ChoiceField(label="领域", choices=FIELD_CHOICES, error_messages={"required": "请选择领域"})
    area = forms.CharField(label="区域", max_length=100, required=False, help_text="不填时为联络站所在区域")
    source = forms.ChoiceField(label="来源", choices=OpinionSource.choices, initial=OpinionSource.RECEPTION)
    deputy = forms.ModelChoiceField(label="代表", queryset=Deputy.objects.none(), required=False)
    reception = forms.ModelChoiceField(label="接待活动", queryset=None, required=False)
    received_on = forms.DateField(label="收到日期", widget=DATE, initial=_today)

    def __init__(self, *args, deputies=None, receptions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if deputies is None:
            del self.fields["deputy"]
        else:
            self.fields["deputy"].queryset = deputies
        if receptions is None:
            del self.fields["reception"]
        else:
            self.fields["reception"].queryset = receptions


class ReceptionForm(StyledForm):
    held_on = forms.DateField(label="接待日期", widget=DATE, initial=_today)
    deputies = forms.ModelMultipleChoiceField(
        label="接待代表",
        queryset=Deputy.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请选择参加接待的代表"},
    )
    visitors = forms.IntegerField(label="接待群众人数", min_value=0, initial=0)
    topic = forms.CharField(label="主题", max_length=200, required=False)

    def __init__(self, *args, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputies"].queryset = deputies


class ReasonForm(VersionedForm):
    reason = forms.CharField(
        label="理由",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写处置理由"},
    )
    on = forms.DateField(label="处置日期", widget=DATE, initial=_today)


class AnswerForm(ReasonForm):
    answer = forms.CharField(
        label="答复内容（群众可见）",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写答复内容"},
    )


class ReferForm(ReasonForm):
    unit = UnitChoiceField(label="承办单位", error_messages={"required": "请选择承办单位"})
    request = forms.CharField(
        label="转办要求", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_on = forms.DateField(label="答复期限", widget=DATE, required=False, help_text="不填时按民意池规则的默认天数")


class MergeForm(ReasonForm):
    others = forms.CharField(label="并入本条的意见编号", help_text="填写其他意见的编号，用逗号分隔")

    def clean_others(self):
        parts = [p.strip() for p in self.cleaned_data["others"].replace("，", ",").split(",") if p.strip()]
        if not parts or any(parse_id(p) is None for p in parts):
            raise forms.ValidationError("请填写意见编号（数字），用逗号分隔")
        return [parse_id(p) for p in parts]


class ReleaseForm(VersionedForm):
    summary = forms.CharField(
        label="向群众公布的办理结果",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写办理结果摘要"},
    )


class SuggestForm(StyledForm):
    opinions = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(label="建议标题", max_length=200, error_messages={"required": "请填写建议标题"})
    field = forms.ChoiceField(label="领域", choices=FIELD_CHOICES, error_messages={"required": "请选择领域"})
    content = forms.CharField(label="建议内容", widget=forms.Textarea(attrs={"rows": 10}))
    reason = forms.CharField(
        label="转为建议的理由（群众可见）",
        max_length=1000,
        error_messages={"required": "请填写理由"},
    )

    def clean_opinions(self):
        parts = [p for p in self.cleaned_data["opinions"].split(",") if p.strip()]
        if not parts or any(parse_id(p) is None for p in parts):
            raise forms.ValidationError("请选择要转为建议的意见")
        return [parse_id(p) for p in parts]


class ReferralAnswerForm(VersionedForm):
    answer = forms.CharField(
        label="答复内容",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请填写答复内容"},
    )


class PublicOpinionForm(StyledForm):
    content = forms.CharField(
        label="您的意见或建议",
        max_length=2000,
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "请写明问题发生的地点、情况和您的建议"}),
        error_messages={"required": "请填写意见内容", "min_length": "意见内容至少5个字"},
    )
    field = forms.ChoiceField(label="所属领域", choices=FIELD_CHOICES, error_messages={"required": "请选择所属领域"})
    area = forms.CharField(label="所在区域或地点", max_length=100, required=False)
    citizen_name = forms.CharField(label="您的称呼（可不填）", max_length=50, required=False)
    citizen_phone = forms.CharField(
        label="联系电话",
        max_length=30,
        help_text="仅用于答复您，不会公开，也不会提供给承办单位",
        error_messages={"required": "请填写联系电话，以便答复"},
    )
    answer = forms.CharField(label="验证问题", max_length=4, error_messages={"required": "请回答验证问题"})
    token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(
        required=False, label="网址", widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
    )


class QueryForm(StyledForm):
    code = forms.CharField(
        label="查询码",
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "如 ABCD-EFGH-JKMN", "autocomplete": "off"}),
        error_messages={"required": "请输入查询码"},
    )


class RateForm(StyledForm):
    code = forms.CharField(widget=forms.HiddenInput)
    result = forms.ChoiceField(
        label="您对答复是否满意",
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择满意、基本满意或不满意"},
    )
    comment = forms.CharField(label="意见（可不填）", max_length=500, required=False)


class SuggestionCommitteeForm(StyledForm):
    """The office sets, changes or clears a suggestion's supervising committee (empty choice clears it)."""

    committee = forms.ModelChoiceField(label="督办委员会", queryset=None, required=False)
    note = forms.CharField(label="督办重点", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        from opinions.models import Committee

        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.order_by("name")
        self.fields["committee"].empty_label = "不设督办委员会"
