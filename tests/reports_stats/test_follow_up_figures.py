"""The year-end report's ``follow_up`` figures, counted by hand (contracts/annual-report.md)."""

import datetime as dt

import pytest

from reports.statistics import annual_report
from tests.reports_stats.promises_world import promises_world

pytestmark = [pytest.mark.django_db, pytest.mark.reply_review]

D = dt.date


def test_follow_ups_returns_assisted_and_co_signers_ratings_are_counted_by_hand(time_machine):
    promises_world(time_machine)
    # As of 05-10: due 立项 (05-01) — done 05-05 → 1 of 1.
    assert annual_report(year=2026, as_of=D(2026, 5, 10))["follow_up"] == {
        "followups_due": 1,
        "followups_done": 1,
        "followup_rate": 1.0,
        "returned_replies": 1,  # P1's first version, returned 04-01
        "assisted_ratings": 1,  # P2, 当面
        "co_signer_evaluated": 1,
        "co_signer_satisfied": 0,  # 不满意
        "co_signer_satisfaction_rate": 0.0,
    }
    # As of 06-05: due 立项, 开工 (06-01), 纳入规划 (05-15); done 立项 and 纳入规划 → 2 / 3.
    figures = annual_report(year=2026, as_of=D(2026, 6, 5))["follow_up"]
    assert (figures["followups_due"], figures["followups_done"], figures["followup_rate"]) == (3, 2, 0.6667)
    # As of 03-31 nothing had happened yet.
    assert set(annual_report(year=2026, as_of=D(2026, 3, 31))["follow_up"].values()) <= {0, None}
