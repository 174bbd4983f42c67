"""The deputy portal: home, drafting, the item page, replies, rating and meeting requests."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deputies.models import Session
from proposals import services
from proposals.models import Evaluation, MeetingRequest, Proposal
from tests import factories as f
from tests.portals.conftest import at, make_item, reply_round, sign_both

pytestmark = pytest.mark.django_db


def test_home_lists_my_led_and_co_signed_items_with_states_and_due_dates(client, handling_item):
    item = handling_item
    mine = make_item(title="关于整治背街小巷停车乱象的建议")
    mine.proposal.co_signers.add(item.deputy)
    client.force_login(item.deputy.user)
    page = client.get(reverse("deputy:home")).content.decode()
    assert item.proposal.title in page and mine.proposal.title in page
    assert "办理中" in page
    assert f"答复期限 {item.proposal.reply_due:%Y-%m-%d}" in page
    assert "我附议的 <span" in page
    cosigned = client.get(reverse("deputy:home") + "?scope=cosigned").content.decode()
    assert mine.proposal.title in cosigned and item.proposal.title not in cosigned


def test_home_calls_the_lead_deputy_to_rate_a_replied_item(client, replied_item):
    client.force_login(replied_item.deputy.user)
    page = client.get(reverse("deputy:home")).content.decode()
    assert "有 1 件答复待您评价" in page
    assert reverse("deputy:rate", args=[replied_item.proposal.pk]) in page
    client.force_login(replied_item.cosigner.user)
    page = client.get(reverse("deputy:home")).content.decode()
    assert "待您评价" not in page


def test_home_costs_the_same_queries_for_three_items_as_for_one(client, db, clock, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    deputy = f.deputy()
    unit = f.unit()
    f.assigned(lead=deputy, units=[unit])
    client.force_login(deputy.user)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("deputy:home"))
    for n in range(2):
        f.assigned(lead=deputy, units=[unit, f.unit()], mode="split", title=f"关于第{n}件事的建议")
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("deputy:home"))
    assert len(three) == len(one)


def test_a_deputy_drafts_an_item_with_co_signers_found_by_name(client, db, clock):
    lead = f.deputy(name="张伟")
    partner = f.deputy(name="刘芳", delegation="西城区代表团")
    f.deputy(name="刘强")
    client.force_login(lead.user)
    found = client.get(reverse("deputy:deputy_search") + "?q=刘").json()["results"]
    assert {r["name"] for r in found} == {"刘芳", "刘强"}
    assert {"id": partner.pk, "name": "刘芳", "detail": "西城区代表团"} in found
    assert client.get(reverse("deputy:deputy_search") + "?q=张").json()["results"] == []

    form = client.get(reverse("deputy:create"))
    recess = Session.objects.get(name="2026年闭会期间")
    assert recess.kind == "recess" and recess.year == 2026
    assert form.context["form"].initial["session"] == recess

    response = client.post(
        reverse("deputy:create"),
        {
            "kind": "suggestion",
            "session": recess.pk,
            "title": "关于增加公交夜班线路的建议",
            "field": "交通运输",
            "content": "夜间出行难。",
            "co_signers": [partner.pk],
            "save": "1",
        },
    )
    proposal = Proposal.objects.get(title="关于增加公交夜班线路的建议")
    assert response.status_code == 302
    assert (proposal.state, proposal.lead_deputy, list(proposal.co_signers.all())) == ("draft", lead, [])
    assert [(i.deputy, i.state) for i in proposal.cosign_invitations.all()] == [(partner, "pending")]


def test_the_open_congress_session_is_the_default_while_it_is_held(client, db, clock):
    congress = Session.objects.create(name="市十七届人大五次会议", year=2026, opened_on=dt.date(2026, 2, 27))
    lead = f.deputy()
    client.force_login(lead.user)
    assert client.get(reverse("deputy:create")).context["form"].initial["session"] == congress
    clock.move_to(at(dt.date(2026, 3, 6)))
    assert client.get(reverse("deputy:create")).context["form"].initial["session"].name == "2026年闭会期间"


def test_a_new_item_can_be_submitted_at_once(client, db, clock):
    lead = f.deputy()
    client.force_login(lead.user)
    client.get(reverse("deputy:create"))
    session = Session.objects.get(name="2026年闭会期间")
    client.post(
        reverse("deputy:create"),
        {
            "kind": "suggestion",
            "session": session.pk,
            "title": "关于规范共享单车停放的建议",
            "content": "乱停放。",
            "disclosure": "agree",
            "submit": "1",
        },
    )
    proposal = Proposal.objects.get(title="关于规范共享单车停放的建议")
    assert (proposal.state, proposal.submitted_on) == ("submitted", dt.date(2026, 3, 2))


def test_a_draft_without_a_title_is_refused_and_keeps_the_entries(client, db, clock):
    lead = f.deputy()
    partner = f.deputy(name="赵敏")
    client.force_login(lead.user)
    client.get(reverse("deputy:create"))
    session = Session.objects.get(name="2026年闭会期间")
    response = client.post(
        reverse("deputy:create"),
        {"kind": "suggestion", "session": session.pk, "title": "", "content": "我写的内容", "co_signers": [partner.pk]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "请填写标题" in page
    assert "我写的内容" in page
    assert f'value="{partner.pk}"' in page and "赵敏" in page
    assert not Proposal.objects.exists()


def test_the_lead_deputy_edits_and_submits_a_draft(client, db, clock):
    proposal = f.proposal()
    client.force_login(proposal.lead_deputy.user)
    response = client.post(
        reverse("deputy:edit", args=[proposal.pk]),
        {
            "kind": "suggestion",
            "title": "关于改造老旧管网的建议",
            "content": "管网老化。",
            "version": proposal.version,
            "disclosure": "refuse",
            "non_disclosure_reason": "涉及个人信息",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.title, proposal.state) == ("关于改造老旧管网的建议", "submitted")


def test_a_stale_draft_edit_gets_the_conflict_message_and_changes_nothing(client, db, clock):
    proposal = f.proposal()
    stale = proposal.version
    services.proposal_update_draft(
        proposal=proposal,
        by=proposal.lead_deputy.user,
        title="别处改过的标题",
        content="",
        field="",
        kind="suggestion",
        co_signers=[],
    )
    client.force_login(proposal.lead_deputy.user)
    response = client.post(
        reverse("deputy:edit", args=[proposal.pk]),
        {"kind": "suggestion", "title": "我的新标题", "content": "内容", "version": stale, "save": "1"},
    )
    assert "已被他人处理，请刷新后重试" in response.content.decode()
    assert "我的新标题" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "别处改过的标题"


def test_the_lead_deputy_withdraws_a_submitted_item(client, db, clock):
    proposal = f.proposal()
    services.proposal_submit(proposal=proposal, by=proposal.lead_deputy.user)
    client.force_login(proposal.lead_deputy.user)
    response = client.post(reverse("deputy:withdraw", args=[proposal.pk]), {"version": proposal.version}, follow=True)
    assert "已撤回" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == "withdrawn"


def test_a_double_clicked_withdraw_gets_the_conflict_message(client, db, clock):
    proposal = f.proposal()
    client.force_login(proposal.lead_deputy.user)
    version = proposal.version
    client.post(reverse("deputy:withdraw", args=[proposal.pk]), {"version": version})
    response = client.post(reverse("deputy:withdraw", args=[proposal.pk]), {"version": version}, follow=True)
    assert "已被他人处理，请刷新后重试" in response.content.decode()


def test_a_registered_item_cannot_be_withdrawn(client, db, clock):
    proposal = f.registered()
    client.force_login(proposal.lead_deputy.user)
    response = client.post(reverse("deputy:withdraw", args=[proposal.pk]), {"version": proposal.version}, follow=True)
    assert "不能撤回" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == "registered"


def test_a_co_signer_cannot_withdraw_or_edit(client, db, clock):
    item = make_item()
    client.force_login(item.cosigner.user)
    assert client.post(reverse("deputy:withdraw", args=[item.proposal.pk]), {"version": 0}).status_code == 403
    assert client.get(reverse("deputy:edit", args=[item.proposal.pk])).status_code == 403


def test_the_item_page_shows_the_timeline_with_units_roles_and_dates(client, handling_item):
    item = handling_item
    services.contact_log(
        assignment=item.lead,
        by=item.lead_handler,
        method="meeting",
        contacted_on=dt.date(2026, 3, 2),
        summary="上门听取意见",
    )
    services.progress_add(assignment=item.lead, by=item.lead_handler, body="已完成现场勘查")
    client.force_login(item.deputy.user)
    page = client.get(reverse("deputy:detail", args=[item.proposal.pk])).content.decode()
    for text in ("交办", "承办", "督办", "评估", item.lead_unit.name, item.co_unit.name, "主办", "协办"):
        assert text in page
    assert "2026-03-02 10:00 已签收" in page
    assert "上门听取意见" in page and "面谈" in page
    assert "已完成现场勘查" in page
    assert f"答复期限 {item.lead.base_due:%Y-%m-%d}" in page


def test_the_timeline_shows_an_approved_extension_as_such(client, handling_item):
    item = handling_item
    original = item.lead.base_due
    request = services.extension_request(
        assignment=item.lead, by=item.lead_handler, until=dt.date(2026, 7, 15), reason="需要财政预算安排"
    )
    services.extension_approve(request=request, by=item.staff)
    client.force_login(item.deputy.user)
    page = client.get(reverse("deputy:detail", args=[item.proposal.pk])).content.decode()
    assert f'原定期限 {original:%Y-%m-%d}，<span class="fw-semibold">经批准延期至 2026-07-15</span>' in page


def test_the_timeline_shows_supervision_actions(client, handling_item):
    item = handling_item
    services.supervision_issue(
        proposal=item.proposal,
        unit=item.lead_unit,
        by=item.staff,
        kind="urge",
        content="请加快办理",
        due_on=dt.date(2026, 3, 10),
    )
    client.force_login(item.deputy.user)
    page = client.get(reverse("deputy:detail", args=[item.proposal.pk])).content.decode()
    assert "催〔2026〕1号" in page and "请加快办理" in page


def test_the_deputy_reads_the_reply_with_its_letter_details(client, replied_item):
    client.force_login(replied_item.deputy.user)
    page = client.get(reverse("deputy:detail", args=[replied_item.proposal.pk])).content.decode()
    for text in ("市住建函〔2026〕8号", "王局长", "李明", "010-12345678", "已列入今年计划，正在推进。", "B 正在解决"):
        assert text in page


def _reply_with_file(item):
    services.opinion_send(assignment=item.co, by=item.co_handler, body="同意")
    item.lead.refresh_from_db()
    return services.reply_submit(
        assignment=item.lead,
        by=item.lead_handler,
        category="A",
        body="已解决",
        file=SimpleUploadedFile("答复函.pdf", b"%PDF-1.4 reply", content_type="application/pdf"),
    )


def test_the_items_deputies_download_the_reply_file_and_others_get_404(client, handling_item):
    reply = _reply_with_file(handling_item)
    url = reverse("deputy:reply_file", args=[reply.pk])
    for user in (handling_item.deputy.user, handling_item.cosigner.user):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 reply"
        assert "attachment" in response["Content-Disposition"]
    client.force_login(f.deputy().user)
    assert client.get(url).status_code == 404
    client.force_login(handling_item.lead_handler)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_the_reply_file_is_not_linked_to_a_public_media_url(client, handling_item):
    reply = _reply_with_file(handling_item)
    client.force_login(handling_item.deputy.user)
    page = client.get(reverse("deputy:detail", args=[handling_item.proposal.pk])).content.decode()
    assert reverse("deputy:reply_file", args=[reply.pk]) in page
    assert reply.file.url not in page


def test_a_satisfied_rating_closes_the_item(client, replied_item):
    item = replied_item
    client.force_login(item.deputy.user)
    form = client.get(reverse("deputy:rate", args=[item.proposal.pk]))
    assert "已列入今年计划" in form.content.decode()
    response = client.post(
        reverse("deputy:rate", args=[item.proposal.pk]),
        {"version": item.proposal.version, "attitude": "satisfied", "result": "basic"},
        follow=True,
    )
    assert "此件已办结" in response.content.decode()
    item.proposal.refresh_from_db()
    assert item.proposal.state == "closed"
    assert Evaluation.objects.get(proposal=item.proposal).result == "basic"


def test_unsatisfied_without_a_reason_is_refused_and_nothing_changes(client, replied_item):
    item = replied_item
    client.force_login(item.deputy.user)
    response = client.post(
        reverse("deputy:rate", args=[item.proposal.pk]),
        {"version": item.proposal.version, "attitude": "basic", "result": "unsatisfied", "reason": "  "},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "评价为不满意时，请写明意见和理由" in page
    assert 'value="unsatisfied" autocomplete="off" checked' in page
    item.proposal.refresh_from_db()
    assert (item.proposal.state, item.proposal.round) == ("replied", 1)
    assert not Evaluation.objects.exists()


def test_unsatisfied_starts_round_two_and_the_page_shows_its_deadline(client, replied_item):
    item = replied_item
    client.force_login(item.deputy.user)
    response = client.post(
        reverse("deputy:rate", args=[item.proposal.pk]),
        {
            "version": item.proposal.version,
            "attitude": "satisfied",
            "result": "unsatisfied",
            "reason": "没有明确完成时间",
        },
        follow=True,
    )
    page = response.content.decode()
    item.refresh()
    assert (item.proposal.state, item.proposal.round) == ("rehandling", 2)
    assert item.proposal.rehandle_due == dt.date(2026, 4, 2)
    assert "重新办理（第2轮）" in page
    assert '期限至 <span class="fw-semibold">2026-04-02</span>' in page
    assert "没有明确完成时间" in page


def test_a_stale_rating_gets_the_conflict_message(client, replied_item):
    item = replied_item
    stale = item.proposal.version
    client.force_login(item.deputy.user)
    data = {"version": stale, "attitude": "satisfied", "result": "satisfied"}
    client.post(reverse("deputy:rate", args=[item.proposal.pk]), data)
    item.proposal.refresh_from_db()
    assert item.proposal.state == "closed"
    # A second tab still showing the rating form posts again: the item is closed, the page says so.
    response = client.post(reverse("deputy:rate", args=[item.proposal.pk]), data, follow=True)
    assert "此件当前不在待评价状态" in response.content.decode()
    assert Evaluation.objects.count() == 1


def test_a_rating_posted_with_an_old_version_while_still_replied_is_refused(client, handling_item):
    item = reply_round(handling_item)
    stale = item.proposal.version - 1
    client.force_login(item.deputy.user)
    response = client.post(
        reverse("deputy:rate", args=[item.proposal.pk]),
        {"version": stale, "attitude": "satisfied", "result": "satisfied"},
    )
    assert "已被他人处理，请刷新后重试" in response.content.decode()
    item.proposal.refresh_from_db()
    assert item.proposal.state == "replied"


def test_a_deputy_asks_for_a_face_to_face_meeting(client, handling_item):
    client.force_login(handling_item.cosigner.user)
    url = reverse("deputy:meeting", args=[handling_item.proposal.pk])
    response = client.post(url, {"message": "希望到现场一起看看"}, follow=True)
    assert "见面沟通请求已发送" in response.content.decode()
    assert MeetingRequest.objects.get().deputy == handling_item.cosigner
    empty = client.post(url, {"message": ""})
    assert "请填写希望当面沟通的内容" in empty.content.decode()
    assert MeetingRequest.objects.count() == 1


def test_a_meeting_cannot_be_requested_for_a_closed_item(client, replied_item):
    item = replied_item
    services.evaluation_submit(
        proposal=item.proposal, by=item.deputy.user, deputy=item.deputy, attitude="satisfied", result="satisfied"
    )
    client.force_login(item.deputy.user)
    response = client.post(reverse("deputy:meeting", args=[item.proposal.pk]), {"message": "再谈谈"}, follow=True)
    assert "此件当前不在办理中，无法提出见面请求" in response.content.decode()
    assert not MeetingRequest.objects.exists()


def test_round_two_reply_is_shown_after_the_first(client, replied_item):
    item = replied_item
    services.evaluation_submit(
        proposal=item.proposal,
        by=item.deputy.user,
        deputy=item.deputy,
        attitude="basic",
        result="unsatisfied",
        reason="太慢",
    )
    item.refresh()
    reply_round(item, category="A", body="已全部完成加装。")
    client.force_login(item.deputy.user)
    page = client.get(reverse("deputy:detail", args=[item.proposal.pk])).content.decode()
    assert "第1轮答复" in page and "第2轮答复" in page and "已全部完成加装。" in page
    assert page.index("第1轮答复") < page.index("第2轮答复")


def test_sign_both_is_reflected_in_state(item):
    sign_both(item)
    assert item.proposal.state == "handling"


def test_the_timeline_partial_shows_internal_records_when_an_office_page_asks(handling_item):
    from django.template.loader import render_to_string

    from proposals.selectors import proposal_detail_related

    item = handling_item
    services.opinion_send(assignment=item.co, by=item.co_handler, body="协办意见正文")
    request = services.extension_request(
        assignment=item.lead, by=item.lead_handler, until=dt.date(2026, 7, 1), reason="等待预算"
    )
    related = proposal_detail_related(item.proposal)
    for_deputy = render_to_string("includes/timeline.html", {"proposal": item.proposal, "related": related})
    assert "协办意见正文" not in for_deputy and "等待预算" not in for_deputy
    for_office = render_to_string(
        "includes/timeline.html", {"proposal": item.proposal, "related": related, "show_internal": True}
    )
    assert "协办意见正文" in for_office
    assert "申请延期至 2026-07-01，待审批" in for_office and "理由：等待预算" in for_office
    assert request.status == "pending"
