"""答复审查: approving, returning, and correcting the category of a unit's reply."""

from __future__ import annotations

from django import forms

from common.forms import StyledForm
from deputies.models import Deputy
from proposals.choices import AssistChannel, Category, Rating

from .fields import VersionField


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


class _AssistedRatingForm(StyledForm):
    """代为录入: the rating the office enters for a deputy, with how it was taken (书面/电话/当面) and why."""

    channel = forms.ChoiceField(
        label="代为录入方式",
        choices=AssistChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择代为录入的方式（书面、电话或当面）"},
    )
    assisted_reason = forms.CharField(
        label="代为录入原因",
        max_length=1000,
        widget=forms.TextInput(attrs={"placeholder": "如：代表年事已高，不使用网络，电话告知评价意见"}),
        error_messages={"required": "代为录入评价须写明原因"},
    )
    attitude = forms.ChoiceField(
        label="办理态度",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择办理态度"},
    )
    result = forms.ChoiceField(
        label="办理结果",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择办理结果"},
    )
    reason = forms.CharField(
        label="代表的意见和理由", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssistedEvaluationForm(_AssistedRatingForm):
    """代为录入 of the lead deputy's rating: the item's rating of record."""

    version = VersionField()


class AssistedCoSignerEvaluationForm(_AssistedRatingForm):
    """代为录入 for a co-signer: the office enters a co-signer's own rating, saying how it was taken and why.
    It is counted with the co-signers' ratings, never as the item's rating of record."""

    deputy = forms.ChoiceField(
        label="附议代表",
        error_messages={
            "required": "请选择要代为录入评价的附议代表",
            "invalid_choice": "所选代表不是本件尚未评价的附议代表",
        },
    )
    field_order = ["deputy"]

    def __init__(self, *args, co_signers: list[Deputy], **kwargs):
        super().__init__(*args, **kwargs)
        self._co_signers = {str(d.pk): d for d in co_signers}
        self.fields["deputy"].choices = [("", "请选择附议代表"), *((pk, d.name) for pk, d in self._co_signers.items())]

    def clean_deputy(self) -> Deputy:
        return self._co_signers[self.cleaned_data["deputy"]]
