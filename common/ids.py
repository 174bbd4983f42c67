"""Ids that come from a request: bounded positive integers, checked before they reach a query.

A select's value, a search endpoint's parameter or a hidden field may hold anything a user typed:
"abc", "-1", "1.5", or 25 digits that overflow the database's integer. ``parse_id`` turns such a
value into an int or ``None``; the choice fields below refuse the bad value with a Chinese form error
(instead of a 500), and the searchable-select widget renders only ids that passed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1  # the largest BigAutoField value (PostgreSQL bigint, SQLite INTEGER)
_ID = re.compile(r"[1-9][0-9]{0,18}")


def parse_id(value) -> int | None:
    """``value`` as a positive id (ASCII digits, at most 2**63-1), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= MAX_ID else None
    text = str(value).strip() if value is not None else ""
    if not _ID.fullmatch(text):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


def parse_ids(values: Iterable) -> list[int]:
    """The good ids among ``values`` (bad ones dropped), in order, without repeats."""
    seen: dict[int, None] = {}
    for value in values:
        number = parse_id(value)
        if number is not None:
            seen[number] = None
    return list(seen)


def _model_instance(field, value):
    return isinstance(value, field.queryset.model)


class IdChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` whose value must be a bounded positive id before it is looked up."""

    def to_python(self, value):
        if value in self.empty_values or _model_instance(self, value) or self.to_field_name:
            return super().to_python(value)
        number = parse_id(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(number)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` whose values must all be bounded positive ids before they are looked up."""

    def _check_values(self, value):
        if not self.to_field_name:
            try:
                values = frozenset(value)
            except TypeError:
                raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
            for item in values:
                if not _model_instance(self, item) and parse_id(item) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                    )
            value = [item if _model_instance(self, item) else parse_id(item) for item in values]
        return super()._check_values(value)
