"""The dashboard's cards of the review, the follow-up of promises, assisted and co-signers' ratings: read from
the snapshot, equal to the year-end report's ``follow_up`` figures, which are counted here by hand; and the
monthly report carries the same figures."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from reports.builders.tables import monthly_tables
from reports.charts import format_rate
from reports.models import FigureSnapshot
from reports.statistics import annual_report, monthly_report
from tests import factories as f
from tests.dashboard.test_dashboard_view import figures
from tests.reports_stats.promises_world import promises_world

pytestmark = [pytest.mark.django_db, pytest.mark.reply_review]

D = dt.date
User = get_user_model()


def _cards(client, as_of: dt.date) -> dict[str, str]:
    leader = User.objects.filter(username="lingdao").first() or f.leader_user(username="lingdao")
    client.force_login(leader)
    response = client.get(reverse("dashboard:home"), {"year": 2026, "as_of": as_of.isoformat()})
    assert response.status_code == 200
    return figures(response.content.decode())


def test_the_follow_up_cards_show_the_hand_counted_figures_of_the_annual_report(client, time_machine):
    promises_world(time_machine)
    shown = _cards(client, D(2026, 6, 5))
    # Hand count as of 06-05: due 立项, 开工 and 纳入规划; done 立项 and 纳入规划; one return; one assisted
    # rating; one co-signer's rating, 不满意.
    assert shown["follow_up.followups_due"] == "3"
    assert shown["follow_up.followups_done"] == "2"
    assert shown["follow_up.followup_rate"] == format_rate(0.6667)
    assert shown["follow_up.returned_replies"] == "1"
    assert shown["follow_up.assisted_ratings"] == "1"
    assert shown["follow_up.co_signer_evaluated"] == "1"
    assert shown["follow_up.co_signer_satisfied"] == "0"
    assert shown["follow_up.co_signer_satisfaction_rate"] == format_rate(0.0)
    report = annual_report(year=2026, as_of=D(2026, 6, 5))["follow_up"]
    for key, value in report.items():
        expected = format_rate(value) if key.endswith("_rate") else str(value)
        assert shown[f"follow_up.{key}"] == expected, key


def test_the_cards_are_read_from_the_stored_snapshot(client, time_machine):
    promises_world(time_machine)
    _cards(client, D(2026, 5, 10))
    snapshot = FigureSnapshot.objects.get(year=2026, as_of=D(2026, 5, 10))
    assert snapshot.report["follow_up"]["followups_due"] == 1
    snapshot.report["follow_up"]["returned_replies"] = 7  # what the page shows is the snapshot's
    snapshot.save(update_fields=["report"])
    assert _cards(client, D(2026, 5, 10))["follow_up.returned_replies"] == "7"


def test_a_snapshot_kept_from_before_the_follow_up_figures_is_rebuilt(client, time_machine):
    promises_world(time_machine)
    _cards(client, D(2026, 6, 5))
    snapshot = FigureSnapshot.objects.get(year=2026, as_of=D(2026, 6, 5))
    del snapshot.report["follow_up"]
    snapshot.save(update_fields=["report"])
    assert _cards(client, D(2026, 6, 5))["follow_up.followups_due"] == "3"


def test_the_monthly_report_carries_the_follow_up_figures_as_of_the_month_end(time_machine):
    promises_world(time_machine)
    may = monthly_report(year=2026, month=5)
    assert may["follow_up"] == annual_report(year=2026, as_of=D(2026, 5, 31))["follow_up"]
    # As of 05-31: due 立项 (05-01) and 纳入规划 (05-15), both done.
    assert (may["follow_up"]["followups_due"], may["follow_up"]["followups_done"]) == (2, 2)
    table = monthly_tables(may)["follow_up"]
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["到期的计划落实事项"] == [2, None]
    assert rows["落实率"] == [None, 1.0]
    assert rows["答复审查退回"] == [1, None]
    assert rows["代为录入的评价"] == [1, None]
