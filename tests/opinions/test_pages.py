import pytest
from django.test import Client
from django.urls import reverse

from opinions import services
from opinions.models import OpinionState
from tests import factories as f
from tests.opinions.support import opinion

pytestmark = pytest.mark.django_db

PHONE = "13812345678"


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_station_staff_land_on_their_opinions_and_see_the_phone_and_the_query_code(world):
    o = opinion(world)
    c = login(world.staff_user)
    r = c.get(reverse("accounts:home"))
    assert r.status_code == 302 and r["Location"] == reverse("opinions:list")
    page = c.get(reverse("opinions:list")).content.decode()
    assert o.short in page and "北山街道代表联络站" in page
    detail = c.get(reverse("opinions:detail", args=[o.pk])).content.decode()
    assert PHONE in detail and o.code_display in detail and "直接答复" in detail


def test_station_staff_cannot_open_another_stations_opinion(world):
    theirs = opinion(world, by=world.other_staff_user, deputy=world.outsider)
    c = login(world.staff_user)
    assert c.get(reverse("opinions:detail", args=[theirs.pk])).status_code == 404
    r = c.post(
        reverse("opinions:answer", args=[theirs.pk]),
        {"answer-version": 0, "answer-reason": "r", "answer-answer": "a", "answer-on": "2026-01-01"},
    )
    assert r.status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == OpinionState.NEW


def test_station_staff_enter_an_opinion_and_triage_it_through_the_pages(world):
    c = login(world.staff_user)
    r = c.post(
        reverse("opinions:create"),
        {
            "content": "菜市场周边占道经营严重，早晚高峰车辆难以通行。",
            "citizen_name": "",
            "citizen_phone": "0571-88001234",
            "field": "城乡建设",
            "area": "",
            "source": "reception",
            "deputy": world.deputy.pk,
            "received_on": "2026-01-05",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    o = world.station.opinions.get()
    r = c.post(
        reverse("opinions:refer", args=[o.pk]),
        {
            "refer-version": o.version,
            "refer-unit": world.unit.pk,
            "refer-reason": "属城管职责",
            "refer-on": "2026-01-06",
        },
    )
    assert r.status_code == 302
    o.refresh_from_db()
    assert o.state == OpinionState.REFERRED and o.referral.unit == world.unit


def test_a_stale_triage_form_changes_nothing(world):
    o = opinion(world)
    c = login(world.staff_user)
    services.opinion_keep(opinion=o, by=world.staff_user, reason="留作参考")
    r = c.post(
        reverse("opinions:decline", args=[o.pk]),
        {"decline-version": 0, "decline-reason": "重复", "decline-on": "2026-01-06"},
        follow=True,
    )
    assert "已被他人处理" in r.content.decode() or "不能" in r.content.decode()
    o.refresh_from_db()
    assert o.state == OpinionState.KEPT


def test_units_see_only_their_referrals_and_never_the_citizens_phone_or_name(world):
    o = opinion(world)
    referral = services.opinion_refer(opinion=o, by=world.staff_user, unit=world.unit, reason="属住建职责")
    handler = world.unit.handlers.get().user
    c = login(handler)
    listing = c.get(reverse("opinions:referrals")).content.decode()
    page = c.get(reverse("opinions:referral", args=[referral.pk])).content.decode()
    for text in (listing, page):
        assert PHONE not in text and "李阿姨" not in text
    assert o.short in listing
    assert c.get(reverse("opinions:detail", args=[o.pk])).status_code == 403
    other = login(world.other_unit.handlers.get().user)
    assert other.get(reverse("opinions:referral", args=[referral.pk])).status_code == 404
    assert o.short not in other.get(reverse("opinions:referrals")).content.decode()
    r = other.post(reverse("opinions:referral_answer", args=[referral.pk]), {"version": 0, "answer": "不是我们的"})
    assert r.status_code == 404
    r = c.post(
        reverse("opinions:referral_answer", args=[referral.pk]), {"version": 0, "answer": "已安排维修，三日内修复。"}
    )
    assert r.status_code == 302
    referral.refresh_from_db()
    assert referral.state == "answered"


def test_committees_read_their_fields_with_the_phone_hidden_and_see_the_analysis(world):
    o = opinion(world, content="北山路路灯不亮，夜间出行不安全。")
    opinion(world, content="小区的路灯坏了很久没人修。")
    opinion(world, content="请修一下学校门口路灯，孩子放学不安全。")
    c = login(world.committee_user)
    assert c.get(reverse("accounts:home"))["Location"] == reverse("opinions:committee")
    home = c.get(reverse("opinions:committee")).content.decode()
    assert "路灯 <span" in home  # a recurring topic
    detail = c.get(reverse("opinions:detail", args=[o.pk])).content.decode()
    assert PHONE not in detail and o.code_display not in detail
    r = c.post(reverse("opinions:supervise", args=[o.pk]))
    assert r.status_code == 302
    o.refresh_from_db()
    assert o.supervised_by == world.committee
    assert c.get(reverse("opinions:figures")).status_code == 200
    p = f.proposal(field="城乡建设", title="关于加快老旧小区加装电梯的建议")
    services.opinions_to_suggestion(
        opinions=[opinion(world)],
        by=world.deputy.user,
        title="关于路灯的建议",
        content="c",
        field="城乡建设",
        reason="r",
    )
    from proposals import services as ps

    ps.proposal_submit(proposal=p, by=p.lead_deputy.user)
    assert p.title in c.get(reverse("opinions:committee_suggestions")).content.decode()
    assert c.post(reverse("opinions:supervise_suggestion", args=[p.pk]), {"note": "跟踪补贴"}).status_code == 302
    assert p.committee_supervision.committee == world.committee
    assert c.get(reverse("opinions:committee_suggestion", args=[p.pk])).status_code == 200


def test_the_figures_page_is_for_staff_leaders_and_committees_only(world):
    opinion(world)
    assert login(world.office).get(reverse("opinions:figures")).status_code == 200
    assert login(f.leader_user()).get(reverse("opinions:figures")).status_code == 200
    assert login(world.staff_user).get(reverse("opinions:figures")).status_code == 403
    assert login(world.unit.handlers.get().user).get(reverse("opinions:figures")).status_code == 403


def test_receptions_are_listed_and_recorded_by_station_staff(world):
    c = login(world.staff_user)
    r = c.post(
        reverse("opinions:reception_create"),
        {"held_on": "2026-01-10", "deputies": [world.deputy.pk], "visitors": 12, "topic": "老旧小区改造"},
    )
    assert r.status_code == 302, r.content.decode()[:1500]
    assert "老旧小区改造" in c.get(reverse("opinions:receptions")).content.decode()
    assert "老旧小区改造" not in login(world.other_staff_user).get(reverse("opinions:receptions")).content.decode()
