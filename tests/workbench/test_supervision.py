"""督办 from the item's page, 重点督办 and its list, and 办结."""

import datetime as dt

import pytest
from django.urls import reverse

from proposals import services
from proposals.models import SupervisionAction
from tests import factories as f

from . import builders as b
from .support import messages_of, snapshot

pytestmark = pytest.mark.django_db


def detail(client, p):
    return client.get(reverse("workbench:detail", args=[p.pk]))


def token_of(response) -> str:
    return response.context["supervise_form"]["token"].value()


def issue(client, p, unit, token, **data):
    payload = {"kind": "urge", "unit": unit.pk, "content": "请加快办理进度", "due_on": "2026-03-10", "token": token}
    return client.post(reverse("workbench:supervise", args=[p.pk]), {**payload, **data})


def test_staff_issue_a_numbered_supervision_step_to_a_unit_of_the_item(staff_client, staff):
    unit = f.unit(name="市水务局")
    p = f.assigned(staff=staff, units=[unit])
    response = issue(staff_client, p, unit, token_of(detail(staff_client, p)), kind="notice")
    assert response.status_code == 302
    action = SupervisionAction.objects.get()
    assert (action.kind, action.unit, action.number, str(action.due_on)) == (
        "notice",
        unit,
        "督〔2026〕1号",
        "2026-03-10",
    )
    assert "已向市水务局签发督办通知（督〔2026〕1号）" in messages_of(response)
    page = detail(staff_client, p).content.decode()
    assert "督〔2026〕1号" in page and "请加快办理进度" in page


def test_a_double_click_issues_one_step(staff_client, staff):
    unit = f.unit()
    p = f.assigned(staff=staff, units=[unit])
    token = token_of(detail(staff_client, p))
    issue(staff_client, p, unit, token)
    second = issue(staff_client, p, unit, token)
    assert any("请勿重复提交" in m for m in messages_of(second))
    assert SupervisionAction.objects.count() == 1


def test_a_past_feedback_date_is_refused_and_the_text_stays(staff_client, staff):
    unit = f.unit()
    p = f.assigned(staff=staff, units=[unit])
    before = snapshot()
    response = issue(staff_client, p, unit, token_of(detail(staff_client, p)), due_on="2026-03-01", content="尽快答复")
    page = response.content.decode()
    assert "反馈期限须晚于今天" in page
    assert "尽快答复" in page
    assert snapshot() == before
    # the retry carries a fresh token and goes through
    retry = issue(staff_client, p, unit, token_of(response), due_on="2026-03-09")
    assert retry.status_code == 302


def test_only_the_items_own_units_can_be_supervised(staff_client, staff):
    p = f.assigned(staff=staff)
    stranger = f.unit(name="市无关局")
    response = issue(staff_client, p, stranger, token_of(detail(staff_client, p)))
    assert "请选择本件的承办单位" in response.content.decode()
    assert not SupervisionAction.objects.exists()


def test_supervision_is_offered_only_while_the_item_is_being_handled(staff_client, staff):
    assert "supervise_form" not in detail(staff_client, f.registered(staff=staff)).context
    assert "supervise_form" in detail(staff_client, f.assigned(staff=staff)).context


def test_staff_mark_an_item_for_key_supervision_and_it_appears_in_the_key_list(staff_client, staff):
    p = f.assigned(staff=staff, title="关于城市内涝治理的建议")
    response = staff_client.post(
        reverse("workbench:key_supervision", args=[p.pk]),
        {"selected": "True", "supervisor": "常委会副主任 陈立新", "comment": "主任会议确定", "version": p.version},
    )
    assert "已列为重点督办件" in messages_of(response)
    p.refresh_from_db()
    assert (p.key_supervision, p.key_supervisor, p.key_supervision_by) == (True, "常委会副主任 陈立新", staff)
    page = staff_client.get(reverse("workbench:key_list")).content.decode()
    assert "关于城市内涝治理的建议" in page and "常委会副主任 陈立新" in page
    audit = detail(staff_client, p).context["audit"]
    assert audit[-1].action == "重点督办" and "主任会议确定" in audit[-1].comment


def test_key_supervision_needs_the_supervising_leader(staff_client, staff):
    p = f.assigned(staff=staff)
    before = snapshot()
    response = staff_client.post(
        reverse("workbench:key_supervision", args=[p.pk]), {"selected": "True", "supervisor": "", "version": p.version}
    )
    assert "列为重点督办须填写督办领导或委员会" in response.content.decode()
    assert snapshot() == before


