"""The unit picker of 交办 finds a unit by any part of its name, its short name or an alias."""

import pytest
from django.db import connection
from django.urls import reverse

from tests import factories as f
from units.models import Unit
from units.selectors import unit_search, units_matching

pytestmark = pytest.mark.django_db
URL = reverse("workbench:search_units")


@pytest.fixture
def units(db):
    housing = f.unit(name="市住房和城乡建设局")
    housing.short_name, housing.aliases = "住建局", "建委、房管局"
    housing.save(update_fields=["short_name", "aliases"])
    fire = f.unit(name="市消防救援支队")
    emergency = f.unit(name="市应急管理局")
    emergency.short_name = "应急局"
    emergency.save(update_fields=["short_name"])
    closed = f.unit(name="市消防安全委员会办公室")
    closed.active = False
    closed.save(update_fields=["active"])
    return {"housing": housing, "fire": fire, "emergency": emergency}


def found(client, q: str) -> list[str]:
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("消防", ["市消防救援支队"]),  # any part of the name; the inactive unit is not offered
        ("救援支", ["市消防救援支队"]),
        ("住建局", ["市住房和城乡建设局（住建局）"]),  # the short name
        ("住建", ["市住房和城乡建设局（住建局）"]),
        ("房管局", ["市住房和城乡建设局（住建局）"]),  # an alias
        ("应急", ["市应急管理局（应急局）"]),
        ("局", ["市应急管理局（应急局）", "市住房和城乡建设局（住建局）"]),
    ],
)
def test_the_picker_finds_units_by_part_of_the_name_short_name_or_alias(staff_client, units, q, expected):
    assert sorted(found(staff_client, q)) == sorted(expected)


def test_a_query_that_matches_nothing_finds_nothing(staff_client, units):
    assert found(staff_client, "税务") == []


def test_the_units_own_search_for_an_adjustment_finds_aliases_too(units):
    assert [u.name for u in unit_search(query="建委")] == ["市住房和城乡建设局"]
    assert unit_search(query="建委", exclude=units["housing"]) == []


def test_only_the_office_may_search_units_for_assigning(client, units):
    client.force_login(f.handler_of(units["fire"]))
    assert client.get(URL, {"q": "消防"}).status_code == 403


def test_a_chosen_unit_is_shown_with_its_short_name_on_the_assign_form(staff, staff_client, units):
    p = f.registered(staff=staff)
    response = staff_client.post(
        reverse("workbench:assign", args=[p.pk]),
        {"mode": "single", "lead_units": [units["housing"].pk, units["fire"].pk], "version": p.version},
    )
    assert response.status_code == 200  # 单办 with two units is refused and the choices are kept
    assert "市住房和城乡建设局（住建局）" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram indexes exist on PostgreSQL only")
@pytest.mark.parametrize(("q", "kind"), [("消防", "tripled"), ("住建局", "trgm")])
def test_on_postgresql_every_arm_of_the_unit_search_can_use_an_index(units, q, kind):
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
    plan = Unit.objects.filter(units_matching(q)).values("pk").explain()
    assert "Seq Scan" not in plan, plan
    for column in ("name", "short_name", "aliases"):
        assert f"unit_{column}_{kind}" in plan, plan
