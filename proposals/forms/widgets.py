"""Searchable selects for long lists (50,000 deputies, 5,000 units).

The widget renders only the selected options; the page's script turns it into a search box that
asks a JSON endpoint (``data-source``) for matches, so no page ever carries the whole list.
"""

from __future__ import annotations

from django import forms

from common.ids import parse_ids


class _AutocompleteMixin:
    def __init__(self, *, source: str, placeholder: str = "输入关键字搜索", attrs=None):
        attrs = {**(attrs or {}), "data-autocomplete": "1", "data-placeholder": placeholder}
        super().__init__(attrs=attrs)
        self.source = source

    def get_context(self, name, value, attrs):
        from django.urls import reverse

        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-source"] = reverse(self.source)
        return context

    def optgroups(self, name, value, attrs=None):
        """The chosen options only. The value is what the request sent: only well-formed ids are looked up."""
        selected = parse_ids(v for v in value if v not in ("", None))
        options = []
        if not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", not selected, 0))
        if selected:
            field = self.choices.field
            for index, obj in enumerate(field.queryset.filter(pk__in=selected), start=1):
                options.append(self.create_option(name, str(obj.pk), field.label_from_instance(obj), True, index))
        return [(None, options, 0)]


class AutocompleteSelect(_AutocompleteMixin, forms.Select):
    pass


class AutocompleteSelectMultiple(_AutocompleteMixin, forms.SelectMultiple):
    pass
