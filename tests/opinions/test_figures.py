"""The 民意池 figures against counts made by hand."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from opinions import figures, services
from opinions.models import Opinion, OpinionRules
from reports.builders.tables import tables_for
from reports.statistics import monthly_report
from tests import factories as f
from tests.opinions.support import days_ago, opinion

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    """Station 北山 (deputy 王建国): o1 answered after 2 days, o2 referred after 6 days and answered by the unit,
    o3 merged under o1 (answered with it, 1 day after it came in), o4 untouched.
    Station 湖滨 (deputy 刘晓东): o5 turned into a suggestion the day it came in (交通运输)."""
    o1 = opinion(world, received_on=days_ago(10))
    o2 = opinion(world, received_on=days_ago(10), content="北山路人行道破损，雨天积水严重。")
    o3 = opinion(world, received_on=days_ago(9), content="北山路路灯也不亮。")
    opinion(world, received_on=days_ago(3), content="希望增加社区食堂的供餐时段。")
    services.opinions_merge(head=o1, others=[o3], by=world.staff_user, reason="同一问题", on=days_ago(9))
    services.opinion_answer(opinion=o1, by=world.staff_user, answer="已修复", reason="现场核实", on=days_ago(8))
    referral = services.opinion_refer(opinion=o2, by=world.staff_user, unit=world.unit, reason="住建", on=days_ago(4))
    services.referral_answer(referral=referral, by=world.unit.handlers.get().user, answer="已安排修复人行道。")
    o5 = opinion(
        world,
        by=world.other_staff_user,
        deputy=world.outsider,
        field="交通运输",
        received_on=days_ago(5),
        content="公交站台没有遮雨棚。",
    )
    services.opinions_to_suggestion(
        opinions=[o5],
        by=world.outsider.user,
        title="关于增设公交站遮雨棚的建议",
        content="……",
        field="交通运输",
        reason="普遍问题",
        on=days_ago(5),
    )
    return world


def _year_qs():
    return figures.period_opinions(start=days_ago(30), end=days_ago(0))


def test_the_figures_per_station_match_a_count_by_hand(data):
    rows = {r["name"]: r for r in figures.by_group(_year_qs(), "station")}
    assert rows["北山街道代表联络站"] == {
        "name": "北山街道代表联络站",
        "received": 4,
        "answered": 2,  # o1, and o3 merged under it
        "referred": 1,
        "suggested": 0,
        "fed_back": 3,  # o1, o3 (with o1), o2 (the unit's answer)
        "median_days": 2.0,  # days to first response: o1 2, o3 1, o2 6
    }
    assert rows["湖滨街道代表联络站"] == {
        "name": "湖滨街道代表联络站",
        "received": 1,
        "answered": 0,
        "referred": 0,
        "suggested": 1,
        "fed_back": 0,
        "median_days": 0.0,
    }


def test_the_figures_per_deputy_and_per_field_and_the_totals(data):
    deputies = {r["name"]: (r["received"], r["suggested"]) for r in figures.by_group(_year_qs(), "deputy")}
    assert deputies == {"王建国": (4, 0), "刘晓东": (1, 1)}
    fields = {r["name"]: r["received"] for r in figures.by_group(_year_qs(), "field")}
    assert fields == {"城乡建设": 4, "交通运输": 1}
    totals = figures.totals(_year_qs())
    assert (totals["received"], totals["fed_back"], totals["median_days"]) == (5, 3, 1.5)  # median of 0,1,2,6
    # A committee sees only its fields.
    assert (
        figures.totals(figures.period_opinions(start=days_ago(30), end=days_ago(0), fields=["交通运输"]))["received"]
        == 1
    )


def test_receptions_per_deputy_per_quarter_against_the_office_minimum(world):
    for day in (dt.date(2025, 7, 3), dt.date(2025, 9, 30)):
        services.reception_record(
            by=world.staff_user, station=world.station, held_on=day, deputies=[world.deputy], visitors=8
        )
    services.reception_record(
        by=world.staff_user, station=world.station, held_on=dt.date(2025, 10, 1), deputies=[world.deputy], visitors=3
    )
    q3 = figures.receptions_by_deputy(year=2025, quarter=3)
    counts = {r["deputy"]: r["receptions"] for r in q3["rows"]}
    assert counts["王建国"] == 2 and counts["刘晓东"] == 0
    assert q3["minimum"] == 1 and [r["deputy"] for r in q3["below"]] == ["刘晓东"]
    rules = OpinionRules.current()
    rules.receptions_per_quarter = 3
    rules.save(update_fields=["receptions_per_quarter"])
    assert {r["deputy"] for r in figures.receptions_by_deputy(year=2025, quarter=3)["below"]} == {"王建国", "刘晓东"}
    assert [r["deputy"] for r in figures.receptions_by_deputy(year=2025, quarter=4, minimum=1)["below"]] == ["刘晓东"]
    c = Client()
    c.force_login(world.office)
    page = c.get(reverse("opinions:figures"), {"year": 2025, "quarter": 3}).content.decode()
    assert "刘晓东（0次）" in page and "王建国（2次）" in page


def test_the_monthly_report_lists_what_each_committee_supervises(data):
    p = f.proposal(field="城乡建设", title="关于加快老旧小区加装电梯的建议")
    services.committee_supervise_suggestion(proposal=p, by=data.committee_user, note="跟踪补贴落实")
    o = data.station.opinions.order_by("id").first()
    services.committee_supervise_opinion(opinion=o, by=data.committee_user)
    today = days_ago(0)
    report = monthly_report(year=today.year, month=today.month)
    [row] = report["committees"]
    assert row["committee"] == "城乡建设环境保护委员会" and row["fields"] == ["城乡建设", "生态环境"]
    assert [s["title"] for s in row["suggestions"]] == ["关于加快老旧小区加装电梯的建议"]
    assert row["suggestions"][0]["status"] == "未交办" and row["suggestions"][0]["note"] == "跟踪补贴落实"
    assert (row["opinions"], row["opinions_awaiting_feedback"]) == (1, 0)
    tables = tables_for("monthly", report)
    assert tables["committee_suggestions"].rows[0][3] == "关于加快老旧小区加装电梯的建议"
    assert tables["committees"].rows == [["城乡建设环境保护委员会", "城乡建设、生态环境", 1, 1, 0]]
    # A month before the marks, nothing is supervised yet.
    earlier = today.replace(day=1) - dt.timedelta(days=1)
    [before] = monthly_report(year=earlier.year, month=earlier.month)["committees"]
    assert before["suggestions"] == [] and before["opinions"] == 0


def test_recurring_topics_are_the_words_found_in_several_opinions_not_pieces_of_one_sentence(world):
    from opinions.topics import recurring_topics

    for text in (
        "东门路路灯坏了，希望尽快修复。",
        "小区里的路灯不亮，希望尽快修复。",
        "学校门口路灯太暗，希望尽快修复。",
        "河道发臭，希望尽快修复河道护栏。",
        "公园路灯和河道护栏都坏了。",
    ):
        opinion(world, content=text)
    terms = {t["term"]: t["opinions"] for t in recurring_topics(Opinion.objects.all())}
    assert terms["路灯"] == 4
    assert "望尽快" not in terms and "尽快修复" not in terms  # always after 希望: a piece of a phrase, not a topic
