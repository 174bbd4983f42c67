"""The public pages before anonymous traffic: nothing internal on them, no item ids, hidden items unreachable
by any search or guessed address, each address rate-limited, pages cached and dropped at a withdrawal."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proposals import services
from proposals.models import Assignment, PlannedAction, Reply
from publicsite.models import Publication
from publicsite.services import publication_withdraw
from tests import factories as f
from tests.publicsite import test_public_pages as public_pages
from tests.publicsite.test_public_pages import _answered, _on, _page

pytestmark = pytest.mark.django_db

D = dt.date
items = public_pages.items  # an agreed item replied on 2026-03-02 (published 03-30) and a refused one
SLUG_LINK = re.compile(r'href="/public/items/([^"/]+)/"')


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def _item_page(client, publication) -> str:
    response = client.get(reverse("publicsite:item", args=[publication.slug]))
    assert response.status_code == 200
    return response.content.decode()


def _with_internal_records(time_machine):
    """A published item whose history holds every kind of internal record: a reply returned in review, a
    category correction, promises done and not done, contacts, progress, supervision, an assisted rating and
    co-signers' ratings (one entered by the office)."""
    _on(time_machine, D(2026, 3, 2))
    staff, unit = f.staff_user(), f.unit(name="市交通运输局")
    handler = f.handler_of(unit)
    deputy, co, co_offline = f.deputy(), f.deputy(), f.deputy()
    p = f.proposal(lead=deputy, title="关于优化公交线路的建议")
    p.co_signers.add(co, co_offline)
    services.proposal_submit(proposal=p, by=deputy.user, disclosure="agree")
    services.proposal_register(proposal=p, by=staff)
    services.proposal_assign(proposal=p, by=staff, mode="single", lead_units=[unit])
    a = Assignment.objects.get(proposal=p)
    services.assignment_sign(assignment=a, by=handler)
    a.refresh_from_db()
    services.contact_log(
        assignment=a, by=handler, method="phone", contacted_on=D(2026, 3, 2), summary="电话沟通内部情况甲"
    )
    services.progress_add(assignment=a, by=handler, body="内部进展记录乙", noted_on=D(2026, 3, 2))
    services.supervision_issue(
        proposal=p, unit=unit, by=staff, kind="urge", content="催办内容丙", due_on=D(2026, 3, 20), on=D(2026, 3, 2)
    )
    plans = [("增开早高峰班次", D(2026, 3, 10)), ("新建公交首末站", D(2026, 3, 12))]
    reply = services.reply_submit(
        assignment=a, by=handler, category="C", body="正式答复正文。", planned=plans, not_adopted_reason="用地紧张",
        contact_person="赵联系", contact_phone="13811112222", signer="钱签发",
    )  # fmt: skip
    services.reply_return(reply=reply, by=staff, reason="退回理由丁")
    a.refresh_from_db()
    reply = services.reply_submit(
        assignment=a, by=handler, category="C", body="正式答复正文。", planned=plans, not_adopted_reason="用地紧张",
        contact_person="赵联系", contact_phone="13811112222", signer="钱签发",
    )  # fmt: skip
    services.reply_approve(reply=reply, by=staff, comment="审查意见戊")
    services.reply_correct_category(reply=Reply.objects.get(pk=reply.pk), by=staff, category="B", reason="更正理由己")
    p.refresh_from_db()
    services.co_signer_evaluation_submit(
        proposal=p, by=co.user, deputy=co, attitude="basic", result="unsatisfied", reason="附议意见庚"
    )
    services.co_signer_evaluation_submit(
        proposal=p, by=staff, deputy=co_offline, attitude="satisfied", result="basic",
        assisted_channel="written", assisted_reason="代录原因辛",
    )  # fmt: skip
    services.evaluation_submit(
        proposal=p, by=staff, deputy=deputy, attitude="satisfied", result="basic", reason="领衔意见壬",
        assisted_channel="phone", assisted_reason="代录原因癸",
    )  # fmt: skip
    _on(time_machine, D(2026, 3, 13))
    first, second = PlannedAction.objects.filter(reply=reply).order_by("position")
    services.followup_report(action=first, by=handler, done=True, note="落实说明子")
    services.followup_report(action=second, by=handler, done=False, note="未落实说明丑")
    _on(time_machine, D(2026, 4, 10))
    return p, Publication.objects.get(proposal=p)


