import pytest

from opinions import services
from opinions.access import can_triage, visible_opinions
from opinions.codes import ALPHABET, LENGTH, normalize
from opinions.models import Opinion, OpinionState, Referral, TriageStep
from proposals.errors import DomainError
from proposals.models import Proposal
from tests.opinions.support import days_ago, opinion

pytestmark = pytest.mark.django_db


def test_an_opinion_entered_at_a_station_gets_an_unguessable_query_code_and_the_station_area(world):
    o = opinion(world)
    assert len(o.query_code) == LENGTH and set(o.query_code) <= set(ALPHABET)
    assert o.area == "西湖区" and o.station == world.station and o.state == OpinionState.NEW
    assert normalize(o.code_display.lower()) == o.query_code
    assert opinion(world).query_code != o.query_code


def test_station_staff_cannot_enter_an_opinion_for_another_station(world):
    with pytest.raises(DomainError, match="本联络站"):
        opinion(world, station=world.other_station)
    assert not Opinion.objects.exists()


def test_a_deputy_enters_opinions_sent_to_them_but_not_for_a_station_they_do_not_belong_to(world):
    o = opinion(world, by=world.deputy.user, deputy=None, source="letter")
    assert o.deputy == world.deputy and o.station is None
    with pytest.raises(DomainError, match="进站代表"):
        opinion(world, by=world.deputy.user, station=world.other_station)


def test_bad_input_is_refused_with_a_clear_message(world):
    with pytest.raises(DomainError, match="联系电话"):
        opinion(world, citizen_phone="abc")
    with pytest.raises(DomainError, match="至少5个字"):
        opinion(world, content="路灯")
    with pytest.raises(DomainError, match="来源"):
        opinion(world, source="fax")
    assert not Opinion.objects.exists()


def test_station_staff_see_only_their_station_and_units_and_committees_of_other_fields_see_nothing(world):
    mine = opinion(world)
    theirs = opinion(world, by=world.other_staff_user, deputy=world.outsider, field="交通运输")
    assert list(visible_opinions(world.staff_user)) == [mine]
    assert list(visible_opinions(world.other_staff_user)) == [theirs]
    assert list(visible_opinions(world.deputy.user)) == [mine]
    assert list(visible_opinions(world.committee_user)) == [mine]  # 城乡建设 is the committee's field
    assert not visible_opinions(world.unit.handlers.get().user).exists()
    assert set(visible_opinions(world.office)) == {mine, theirs}
    assert not can_triage(world.staff_user, theirs)
    with pytest.raises(DomainError, match="无权"):
        services.opinion_answer(opinion=theirs, by=world.staff_user, answer="已修复", reason="现场答复")


def test_a_direct_answer_records_the_answer_the_first_response_and_the_feedback(world):
    o = opinion(world, received_on=days_ago(3))
    services.opinion_answer(opinion=o, by=world.staff_user, answer="已联系街道，本周内修复。", reason="属街道职责")
    o.refresh_from_db()
    assert o.state == OpinionState.ANSWERED
    assert o.first_response_on == o.fed_back_on == days_ago(0)
    step = o.steps.get()
    assert (step.decision, step.reason, step.by_label) == ("answer", "属街道职责", "北山街道代表联络站")
    with pytest.raises(DomainError, match="不能答复"):
        services.opinion_answer(opinion=o, by=world.staff_user, answer="再答复", reason="再次")


def test_triage_needs_a_reason_and_a_date_not_before_the_opinion(world):
    o = opinion(world, received_on=days_ago(2))
    with pytest.raises(DomainError, match="理由"):
        services.opinion_keep(opinion=o, by=world.staff_user, reason=" ")
    with pytest.raises(DomainError, match="早于"):
        services.opinion_decline(opinion=o, by=world.staff_user, reason="重复", on=days_ago(5))
    o.refresh_from_db()
    assert o.state == OpinionState.NEW and not o.steps.exists()
    services.opinion_decline(opinion=o, by=world.staff_user, reason="属司法程序，不属于代表工作范围")
    o.refresh_from_db()
    assert o.state == OpinionState.DECLINED and o.fed_back_on is None and o.first_response_on is not None


def test_a_referral_goes_to_one_unit_with_a_due_date_and_is_not_a_suggestion(world):
    o = opinion(world)
    referral = services.opinion_refer(opinion=o, by=world.staff_user, unit=world.unit, reason="属住建部门职责")
    assert (referral.due_on - days_ago(0)).days == 30
    assert not Proposal.objects.exists()
    handler = world.unit.handlers.get().user
    assert handler.notifications.filter(title__startswith="民意转办").exists()
    other_handler = world.other_unit.handlers.get().user
    with pytest.raises(DomainError, match="无权答复"):
        services.referral_answer(referral=referral, by=other_handler, answer="这不是我们的件。")
    services.referral_answer(referral=referral, by=handler, answer="已安排维修队，三日内修复路灯。")
    o.refresh_from_db()
    assert o.fed_back_on is not None
    assert o.steps.filter(decision=TriageStep.Decision.UNIT_REPLY, by_label="市住房和城乡建设局").exists()
    assert world.staff_user.notifications.filter(title__contains="已答复").exists()
    with pytest.raises(DomainError, match="已答复"):
        services.referral_answer(referral=Referral.objects.get(), by=handler, answer="再答复一次内容。")


