"""Registering an item by hand, and the intake review decisions."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from common.forms import StyledForm
from common.ids import IdChoiceField
from common.limits import CONTENT_MAX, REASON_MAX, TITLE_MAX
from deputies.models import Session
from files.forms import MultipleFileField
from files.validators import SUBMISSION_ATTACHMENT, SUBMISSION_ATTACHMENTS_MAX
from proposals.choices import Disclosure, Kind, MotionOutcome
from proposals.models import Proposal

from .fields import DeputyChoiceField, DeputyMultipleChoiceField, VersionField, proposal_label
from .widgets import AutocompleteSelect, AutocompleteSelectMultiple


class ProposalEntryForm(StyledForm):
    """A paper item typed in by the office: created, submitted and registered in one step."""

    session = IdChoiceField(label="会议", queryset=Session.objects.all(), empty_label="请选择会议")
    kind = forms.ChoiceField(label="类型", choices=Kind.choices, initial=Kind.SUGGESTION, widget=forms.RadioSelect)
    number = forms.CharField(label="编号", max_length=30, required=False, help_text="留空则按本次会议顺序自动编号")
    title = forms.CharField(label="标题", max_length=TITLE_MAX)
    content = forms.CharField(
        label="内容", required=False, max_length=CONTENT_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    field = forms.CharField(label="领域", max_length=50, required=False, help_text="如：城乡建设、教育、医疗卫生")
    lead_deputy = DeputyChoiceField(
        label="领衔代表", widget=AutocompleteSelect(source="workbench:search_deputies", placeholder="输入代表姓名搜索")
    )
    co_signers = DeputyMultipleChoiceField(
        label="附议代表",
        required=False,
        widget=AutocompleteSelectMultiple(source="workbench:search_deputies", placeholder="输入代表姓名添加附议代表"),
    )
    submitted_on = forms.DateField(
        label="提出日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), initial=timezone.localdate
    )
    attachments = MultipleFileField(label="附件", policy=SUBMISSION_ATTACHMENT, max_files=SUBMISSION_ATTACHMENTS_MAX)
    disclosure = forms.ChoiceField(
        label="是否同意公开",
        required=False,
        choices=[("", "未表明（不公开）"), *Disclosure.choices],
        initial="",
        widget=forms.RadioSelect,
        help_text="按纸质建议上代表的选择填写；未表明的不公开",
    )
    non_disclosure_reason = forms.CharField(label="不公开原由", required=False, max_length=1000)

    def clean_submitted_on(self):
        value = self.cleaned_data["submitted_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("提出日期不能晚于今天")
        return value

    def clean(self):
        data = super().clean()
        session, submitted_on = data.get("session"), data.get("submitted_on")
        if session and submitted_on and submitted_on.year < session.year - 1:
            self.add_error("submitted_on", f"提出日期（{submitted_on:%Y年%m月%d日}）早于所选会议{session.name}的年度")
        lead, co = data.get("lead_deputy"), data.get("co_signers")
        if lead and co and lead in co:
            self.add_error("co_signers", "领衔代表不能同时作为附议代表")
        data["non_disclosure_reason"] = (data.get("non_disclosure_reason") or "").strip()
        if data.get("disclosure") == Disclosure.REFUSE and not data["non_disclosure_reason"]:
            self.add_error("non_disclosure_reason", "不同意公开的，请写明不公开原由")
        return data


class RegisterForm(StyledForm):
    number = forms.CharField(label="编号", max_length=30, required=False, help_text="留空则自动编号")
    comment = forms.CharField(label="备注", required=False, max_length=REASON_MAX)
    version = VersionField()


class RejectForm(StyledForm):
    reason = forms.CharField(
        label="不予立案理由",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "不予立案必须填写理由"},
    )
    version = VersionField()

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("不予立案必须填写理由")
        return reason


class MergeForm(StyledForm):
    into = IdChoiceField(
        label="并入",
        queryset=Proposal.objects.none(),
        widget=AutocompleteSelect(source="workbench:search_proposals", placeholder="输入编号或标题搜索"),
        error_messages={"required": "请选择要并入的议案建议", "invalid_choice": "请选择有效的议案建议"},
    )
    comment = forms.CharField(label="说明", required=False, max_length=REASON_MAX)
    version = VersionField()

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["into"]
        field.queryset = Proposal.objects.filter(session_id=proposal.session_id).exclude(pk=proposal.pk)
        field.label_from_instance = proposal_label
        field.widget.attrs["data-params"] = f"session={proposal.session_id}&exclude={proposal.pk}"


class MotionDecisionForm(StyledForm):
    DECISIONS = [
        ("to_agenda", MotionOutcome.TO_AGENDA.label),
        ("not_to_agenda", MotionOutcome.NOT_TO_AGENDA.label),
        ("convert", "议案转建议"),
    ]
    decision = forms.ChoiceField(
        label="主席团决定", choices=DECISIONS, widget=forms.RadioSelect, error_messages={"required": "请选择处理决定"}
    )
    comment = forms.CharField(
        label="说明", required=False, max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = VersionField()


class CloseForm(StyledForm):
    comment = forms.CharField(
        label="办结说明", required=False, max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    unevaluated = forms.BooleanField(label="代表未作评价（记为未表态办结）", required=False, initial=True)
    version = VersionField()
