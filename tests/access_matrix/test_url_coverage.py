"""Every URL of the project is in the permission matrix, and each role gets exactly what the matrix says.

How to add entries: see the docstring of ``tests/access_matrix/__init__.py``.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.access_matrix as matrix
from tests.access_matrix import ANONYMOUS, ROLES, Entry
from tests.access_matrix.world import World, build_world

SKIPPED_PREFIXES = ("admin/",)  # the admin checks is_staff on every page itself
NOT_ENTRY_MODULES = {"world"}


def collect_entries() -> list[Entry]:
    entries: list[Entry] = []
    for module in pkgutil.iter_modules(matrix.__path__):
        if module.name.startswith(("test_", "_")) or module.name in NOT_ENTRY_MODULES:
            continue
        entries.extend(importlib.import_module(f"{matrix.__name__}.{module.name}").ENTRIES)
    return entries


ENTRIES = collect_entries()


def walk(patterns, prefix: str = "", namespace: str = ""):
    """(route, name) of every URL pattern, includes followed, ``admin/`` left out."""
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            if route.startswith(SKIPPED_PREFIXES):
                continue
            ns = ":".join(part for part in (namespace, p.namespace or "") if part)
            yield from walk(p.url_patterns, route, ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield route, name


def uncovered_patterns(entries: list[Entry]) -> list[str]:
    covered = {e.name for e in entries}
    return [
        f"{route} ({name or 'no name'})" for route, name in walk(get_resolver().url_patterns) if name not in covered
    ]


def test_every_url_of_the_project_is_in_the_permission_matrix():
    missing = uncovered_patterns(ENTRIES)
    assert not missing, "URLs without an entry in tests/access_matrix/: " + ", ".join(missing)


def test_no_entry_names_a_url_that_does_not_exist():
    names = {name for _route, name in walk(get_resolver().url_patterns)}
    assert not [e.name for e in ENTRIES if e.name not in names]


def test_a_page_added_without_an_entry_fails_the_coverage_check(settings):
    before = set(uncovered_patterns(ENTRIES))
    settings.ROOT_URLCONF = "tests.access_matrix._throwaway_urls"
    added = set(uncovered_patterns(ENTRIES)) - before
    assert added == {"staff/forgotten/ (forgotten)", "extra/<int:pk>/ (extra:page)"}


def test_the_matrix_lists_every_role_for_every_entry():
    for entry in ENTRIES:
        assert entry.allowed <= set(ROLES), entry


# --- requesting every entry as every role -------------------------------------------------------------


def _project_models():
    """The project's models with a table of their own (the statistics' temporary tables exist only while a
    report is being computed)."""
    base = Path(settings.BASE_DIR)
    tables = set(connection.introspection.table_names())
    for config in apps.get_app_configs():
        path = Path(config.path)
        installed = "site-packages" in path.parts  # a virtualenv inside the checkout is not the project
        if (path.is_relative_to(base) and not installed) or config.label == "django_fsm_log":
            yield from (model for model in config.get_models() if model._meta.db_table in tables)


def fingerprint() -> dict:
    """Every row of the project's tables: a denied request must leave it as it was."""
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in _project_models()}


def _client(world: World, role: str) -> Client:
    client = Client()
    if role != ANONYMOUS:
        client.force_login(world.users[role])
    return client


def _request(entry: Entry, world: World, role: str):
    client = _client(world, role)
    url = entry.url(world)
    if entry.method == "post":
        return client.post(url, entry.data(world) if entry.data else {})
    return client.get(url)


def _denied(response, role: str) -> bool:
    if role == ANONYMOUS:
        return response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    return response.status_code in (403, 404)


@pytest.fixture
def world(db, time_machine):
    import datetime as dt
    from zoneinfo import ZoneInfo

    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    return build_world()


@pytest.mark.parametrize("entry", ENTRIES, ids=str)
def test_each_role_is_granted_or_denied_as_the_matrix_says(world, entry):
    problems = []
    denied_roles = [r for r in ROLES if r not in entry.allowed]
    for role in denied_roles:
        before = fingerprint()
        response = _request(entry, world, role)
        if not _denied(response, role):
            problems.append(f"{role}: expected a denial, got {response.status_code}")
        elif fingerprint() != before:
            problems.append(f"{role}: denied, but the request changed data")
    for role in [r for r in ROLES if r in entry.allowed]:
        response = _request(entry, world, role)
        if response.status_code >= 500 or _denied(response, role):
            problems.append(f"{role}: expected access, got {response.status_code}")
    assert not problems, f"{entry}: " + "; ".join(problems)
