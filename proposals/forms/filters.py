"""The list page's filter bar."""

from __future__ import annotations

from django import forms

from common.forms import StyledForm
from common.ids import IdChoiceField
from deputies.models import Delegation, Session
from proposals.choices import Kind
from proposals.models.proposal import ProposalState
from proposals.selectors_filters import DEFAULT_SORT, SORTS, ListFilters

from .fields import UnitChoiceField
from .widgets import AutocompleteSelect

SORT_CHOICES = [(key, key) for name in SORTS for key in (name, f"-{name}")]
SORT_LABELS = {"number": "编号", "submitted": "提出日期", "due": "答复期限", "state": "状态"}
QUICK_FILTERS = (("key", "重点督办"), ("near", "临期"), ("overdue", "超期"), ("unsatisfied", "不满意"))
STATE_CHOICES = [("", "全部状态")] + [(v, label) for v, label in ProposalState.choices if v != ProposalState.DRAFT]


class ListFilterForm(StyledForm):
    q = forms.CharField(label="搜索", required=False, max_length=100)
    session = IdChoiceField(label="会议", queryset=Session.objects.all(), required=False, empty_label="全部会议")
    kind = forms.ChoiceField(label="类型", choices=[("", "全部类型"), *Kind.choices], required=False)
    state = forms.ChoiceField(label="状态", choices=STATE_CHOICES, required=False)
    unit = UnitChoiceField(
        label="承办单位",
        required=False,
        widget=AutocompleteSelect(source="workbench:search_units", placeholder="全部承办单位"),
    )
    field = forms.CharField(label="领域", required=False, max_length=50)
    delegation = IdChoiceField(
        label="代表团", queryset=Delegation.objects.all(), required=False, empty_label="全部代表团"
    )
    key = forms.BooleanField(label="重点督办", required=False)
    near = forms.BooleanField(label="临期", required=False)
    overdue = forms.BooleanField(label="超期", required=False)
    unsatisfied = forms.BooleanField(label="不满意", required=False)
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self.fields["unit"].queryset.model.objects.all()

    def to_filters(self) -> ListFilters:
        """The filters to apply; an invalid value is dropped rather than failing the whole list."""
        data = (
            self.cleaned_data
            if self.is_valid()
            else {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}
        )
        session, unit, delegation = data.get("session"), data.get("unit"), data.get("delegation")
        return ListFilters(
            session_id=session.pk if session else None,
            kind=data.get("kind") or "",
            state=data.get("state") or "",
            unit_id=unit.pk if unit else None,
            field=(data.get("field") or "").strip(),
            delegation_id=delegation.pk if delegation else None,
            key_supervision=bool(data.get("key")),
            near_due=bool(data.get("near")),
            overdue=bool(data.get("overdue")),
            unsatisfied=bool(data.get("unsatisfied")),
            q=(data.get("q") or "").strip(),
            sort=data.get("sort") or DEFAULT_SORT,
        )

    def described(self) -> list[tuple[str, str]]:
        """The filters applied, as (name, chosen value) in the filter bar's order, for an export's heading.

        Values the list dropped as invalid are left out here too, so the heading names what was applied.
        """
        if not self.is_bound:
            return []
        self.is_valid()
        data = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}
        out: list[tuple[str, str]] = []
        if (data.get("q") or "").strip():
            out.append(("搜索", data["q"].strip()))
        for name in ("session", "kind", "state", "delegation", "unit"):
            value = data.get(name)
            if value:
                field = self.fields[name]
                text = dict(field.choices).get(value, value) if isinstance(value, str) else str(value)
                out.append((str(field.label), str(text)))
        if (data.get("field") or "").strip():
            out.append(("领域", data["field"].strip()))
        quick = [label for key, label in QUICK_FILTERS if data.get(key)]
        if quick:
            out.append(("快捷筛选", "、".join(quick)))
        return out

    def sort_described(self) -> str:
        sort = self.to_filters().sort if self.is_bound else DEFAULT_SORT
        key = sort.lstrip("-")
        if key not in SORT_LABELS:
            key, sort = DEFAULT_SORT.lstrip("-"), DEFAULT_SORT
        order = "从晚到早" if key in ("submitted", "due") else "倒序"
        if not sort.startswith("-"):
            order = "从早到晚" if key in ("submitted", "due") else "正序"
        return f"{SORT_LABELS[key]}（{order}）"
