"""The dashboard reads the statistics module's figures from a snapshot rebuilt in the background."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import statistics, tasks
from reports.models import FigureSnapshot
from reports.statistics import snapshots
from tests import factories as f
from tests.dashboard.conftest import AS_OF, YEAR


def test_a_snapshot_holds_exactly_what_the_statistics_module_returns(year_of_items):
    snapshot = snapshots.build_snapshot(year=YEAR, as_of=AS_OF)
    assert snapshot.report == statistics.annual_report(year=YEAR, as_of=AS_OF)
    assert snapshot.lists == statistics.open_item_lists(as_of=AS_OF, year=YEAR, limit=snapshots.LIST_LIMIT)


def test_a_past_day_is_built_once_and_then_read_from_its_snapshot(year_of_items, leader, client):
    client.force_login(leader)
    url = reverse("dashboard:home") + f"?year={YEAR}&as_of={AS_OF:%Y-%m-%d}"
    first = client.get(url).content.decode()
    snapshot = FigureSnapshot.objects.get(year=YEAR, as_of=AS_OF)
    assert f"数据更新于 {timezone.localtime(snapshot.built_at):%H:%M}<" in first
    client.get(url)
    assert FigureSnapshot.objects.get().built_at == snapshot.built_at


@pytest.mark.django_db
def test_an_event_marks_todays_snapshot_stale_and_queues_one_rebuild_after_the_commit(
    monkeypatch, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    snapshots.build_snapshot(year=today.year, as_of=today)
    queued = []
    monkeypatch.setattr(tasks.refresh_figures, "apply_async", lambda **kw: queued.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        f.assigned()
        f.assigned()
    assert FigureSnapshot.objects.get().stale_since is not None
    assert queued == [{"countdown": snapshots.DEBOUNCE_SECONDS}]


@pytest.mark.django_db
def test_the_refresh_task_rebuilds_todays_figures_with_the_new_item():
    today = timezone.localdate()
    before = snapshots.build_snapshot(year=today.year, as_of=today)
    f.assigned()
    FigureSnapshot.objects.update(stale_since=timezone.now())
    tasks.refresh_figures()
    after = FigureSnapshot.objects.get()
    assert after.stale_since is None and after.built_at > before.built_at
    assert after.report == statistics.annual_report(year=today.year, as_of=today)
    assert after.report["totals"] != before.report["totals"]


@pytest.mark.django_db
def test_without_a_snapshot_an_event_queues_nothing(monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr(tasks.refresh_figures, "apply_async", lambda **kw: queued.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        f.assigned()
    assert queued == [] and not FigureSnapshot.objects.exists()
