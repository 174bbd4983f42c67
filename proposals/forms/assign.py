"""交办: handling mode and units."""

from __future__ import annotations

from django import forms

from common.forms import StyledForm
from common.limits import REASON_MAX
from proposals.choices import HandlingMode

from .fields import UnitMultipleChoiceField, VersionField
from .widgets import AutocompleteSelectMultiple


class AssignForm(StyledForm):
    mode = forms.ChoiceField(
        label="办理方式",
        choices=HandlingMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择办理方式：单办、主办协办或分办"},
    )
    lead_units = UnitMultipleChoiceField(
        label="承办单位",
        help_text="单办、主办协办选一个主办单位；分办选两个或以上承办单位",
        widget=AutocompleteSelectMultiple(source="workbench:search_units", placeholder="输入单位名称搜索"),
        error_messages={"required": "请选择承办单位"},
    )
    co_units = UnitMultipleChoiceField(
        label="协办单位",
        required=False,
        help_text="仅主办协办时选择",
        widget=AutocompleteSelectMultiple(source="workbench:search_units", placeholder="输入单位名称搜索"),
    )
    comment = forms.CharField(
        label="交办意见", required=False, max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VersionField()
