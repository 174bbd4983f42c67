"""Forms of the deputy portal. Each form that changes an item carries the ``version`` it was shown."""

from __future__ import annotations

from django import forms

from common.forms import StyledForm, VersionedForm
from common.ids import IdChoiceField, IdMultipleChoiceField, parse_ids
from common.limits import CONTENT_MAX, REASON_MAX
from deputies.models import Deputy, Session
from files.forms import MultipleFileField
from files.validators import SUBMISSION_ATTACHMENT, SUBMISSION_ATTACHMENTS_MAX
from proposals.choices import Disclosure, Kind, Rating

STALE_PAGE = "页面已过期，请刷新后重试"
MAX_VERSION = 2**31 - 1

FIELD_SUGGESTIONS = (
    "政治法律",
    "财政经济",
    "城乡建设",
    "生态环境",
    "教育科技",
    "文化旅游",
    "医疗卫生",
    "农业农村",
    "交通运输",
    "社会保障",
    "民政事务",
    "其他",
)


class ProposalForm(StyledForm):
    kind = forms.ChoiceField(
        label="类型",
        choices=Kind.choices,
        initial=Kind.SUGGESTION,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择类型（建议或议案）"},
    )
    session = IdChoiceField(
        label="会议",
        queryset=Session.objects.none(),
        empty_label=None,
        error_messages={"required": "请选择会议", "invalid_choice": "所选会议不可用，请重新选择"},
    )
    title = forms.CharField(
        label="标题",
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "关于……的建议"}),
    )
    field = forms.CharField(
        label="领域",
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"list": "field-suggestions", "placeholder": "如：城乡建设"}),
    )
    content = forms.CharField(
        label="内容",
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 10, "placeholder": "问题和情况、原因分析、具体建议"}),
        error_messages={"required": "请填写建议内容"},
    )
    disclosure = forms.ChoiceField(
        label="是否同意公开",
        required=False,
        choices=Disclosure.choices,
        widget=forms.RadioSelect,
        help_text="同意公开的，答复后由代表工作机构在公开页面发布（不含联系人和电话）",
    )
    non_disclosure_reason = forms.CharField(label="不公开原由", required=False, max_length=1000)
    co_signers = IdMultipleChoiceField(
        label="附议代表",
        queryset=Deputy.objects.filter(active=True),
        required=False,
        widget=forms.MultipleHiddenInput,
        error_messages={"invalid_choice": "所选附议代表不存在或已不在任", "invalid_pk_value": "附议代表选择有误"},
    )
    attachments = MultipleFileField(label="附件", policy=SUBMISSION_ATTACHMENT, max_files=SUBMISSION_ATTACHMENTS_MAX)
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        max_value=MAX_VERSION,
        required=False,
        error_messages={
            "required": STALE_PAGE,
            "invalid": STALE_PAGE,
            "min_value": STALE_PAGE,
            "max_value": STALE_PAGE,
        },
    )

    suggestions = FIELD_SUGGESTIONS

    def __init__(self, *args, sessions=None, with_session: bool = True, lead: Deputy | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lead = lead
        if with_session:
            self.fields["session"].queryset = sessions if sessions is not None else Session.objects.none()
        else:
            del self.fields["session"]

    def clean_co_signers(self):
        chosen = list(self.cleaned_data.get("co_signers") or [])
        if self.lead is not None and any(d.pk == self.lead.pk for d in chosen):
            raise forms.ValidationError("领衔代表不必再选为附议代表")
        return chosen

    def selected_co_signers(self) -> list[Deputy]:
        """The co-signers to show as chosen: the bound choices (even when the form has errors), else the initial."""
        if self.is_bound:
            if hasattr(self, "cleaned_data") and "co_signers" in self.cleaned_data:
                return list(self.cleaned_data["co_signers"])
            ids = parse_ids(self.data.getlist("co_signers"))
            return list(Deputy.objects.filter(pk__in=ids).select_related("delegation"))
        return list(self.initial.get("co_signers") or [])


class ActionForm(VersionedForm):
    """Submit or withdraw: only the version, and an optional note."""

    comment = forms.CharField(label="说明", required=False, max_length=REASON_MAX)


class SubmitForm(VersionedForm):
    """Submitting a saved draft from its page: the deputy says whether it may be published, or why not."""

    disclosure = forms.ChoiceField(
        label="是否同意公开",
        choices=Disclosure.choices,
        widget=forms.RadioSelect,
        help_text="同意公开的，答复后由代表工作机构在公开页面发布（不含联系人和电话）",
        error_messages={"required": "请选择是否同意公开", "invalid_choice": "请选择是否同意公开"},
    )
    non_disclosure_reason = forms.CharField(label="不公开原由", required=False, max_length=1000)
    comment = forms.CharField(label="说明", required=False, max_length=REASON_MAX)

    def clean(self):
        cleaned = super().clean()
        reason = (cleaned.get("non_disclosure_reason") or "").strip()
        if cleaned.get("disclosure") == Disclosure.REFUSE and not reason:
            self.add_error("non_disclosure_reason", "不同意公开的，请写明不公开原由")
        cleaned["non_disclosure_reason"] = reason
        return cleaned


class EvaluationForm(VersionedForm):
    attitude = forms.ChoiceField(
        label="办理态度",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请对办理态度作出评价"},
    )
    result = forms.ChoiceField(
        label="办理结果",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请对办理结果作出评价"},
    )
    reason = forms.CharField(
        label="意见和理由",
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "评价为不满意时必须填写，承办单位将据此重新办理"}),
    )


class MeetingForm(StyledForm):
    message = forms.CharField(
        label="希望当面沟通的内容",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "希望与承办单位当面沟通的问题、方便的时间等"}),
        error_messages={"required": "请填写希望当面沟通的内容"},
    )


class CoSignerEvaluationForm(StyledForm):
    """A co-signer's own rating: shown to the office, counted apart from the lead deputy's."""

    attitude = forms.ChoiceField(
        label="办理态度",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请对办理态度作出评价"},
    )
    result = forms.ChoiceField(
        label="办理结果",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请对办理结果作出评价"},
    )
    reason = forms.CharField(
        label="意见和理由",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "评价为不满意时必须填写"}),
    )