def test_staff_unmark_key_supervision(staff_client, staff):
    p = f.assigned(staff=staff)
    services.key_supervision_set(proposal=p, by=staff, selected=True, supervisor="财经委")
    p.refresh_from_db()
    response = staff_client.post(
        reverse("workbench:key_supervision", args=[p.pk]), {"selected": "False", "version": p.version}
    )
    assert "已取消重点督办" in messages_of(response)
    p.refresh_from_db()
    assert (p.key_supervision, p.key_supervisor) == (False, "")
    assert "还没有重点督办件" in staff_client.get(reverse("workbench:key_list")).content.decode()


def test_a_stale_key_supervision_form_gets_the_conflict_message(staff_client, staff):
    p = f.assigned(staff=staff)
    stale = p.version
    services.key_supervision_set(proposal=p, by=staff, selected=True, supervisor="财经委")
    before = snapshot()
    response = staff_client.post(
        reverse("workbench:key_supervision", args=[p.pk]),
        {"selected": "True", "supervisor": "法制委", "version": stale},
    )
    assert "已被他人处理，请刷新后重试" in response.content.decode()
    assert snapshot() == before


def test_the_key_list_counts_supervision_steps(staff_client, staff):
    unit = f.unit()
    p = f.assigned(staff=staff, units=[unit])
    services.key_supervision_set(proposal=p, by=staff, selected=True, supervisor="财经委")
    for _ in range(2):
        services.supervision_issue(
            proposal=p, unit=unit, by=staff, kind="urge", content="请加快", due_on=dt.date(2026, 3, 10)
        )
    row = staff_client.get(reverse("workbench:key_list")).context["page"].rows[0]
    assert row.actions_count == 2


# --- 办结 --------------------------------------------------------------------------------------


def test_staff_close_a_replied_item(staff_client, staff):
    p = b.replied(staff=staff)
    response = staff_client.post(
        reverse("workbench:close", args=[p.pk]),
        {"comment": "B类答复，后续跟踪", "unevaluated": "on", "version": p.version},
    )
    assert "已办结" in messages_of(response)
    p.refresh_from_db()
    assert (p.state, str(p.closed_on), p.closed_unevaluated) == ("closed", "2026-03-02", True)


def test_an_item_still_being_handled_cannot_be_closed(staff_client, staff):
    p = f.assigned(staff=staff)
    before = snapshot()
    response = staff_client.post(reverse("workbench:close", args=[p.pk]), {"version": p.version})
    assert "当前状态为「已交办」，不能办结" in response.content.decode()
    assert snapshot() == before


def test_closing_twice_from_a_stale_page_is_a_conflict(staff_client, staff):
    p = b.replied(staff=staff)
    staff_client.post(reverse("workbench:close", args=[p.pk]), {"version": p.version})
    second = staff_client.post(reverse("workbench:close", args=[p.pk]), {"version": p.version})
    assert "已被他人处理，请刷新后重试" in second.content.decode()


def test_a_forged_token_issues_nothing(staff_client, staff):
    unit = f.unit()
    p = f.assigned(staff=staff, units=[unit])
    token = token_of(detail(staff_client, p))
    response = issue(staff_client, p, unit, token[:-3] + "abc")
    assert any("请勿重复提交" in m for m in messages_of(response))
    assert SupervisionAction.objects.count() == 0


def test_a_refused_step_leaves_its_token_unspent(staff_client, staff):
    unit = f.unit()
    p = f.assigned(staff=staff, units=[unit])
    token = token_of(detail(staff_client, p))
    issue(staff_client, p, unit, token, due_on="2026-03-01")
    assert issue(staff_client, p, unit, token, due_on="2026-03-09").status_code == 302
    assert SupervisionAction.objects.count() == 1


@pytest.mark.parametrize("token", ["", "x" * 100_000, "1:abc:def"])
def test_an_empty_huge_or_garbled_token_issues_nothing(staff_client, staff, token):
    unit = f.unit()
    p = f.assigned(staff=staff, units=[unit])
    response = issue(staff_client, p, unit, token)
    assert any("请勿重复提交" in m for m in messages_of(response))
    assert SupervisionAction.objects.count() == 0


def test_a_token_shown_to_another_staff_member_issues_nothing(staff_client, staff):
    from django.test import Client

    unit = f.unit()
    p = f.assigned(staff=staff, units=[unit])
    other = Client()
    other.force_login(f.staff_user(username="office-2"))
    response = issue(staff_client, p, unit, token_of(detail(other, p)))
    assert any("请勿重复提交" in m for m in messages_of(response))
    assert SupervisionAction.objects.count() == 0


def test_a_unit_no_longer_on_the_item_is_refused_with_a_message(staff_client, staff):
    unit, elsewhere = f.unit(), f.unit()
    p = f.assigned(staff=staff, units=[unit])
    response = issue(staff_client, p, elsewhere, token_of(detail(staff_client, p)))
    assert "请选择本件的承办单位" in response.content.decode()
    assert SupervisionAction.objects.count() == 0
