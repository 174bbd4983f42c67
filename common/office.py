"""The office's name, as the office set it in 办理规则 (else the deployment's ``OFFICE_NAME``).

Every page shows it in the header, so it is cached for a minute, and replaced when the rules are saved.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_save

CACHE_KEY = "common:office_name"
CACHE_SECONDS = 60


def office_name() -> str:
    name = cache.get(CACHE_KEY)
    if name is None:
        from proposals.models import HandlingRules

        name = HandlingRules.current().display_office_name
        cache.set(CACHE_KEY, name, CACHE_SECONDS)
    return name


def remember_office_name(*, instance, **_) -> None:
    cache.set(CACHE_KEY, instance.display_office_name, CACHE_SECONDS)


def connect() -> None:
    from proposals.models import HandlingRules

    post_save.connect(remember_office_name, sender=HandlingRules, dispatch_uid="common.office_name")
