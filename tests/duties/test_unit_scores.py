"""承办单位考核 scores counted by hand: ties share a rank, the next skips, small units are not ranked."""

import datetime as dt
from decimal import Decimal

import pytest

from duties.models import UnitAssessmentRule
from proposals import services
from reports.statistics.annual import annual_report
from reports.statistics.unit_scores import compute_score
from tests import factories as f
from tests.core.support import answering, evaluate, reply, sign_all

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)


def handled(unit, *, staff, result="satisfied", met=False):
    lead = f.deputy()
    proposal = f.proposal(lead=lead, title="关于加快老旧小区加装电梯的建议")
    services.proposal_submit(proposal=proposal, by=lead.user)
    services.proposal_register(proposal=proposal, by=staff)
    services.proposal_assign(proposal=proposal, by=staff, mode="single", lead_units=[unit], co_units=[])
    sign_all(proposal)
    assignment = answering(proposal)[0]
    if met:
        services.contact_log(
            assignment=assignment, by=f.handler_of(unit), method="meeting", contacted_on=TODAY, summary="面谈"
        )
    reply(assignment)
    proposal.refresh_from_db()
    evaluate(proposal, result=result)
    return proposal


def test_unit_scores_are_the_weighted_figures_counted_by_hand_with_ties_sharing_a_rank():
    staff = f.staff_user()
    north, south, west, small = (f.unit(name=n) for n in ("市北局", "市南局", "市西局", "市小局"))
    for unit in (north, south):
        for _ in range(5):
            handled(unit, staff=staff)
    for result in ("satisfied", "satisfied", "satisfied", "unsatisfied", "unsatisfied"):
        handled(west, staff=staff, result=result, met=True)
    handled(small, staff=staff)

    report = annual_report(year=2026, as_of=TODAY)
    scores = {row["unit"]: row for row in report["unit_scores"]}

    # North and south: signed on time 5/5, replied on time 5/5, met 0/5, satisfied 5/5:
    # 100 × (1×10 + 1×30 + 0×20 + 1×40) / 100 = 80.
    assert (scores["市北局"]["score"], scores["市北局"]["rank"]) == (80.0, 2)
    assert (scores["市南局"]["score"], scores["市南局"]["rank"]) == (80.0, 2)
    # West: met 5/5, satisfied 3/5: 100 × (10 + 30 + 20 + 0.6×40) / 100 = 84 — ranked first.
    assert scores["市西局"]["face_to_face_rate"] == 1.0 and scores["市西局"]["satisfaction_rate"] == 0.6
    assert scores["市西局"]["score"] == 84.0
    # One lead item: listed with its score, not ranked.
    assert (scores["市小局"]["score"], scores["市小局"]["rank"]) == (80.0, None)
    assert [row["unit"] for row in report["unit_scores"]] == ["市西局", "市北局", "市南局", "市小局"]
    assert [row["rank"] for row in report["unit_scores"]] == [1, 2, 2, None]
    assert list(report["unit_scores"][0]) == [
        "unit", "lead_items", "signed", "signed_on_time", "sign_on_time_rate", "on_time_rate", "face_to_face",
        "face_to_face_rate", "satisfaction_rate", "returned_replies", "overdue_followups", "score", "rank",
    ]  # fmt: skip


def test_changed_weights_change_the_scores():
    staff = f.staff_user()
    unit = f.unit(name="市北局")
    for _ in range(5):
        handled(unit, staff=staff)
    rule = UnitAssessmentRule.current()
    rule.face_to_face_weight = Decimal("0")
    rule.save(update_fields=["face_to_face_weight"])
    row = annual_report(year=2026, as_of=TODAY)["unit_scores"][0]
    assert row["score"] == 100.0  # face-to-face no longer weighs: (10 + 30 + 40) / 80


def test_a_part_without_a_denominator_leaves_the_formula_and_penalties_never_go_below_zero():
    weights = {
        "sign_on_time_rate": Decimal("10"),
        "on_time_rate": Decimal("30"),
        "face_to_face_rate": Decimal("20"),
        "satisfaction_rate": Decimal("40"),
        "returned_replies": Decimal("1"),
        "overdue_followups": Decimal("2"),
    }
    entry = {
        "sign_on_time_rate": 1.0,
        "on_time_rate": None,
        "face_to_face_rate": None,
        "satisfaction_rate": None,
        "returned_replies": 3,
        "overdue_followups": 1,
    }
    assert compute_score(entry, weights) == Decimal("95.00")  # 100 × 10/10 − 3 − 2
    assert compute_score({**entry, "returned_replies": 200}, weights) == Decimal("0.00")
    assert compute_score({**entry, "sign_on_time_rate": None}, weights) is None
