"""The unit portal: the inbox tabs and everything a unit does on its assignment."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proposals import services
from proposals.models import AdjustmentRequest, Assignment, Contact, CoOpinion, ExtensionRequest, ProgressNote, Reply
from tests import factories as f
from tests.portals.conftest import MONDAY, at, reply_round
from units import selectors

pytestmark = pytest.mark.django_db

TABS = ("pending", "handling", "near", "overdue", "replied")


def _assign(unit, *, on, title, sign=False):
    p = f.assigned(units=[unit], on=on, title=title)
    a = Assignment.objects.get(proposal=p, unit=unit)
    if sign:
        services.assignment_sign(assignment=a, by=f.handler_of(unit))
        a.refresh_from_db()
    return a


def _titles(client, tab):
    response = client.get(reverse("unitportal:inbox") + f"?tab={tab}")
    return {a.proposal.title for a in response.context["page"].rows}, response


def test_inbox_tabs_put_each_item_in_the_right_tab_with_counts(client, db, clock):
    unit = f.unit()
    _assign(unit, on=MONDAY, title="新交办未签收")
    _assign(unit, on=MONDAY, title="已签收办理中", sign=True)
    _assign(unit, on=dt.date(2025, 12, 10), title="十天内到期", sign=True)
    _assign(unit, on=dt.date(2025, 11, 3), title="已经超期", sign=True)
    replied = _assign(unit, on=MONDAY, title="已经答复", sign=True)
    services.reply_submit(assignment=replied, by=f.handler_of(unit), category="A", body="已解决")
    handed_back = _assign(unit, on=MONDAY, title="已调整退回")
    services.adjustment_request(assignment=handed_back, by=f.handler_of(unit), reason="不属本单位职责")
    services.adjustment_approve(request=AdjustmentRequest.objects.get(assignment=handed_back), by=f.staff_user())

    client.force_login(f.handler_of(unit))
    expected = {
        "pending": {"新交办未签收"},
        "handling": {"已签收办理中", "十天内到期", "已经超期"},
        "near": {"十天内到期"},
        "overdue": {"已经超期"},
        "replied": {"已经答复"},
    }
    for tab in TABS:
        titles, response = _titles(client, tab)
        assert titles == expected[tab], tab
        counts = {key: count for key, _label, count in response.context["tabs"]}
        assert counts == {key: len(v) for key, v in expected.items()}
    page = client.get(reverse("unitportal:inbox") + "?tab=overdue").content.decode()
    assert "超期27天" in page  # due 2026-02-03, today 2026-03-02
    page = client.get(reverse("unitportal:inbox") + "?tab=near").content.decode()
    assert "剩8天" in page and "2026-03-10" in page


def test_near_due_follows_the_office_reminder_days_and_today(client, db, clock):
    unit = f.unit()
    _assign(unit, on=MONDAY, title="六月到期", sign=True)  # due 2026-06-02
    client.force_login(f.handler_of(unit))
    assert _titles(client, "near")[0] == set()
    clock.move_to(at(dt.date(2026, 5, 18)))
    client.force_login(f.handler_of(unit))
    assert _titles(client, "near")[0] == {"六月到期"}
    clock.move_to(at(dt.date(2026, 6, 3)))
    client.force_login(f.handler_of(unit))
    assert _titles(client, "near")[0] == set()
    assert _titles(client, "overdue")[0] == {"六月到期"}


def test_the_inbox_opens_on_the_pending_tab_when_something_awaits_signing(client, db, clock):
    unit = f.unit()
    _assign(unit, on=MONDAY, title="待签收件")
    client.force_login(f.handler_of(unit))
    assert client.get(reverse("unitportal:inbox")).context["tab"] == "pending"


def test_inbox_pages_by_keyset_without_gaps_or_repeats(db, clock):
    unit = f.unit()
    days = [dt.date(2026, 1, 5), dt.date(2026, 1, 5), dt.date(2026, 1, 12), dt.date(2026, 2, 2), dt.date(2026, 2, 9)]
    made = [_assign(unit, on=day, title=f"第{n}件", sign=True) for n, day in enumerate(days)]
    seen, cursor = [], None
    while True:
        page = selectors.inbox_page(unit=unit, tab="handling", today=MONDAY, near=15, cursor=cursor, size=2)
        seen += [a.pk for a in page.rows]
        if not page.next_cursor:
            break
        cursor = selectors.Cursor.decode(page.next_cursor)
    expected = [a.pk for a in sorted(made, key=lambda a: (a.due_on, a.pk))]
    assert seen == expected


def test_an_inbox_page_costs_the_same_queries_for_one_item_as_for_five(client, db, clock):
    unit = f.unit()
    _assign(unit, on=MONDAY, title="第1件", sign=True)
    client.force_login(f.handler_of(unit))
    url = reverse("unitportal:inbox") + "?tab=handling"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(4):
        _assign(unit, on=MONDAY, title=f"第{n + 2}件", sign=True)
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)
    assert len(response.context["page"].rows) == 5
    assert len(five) == len(one)


def test_a_bad_cursor_falls_back_to_the_first_page(client, db, clock):
    unit = f.unit()
    _assign(unit, on=MONDAY, title="第1件", sign=True)
    client.force_login(f.handler_of(unit))
    response = client.get(reverse("unitportal:inbox") + "?tab=handling&after=garbage")
    assert response.status_code == 200
    assert response.context["page"].is_first


def test_the_assignment_page_shows_the_item_my_role_and_clock(client, item):
    client.force_login(item.lead_handler)
    page = client.get(reverse("unitportal:assignment", args=[item.lead.pk])).content.decode()
    for text in (
        item.proposal.title,
        "具体内容。",
        item.deputy.name,
        item.cosigner.name,
        "本单位：主办",
        item.co_unit.name,
    ):
        assert text in page
    for text in ("2026-03-02", "2026-03-05", "2026-03-16", "2026-06-02", "2026-09-02", "剩92天"):
        assert text in page
    assert "请签收此件" in page


def test_the_unit_signs_and_a_double_click_gets_the_conflict_message(client, item):
    client.force_login(item.lead_handler)
    url = reverse("unitportal:sign", args=[item.lead.pk])
    response = client.post(url, {"version": item.lead.version}, follow=True)
    assert "已签收，请在期限内办理答复" in response.content.decode()
    item.lead.refresh_from_db()
    assert item.lead.state == "handling"
    signed_at = item.lead.signed_at
    again = client.post(url, {"version": item.lead.version - 1})
    assert "已被他人处理，请刷新后重试" in again.content.decode()
    item.lead.refresh_from_db()
    assert item.lead.signed_at == signed_at


def test_the_unit_requests_adjustment_inside_the_window(client, item):
    other = f.unit(name="市交通运输局")
    client.force_login(item.lead_handler)
    assert client.get(reverse("unitportal:unit_search") + "?q=交通").json()["results"] == [
        {"id": other.pk, "name": "市交通运输局", "detail": ""}
    ]
    page = client.get(reverse("unitportal:assignment", args=[item.lead.pk])).content.decode()
    assert "2026年3月16日" in page
    response = client.post(
        reverse("unitportal:adjustment", args=[item.lead.pk]),
        {"version": item.lead.version, "reason": "属于交通部门职责", "proposed_unit": other.pk},
        follow=True,
    )
    page = response.content.decode()
    assert "调整申请已提交" in page
    request = AdjustmentRequest.objects.get()
    assert (request.proposed_unit, request.status) == (other, "pending")
    item.lead.refresh_from_db()
    assert item.lead.state == "adjustment_requested"
    assert "属于交通部门职责" in page and "待审批" in page


def test_an_adjustment_after_the_window_is_explained_and_refused(client, item, clock):
    clock.move_to(at(dt.date(2026, 3, 17)))
    client.force_login(item.lead_handler)
    page = client.get(reverse("unitportal:assignment", args=[item.lead.pk])).content.decode()
    assert "已于2026年03月16日截止，现不能再申请调整" in page
    assert 'id="adjust-form"' not in page
    response = client.post(
        reverse("unitportal:adjustment", args=[item.lead.pk]), {"version": item.lead.version, "reason": "不属于我们"}
    )
    assert "现已逾期" in response.content.decode()
    assert not AdjustmentRequest.objects.exists()
    item.lead.refresh_from_db()
    assert item.lead.state == "pending_sign"


def test_an_adjustment_without_a_reason_keeps_the_proposed_unit(client, item):
    other = f.unit(name="市水务局")
    client.force_login(item.lead_handler)
    response = client.post(
        reverse("unitportal:adjustment", args=[item.lead.pk]),
        {"version": item.lead.version, "reason": "", "proposed_unit": other.pk},
    )
    page = response.content.decode()
    assert "申请调整必须说明理由" in page
    assert f'name="proposed_unit" value="{other.pk}"' in page
    assert not AdjustmentRequest.objects.exists()


def test_the_lead_unit_requests_an_extension_and_sees_the_cap(client, handling_item):
    item = handling_item
    client.force_login(item.lead_handler)
    page = client.get(reverse("unitportal:assignment", args=[item.lead.pk])).content.decode()
    assert '延期最长至 <span class="fw-semibold text-body">2026年9月2日</span>' in page
    response = client.post(
        reverse("unitportal:extension", args=[item.lead.pk]),
        {"version": item.lead.version, "until": "2026-08-01", "reason": "需要等待预算批复"},
        follow=True,
    )
    assert "延期申请已提交" in response.content.decode()
    assert ExtensionRequest.objects.get().requested_until == dt.date(2026, 8, 1)
    assert "已提出延期申请，等待代表工作机构审批" in response.content.decode()


def test_an_extension_beyond_the_cap_is_refused_and_keeps_the_entries(client, handling_item):
    item = handling_item
    client.force_login(item.lead_handler)
    response = client.post(
        reverse("unitportal:extension", args=[item.lead.pk]),
        {"version": item.lead.version, "until": "2026-10-01", "reason": "工程量大"},
    )
    page = response.content.decode()
    assert "延期最长至交办后6个月（2026年09月02日）" in page
    assert 'value="2026-10-01"' in page and "工程量大" in page
    assert not ExtensionRequest.objects.exists()
    item.lead.refresh_from_db()
    assert item.lead.state == "handling"


def test_a_co_unit_is_told_it_cannot_request_an_extension(client, handling_item):
    client.force_login(handling_item.co_handler)
    page = client.get(reverse("unitportal:assignment", args=[handling_item.co.pk])).content.decode()
    assert "协办单位按主办单位的安排办理，不能申请延期" in page
    response = client.post(
        reverse("unitportal:extension", args=[handling_item.co.pk]),
        {"version": handling_item.co.version, "until": "2026-05-01", "reason": "忙"},
    )
    assert "协办单位不能申请延期" in response.content.decode()
    assert not ExtensionRequest.objects.exists()


def test_decided_requests_are_listed_with_the_decision(client, handling_item):
    item = handling_item
    request = services.extension_request(
        assignment=item.lead, by=item.lead_handler, until=dt.date(2026, 7, 1), reason="预算"
    )
    services.extension_deny(request=request, by=item.staff, note="请按期办理")
    client.force_login(item.lead_handler)
    page = client.get(reverse("unitportal:assignment", args=[item.lead.pk])).content.decode()
    assert "不同意" in page and "审批意见：请按期办理" in page


def test_the_unit_logs_a_contact_and_a_future_date_is_refused(client, handling_item):
    item = handling_item
    client.force_login(item.lead_handler)
    url = reverse("unitportal:contact", args=[item.lead.pk])
    data = {"method": "meeting", "contacted_on": "2026-03-02", "participants": "张科长", "summary": "当面听取代表意见"}
    response = client.post(url, data, follow=True)
    assert "沟通记录已保存" in response.content.decode()
    assert Contact.objects.get().summary == "当面听取代表意见"
    response = client.post(url, {**data, "contacted_on": "2026-03-09", "summary": "明天再谈"})
    page = response.content.decode()
    assert "沟通日期不能晚于今天" in page and "明天再谈" in page
    assert Contact.objects.count() == 1


def test_progress_before_signing_is_refused(client, item):
    client.force_login(item.lead_handler)
    response = client.post(
        reverse("unitportal:progress", args=[item.lead.pk]), {"noted_on": "2026-03-02", "body": "已着手"}
    )
    assert "请先签收后再办理" in response.content.decode()
    assert not ProgressNote.objects.exists()


def test_the_unit_adds_progress_the_deputy_can_see(client, handling_item):
    item = handling_item
    client.force_login(item.lead_handler)
    client.post(reverse("unitportal:progress", args=[item.lead.pk]), {"noted_on": "2026-03-02", "body": "完成方案设计"})
    client.force_login(item.deputy.user)
    assert "完成方案设计" in client.get(reverse("deputy:detail", args=[item.proposal.pk])).content.decode()


def test_the_co_unit_sends_its_opinion_with_a_file_and_the_lead_unit_reads_it(client, handling_item):
    item = handling_item
    client.force_login(item.co_handler)
    response = client.post(
        reverse("unitportal:opinion", args=[item.co.pk]),
        {
            "version": item.co.version,
            "body": "建议结合城市更新统筹",
            "file": SimpleUploadedFile("意见.pdf", b"%PDF op"),
        },
        follow=True,
    )
    assert "协办意见已送主办单位" in response.content.decode()
    opinion = CoOpinion.objects.get()
    item.refresh()
    assert item.co.state == "opinion_sent"

    client.force_login(item.lead_handler)
    page = client.get(reverse("unitportal:assignment", args=[item.lead.pk])).content.decode()
    assert "建议结合城市更新统筹" in page
    file_url = reverse("unitportal:opinion_file", args=[item.lead.pk, opinion.pk])
    assert file_url in page
    assert b"".join(client.get(file_url).streaming_content) == b"%PDF op"

    stranger = f.unit()
    client.force_login(f.handler_of(stranger))
    assert client.get(file_url).status_code == 404


def test_an_opinion_without_text_is_refused(client, handling_item):
    client.force_login(handling_item.co_handler)
    response = client.post(
        reverse("unitportal:opinion", args=[handling_item.co.pk]), {"version": handling_item.co.version, "body": ""}
    )
    assert "请填写协办意见" in response.content.decode()
    assert not CoOpinion.objects.exists()


def test_a_reply_without_a_category_is_refused_and_keeps_the_entries(client, handling_item):
    item = handling_item
    client.force_login(item.lead_handler)
    response = client.post(
        reverse("unitportal:reply", args=[item.lead.pk]),
        {
            "version": item.lead.version,
            "doc_number": "市住建函〔2026〕9号",
            "signer": "王局长",
            "contact_person": "李明",
            "contact_phone": "010-1234",
            "body": "答复正文在此",
            "replied_on": "2026-03-02",
        },
    )
    page = response.content.decode()
    assert "请选择答复类别（A、B、C、D）" in page
    assert "市住建函〔2026〕9号" in page and "答复正文在此" in page
    assert not Reply.objects.exists()
    item.lead.refresh_from_db()
    assert item.lead.state == "handling"


def test_the_lead_unit_replies_with_category_and_file(client, handling_item):
    item = handling_item
    client.force_login(item.lead_handler)
    page = client.get(reverse("unitportal:assignment", args=[item.lead.pk])).content.decode()
    assert "尚未提交，期限 2026-04-02" in page
    response = client.post(
        reverse("unitportal:reply", args=[item.lead.pk]),
        {
            "version": item.lead.version,
            "doc_number": "市住建函〔2026〕9号",
            "signer": "王局长",
            "contact_person": "李明",
            "contact_phone": "010-1234",
            "category": "B",
            "adoption": "adopted",
            "body": "已列入计划",
            "plan_text_1": "6月底前完成加装电梯立项",
            "plan_due_1": "2026-06-30",
            "replied_on": "2026-03-02",
            "file": SimpleUploadedFile("答复函.pdf", b"%PDF reply"),
        },
        follow=True,
    )
    assert "答复已提交" in response.content.decode()
    reply = Reply.objects.get()
    assert (reply.category, reply.doc_number, reply.round) == ("B", "市住建函〔2026〕9号", 1)
    item.refresh()
    assert (item.lead.state, item.proposal.state) == ("replied", "replied")
    url = reverse("unitportal:reply_file", args=[item.lead.pk, reply.pk])
    assert b"".join(client.get(url).streaming_content) == b"%PDF reply"
    client.force_login(item.co_handler)
    assert client.get(reverse("unitportal:reply_file", args=[item.co.pk, reply.pk])).status_code == 404


def test_a_co_unit_has_no_reply_form_and_cannot_reply(client, handling_item):
    client.force_login(handling_item.co_handler)
    page = client.get(reverse("unitportal:assignment", args=[handling_item.co.pk])).content.decode()
    assert 'id="reply"' not in page and 'id="opinion"' in page
    response = client.post(
        reverse("unitportal:reply", args=[handling_item.co.pk]),
        {
            "version": handling_item.co.version,
            "doc_number": "x",
            "signer": "x",
            "contact_person": "x",
            "contact_phone": "x",
            "category": "A",
            "adoption": "adopted",
            "body": "x",
            "replied_on": "2026-03-02",
        },
    )
    assert "不能提交答复" in response.content.decode()
    assert not Reply.objects.exists()


def test_round_two_shows_the_deputys_reason_and_the_new_deadline(client, replied_item, clock):
    item = replied_item
    clock.move_to(at(dt.date(2026, 3, 10)))
    services.evaluation_submit(
        proposal=item.proposal,
        by=item.deputy.user,
        deputy=item.deputy,
        attitude="basic",
        result="unsatisfied",
        reason="没有给出完成时间",
    )
    client.force_login(item.lead_handler)
    page = client.get(reverse("unitportal:assignment", args=[item.lead.pk])).content.decode()
    assert "第2轮 重新办理" in page
    assert "没有给出完成时间" in page
    assert "2026-04-10" in page
    assert 'id="reply"' in page and "提交答复（第2轮）" in page
    inbox = client.get(reverse("unitportal:inbox") + "?tab=handling").content.decode()
    assert "第2轮 重新办理" in inbox


def test_the_unit_acknowledges_supervision_addressed_to_it(client, handling_item):
    item = handling_item
    action = services.supervision_issue(
        proposal=item.proposal,
        unit=item.lead_unit,
        by=item.staff,
        kind="notice",
        content="请于十日内反馈",
        due_on=dt.date(2026, 3, 12),
    )
    other = services.supervision_issue(
        proposal=item.proposal,
        unit=item.co_unit,
        by=item.staff,
        kind="urge",
        content="请协办单位加快",
        due_on=dt.date(2026, 3, 12),
    )
    client.force_login(item.lead_handler)
    page = client.get(reverse("unitportal:assignment", args=[item.lead.pk])).content.decode()
    assert "督〔2026〕1号" in page and "请协办单位加快" not in page
    response = client.post(
        reverse("unitportal:acknowledge", args=[item.lead.pk, action.pk]), {"response": "已部署落实"}, follow=True
    )
    assert "已签收督办通知督〔2026〕1号" in response.content.decode()
    action.refresh_from_db()
    assert (action.acknowledged_by, action.response) == (item.lead_handler, "已部署落实")
    twice = client.post(reverse("unitportal:acknowledge", args=[item.lead.pk, action.pk]), {"response": "再签"})
    assert "该督办已签收" in twice.content.decode()
    assert client.post(reverse("unitportal:acknowledge", args=[item.lead.pk, other.pk]), {}).status_code == 404
    other.refresh_from_db()
    assert other.acknowledged_at is None


def test_round_two_reply_gets_its_own_round_number(client, replied_item):
    item = replied_item
    services.evaluation_submit(
        proposal=item.proposal,
        by=item.deputy.user,
        deputy=item.deputy,
        attitude="basic",
        result="unsatisfied",
        reason="慢",
    )
    item.refresh()
    reply_round(item, category="A", body="已完成")
    assert sorted(Reply.objects.values_list("round", flat=True)) == [1, 2]
