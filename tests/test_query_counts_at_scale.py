"""Every listed page costs the same number of queries with a handful of items as with 500."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from demo.scale import seed_scale
from deputies import selectors as deputy_selectors
from proposals.models import Assignment, Proposal
from units import selectors as inbox

pytestmark = pytest.mark.django_db


def pages(item: Proposal, assignment: Assignment, deputy_item: Proposal) -> list[tuple[str, str]]:
    return [
        ("bench-staff", "/staff/"),
        ("bench-staff", "/staff/?page=3"),
        ("bench-staff", f"/staff/{item.pk}/"),
        ("bench-unit", "/unit/"),
        *[("bench-unit", f"/unit/?tab={tab}") for tab in inbox.TABS],
        ("bench-unit", f"/unit/assignments/{assignment.pk}/"),
        ("bench-deputy", "/deputy/"),
        ("bench-deputy", "/deputy/?scope=cosigned"),
        ("bench-deputy", f"/deputy/items/{deputy_item.pk}/"),
        ("bench-leader", "/leader/"),
        ("bench-unit", "/notifications/"),
    ]


def query_counts(plan: list[tuple[str, str]]) -> dict[str, int]:
    counts, clients = {}, {}
    for login, url in plan:
        if login not in clients:
            clients[login] = Client()
            clients[login].force_login(User.objects.get(username=login))
        assert clients[login].get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            assert clients[login].get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_every_listed_page_costs_the_same_queries_for_a_handful_of_items_and_for_500(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seed_scale(n=500, years=1)
    unit = User.objects.get(username="bench-unit").unit_handler.unit
    deputy = User.objects.get(username="bench-deputy").deputy
    today = timezone.localdate()
    # Keep one row of every list, so that each list is as empty or not with the handful as with 500.
    tabs = [inbox.inbox_page(unit=unit, tab=tab, today=today, near=inbox.near_days()).rows for tab in inbox.TABS]
    keep = {rows[0].proposal_id for rows in tabs if rows}
    for scope in deputy_selectors.SCOPES:
        page, _ = deputy_selectors.deputy_page(deputy=deputy, scope=scope, size=1)
        keep |= {p.pk for p in page.rows}
    assignment = Assignment.objects.filter(unit=unit, proposal_id__in=keep).order_by("pk").first()
    deputy_item = Proposal.objects.filter(lead_deputy=deputy).exclude(state="draft").order_by("pk").first()
    keep |= {assignment.proposal_id, deputy_item.pk}
    plan = pages(assignment.proposal, assignment, deputy_item)

    at_500 = query_counts(plan)
    Proposal.objects.exclude(pk__in=keep).delete()
    from reports.models import FigureSnapshot

    FigureSnapshot.objects.all().delete()
    handful = Proposal.objects.count()
    assert handful <= 9
    at_handful = query_counts(plan)

    assert at_handful == at_500
    item_pages = {f"/staff/{assignment.proposal_id}/", f"/unit/assignments/{assignment.pk}/"}
    item_pages.add(f"/deputy/items/{deputy_item.pk}/")
    if connection.vendor == "postgresql":  # the deployment database; SQLite reads a UNION's parts one by one
        # Lists at most 12 queries, item pages at most 25 (the signed-in user and its roles are one query).
        over = {url: n for url, n in at_500.items() if n > (25 if url in item_pages else 12)}
        assert not over


def test_the_staff_item_page_stays_within_25_queries_in_every_state(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seed_scale(n=300, years=1)
    one_per_state = {}
    for pk, state in Proposal.objects.exclude(state="draft").order_by("pk").values_list("pk", "state"):
        one_per_state.setdefault(state, pk)
    # The seed reaches every stage of the handling loop, so each of the page's action panels is shown once.
    assert {"submitted", "registered", "assigned", "handling", "replied", "closed"} <= set(one_per_state)
    counts = query_counts([("bench-staff", f"/staff/{pk}/") for pk in one_per_state.values()])
    if connection.vendor == "postgresql":
        over = {url: n for url, n in counts.items() if n > 25}
        assert not over
    # Whatever the state, the page reads the same records: the panels it shows cost no query of their own.
    assert max(counts.values()) - min(counts.values()) <= 1, counts
