"""The address of an object's page from its id, reversed once per page name instead of once per row.

A list links every row to its item: ``{% url %}`` resolves the pattern again for each link, which costs
more than the rest of the row. The pages linked from lists take one integer id (``<int:pk>``): the
pattern is reversed once with a marker id, and each link is the part before it, the id and the part after.
"""

from __future__ import annotations

import functools

from django.core.exceptions import ImproperlyConfigured
from django.urls import get_script_prefix, reverse

_MARKER = 4_611_686_018_427_387_903  # no real id reaches 2**62 - 1


@functools.cache
def _around(name: str, script_prefix: str) -> tuple[str, str]:
    url = reverse(name, args=[_MARKER])
    head, found, tail = url.partition(str(_MARKER))
    if not found or str(_MARKER) in tail:
        raise ImproperlyConfigured(f"{name} does not take one id")
    return head, tail


def id_url(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for a page whose one argument is an integer id."""
    head, tail = _around(name, get_script_prefix())
    return f"{head}{int(pk)}{tail}"
