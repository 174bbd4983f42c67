"""``{{ pk|id_url:"app:page" }}``: the link to an object's page from its id (see ``common.urls``).

Loaded for every template (``TEMPLATES["OPTIONS"]["builtins"]``); lists use it for the link on each row.
"""

from __future__ import annotations

from django import template

from common.urls import id_url as _id_url

register = template.Library()


@register.filter(name="id_url")
def id_url(pk, name: str) -> str:
    return _id_url(name, pk)
