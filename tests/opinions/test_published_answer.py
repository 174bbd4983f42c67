"""The citizen's query page shows the answer of the suggestion made from their opinion only while it is
published: before the publication day the step 已答复 and the day; 不公开 or withdrawn, never the reply."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from opinions import services
from proposals import services as ps
from proposals.errors import DomainError
from proposals.models import Assignment, PlannedAction
from publicsite.models import Publication
from publicsite.services import publication_withdraw
from tests.opinions.support import opinion

pytestmark = pytest.mark.django_db

D = dt.date
BODY = "我局已制定老旧小区加装电梯补助办法，每台补助15万元。"
SECRETS = ("王联络", "13900001111", "李签发", "13812345678")


def _on(time_machine, day: dt.date) -> None:
    time_machine.move_to(dt.datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


def _answered_from_opinion(world, *, disclosure: str, merged=()):
    """An opinion (with the ``merged`` ones merged under it) turned into a suggestion, submitted with
    ``disclosure``, assigned and answered (B, with a promise) on Monday 2026-03-02."""
    o = opinion(world, content="北山街道老旧小区没有电梯，老人上下楼困难，希望支持加装电梯。")
    if merged:
        services.opinions_merge(head=o, others=list(merged), by=world.staff_user, reason="同一问题")
    p = services.opinions_to_suggestion(
        opinions=[o],
        by=world.deputy.user,
        title="关于支持老旧小区加装电梯的建议",
        content="群众反映……",
        field="城乡建设",
        reason="问题具有普遍性",
    )
    reason = "" if disclosure == "agree" else "涉及个人信息"
    ps.proposal_submit(proposal=p, by=world.deputy.user, disclosure=disclosure, non_disclosure_reason=reason)
    ps.proposal_register(proposal=p, by=world.office)
    ps.proposal_assign(proposal=p, by=world.office, mode="single", lead_units=[world.unit])
    a = Assignment.objects.get(proposal=p)
    handler = world.unit.handlers.get().user
    ps.assignment_sign(assignment=a, by=handler)
    a.refresh_from_db()
    ps.reply_submit(
        assignment=a,
        by=handler,
        category="B",
        adoption="adopted",
        body=BODY,
        planned=[("年内在北山街道完成首批试点加装", D(2026, 12, 31))],
        doc_number="市建函〔2026〕30号",
        contact_person="王联络",
        contact_phone="13900001111",
        signer="李签发",
    )
    p.refresh_from_db()
    o.refresh_from_db()
    return o, p


def _query(code: str) -> str:
    r = Client().post(reverse("opinions_public:query"), {"code": code})
    assert r.status_code == 200
    return r.content.decode()


@pytest.fixture
def agreed(world, time_machine):
    _on(time_machine, D(2026, 3, 2))
    return _answered_from_opinion(world, disclosure="agree")


def test_before_its_publication_day_the_citizen_sees_the_answered_step_and_the_day_but_not_the_reply(agreed):
    o, p = agreed
    assert Publication.objects.get(proposal=p).publish_on == D(2026, 3, 30)
    page = _query(o.query_code)
    assert "已答复" in page and "答复将按规定于 2026年3月30日 公开" in page
    assert BODY not in page and "publicsite" not in page and "/public/items/" not in page
    for secret in SECRETS:
        assert secret not in page


def test_once_published_the_citizen_reads_the_reply_and_the_promises_done_with_a_link_and_no_contact(
    world, agreed, time_machine
):
    o, p = agreed
    action = PlannedAction.objects.get(proposal=p)
    ps.followup_report(action=action, by=world.unit.handlers.get().user, done=True, note="已完成首批10台")
    _on(time_machine, D(2026, 3, 30))
    page = _query(o.query_code)
    publication = Publication.objects.get(proposal=p)
    assert BODY in page and "年内在北山街道完成首批试点加装" in page and "已落实" in page
    assert "市住房和城乡建设局的答复" in page and "市建函〔2026〕30号" in page
    assert reverse("publicsite:item", args=[publication.slug]) in page
    for secret in SECRETS:
        assert secret not in page


def test_the_citizen_can_rate_once_the_answer_is_published_not_before(world, agreed, time_machine):
    o, _ = agreed
    assert 'action="/public/opinions/rate/"' not in _query(o.query_code)
    with pytest.raises(DomainError, match="还没有答复"):
        services.opinion_rate(opinion=o, result="satisfied")
    _on(time_machine, D(2026, 3, 30))
    assert reverse("opinions_public:rate") in _query(o.query_code)
    services.opinion_rate(opinion=o, result="basic")
    o.refresh_from_db()
    assert o.satisfaction == "basic"


def test_a_withdrawn_publication_shows_that_it_was_answered_never_the_reply(world, agreed, time_machine):
    o, p = agreed
    _on(time_machine, D(2026, 3, 30))
    assert BODY in _query(o.query_code)
    publication_withdraw(publication=Publication.objects.get(proposal=p), by=world.office, reason="涉及信访事项")
    page = _query(o.query_code)
    assert "已答复" in page and "不在公开之列" in page
    assert BODY not in page and "/public/items/" not in page


def test_an_item_the_deputy_did_not_publish_shows_that_it_was_answered_never_the_reply(world, time_machine):
    _on(time_machine, D(2026, 3, 2))
    o, p = _answered_from_opinion(world, disclosure="refuse")
    assert not Publication.objects.filter(proposal=p).exists()
    _on(time_machine, D(2026, 6, 1))
    page = _query(o.query_code)
    assert "已答复" in page and "按规定不公开" in page
    assert BODY not in page and "涉及个人信息" not in page and "/public/items/" not in page


def test_an_agreed_item_not_yet_scheduled_says_the_answer_will_be_published_per_the_rules(agreed):
    o, p = agreed
    Publication.objects.filter(proposal=p).delete()  # e.g. answered before publication was scheduled
    page = _query(o.query_code)
    assert "答复将按规定公开" in page and BODY not in page


def test_a_merged_opinion_sees_the_published_answer_of_the_opinion_it_was_merged_under(world, time_machine):
    _on(time_machine, D(2026, 3, 2))
    other = opinion(world, content="小区加装电梯的补贴政策什么时候出台？", citizen_phone="13700001111")
    head, _ = _answered_from_opinion(world, disclosure="agree", merged=[other])
    _on(time_machine, D(2026, 3, 30))
    page = _query(other.query_code)
    assert BODY in page and "13700001111" not in page and head.content not in page


def test_on_the_publication_day_the_daily_scan_feeds_the_answer_back_once_to_the_opinion_and_those_merged(
    world, time_machine
):
    from opinions import figures, tasks

    _on(time_machine, D(2026, 3, 2))
    other = opinion(world, content="小区加装电梯的补贴政策什么时候出台？")
    head, _ = _answered_from_opinion(world, disclosure="agree", merged=[other])
    _on(time_machine, D(2026, 3, 27))
    assert tasks.published_feedback() == 0
    _on(time_machine, D(2026, 4, 1))  # the scan missed a few days: the day recorded is still the publication day
    assert tasks.published_feedback() == 2
    assert tasks.published_feedback() == 0
    for o in (head, other):
        o.refresh_from_db()
        assert o.fed_back_on == D(2026, 3, 30)
    year = figures.period_opinions(start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert figures.totals(year)["fed_back"] == 2


def test_an_answer_not_published_is_not_counted_as_fed_back_by_the_scan(world, time_machine):
    from opinions import tasks

    _on(time_machine, D(2026, 3, 2))
    o, _ = _answered_from_opinion(world, disclosure="refuse")
    _on(time_machine, D(2026, 6, 1))
    assert tasks.published_feedback() == 0
    o.refresh_from_db()
    assert o.fed_back_on is None
