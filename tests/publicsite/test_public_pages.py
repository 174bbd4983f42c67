"""The public pages: only items agreed, due and not withdrawn are reachable; never a contact detail."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.urls import reverse

from proposals import services
from proposals.models import Assignment
from publicsite.models import Publication
from publicsite.services import publication_withdraw
from tests import factories as f

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def _on(time_machine, day):
    time_machine.move_to(dt.datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


def _answered(*, title, disclosure, staff, unit, reason=""):
    deputy = f.deputy()
    p = f.proposal(lead=deputy, title=title)
    services.proposal_submit(proposal=p, by=deputy.user, disclosure=disclosure, non_disclosure_reason=reason)
    services.proposal_register(proposal=p, by=staff)
    services.proposal_assign(proposal=p, by=staff, mode="single", lead_units=[unit])
    a = Assignment.objects.get(proposal=p)
    services.assignment_sign(assignment=a, by=f.handler_of(unit))
    a.refresh_from_db()
    services.reply_submit(
        assignment=a,
        by=f.handler_of(unit),
        category="A",
        body="已完成改造。",
        contact_person="王联络",
        contact_phone="13900001111",
        signer="李签发",
    )
    p.refresh_from_db()
    return p


@pytest.fixture
def items(time_machine):
    _on(time_machine, D(2026, 3, 2))
    staff, unit = f.staff_user(), f.unit(name="市住房和城乡建设局")
    agreed = _answered(title="关于加装电梯的建议", disclosure="agree", staff=staff, unit=unit)
    refused = _answered(title="关于内部事项的建议", disclosure="refuse", reason="涉及个人隐私", staff=staff, unit=unit)
    return {"staff": staff, "agreed": agreed, "refused": refused}


def _page(client, **params):
    return client.get(reverse("publicsite:search"), params).content.decode()


def test_an_agreed_item_is_published_twenty_working_days_after_the_reply(client, items, time_machine):
    publication = Publication.objects.get(proposal=items["agreed"])
    assert publication.publish_on == D(2026, 3, 30)  # 20 working days after Monday 03-02
    assert not Publication.objects.filter(proposal=items["refused"]).exists()
    assert "关于加装电梯的建议" not in _page(client)  # not yet due
    assert client.get(reverse("publicsite:item", args=[publication.slug])).status_code == 404
    _on(time_machine, D(2026, 3, 30))
    cache.clear()
    page = _page(client, q="电梯")
    assert "关于加装电梯的建议" in page and "市住房和城乡建设局" in page
    item = client.get(reverse("publicsite:item", args=[publication.slug])).content.decode()
    assert "已完成改造。" in item and "已答复" in item


def test_refused_and_withdrawn_items_are_not_reachable_by_search_or_guessed_url(client, items, time_machine):
    _on(time_machine, D(2026, 4, 1))
    assert "关于内部事项的建议" not in _page(client) and "关于内部事项的建议" not in _page(client, q="内部")
    publication = Publication.objects.get(proposal=items["agreed"])
    publication_withdraw(publication=publication, by=items["staff"], reason="涉及正在处理的信访事项")
    cache.clear()
    assert "关于加装电梯的建议" not in _page(client)
    assert client.get(reverse("publicsite:item", args=[publication.slug])).status_code == 404
    for guess in (str(items["agreed"].pk), str(items["refused"].pk), "1", "abc"):
        assert client.get(f"/public/items/{guess}/").status_code == 404
    assert f"/public/items/{items['agreed'].pk}/" not in _page(client)


def test_contact_details_never_appear_on_a_public_page(client, items, time_machine):
    _on(time_machine, D(2026, 4, 1))
    publication = Publication.objects.get(proposal=items["agreed"])
    pages = [_page(client), client.get(reverse("publicsite:item", args=[publication.slug])).content.decode()]
    for page in pages:
        for secret in ("王联络", "13900001111", "李签发", items["agreed"].lead_deputy.phone or "无电话"):
            assert secret not in page


def test_withdrawing_needs_staff_and_a_reason(client, items):
    publication = Publication.objects.get(proposal=items["agreed"])
    client.force_login(f.handler_of(f.unit()))
    assert client.post(reverse("publication_admin:withdraw", args=[publication.pk]), {"reason": "x"}).status_code in (
        302,
        403,
    )
    client.force_login(items["staff"])
    client.post(reverse("publication_admin:withdraw", args=[publication.pk]), {"reason": ""})
    publication.refresh_from_db()
    assert publication.withdrawn_at is None
    client.post(reverse("publication_admin:withdraw", args=[publication.pk]), {"reason": "涉密"})
    publication.refresh_from_db()
    assert publication.withdraw_reason == "涉密" and publication.withdrawn_by == items["staff"]


def test_the_deputy_must_choose_and_a_refusal_needs_its_reason(items):
    from proposals.errors import DomainError

    deputy = f.deputy()
    p = f.proposal(lead=deputy, title="关于某事的建议")
    with pytest.raises(DomainError, match="请写明不公开原由"):
        services.proposal_submit(proposal=p, by=deputy.user, disclosure="refuse")
    with pytest.raises(DomainError, match="请选择是否同意公开"):
        services.proposal_submit(proposal=p, by=deputy.user, disclosure="")