@pytest.mark.reply_review
def test_no_internal_record_or_contact_detail_appears_on_the_public_pages(client, time_machine):
    p, publication = _with_internal_records(time_machine)
    pages = [_page(client), _page(client, q="公交"), _item_page(client, publication)]
    assert all("关于优化公交线路的建议" in page for page in pages)
    assert "正式答复正文。" in pages[2] and "增开早高峰班次" in pages[2], "the reply and the promise done are shown"
    internal = (
        "赵联系", "13811112222", "钱签发",  # the reply's contact, phone and signer
        "电话沟通内部情况甲", "内部进展记录乙", "催办内容丙",  # contacts, progress, supervision
        "退回理由丁", "审查意见戊", "更正理由己",  # the office's review
        "附议意见庚", "代录原因辛", "领衔意见壬", "代录原因癸", "代为录入",  # ratings
        "落实说明子", "未落实说明丑", "新建公交首末站",  # the units' reports, and the promise not kept
        p.lead_deputy.phone or "无电话",
    )  # fmt: skip
    for page in pages:
        for text in internal:
            assert text not in page, text


def test_the_public_pages_carry_no_item_ids_only_random_slugs(client, items, time_machine):
    _on(time_machine, D(2026, 4, 1))
    page = _page(client)
    slugs = SLUG_LINK.findall(page)
    assert slugs == [Publication.objects.get(proposal=items["agreed"]).slug]
    assert all(not slug.isdigit() and len(slug) >= 16 for slug in slugs)
    item = _item_page(client, Publication.objects.get(proposal=items["agreed"]))
    addresses = re.findall(r'(?:href|action|src)="([^"]+)"', page + item)
    for pk in (items["agreed"].pk, items["refused"].pk):
        for address in addresses:
            assert not re.search(rf"(/|=){pk}(/|&|$)", address), address
    assert "/staff/" not in item and "/unit/" not in item and "/deputy/" not in item


def test_unpublished_refused_and_withdrawn_items_are_not_found_by_any_search_or_guessed_slug(
    client, items, time_machine
):
    staff, unit = items["staff"], Assignment.objects.filter(proposal=items["agreed"]).get().unit
    _on(time_machine, D(2026, 3, 20))
    later = _answered(title="关于增设路灯的建议", disclosure="agree", staff=staff, unit=unit)
    _on(time_machine, D(2026, 4, 1))
    withdrawn = Publication.objects.get(proposal=items["agreed"])
    publication_withdraw(publication=withdrawn, by=staff, reason="涉及正在处理的信访事项")
    waiting = Publication.objects.get(proposal=later)
    assert waiting.publish_on > D(2026, 4, 1)
    hidden = {"关于加装电梯的建议": withdrawn.slug, "关于内部事项的建议": None, "关于增设路灯的建议": waiting.slug}
    searches = [{}, {"q": "建议"}, {"q": "电梯"}, {"q": "内部"}, {"q": "路灯"}, {"year": 2026}, {"unit": unit.pk}]
    searches += [{"session": items["agreed"].session_id}, {"field": "城乡建设"}, {"page": 2}]
    for params in searches:
        page = _page(client, **params)
        for title in hidden:
            assert title not in page, (title, params)
    for slug in (withdrawn.slug, waiting.slug, withdrawn.slug.upper(), waiting.slug[:-1], "", "0", "-1"):
        if slug:
            assert client.get(f"/public/items/{slug}/").status_code == 404, slug
    _on(time_machine, waiting.publish_on)
    cache.clear()
    assert "关于增设路灯的建议" in _page(client), "published on its day"


def test_a_withdrawal_drops_the_cached_public_pages_at_once(
    client, items, time_machine, django_capture_on_commit_callbacks
):
    _on(time_machine, D(2026, 4, 1))
    publication = Publication.objects.get(proposal=items["agreed"])
    assert "关于加装电梯的建议" in _page(client, q="电梯")
    _item_page(client, publication)
    with CaptureQueriesContext(connection) as cached:
        assert "关于加装电梯的建议" in _page(client, q="电梯")
    assert len(cached.captured_queries) == 0, "a repeated page is served from the cache"
    client.force_login(items["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("publication_admin:withdraw", args=[publication.pk]), {"reason": "涉密"})
    client.logout()
    assert "关于加装电梯的建议" not in _page(client, q="电梯")
    assert client.get(reverse("publicsite:item", args=[publication.slug])).status_code == 404


def test_each_address_is_rate_limited_even_for_a_cached_page(items, settings, time_machine):
    _on(time_machine, D(2026, 4, 1))
    settings.PUBLIC_PAGES_RATE = "3/m"
    visitor = Client(REMOTE_ADDR="10.0.0.7")
    url = reverse("publicsite:search")
    assert [visitor.get(url, REMOTE_ADDR="10.0.0.7").status_code for _ in range(3)] == [200, 200, 200]
    limited = visitor.get(url, REMOTE_ADDR="10.0.0.7")
    assert limited.status_code == 429 and "关于加装电梯的建议" not in limited.content.decode()
    slug = Publication.objects.get(proposal=items["agreed"]).slug
    assert visitor.get(f"/public/items/{slug}/", REMOTE_ADDR="10.0.0.7").status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.8")
    assert other.get(url, REMOTE_ADDR="10.0.0.8").status_code == 200
