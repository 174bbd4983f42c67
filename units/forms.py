"""Forms of the unit portal. Forms that move an assignment carry the ``version`` the page showed."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from common.forms import StyledForm, VersionedForm
from common.ids import IdChoiceField, parse_id
from files.validators import OPINION_FILE, REPLY_LETTER, UploadValidator
from proposals.choices import Adoption, Category, ContactMethod
from units.models import Unit

DATE_WIDGET = {"type": "date"}
PLAN_ROWS = 5  # 计划落实事项 rows on the reply form


def _date_input():
    return forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d")


class SignForm(VersionedForm):
    pass


class AdjustmentForm(VersionedForm):
    reason = forms.CharField(
        label="申请调整理由",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "说明此件不属于本单位职责的依据"}),
        error_messages={"required": "申请调整必须说明理由"},
    )
    proposed_unit = IdChoiceField(
        label="建议改由",
        queryset=Unit.objects.filter(active=True),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "所选单位不存在或已停用"},
    )

    def selected_units(self) -> list[Unit]:
        if self.is_bound:
            if hasattr(self, "cleaned_data") and self.cleaned_data.get("proposed_unit"):
                return [self.cleaned_data["proposed_unit"]]
            unit_id = parse_id(self.data.get("proposed_unit", ""))
            return list(Unit.objects.filter(pk=unit_id)) if unit_id else []
        return []


class ExtensionForm(VersionedForm):
    until = forms.DateField(
        label="申请延期至",
        widget=_date_input(),
        error_messages={"required": "请选择申请延期至的日期"},
    )
    reason = forms.CharField(
        label="延期理由",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "申请延期必须说明理由"},
    )


class ContactForm(StyledForm):
    method = forms.ChoiceField(
        label="沟通方式", choices=ContactMethod.choices, error_messages={"required": "请选择沟通方式"}
    )
    contacted_on = forms.DateField(
        label="沟通日期",
        widget=_date_input(),
        error_messages={"required": "请填写沟通日期"},
    )
    participants = forms.CharField(label="参加人员", max_length=200, required=False)
    summary = forms.CharField(
        label="沟通情况",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "代表的意见、本单位的说明和下一步安排"}),
        error_messages={"required": "请填写沟通情况"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacted_on"].initial = timezone.localdate


class ProgressForm(StyledForm):
    noted_on = forms.DateField(label="日期", widget=_date_input(), error_messages={"required": "请填写日期"})
    body = forms.CharField(
        label="办理进展",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "代表可以看到这里填写的进展"}),
        error_messages={"required": "请填写办理进展"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["noted_on"].initial = timezone.localdate


class OpinionForm(VersionedForm):
    body = forms.CharField(
        label="协办意见",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请填写协办意见"},
    )
    file = forms.FileField(
        label="附件（可选）",
        required=False,
        validators=[UploadValidator(OPINION_FILE)],
        widget=forms.FileInput(attrs={"accept": OPINION_FILE.accept}),
    )


class ReplyForm(VersionedForm):
    doc_number = forms.CharField(
        label="文号",
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": "如：市住建函〔2026〕12号"}),
        error_messages={"required": "请填写答复函文号"},
    )
    signer = forms.CharField(label="签发人", max_length=50, error_messages={"required": "请填写签发人"})
    contact_person = forms.CharField(label="联系人", max_length=50, error_messages={"required": "请填写联系人"})
    contact_phone = forms.CharField(label="联系电话", max_length=30, error_messages={"required": "请填写联系电话"})
    category = forms.ChoiceField(
        label="答复类别",
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择答复类别（A、B、C、D）"},
    )
    adoption = forms.ChoiceField(
        label="采纳情况",
        choices=Adoption.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择采纳情况"},
    )
    body = forms.CharField(
        label="答复内容",
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "答复函正文；也可只上传答复函文件"}),
    )
    done_items = forms.CharField(
        label="已落实事项",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "已经办成的具体事项"}),
    )
    not_adopted_reason = forms.CharField(
        label="未采纳或暂不能落实的理由",
        required=False,
        max_length=10000,
        help_text="C类、D类答复必须填写",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(
        label="答复函文件",
        required=False,
        validators=[UploadValidator(REPLY_LETTER)],
        widget=forms.FileInput(attrs={"accept": REPLY_LETTER.accept}),
    )
    replied_on = forms.DateField(
        label="答复日期",
        widget=_date_input(),
        error_messages={"required": "请填写答复日期"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replied_on"].initial = timezone.localdate
        for n in range(1, PLAN_ROWS + 1):
            self.fields[f"plan_text_{n}"] = forms.CharField(
                label=f"计划落实事项{n}",
                required=False,
                max_length=1000,
                widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "承诺办理的具体事项"}),
            )
            self.fields[f"plan_due_{n}"] = forms.DateField(
                label=f"落实时限{n}",
                required=False,
                widget=forms.DateInput(attrs={**DATE_WIDGET, "class": "form-control"}, format="%Y-%m-%d"),
                error_messages={"invalid": "日期格式不正确"},
            )

    def plan_rows(self) -> list[tuple]:
        """The (text, 落实时限) bound fields of each planned-action row, for the template."""
        return [(self[f"plan_text_{n}"], self[f"plan_due_{n}"]) for n in range(1, PLAN_ROWS + 1)]


class AcknowledgeForm(StyledForm):
    response = forms.CharField(
        label="反馈情况",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "可填写落实情况（可选）"}),
    )


class FollowUpReportForm(StyledForm):
    OUTCOMES = [("done", "已落实"), ("not_done", "未落实")]
    outcome = forms.ChoiceField(
        label="落实情况", choices=OUTCOMES, widget=forms.RadioSelect, error_messages={"required": "请选择落实情况"}
    )
    note = forms.CharField(
        label="情况说明",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "落实的具体情况；未落实的，说明原因和下一步安排"}),
        error_messages={"required": "请填写落实情况说明"},
    )
