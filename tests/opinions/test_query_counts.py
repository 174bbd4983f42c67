"""The 民意池 pages cost the same number of queries with few or many opinions."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opinions import services
from tests.opinions.support import opinion

pytestmark = pytest.mark.django_db


def _add(world, n: int) -> None:
    for i in range(n):
        o = opinion(world, content=f"第{i}条：东门路路灯不亮，小区停车难，希望尽快解决。")
        if i % 3 == 0:
            services.opinion_refer(opinion=o, by=world.staff_user, unit=world.unit, reason="转交")
        elif i % 3 == 1:
            services.opinion_answer(opinion=o, by=world.staff_user, answer="已答复", reason="现场答复")


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    "who, url",
    [
        ("staff_user", reverse("opinions:list") + "?tab=all"),
        ("staff_user", reverse("opinions:list") + "?tab=referred"),
        ("committee_user", reverse("opinions:committee")),
        ("office", reverse("opinions:figures")),
        ("unit", reverse("opinions:referrals")),
    ],
)
def test_a_page_costs_the_same_queries_for_few_or_many_opinions(world, who, url):
    user = world.unit.handlers.get().user if who == "unit" else getattr(world, who)
    client = Client()
    client.force_login(user)
    _add(world, 3)
    client.get(url)
    few = _count(client, url)
    _add(world, 30)
    assert _count(client, url) == few
