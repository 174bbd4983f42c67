"""The dashboard's overdue and 重点督办 lists are the statistics module's lists for the dashboard's day."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from reports import statistics
from reports.statistics import snapshots
from tests.dashboard.conftest import AS_OF, YEAR, build_year

pytestmark = pytest.mark.django_db


def section(html: str, anchor: str) -> str:
    return html.split(f'id="{anchor}"')[1].split('<div class="card list-card"')[0]


def rows(part: str) -> list[list[str]]:
    body = part.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in part else ""
    return [
        [
            " ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)
        ]
        for r in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def shown_as(entry: dict) -> list[str]:
    """An overdue entry as the dashboard's table shows it."""
    return [
        f"{entry['number'] or '未编号'} {entry['session']}",
        entry["title"],
        entry["units"] or "—",
        entry["stage"],
        entry["due"],
        f"{entry['days_overdue']} 天",
    ]


@pytest.fixture
def three_copies(staff, units):
    build_year(staff=staff, unit_a=units[0], unit_b=units[1], copies=3)
    return units


def page(client, user, as_of: dt.date) -> str:
    client.force_login(user)
    response = client.get(reverse("dashboard:home"), {"year": YEAR, "as_of": as_of.isoformat()})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("as_of", [AS_OF, dt.date(YEAR, 8, 10)])
def test_the_dashboards_overdue_list_is_the_statistics_list_for_the_same_day(three_copies, leader, client, as_of):
    expected = statistics.open_item_lists(as_of=as_of, year=YEAR)["overdue"]
    assert len(expected) == 3
    assert [shown_as(entry) for entry in expected] == rows(section(page(client, leader, as_of), "overdue"))


def test_the_overdue_list_is_read_on_the_chosen_day_not_the_months_end(three_copies, leader, client):
    html = page(client, leader, dt.date(YEAR, 8, 10))
    month_end = statistics.monthly_report(year=YEAR, month=8)["overdue"]
    shown = rows(section(html, "overdue"))
    assert [row[-1] for row in shown] == ["4 天"] * 3  # due 08-06 (交办 05-06 + 3 months)
    assert [entry["days_overdue"] for entry in month_end] == [25] * 3


def test_staff_get_each_listed_item_linked_to_its_page(three_copies, staff, client):
    lists = statistics.open_item_lists(as_of=AS_OF, year=YEAR)
    html = page(client, staff, AS_OF)
    for key, anchor in (("overdue", "overdue"), ("key_supervision", "key-supervision")):
        links = re.findall(r'href="/staff/(\d+)/"', section(html, anchor))
        assert [int(pk) for pk in links] == [row["pk"] for row in lists[key]], key


def test_the_key_supervision_list_is_the_statistics_list_for_the_same_day(three_copies, leader, client):
    as_of = dt.date(YEAR, 8, 10)
    expected = statistics.open_item_lists(as_of=as_of, year=YEAR)["key_supervision"]
    shown = rows(section(page(client, leader, as_of), "key-supervision"))
    assert [(row[1], row[2], row[4], row[5]) for row in shown] == [
        (e["title"], e["units"], e["status"], e["due"]) for e in expected
    ]
    assert {row[4] for row in shown} == {"超期未答复"}


def test_a_long_list_shows_its_oldest_entries_and_the_full_count(three_copies, leader, client, monkeypatch):
    monkeypatch.setattr(snapshots, "LIST_LIMIT", 2)
    overdue = section(page(client, leader, AS_OF), "overdue")
    expected = statistics.open_item_lists(as_of=AS_OF, year=YEAR, limit=2)
    assert [shown_as(entry) for entry in expected["overdue"]] == rows(overdue)
    assert expected["counts"]["overdue"] == 3
    assert re.search(r'text-bg-danger ms-1">3<', overdue)
    assert "显示前 2 件" in overdue
