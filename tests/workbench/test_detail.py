"""The item's page: every record of the item, its clocks, its files and its audit trail."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from proposals import services
from proposals.models import Assignment, Reply
from tests import factories as f

from . import builders as b

pytestmark = pytest.mark.django_db


def page_of(client, p) -> str:
    response = client.get(reverse("workbench:detail", args=[p.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def handled(staff):
    """A 主办+协办 item with contacts, progress, a co-opinion, a reply with a file, and a 不满意 rating."""
    lead_unit, co_unit = f.unit(name="市住房和城乡建设局"), f.unit(name="市财政局")
    deputy = f.deputy(name="王建国", delegation="西湖区代表团")
    co_signer = f.deputy(name="李秀英")
    p = f.assigned(staff=staff, mode="lead_co", units=[lead_unit], co=[co_unit], lead=deputy)
    p.co_signers.add(co_signer)
    lead = Assignment.objects.get(proposal=p, unit=lead_unit)
    co = Assignment.objects.get(proposal=p, unit=co_unit)
    lead_handler, co_handler = f.handler_of(lead_unit), f.handler_of(co_unit)
    lead_handler.first_name = "陈静"
    lead_handler.save(update_fields=["first_name"])
    services.assignment_sign(assignment=lead, by=lead_handler)
    services.assignment_sign(assignment=co, by=co_handler)
    services.contact_log(
        assignment=lead, by=lead_handler, method="meeting", contacted_on=dt.date(2026, 3, 2), summary="当面听取意见"
    )
    services.progress_add(assignment=lead, by=lead_handler, body="已完成现场调研")
    services.meeting_request(proposal=p, by=deputy.user, deputy=deputy, message="希望到现场当面交流")
    services.opinion_send(assignment=co, by=co_handler, body="同意给予财政补助")
    services.reply_submit(
        assignment=lead,
        by=lead_handler,
        category="B",
        **f.reply_rules("B"),
        body="已列入年度计划",
        doc_number="建复〔2026〕12号",
        signer="张局长",
        file=SimpleUploadedFile("答复函.pdf", b"%PDF-1.4 reply", content_type="application/pdf"),
    )
    p.refresh_from_db()
    services.evaluation_submit(
        proposal=p, by=deputy.user, deputy=deputy, attitude="satisfied", result="unsatisfied", reason="进度太慢"
    )
    p.refresh_from_db()
    return p


def test_the_page_shows_every_record_of_the_item(staff_client, handled):
    page = page_of(staff_client, handled)
    for text in [
        handled.title,
        "王建国（西湖区代表团）",
        "李秀英",
        "市住房和城乡建设局",
        "市财政局",
        "主办协办",
        "当面听取意见",
        "已完成现场调研",
        "希望到现场当面交流",
        "同意给予财政补助",
        "建复〔2026〕12号",
        "签发人 张局长",
        "下载答复函",
        "不满意",
        "进度太慢",
        "重新办理",
        "第2轮办理",
        "重办期限",
    ]:
        assert text in page, text


def test_the_audit_trail_names_who_did_what_and_why(staff_client, handled, staff):
    audit = staff_client.get(reverse("workbench:detail", args=[handled.pk])).context["audit"]
    actions = [row.action for row in audit]
    assert actions[:3] == ["提交", "立案", "交办"]
    assert {"签收", "提交协办意见", "提交答复", "办复", "代表评价", "重新办理"} <= set(actions)
    sign = next(row for row in audit if row.action == "签收" and row.unit == "市住房和城乡建设局")
    assert (sign.actor, sign.source, sign.target) == ("陈静", "待签收", "办理中")
    evaluation = next(row for row in audit if row.action == "代表评价")
    assert (evaluation.comment, evaluation.target) == ("进度太慢", "重新办理")
    assign = next(row for row in audit if row.action == "交办")
    assert assign.actor == staff.get_full_name()


def test_each_unit_shows_its_own_clock(staff_client, staff, travel):
    water = f.unit(name="市水务局")
    p = f.assigned(staff=staff, units=[water])
    travel(dt.date(2026, 3, 6))
    page = page_of(staff_client, p)
    assert "逾期未签收" in page, "the sign-for-receipt window (3 working days) has passed"
    services.assignment_sign(assignment=Assignment.objects.get(proposal=p), by=f.handler_of(water))
    travel(dt.date(2026, 6, 5))
    page = page_of(staff_client, p)
    assert "超期3天" in page


def test_staff_download_a_reply_file(staff_client, handled):
    reply = Reply.objects.get(proposal=handled)
    response = staff_client.get(reverse("workbench:reply_file", args=[reply.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 reply"
    assert "attachment" in response["Content-Disposition"]


def test_a_reply_without_a_file_has_no_download(staff_client, staff):
    p = b.replied(staff=staff)
    reply = Reply.objects.get(proposal=p)
    assert staff_client.get(reverse("workbench:reply_file", args=[reply.pk])).status_code == 404
    assert "下载答复函" not in page_of(staff_client, p)


def test_units_and_deputies_cannot_download_through_the_workbench(handled):
    from .conftest import client_for

    reply = Reply.objects.get(proposal=handled)
    assert client_for(handled.lead_deputy.user).get(reverse("workbench:reply_file", args=[reply.pk])).status_code == 403


def test_the_actions_offered_follow_the_state(staff_client, staff):
    registered = f.registered(staff=staff)
    ctx = staff_client.get(reverse("workbench:detail", args=[registered.pk])).context
    assert ctx["can"]["assign"] and ctx["can"]["merge"] and not ctx["can"]["register"] and not ctx["can"]["close"]
    replied = b.replied(staff=staff)
    ctx = staff_client.get(reverse("workbench:detail", args=[replied.pk])).context
    assert ctx["can"]["close"] and not ctx["can"]["assign"] and not ctx["can"]["supervise"]
    motion = f.registered(staff=staff, kind="motion")
    choices = staff_client.get(reverse("workbench:detail", args=[motion.pk])).context["motion_form"]
    assert [c[0] for c in choices.fields["decision"].choices] == ["to_agenda", "not_to_agenda", "convert"]


def test_a_rejected_item_shows_its_reason_and_offers_no_action(staff_client, staff):
    p = b.submitted()
    services.proposal_reject(proposal=p, by=staff, reason="属于信访事项")
    page = page_of(staff_client, p)
    assert "属于信访事项" in page
    assert "没有需要工作人员处理的操作" in page


def test_pending_requests_are_flagged_on_the_item(staff_client, staff):
    p, _req = b.adjustment_requested(staff=staff)
    page = page_of(staff_client, p)
    assert "申请调整（退回）" in page and reverse("workbench:adjustments") in page


def test_the_page_runs_a_bounded_number_of_queries(staff_client, handled, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        staff_client.get(reverse("workbench:detail", args=[handled.pk]))
