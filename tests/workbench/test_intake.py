"""Registering a paper item by hand: created, submitted and registered (立案) in one step."""

import pytest
from django.urls import reverse

from proposals.models import Proposal
from tests import factories as f

from .support import snapshot

pytestmark = pytest.mark.django_db
URL = reverse("workbench:create")


@pytest.fixture
def entry(db):
    session = f.session()
    lead, co = f.deputy(name="王建国"), f.deputy(name="李秀英")
    return {
        "session": session.pk,
        "kind": "suggestion",
        "number": "",
        "title": "关于增设社区养老服务站的建议",
        "content": "建议简化审批流程。",
        "field": "城乡建设",
        "lead_deputy": lead.pk,
        "co_signers": [co.pk],
        "submitted_on": "2026-02-20",
    }


def test_staff_register_an_item_and_it_gets_the_next_number(staff_client, staff, entry):
    f.registered(staff=staff)  # 0001
    response = staff_client.post(URL, {**entry, "then": "detail"})
    p = Proposal.objects.get(title=entry["title"])
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:detail", args=[p.pk])
    assert (p.state, p.number, p.created_by, str(p.submitted_on)) == ("registered", "0002", staff, "2026-02-20")
    assert list(p.co_signers.values_list("name", flat=True)) == ["李秀英"]


def test_save_and_assign_goes_straight_to_the_assignment_form(staff_client, entry):
    response = staff_client.post(URL, {**entry, "number": "A-17", "then": "assign"})
    p = Proposal.objects.get(number="A-17")
    assert response["Location"] == reverse("workbench:assign", args=[p.pk])


def test_a_motion_is_not_sent_to_the_assignment_form(staff_client, entry):
    response = staff_client.post(URL, {**entry, "kind": "motion", "then": "assign"})
    p = Proposal.objects.get(title=entry["title"])
    assert response["Location"] == reverse("workbench:detail", args=[p.pk])


def test_a_number_already_used_in_the_session_is_refused_and_the_entries_stay(staff_client, staff, entry):
    existing = f.registered(staff=staff)
    before = snapshot()
    response = staff_client.post(URL, {**entry, "number": existing.number})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"已有编号为{existing.number}的议案建议" in page
    assert entry["title"] in page and "建议简化审批流程。" in page
    assert "王建国" in page and "李秀英" in page, "the chosen deputies stay on the form"
    assert snapshot() == before


def test_missing_title_and_deputy_are_shown_in_chinese(staff_client, entry):
    response = staff_client.post(URL, {**entry, "title": "", "lead_deputy": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "请填写标题" in page and "请选择领衔代表" in page
    assert "这个字段是必填项" not in page
    assert not Proposal.objects.exists()


def test_an_over_long_title_and_a_badly_written_date_get_clear_messages(staff_client, entry):
    response = staff_client.post(URL, {**entry, "title": "长" * 10000, "submitted_on": "2026年1月"})
    page = response.content.decode()
    assert "标题不能超过200字（现为10000字）" in page
    assert "请按 2025-06-30 的格式填写" in page
    assert "确保该变量" not in page and "输入一个有效的日期" not in page
    assert not Proposal.objects.exists()


def test_a_future_submission_date_and_a_lead_who_also_co_signs_are_refused(staff_client, entry):
    response = staff_client.post(URL, {**entry, "submitted_on": "2026-12-01", "co_signers": [entry["lead_deputy"]]})
    page = response.content.decode()
    assert "提出日期不能晚于今天" in page
    assert "领衔代表不能同时作为附议代表" in page
    assert not Proposal.objects.exists()


def test_the_deputy_search_finds_deputies_by_name_or_delegation(staff_client, db):
    f.deputy(name="王建国", delegation="西湖区代表团")
    f.deputy(name="李秀英", delegation="上城区代表团")
    found = staff_client.get(reverse("workbench:search_deputies"), {"q": "王"}).json()["results"]
    assert [r["text"] for r in found] == ["王建国（西湖区代表团）"]
    by_delegation = staff_client.get(reverse("workbench:search_deputies"), {"q": "上城"}).json()["results"]
    assert [r["text"] for r in by_delegation] == ["李秀英（上城区代表团）"]


def test_a_paper_item_keeps_the_deputys_choice_to_publish(staff_client, entry):
    staff_client.post(URL, {**entry, "disclosure": "agree", "then": "detail"})
    p = Proposal.objects.get(title=entry["title"])
    assert (p.disclosure, p.non_disclosure_reason) == ("agree", "")


def test_a_paper_item_without_a_choice_is_not_public(staff_client, entry):
    staff_client.post(URL, {**entry, "then": "detail"})
    assert Proposal.objects.get(title=entry["title"]).disclosure == ""


def test_a_paper_item_not_to_publish_needs_its_reason_and_nothing_is_saved_without_it(staff_client, entry):
    response = staff_client.post(URL, {**entry, "disclosure": "refuse", "non_disclosure_reason": " ", "then": "detail"})
    assert response.status_code == 200
    assert "不同意公开的，请写明不公开原由" in response.content.decode()
    assert not Proposal.objects.exists()
    staff_client.post(URL, {**entry, "disclosure": "refuse", "non_disclosure_reason": "涉及个人信息", "then": "detail"})
    p = Proposal.objects.get(title=entry["title"])
    assert (p.disclosure, p.non_disclosure_reason) == ("refuse", "涉及个人信息")
