"""答复审查: approving, returning, and correcting the category of a unit's reply."""

from __future__ import annotations

from django import forms

from common.forms import StyledForm
from proposals.choices import Category


class ReplyApproveForm(StyledForm):
    comment = forms.CharField(label="审查意见（可选）", required=False, max_length=500)


class ReplyReturnForm(StyledForm):
    reason = forms.CharField(
        label="退回理由",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "如：答复内容原则笼统，未写明具体措施和时限"}),
        error_messages={"required": "退回答复须写明理由"},
    )


class CategoryCorrectForm(StyledForm):
    category = forms.ChoiceField(
        label="更正为", choices=Category.choices, error_messages={"required": "请选择更正后的答复类别"}
    )
    reason = forms.CharField(label="更正理由", max_length=2000, error_messages={"required": "更正答复类别须写明理由"})
