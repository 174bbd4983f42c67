"""The citizens' pages: the form (challenge, rate limit), the query code, and what never shows in public."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from opinions import challenge, codes, services
from opinions.access import visible_opinions
from opinions.models import Opinion
from tests.opinions.support import opinion

pytestmark = pytest.mark.django_db

PHONE = "13987654321"


def _form(c: Client, url: str) -> dict:
    """GET the form and answer its question, the way a person would."""
    page = c.get(url)
    assert page.status_code == 200
    token = page.context["form"]["token"].value()
    answer = signing.loads(token, salt=challenge.SALT)["s"]
    return {
        "content": "学校门口早晚接送时段交通拥堵，希望增设临时停车区和护学岗。",
        "field": "交通运输",
        "area": "北山街道",
        "citizen_name": "张先生",
        "citizen_phone": PHONE,
        "answer": str(answer),
        "token": token,
        "website": "",
    }


def test_a_citizen_sends_an_opinion_to_a_station_and_gets_a_query_code(world):
    c = Client()
    url = reverse("opinions_public:station_submit", args=[world.station.pk])
    r = c.post(url, _form(c, url))
    assert r.status_code == 200
    o = Opinion.objects.get()
    assert (o.station, o.deputy, o.source, o.citizen_phone) == (world.station, None, "online", PHONE)
    page = r.content.decode()
    assert o.code_display in page and PHONE not in page


def test_the_deputy_code_sends_the_opinion_to_the_deputy(world):
    c = Client()
    url = reverse("opinions_public:deputy_submit", args=[world.deputy.pk])
    assert c.post(url, _form(c, url)).status_code == 200
    o = Opinion.objects.get()
    assert (o.deputy, o.station, o.source) == (world.deputy, None, "deputy_code")
    assert o in visible_opinions(world.deputy.user)


@pytest.mark.parametrize(
    "tamper, message",
    [
        ({"answer": "99"}, "回答错误"),
        ({"website": "http://spam.example"}, "未通过校验"),
        ({"token": "forged"}, "未通过校验"),
    ],
)
def test_a_wrong_answer_a_filled_honeypot_or_a_forged_token_saves_nothing(world, tamper, message):
    c = Client()
    url = reverse("opinions_public:station_submit", args=[world.station.pk])
    data = {**_form(c, url), **tamper}
    r = c.post(url, data)
    assert message in r.content.decode()
    assert not Opinion.objects.exists()


def test_a_form_posted_too_fast_or_twice_is_refused(world, settings):
    c = Client()
    url = reverse("opinions_public:station_submit", args=[world.station.pk])
    settings.OPINIONS_FORM_MIN_SECONDS = 60
    assert "提交过快" in c.post(url, _form(c, url)).content.decode()
    settings.OPINIONS_FORM_MIN_SECONDS = 0
    data = _form(c, url)
    c.post(url, data)
    assert "已提交过" in c.post(url, data).content.decode()
    assert Opinion.objects.count() == 1


def test_the_form_is_rate_limited_per_address(world, settings):
    settings.OPINIONS_SUBMIT_RATE = "2/h"
    c = Client()
    url = reverse("opinions_public:station_submit", args=[world.station.pk])
    for _ in range(2):
        assert c.post(url, _form(c, url)).status_code == 200
    r = c.post(url, _form(c, url))
    assert r.status_code == 429 and "过于频繁" in r.content.decode()
    assert Opinion.objects.count() == 2
    # Another address is not held back.
    other = Client(REMOTE_ADDR="10.0.0.8")
    assert other.post(url, _form(other, url), REMOTE_ADDR="10.0.0.8").status_code == 200


def test_a_wrong_or_guessed_query_code_shows_nothing(world):
    o = opinion(world)
    c = Client()
    for code in ("", "1234", codes.new_code(), o.query_code[:-1] + ("A" if o.query_code[-1] != "A" else "B")):
        r = c.post(reverse("opinions_public:query"), {"code": code})
        page = r.content.decode()
        assert r.status_code == 200 and "办理过程" not in page
        assert o.content not in page and "13812345678" not in page
    r = c.post(reverse("opinions_public:rate"), {"code": codes.new_code(), "result": "satisfied"})
    assert r.status_code == 404


def test_the_query_page_shows_the_citizen_their_own_steps_and_never_a_phone_or_another_citizen(world):
    mine = opinion(world, content="北山路路灯不亮，晚上出行不安全。", citizen_phone=PHONE)
    other = opinion(world, content="北山路一带路灯坏了很久，请尽快修复。", citizen_name="王大妈")
    services.opinions_merge(head=other, others=[mine], by=world.staff_user, reason="同一路段路灯问题")
    referral = services.opinion_refer(opinion=other, by=world.staff_user, unit=world.unit, reason="属住建部门职责")
    c = Client()
    page = c.post(reverse("opinions_public:query"), {"code": mine.code_display.lower()}).content.decode()
    assert mine.content in page and "合并处理" in page and "等待市住房和城乡建设局答复" in page
    assert other.content not in page and "王大妈" not in page and PHONE not in page and "13812345678" not in page
    assert "陈丽" not in page  # the station staff's name: the citizen sees the station
    services.referral_answer(referral=referral, by=world.unit.handlers.get().user, answer="路灯已全部修复。")
    page = c.post(reverse("opinions_public:query"), {"code": mine.query_code}).content.decode()
    assert "路灯已全部修复。" in page and "您对答复是否满意" in page
    r = c.post(reverse("opinions_public:rate"), {"code": mine.query_code, "result": "satisfied", "comment": "很快"})
    assert "您的评价：满意" in r.content.decode()
    mine.refresh_from_db()
    assert mine.satisfaction == "satisfied"


def test_lookups_are_rate_limited_against_guessing(world, settings):
    settings.OPINIONS_QUERY_RATE = "3/h"
    c = Client()
    for _ in range(3):
        assert c.post(reverse("opinions_public:query"), {"code": codes.new_code()}).status_code == 200
    o = opinion(world)
    r = c.post(reverse("opinions_public:query"), {"code": o.query_code})
    assert r.status_code == 429 and o.content not in r.content.decode()


def test_public_station_and_deputy_pages_and_qr_codes_show_no_phone(world):
    world.deputy.phone = "13700001111"
    world.deputy.save(update_fields=["phone"])
    c = Client()
    for name, pk in (("station", world.station.pk), ("deputy", world.deputy.pk)):
        page = c.get(reverse(f"opinions_public:{name}", args=[pk]))
        assert page.status_code == 200 and "13700001111" not in page.content.decode()
        qr = c.get(reverse(f"opinions_public:{name}_qr", args=[pk]))
        assert qr["Content-Type"] == "image/svg+xml" and qr.content.startswith(b"<svg")
    world.station.active = False
    world.station.save(update_fields=["active"])
    assert c.get(reverse("opinions_public:station", args=[world.station.pk])).status_code == 404


def test_the_public_index_lists_the_active_stations(world):
    world.other_station.active = False
    world.other_station.save(update_fields=["active"])
    page = Client().get(reverse("opinions_public:index")).content.decode()
    assert world.station.name in page and world.other_station.name not in page
