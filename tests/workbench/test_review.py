"""Intake review on the item's page: 立案, 不予立案, 并案 and the decision on a motion."""

import pytest
from django.urls import reverse

from proposals import services
from tests import factories as f

from . import builders as b
from .support import messages_of, snapshot

pytestmark = pytest.mark.django_db


def post(client, name, p, data):
    return client.post(reverse(f"workbench:{name}", args=[p.pk]), data)


def test_the_page_of_a_submitted_item_offers_the_review_actions(staff_client):
    p = b.submitted()
    page = staff_client.get(reverse("workbench:detail", args=[p.pk])).content.decode()
    for label in ("立案", "不予立案", "并案"):
        assert f">{label}<span" in page
    assert reverse("workbench:assign", args=[p.pk]) not in page, "a submitted item is not assigned before 立案"


def test_staff_register_an_item_with_the_number_they_choose(staff_client, staff):
    p = b.submitted()
    response = post(staff_client, "register", p, {"number": "0088", "comment": "材料齐全", "version": p.version})
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.state, p.number) == ("registered", "0088")
    assert "已立案，编号 0088" in messages_of(response)


def test_registering_with_a_number_in_use_is_refused_and_changes_nothing(staff_client, staff):
    taken = f.registered(staff=staff, title="已立案的建议")
    p = b.submitted()
    before = snapshot()
    response = post(staff_client, "register", p, {"number": taken.number, "version": p.version})
    assert response.status_code == 200
    assert f"编号{taken.number}在本次会议中已被使用" in response.content.decode()
    assert snapshot() == before
    assert 'value="' + taken.number + '"' in response.content.decode(), "the typed number stays on the form"


def test_a_stale_version_gets_the_conflict_message(staff_client, staff):
    p = b.submitted()
    stale = p.version
    services.proposal_register(proposal=p, by=staff)  # someone else registered it meanwhile
    before = snapshot()
    response = post(staff_client, "reject", p, {"reason": "重复提出", "version": stale})
    assert "已被他人处理，请刷新后重试" in response.content.decode()
    assert snapshot() == before


def test_a_double_click_on_register_registers_once(staff_client):
    p = b.submitted()
    first = post(staff_client, "register", p, {"version": p.version})
    second = post(staff_client, "register", p, {"version": p.version})
    assert first.status_code == 302
    assert "已被他人处理，请刷新后重试" in second.content.decode()
    p.refresh_from_db()
    assert p.state == "registered"


def test_staff_reject_an_item_with_a_reason(staff_client):
    p = b.submitted()
    response = post(staff_client, "reject", p, {"reason": "属于信访事项，不符合建议要求", "version": p.version})
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.state, p.reject_reason) == ("rejected", "属于信访事项，不符合建议要求")


def test_rejecting_without_a_reason_is_refused(staff_client):
    p = b.submitted()
    before = snapshot()
    response = post(staff_client, "reject", p, {"reason": "   ", "version": p.version})
    assert "不予立案必须填写理由" in response.content.decode()
    assert snapshot() == before


def test_staff_merge_an_item_into_another_of_the_same_session(staff_client, staff):
    target = f.registered(staff=staff, title="关于老旧小区改造的建议")
    p = b.submitted(title="关于小区加装电梯的建议")
    response = post(staff_client, "merge", p, {"into": target.pk, "comment": "内容相同", "version": p.version})
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.state, p.merged_into_id) == ("merged", target.pk)


def test_merging_into_an_item_of_another_session_is_refused(staff_client, staff):
    other = f.registered(staff=staff, session_obj=f.session(name="2025年闭会期间", year=2025))
    p = b.submitted()
    before = snapshot()
    response = post(staff_client, "merge", p, {"into": other.pk, "version": p.version})
    assert "请选择有效的议案建议" in response.content.decode()
    assert snapshot() == before


def test_merging_into_a_rejected_item_is_refused_with_the_rule(staff_client, staff):
    rejected = b.submitted(title="被退回的建议")
    services.proposal_reject(proposal=rejected, by=staff, reason="不符合要求")
    p = b.submitted()
    before = snapshot()
    response = post(staff_client, "merge", p, {"into": rejected.pk, "version": p.version})
    assert "并入的目标必须是有效的议案建议" in response.content.decode()
    assert snapshot() == before


def test_the_merge_search_offers_only_valid_items_of_the_same_session(staff_client, staff):
    same = f.registered(staff=staff, title="同一会议的建议")
    f.registered(staff=staff, title="另一会议的建议", session_obj=f.session(name="2025年闭会期间", year=2025))
    p = b.submitted(title="待并案的建议")
    results = staff_client.get(
        reverse("workbench:search_proposals"), {"q": "建议", "session": p.session_id, "exclude": p.pk}
    ).json()["results"]
    assert [r["id"] for r in results] == [same.pk]


@pytest.mark.parametrize(
    ("decision", "state", "outcome"),
    [("to_agenda", "on_agenda", "to_agenda"), ("not_to_agenda", "not_on_agenda", "not_to_agenda")],
)
def test_staff_record_the_decision_on_a_motion(staff_client, staff, decision, state, outcome):
    p = f.registered(staff=staff, kind="motion")
    response = post(staff_client, "motion_decide", p, {"decision": decision, "version": p.version})
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.state, p.motion_outcome) == (state, outcome)


def test_a_motion_turned_into_a_suggestion_can_then_be_assigned(staff_client, staff):
    p = f.registered(staff=staff, kind="motion")
    response = post(staff_client, "motion_decide", p, {"decision": "convert", "version": p.version})
    assert "议案已转为建议，可以交办" in messages_of(response)
    p.refresh_from_db()
    assert (p.state, p.motion_outcome) == ("registered", "converted")
    page = staff_client.get(reverse("workbench:detail", args=[p.pk])).content.decode()
    assert reverse("workbench:assign", args=[p.pk]) in page


def test_a_suggestion_cannot_get_a_motion_decision(staff_client, staff):
    p = f.registered(staff=staff)
    before = snapshot()
    response = post(staff_client, "motion_decide", p, {"decision": "to_agenda", "version": p.version})
    assert "只有议案可以作出此决定" in response.content.decode()
    assert snapshot() == before


def test_a_motion_decision_must_be_chosen(staff_client, staff):
    p = f.registered(staff=staff, kind="motion")
    response = post(staff_client, "motion_decide", p, {"version": p.version})
    assert "请选择处理决定" in response.content.decode()