def test_merged_opinions_follow_the_head_opinion(world):
    head = opinion(world, content="北山路路灯不亮，晚上不安全。")
    a = opinion(world, content="北山路一带路灯坏了很久。")
    b = opinion(world, content="请修一下北山路的路灯。")
    services.opinions_merge(head=a, others=[b], by=world.staff_user, reason="同一路段")
    services.opinions_merge(head=head, others=[a], by=world.staff_user, reason="同一问题")
    assert set(head.merged_opinions.all()) == {a, b}
    for o in (a, b):
        o.refresh_from_db()
        assert o.state == OpinionState.MERGED and o.merged_into == head
    with pytest.raises(DomainError, match="不能答复"):
        services.opinion_answer(opinion=a, by=world.staff_user, answer="x", reason="y")
    services.opinion_answer(opinion=head, by=world.staff_user, answer="路灯已全部修复。", reason="现场核实")
    assert set(Opinion.objects.filter(fed_back_on__isnull=False)) == {head, a, b}
    with pytest.raises(DomainError, match="其他意见"):
        services.opinions_merge(head=head, others=[head], by=world.staff_user, reason="同")


def test_a_deputy_turns_several_opinions_into_one_draft_suggestion_linked_both_ways(world):
    one = opinion(world, content="老小区没有电梯，老人上下楼困难。")
    two = opinion(world, content="希望政府补贴老旧小区加装电梯。")
    with pytest.raises(DomainError, match="代表本人"):
        services.opinions_to_suggestion(
            opinions=[one], by=world.staff_user, title="t", content="c", field="城乡建设", reason="r"
        )
    proposal = services.opinions_to_suggestion(
        opinions=[one, two],
        by=world.deputy.user,
        title="关于加快老旧小区加装电梯的建议",
        content="群众反映……",
        field="城乡建设",
        reason="问题具有普遍性，需要市级层面推动",
    )
    assert proposal.state == "draft" and proposal.lead_deputy == world.deputy
    assert set(proposal.source_opinions.all()) == {one, two}
    one.refresh_from_db()
    assert one.state == OpinionState.SUGGESTED and one.suggestion == proposal
    with pytest.raises(DomainError, match="尚未答复"):
        services.opinion_release_outcome(opinion=one, by=world.staff_user, summary="已答复，正在推进。")


def test_an_outsider_deputy_cannot_turn_another_deputys_opinion_into_a_suggestion(world):
    o = opinion(world)
    with pytest.raises(DomainError, match="无权"):
        services.opinions_to_suggestion(
            opinions=[o], by=world.outsider.user, title="关于路灯的建议", content="c", field="城乡建设", reason="r"
        )
    assert not Proposal.objects.exists()
    o.refresh_from_db()
    assert o.state == OpinionState.NEW


def test_the_citizen_rates_once_and_only_after_an_answer(world):
    o = opinion(world)
    with pytest.raises(DomainError, match="还没有答复"):
        services.opinion_rate(opinion=o, result="satisfied")
    services.opinion_answer(opinion=o, by=world.staff_user, answer="已修复。", reason="现场答复")
    o.refresh_from_db()
    services.opinion_rate(opinion=o, result="basic", comment="修得挺快")
    with pytest.raises(DomainError, match="已评价"):
        services.opinion_rate(opinion=o, result="satisfied")
    o.refresh_from_db()
    assert o.satisfaction == "basic"


def test_a_committee_supervises_opinions_and_suggestions_of_its_fields_only(world):
    o = opinion(world)
    services.committee_supervise_opinion(opinion=o, by=world.committee_user)
    o.refresh_from_db()
    assert o.supervised_by == world.committee
    traffic = opinion(world, field="交通运输")
    with pytest.raises(DomainError, match="领域"):
        services.committee_supervise_opinion(opinion=traffic, by=world.committee_user)
    from tests import factories as f

    p = f.proposal(field="城乡建设")
    row = services.committee_supervise_suggestion(proposal=p, by=world.committee_user, note="跟踪加装电梯补贴落实")
    assert p.committee_supervision == row
    with pytest.raises(DomainError, match="领域"):
        services.committee_supervise_suggestion(proposal=f.proposal(field="教育"), by=world.committee_user)
    with pytest.raises(DomainError, match="无权"):
        services.committee_supervise_opinion(opinion=o, by=world.staff_user)
