"""Choice fields whose labels match the search endpoints' labels."""

from __future__ import annotations

from django import forms

from common.ids import IdChoiceField, IdMultipleChoiceField
from deputies.models import Deputy
from proposals.models import Proposal
from units.models import Unit


def deputy_label(deputy: Deputy) -> str:
    return f"{deputy.name}（{deputy.delegation.name}）" if deputy.delegation_id else deputy.name


def unit_label(unit: Unit) -> str:
    return unit.label


def proposal_label(proposal: Proposal) -> str:
    return f"{proposal.number or '未编号'} {proposal.title}"


class DeputyChoiceField(IdChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Deputy.objects.select_related("delegation"), **kwargs)

    def label_from_instance(self, obj):
        return deputy_label(obj)


class DeputyMultipleChoiceField(IdMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Deputy.objects.select_related("delegation"), **kwargs)

    def label_from_instance(self, obj):
        return deputy_label(obj)


class UnitChoiceField(IdChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Unit.objects.filter(active=True), **kwargs)

    def label_from_instance(self, obj):
        return unit_label(obj)


class UnitMultipleChoiceField(IdMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Unit.objects.filter(active=True), **kwargs)

    def label_from_instance(self, obj):
        return unit_label(obj)


class VersionField(forms.IntegerField):
    """The version of the object the form was shown for (optimistic concurrency)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**31 - 1)
        kwargs.setdefault(
            "error_messages", {"required": "页面已过期，请刷新后重试", "invalid": "页面已过期，请刷新后重试"}
        )
        super().__init__(**kwargs)
