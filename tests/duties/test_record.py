import datetime as dt
from decimal import Decimal

import pytest

from duties import points, services
from duties.models import DutyKind, PointRule
from proposals import services as proposal_services
from tests import factories as f
from tests.duties.support import answer, item, lead_assignment, rate, register_and_assign

pytestmark = pytest.mark.django_db
YEAR = 2026


def line(record, kind):
    return next(line for line in record.lines if line.rule.kind == kind)


@pytest.fixture
def office():
    staff = f.staff_user()
    unit = f.unit(name="市住房和城乡建设局")
    lead = f.deputy(name="张丽华", delegation="城关区代表团")
    other = f.deputy(name="李明", delegation="城关区代表团")
    return staff, unit, lead, other


def test_the_record_follows_what_happens_in_the_platform_and_the_points_are_those_counted_by_hand(office):
    staff, unit, lead, other = office
    first = item(lead=lead)
    register_and_assign(first, staff=staff, unit=unit)
    proposal_services.contact_log(
        assignment=lead_assignment(first),
        by=f.handler_of(unit),
        method="meeting",
        contacted_on=dt.date(2026, 6, 15),
        summary="当面听取代表意见",
    )
    answer(first)
    rate(first)  # rated the same day it was answered: on time
    item(lead=lead, title="关于增设社区养老服务站的建议")  # submitted, not yet registered
    item(lead=other, co_signers=[lead], title="关于优化公交线路的建议")  # co-signed
    services.activity_create(
        by=staff,
        deputy=lead,
        kind=DutyKind.RESEARCH,
        held_on=dt.date(2026, 5, 20),
        title="养老服务调研",
        evidence="调研通知",
    )

    record = points.duty_record(deputy_id=lead.pk, year=YEAR)

    counts = {line.rule.kind: line.count for line in record.lines if line.count}
    assert counts == {"lead": 2, "cosign": 1, "registered": 1, "rating_on_time": 1, "meeting": 1, "research": 1}
    # Default rules: lead 3, co-sign 1, registered 2, rating on time 1, meeting 2, research 2.
    assert record.total == Decimal("6") + 1 + 2 + 1 + 2 + 2
    assert points.scores(year=YEAR, until=dt.date(YEAR, 12, 31), deputy_ids=[lead.pk])[lead.pk]["total"] == 14
    traced = {(e.entry.kind, e.entry.label) for e in record.entries}
    assert ("meeting", "市住房和城乡建设局") in traced
    assert ("research", "养老服务调研") in traced
    assert all(e.entry.object_id for e in record.entries)


def test_the_other_deputy_gets_only_their_own_entries(office):
    _, _, lead, other = office
    item(lead=other, co_signers=[lead], title="关于优化公交线路的建议")
    record = points.duty_record(deputy_id=other.pk, year=YEAR)
    assert {line.rule.kind: line.count for line in record.lines if line.count} == {"lead": 1}


def test_a_kinds_yearly_cap_limits_its_points_and_the_entry_past_it_shows_what_it_brought(office):
    _, _, lead, _ = office
    PointRule.objects.create(kind=DutyKind.LEAD, points=Decimal("20"), yearly_cap=Decimal("30"))
    item(lead=lead, title="关于加快老旧小区加装电梯的建议")
    item(lead=lead, title="关于增设社区养老服务站的建议")

    lead_line = line(points.duty_record(deputy_id=lead.pk, year=YEAR), "lead")

    assert (lead_line.count, lead_line.points) == (2, Decimal("30"))
    assert [(e.points, e.capped) for e in lead_line.entries] == [(Decimal("20"), False), (Decimal("10"), True)]


def test_drafts_and_withdrawn_items_are_not_in_the_record(office):
    _, _, lead, _ = office
    proposal_services.proposal_create(
        by=lead.user, session=f.session(), kind="suggestion", title="关于草稿的建议", lead_deputy=lead
    )
    withdrawn = item(lead=lead, title="关于撤回的建议")
    proposal_services.proposal_withdraw(proposal=withdrawn, by=lead.user)
    assert points.duty_record(deputy_id=lead.pk, year=YEAR).total == 0


def test_an_activity_dated_in_the_future_is_refused(office):
    staff, _, lead, _ = office
    from proposals.errors import DomainError

    with pytest.raises(DomainError, match="不能晚于今天"):
        services.activity_create(
            by=staff, deputy=lead, kind=DutyKind.TRAINING, held_on=dt.date(2026, 7, 1), title="培训", evidence="通知"
        )


def test_receptions_and_opinions_of_the_opinion_pool_feed_the_record(office):
    from opinions.services.intake import opinion_record, reception_record, station_create

    _, _, lead, other = office
    station = station_create(name="城关区代表联络站", area="城关区", deputies=[lead, other])
    reception = reception_record(
        by=lead.user, station=station, held_on=dt.date(2026, 4, 8), deputies=[lead, other], visitors=12, topic="停车难"
    )
    opinion_record(
        by=lead.user,
        content="小区周边停车位严重不足，晚上车辆乱停影响消防通道。",
        citizen_phone="13800000000",
        field="城乡建设",
        source="reception",
        reception=reception,
        station=station,
        received_on=dt.date(2026, 4, 8),
    )

    record = points.duty_record(deputy_id=lead.pk, year=YEAR)

    assert {line.rule.kind: line.count for line in record.lines if line.count} == {"reception": 1, "opinion": 1}
    assert record.total == Decimal("3") + Decimal("0.5")
    assert points.duty_record(deputy_id=other.pk, year=YEAR).total == 3  # present at the reception only
