"""The 民意统计 page reads its figures from snapshots rebuilt in the background, and says when they were built."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from opinions import figure_snapshots, figures, services, tasks
from opinions.models import FiguresSnapshot
from tests.opinions.support import opinion

pytestmark = pytest.mark.django_db


def _page(world, **params) -> str:
    c = Client()
    c.force_login(world.office)
    r = c.get(reverse("opinions:figures"), params)
    assert r.status_code == 200
    return r.content.decode()


def _this_year():
    today = timezone.localdate()
    return figures.period_opinions(start=dt.date(today.year, 1, 1), end=dt.date(today.year, 12, 31))


def _received(page: str, station: str) -> str:
    """The 收到 cell of the station's row on the page."""
    row = page.split(f"<td>{station}</td>", 1)[1]
    return row.split("</td>", 1)[0].rsplit(">", 1)[1]


def test_the_page_shows_exactly_what_the_figures_module_returns_and_when_it_was_built(world):
    opinion(world)
    opinion(world, content="北山路人行道破损，雨天积水。")
    page = _page(world)
    [snapshot] = FiguresSnapshot.objects.filter(key__startswith="opinions:")
    assert snapshot.data["by_station"] == figures.by_group(_this_year(), "station")
    assert snapshot.data["totals"] == figures.totals(_this_year())
    assert f"数据更新于 {timezone.localtime(snapshot.built_at):%H:%M}" in page
    assert _received(page, "北山街道代表联络站") == "2"


def test_a_change_marks_the_snapshots_stale_and_queues_one_rebuild_after_the_commit(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    _page(world)
    queued = []
    monkeypatch.setattr(tasks.refresh_figures, "apply_async", lambda **kw: queued.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        o = opinion(world)
        services.opinion_answer(opinion=o, by=world.staff_user, answer="已修复", reason="现场核实")
        services.reception_record(
            by=world.staff_user,
            station=world.station,
            held_on=timezone.localdate(),
            deputies=[world.deputy],
            visitors=5,
        )
    assert FiguresSnapshot.objects.count() == 2 and not FiguresSnapshot.objects.filter(stale_since=None).exists()
    assert queued == [{"countdown": figure_snapshots.DEBOUNCE_SECONDS}]


def test_the_page_keeps_the_built_figures_until_the_refresh_task_rebuilds_them(world, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    opinion(world)
    assert _received(_page(world), "北山街道代表联络站") == "1"
    opinion(world, content="北山路人行道破损，雨天积水。")
    assert _received(_page(world), "北山街道代表联络站") == "1"  # the snapshot, not a recount
    time_machine.shift(dt.timedelta(minutes=3))
    tasks.refresh_figures()
    page = _page(world)
    assert _received(page, "北山街道代表联络站") == "2"
    assert f"数据更新于 {timezone.localtime():%H:%M}" in page
    assert not FiguresSnapshot.objects.exclude(stale_since=None).exists()


def test_a_committee_and_the_office_read_separate_snapshots_of_their_fields(world):
    opinion(world)
    opinion(world, field="交通运输", content="公交站台没有遮雨棚。")
    c = Client()
    c.force_login(world.committee_user)
    committee_page = c.get(reverse("opinions:figures")).content.decode()
    assert "交通运输" not in committee_page and "城乡建设" in committee_page
    assert "交通运输" in _page(world)
    assert FiguresSnapshot.objects.filter(key__startswith="opinions:").count() == 2


def test_the_refresh_rebuilds_stale_snapshots_read_lately_and_drops_those_nobody_reads(world, time_machine):
    today = timezone.localdate()
    opinion(world)
    _page(world, year=today.year - 1, quarter=2)  # a past year, read today
    old = figure_snapshots.opinions_key(year=today.year - 2, fields=None)
    FiguresSnapshot.objects.create(
        key=old,
        data={"scope": {"kind": "opinions", "year": today.year - 2, "fields": None}},
        built_at=timezone.now(),
        read_on=today - dt.timedelta(days=figure_snapshots.KEEP_DAYS + 1),
    )
    FiguresSnapshot.objects.update(stale_since=timezone.now())
    built = tasks.refresh_figures()
    keys = set(FiguresSnapshot.objects.values_list("key", flat=True))
    assert old not in keys
    assert figure_snapshots.opinions_key(year=today.year - 1, fields=None) in keys
    assert figure_snapshots.opinions_key(year=today.year, fields=None) in keys  # this year's, always
    assert built == 4  # this year's opinions and quarter, last year's opinions and its 2nd quarter
    assert not FiguresSnapshot.objects.exclude(stale_since=None).exists()


def test_reading_the_page_from_its_snapshots_counts_no_opinion_reception_or_deputy(world):
    for i in range(5):
        opinion(world, content=f"第{i}条：小区门口的路灯坏了。")
    _page(world)
    c = Client()
    c.force_login(world.office)
    with CaptureQueriesContext(connection) as ctx:
        c.get(reverse("opinions:figures"))
    for query in (q["sql"] for q in ctx.captured_queries):
        assert '"opinions_opinion"' not in query and '"opinions_reception"' not in query
        assert not ('"deputies_deputy"' in query and "COUNT(" in query.upper())  # no receptions per deputy


def test_the_committees_analysis_is_read_from_its_snapshot_too(world, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    opinion(world, area="北山街道")
    c = Client()
    c.force_login(world.committee_user)
    page = c.get(reverse("opinions:committee")).content.decode()
    [snapshot] = FiguresSnapshot.objects.filter(key__startswith="analysis:")
    assert f"数据更新于 {timezone.localtime(snapshot.built_at):%H:%M}" in page
    assert [r["name"] for r in snapshot.data["by_area"]] == ["北山街道"]
    assert snapshot.data["totals"]["received"] == 1
    opinion(world, area="北山街道", content="北山路人行道破损，雨天积水。")
    c.get(reverse("opinions:committee"))
    assert FiguresSnapshot.objects.get(pk=snapshot.pk).data["totals"]["received"] == 1
    time_machine.shift(dt.timedelta(minutes=2))
    tasks.refresh_figures()
    assert FiguresSnapshot.objects.get(pk=snapshot.pk).data["totals"]["received"] == 2
    assert "数据更新于 " + f"{timezone.localtime():%H:%M}" in c.get(reverse("opinions:committee")).content.decode()
