"""The leaders' dashboard: who sees it, and that every figure on it is the statistics module's."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import statistics
from reports.charts import format_rate
from tests import factories as f
from tests.dashboard.conftest import AS_OF, YEAR, build_year

pytestmark = pytest.mark.django_db

URL = "/leader/"
SVG = "{http://www.w3.org/2000/svg}"


def page(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("dashboard:home"), params)
    assert response.status_code == 200
    return response.content.decode()


def figures(html: str) -> dict[str, str]:
    return {key: unescape(value) for key, value in re.findall(r'data-figure="([\w.]+)">([^<]*)<', html)}


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b[^>]*class=\"chart .*?</svg>", html, flags=re.S)]


def bars(svg: ET.Element) -> list[ET.Element]:
    return [el for el in svg.iter(f"{SVG}rect") if el.get("class") == "bar"]


# --- who may see it ------------------------------------------------------------------------------


def test_the_dashboard_lives_at_leader(leader, client):
    assert reverse("dashboard:home") == URL


def test_a_leader_sees_the_dashboard(leader, client):
    assert "办理情况总览" in page(client, leader)


def test_office_staff_see_the_dashboard(staff, client):
    assert "承办单位办理情况" in page(client, staff)


def test_a_leader_lands_on_the_dashboard_after_login(leader, client):
    client.force_login(leader)
    assert client.get(reverse("accounts:home")).url == URL


def test_a_deputy_is_refused(client):
    client.force_login(f.deputy().user)
    assert client.get(URL).status_code == 403


def test_a_unit_handler_is_refused(client):
    client.force_login(f.handler_of(f.unit()))
    assert client.get(URL).status_code == 403


def test_a_visitor_is_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_dashboard_changes_nothing_a_post_is_refused(leader, client):
    client.force_login(leader)
    assert client.post(URL, {"year": YEAR}).status_code == 405


# --- the figures ---------------------------------------------------------------------------------


@pytest.mark.parametrize("as_of", [AS_OF, dt.date(YEAR, 6, 30)])
def test_every_figure_on_the_page_is_the_annual_reports(year_of_items, leader, client, as_of):
    report = statistics.annual_report(year=YEAR, as_of=as_of)
    shown = figures(page(client, leader, year=YEAR, as_of=as_of.isoformat()))
    for key in ("items", "suggestions", "motions", "assigned", "replied", "closed", "overdue_open", "key_supervision"):
        assert shown[f"totals.{key}"] == str(report["totals"][key]), key
    assert shown["totals.unsatisfied_final"] == str(report["totals"]["unsatisfied_final"])
    for key, value in report["rates"].items():
        assert shown[f"rates.{key}"] == format_rate(value), key


def test_the_fixture_gives_figures_worth_checking(year_of_items):
    report = statistics.annual_report(year=YEAR, as_of=AS_OF)
    totals = report["totals"]
    assert (totals["items"], totals["suggestions"], totals["motions"]) == (4, 3, 1)
    assert (totals["assigned"], totals["replied"], totals["closed"], totals["overdue_open"]) == (3, 2, 2, 1)
    assert report["rates"]["closure_rate"] is not None
    assert report["rates"]["on_time_rate"] not in (None, 0, 1)


def test_the_unit_table_lists_the_reports_units_in_order(year_of_items, leader, client):
    report = statistics.annual_report(year=YEAR, as_of=AS_OF)
    html = page(client, leader, year=YEAR, as_of=AS_OF.isoformat())
    rows = re.findall(r'<tr data-unit="([^"]*)">(.*?)</tr>', html, flags=re.S)
    assert [unescape(name) for name, _ in rows] == [u["unit"] for u in report["units"]]
    assert len(rows) == 2
    for (_, cells), unit in zip(rows, report["units"], strict=True):
        values = [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)]
        rank = str(unit["rank"]) if unit["rank"] else "—"
        assert values == [
            rank,
            unit["unit"],
            str(unit["lead_items"]),
            str(unit["co_items"]),
            str(unit["replied"]),
            format_rate(unit["on_time_rate"]),
            format_rate(unit["satisfaction_rate"]),
        ]
    assert "排名仅对主办件数不少于 5 件的单位进行" in html


def test_the_field_table_and_chart_follow_the_report(year_of_items, leader, client):
    report = statistics.annual_report(year=YEAR, as_of=AS_OF)
    html = page(client, leader, year=YEAR, as_of=AS_OF.isoformat())
    shown = {
        unescape(k): int(v)
        for k, v in re.findall(r'<tr data-field="([^"]*)"><td>[^<]*</td><td class="num">(\d+)', html)
    }
    assert shown == report["fields"]
    assert "教育&lt;科技&gt;" in html and "教育<科技>" not in html
    charts = {svg.find(f"{SVG}title").text: svg for svg in svgs(html)}
    assert set(charts) == {"建议领域分布", "答复类别分布", "承办单位满意率", "代表评价情况"}
    assert len(bars(charts["建议领域分布"])) == len(report["fields"])
    assert len(bars(charts["答复类别分布"])) == 4


def test_the_overdue_and_key_supervision_lists_show_the_unanswered_item(year_of_items, leader, client):
    html = page(client, leader, year=YEAR, as_of=AS_OF.isoformat())
    overdue = html.split('id="overdue"')[1].split('id="key-supervision"')[0]
    key = html.split('id="key-supervision"')[1]
    assert "关于增加中心城区中小学学位供给的建议" in overdue and "市教育局" in overdue
    assert "常委会副主任" in key and "关于增加中心城区中小学学位供给的建议" in key
    assert "超期未答复" in key
    assert "关于加快老旧小区加装电梯的建议" not in overdue


def test_the_key_supervision_list_is_the_selected_years(year_of_items, leader, client):
    html = page(client, leader)
    assert "暂无重点督办件" in html.split('id="key-supervision"')[1]


# --- period and empty states -----------------------------------------------------------------------


def test_a_year_without_items_renders_with_dashes(leader, client):
    html = page(client, leader)
    assert "暂无数据" in html
    shown = figures(html)
    assert shown["totals.items"] == "0"
    assert all(
        shown[f"rates.{key}"] == "—" for key in statistics.annual_report(year=2026, as_of=dt.date(2026, 1, 1))["rates"]
    )
    for svg in svgs(html):
        assert bars(svg) == []


def test_an_as_of_date_before_the_year_is_refused_with_a_message(year_of_items, leader, client):
    html = page(client, leader, year=YEAR, as_of="2024-05-01")
    assert f"截至日期不能早于{YEAR}年1月1日" in html
    assert 'value="2024-05-01"' in html


def test_a_year_that_is_not_offered_is_refused_with_a_message(leader, client):
    html = page(client, leader, year="1990")
    assert "请选择有数据的年度" in html


# --- cost ---------------------------------------------------------------------------------------


def test_the_page_costs_the_same_number_of_queries_whatever_the_number_of_items(staff, units, leader, client):
    client.force_login(leader)
    build_year(staff=staff, unit_a=units[0], unit_b=units[1], copies=1)
    client.get(URL, {"year": YEAR})
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL, {"year": YEAR}).status_code == 200
    more_units = [f.unit(name=f"市第{i}办公室") for i in range(3)]
    build_year(staff=staff, unit_a=more_units[0], unit_b=more_units[1], copies=2)
    build_year(staff=staff, unit_a=units[1], unit_b=more_units[2], copies=1)
    with CaptureQueriesContext(connection) as large:
        assert client.get(URL, {"year": YEAR}).status_code == 200
    assert len(large) == len(small)


# --- the archive ----------------------------------------------------------------------------------


def test_the_ready_reports_are_offered_for_download(leader, client):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from reports.models import ReportArchive

    ready = ReportArchive(
        kind=ReportArchive.Kind.MONTHLY,
        year=2026,
        month=10,
        as_of=dt.date(2026, 10, 31),
        format=ReportArchive.Format.PDF,
        status=ReportArchive.Status.READY,
        requested_at=timezone.now(),
        size=4,
    )
    ready.file.save("monthly-2026-10.pdf", ContentFile(b"%PDF"), save=False)
    ready.save()
    ReportArchive.objects.create(
        kind=ReportArchive.Kind.ANNUAL,
        year=2026,
        as_of=dt.date(2026, 11, 1),
        format=ReportArchive.Format.XLSX,
        status=ReportArchive.Status.QUEUED,
        requested_at=timezone.now(),
    )
    archive = page(client, leader).split('id="archive"')[1]
    assert reverse("dashboard:archive_download", args=[ready.pk]) in archive
    assert "2026年10月" in archive and "月度督办报告" in archive
    assert "年度报告" not in archive.split("</ul>")[0]
    assert reverse("dashboard:archive_list") in archive


def test_without_ready_reports_the_archive_says_how_they_come(leader, client):
    archive = page(client, leader).split('id="archive"')[1]
    assert "尚无已生成的报告" in archive
