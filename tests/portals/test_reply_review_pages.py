"""答复审查 in the portals: the unit's structured form, the office's decisions, and what the deputy sees."""

import pytest
from django.urls import reverse

from proposals import services
from proposals.models import PlannedAction, Reply
from tests.portals.conftest import reply_round

pytestmark = [pytest.mark.django_db, pytest.mark.reply_review]

FORM = {
    "doc_number": "市住建函〔2026〕9号",
    "signer": "王局长",
    "contact_person": "李明",
    "contact_phone": "010-1234",
    "adoption": "adopted",
    "body": "已列入今年计划。",
    "replied_on": "2026-03-02",
}


def _post_reply(client, item, **values):
    client.force_login(item.lead_handler)
    item.lead.refresh_from_db()
    data = {**FORM, "version": item.lead.version, **values}
    return client.post(reverse("unitportal:reply", args=[item.lead.pk]), data, follow=True)


def _opinion(item):
    services.opinion_send(assignment=item.co, by=item.co_handler, body="同意")


def test_a_b_reply_without_a_planned_action_is_refused_on_the_form(client, handling_item):
    _opinion(handling_item)
    page = _post_reply(client, handling_item, category="B").content.decode()
    assert "答复类别为B类的，须写明至少一项计划落实事项及其落实时限" in page
    assert "已列入今年计划。" in page  # the entries are kept
    assert not Reply.objects.exists()


def test_a_d_reply_without_a_reason_is_refused_on_the_form(client, handling_item):
    _opinion(handling_item)
    page = _post_reply(client, handling_item, category="D", adoption="reference").content.decode()
    assert "答复类别为D类的，须写明未采纳或暂不能落实的理由" in page
    assert not Reply.objects.exists()


def test_a_submitted_reply_waits_for_review_and_is_invisible_to_the_deputy(client, handling_item):
    item = handling_item
    _opinion(item)
    response = _post_reply(client, item, category="B", plan_text_1="6月底前完成立项", plan_due_1="2026-06-30")
    assert "审查通过后送达代表" in response.content.decode()
    reply = Reply.objects.get()
    assert PlannedAction.objects.get(reply=reply).text == "6月底前完成立项"
    client.force_login(item.deputy.user)
    page = client.get(reverse("deputy:detail", args=[item.proposal.pk])).content.decode()
    assert "已列入今年计划。" not in page and "尚未答复" in page
    assert client.get(reverse("deputy:reply_letter", args=[reply.pk])).status_code == 404
    assert client.get(reverse("deputy:rate", args=[item.proposal.pk]), follow=True).redirect_chain


def test_a_returned_reply_is_invisible_to_the_deputy_and_shown_to_the_unit_with_the_reason(client, handling_item):
    item = handling_item
    _opinion(item)
    _post_reply(client, item, category="A", body="原则同意。")
    reply = Reply.objects.get()
    client.force_login(item.staff)
    response = client.post(
        reverse("workbench:reply_return", args=[reply.pk]), {f"r{reply.pk}-reason": "答复空洞，请写明具体措施"}
    )
    assert response.status_code == 302
    client.force_login(item.deputy.user)
    page = client.get(reverse("deputy:detail", args=[item.proposal.pk])).content.decode()
    assert "原则同意。" not in page
    client.force_login(item.lead_handler)
    page = client.get(reverse("unitportal:assignment", args=[item.lead.pk])).content.decode()
    assert "退回理由：答复空洞，请写明具体措施" in page and 'id="reply"' in page
    assert "原则同意。" in page  # the form starts from the returned version


def test_the_office_approves_from_the_queue_and_the_deputy_then_sees_the_reply(client, handling_item):
    item = handling_item
    _opinion(item)
    _post_reply(client, item, category="B", plan_text_1="6月底前完成立项", plan_due_1="2026-06-30")
    reply = Reply.objects.get()
    client.force_login(item.staff)
    queue = client.get(reverse("workbench:reply_review")).content.decode()
    assert item.proposal.title in queue and "6月底前完成立项" in queue
    response = client.post(reverse("workbench:reply_approve", args=[reply.pk]), {"next": "queue"}, follow=True)
    assert "答复审查通过，已送达代表" in response.content.decode()
    assert "没有待审查的答复" in response.content.decode()
    client.force_login(item.deputy.user)
    page = client.get(reverse("deputy:detail", args=[item.proposal.pk])).content.decode()
    assert "已列入今年计划。" in page and "6月底前完成立项" in page and "去评价" in page


def test_a_category_correction_from_the_item_page_is_recorded_with_who_and_why(client, replied_item):
    reply = Reply.objects.get()
    client.force_login(replied_item.staff)
    response = client.post(
        reverse("workbench:reply_category", args=[reply.pk]),
        {f"r{reply.pk}-category": "C", f"r{reply.pk}-reason": "措施需待以后实施"},
        follow=True,
    )
    page = response.content.decode()
    assert "答复类别已更正" in page and "（B类 → C类）" in page and "措施需待以后实施" in page


def test_a_category_correction_without_a_reason_is_refused_on_the_page(client, replied_item):
    reply = Reply.objects.get()
    client.force_login(replied_item.staff)
    page = client.post(
        reverse("workbench:reply_category", args=[reply.pk]), {f"r{reply.pk}-category": "C"}
    ).content.decode()
    assert "更正答复类别须写明理由" in page
    assert Reply.objects.get().category == "B"


def test_units_and_deputies_cannot_review_replies(client, handling_item):
    item = handling_item
    _opinion(item)
    _post_reply(client, item, category="A")
    reply = Reply.objects.get()
    for user in (item.lead_handler, item.deputy.user):
        client.force_login(user)
        assert client.post(reverse("workbench:reply_approve", args=[reply.pk])).status_code in (302, 403)
        assert client.get(reverse("workbench:reply_review")).status_code in (302, 403)
    assert Reply.objects.get().review_status == "pending"


def test_the_reply_letter_pdf_carries_the_structured_reply(client, handling_item):
    import subprocess

    item = handling_item
    reply_round(item, category="B")
    reply = Reply.objects.get()
    services.reply_approve(reply=reply, by=item.staff)
    client.force_login(item.deputy.user)
    response = client.get(reverse("deputy:reply_letter", args=[reply.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True).stdout
    text = text.decode()
    for expected in ("计划落实事项", "按年度计划推进落实", "2099年12月31日", "市住建函〔2026〕8号", "代表："):
        assert expected in text


def test_a_co_signer_rates_on_the_item_page_and_staff_see_it_apart(client, replied_item):
    item = replied_item
    reply = Reply.objects.get()
    if reply.review_status == "pending":
        services.reply_approve(reply=reply, by=item.staff)
    client.force_login(item.cosigner.user)
    page = client.get(reverse("deputy:detail", args=[item.proposal.pk])).content.decode()
    assert "作为附议代表，您也可以评价本件的办理" in page
    response = client.post(
        reverse("deputy:co_rate", args=[item.proposal.pk]), {"attitude": "satisfied", "result": "basic"}, follow=True
    )
    assert "您的评价已提交" in response.content.decode() and 'id="co-rated"' in response.content.decode()
    item.refresh()
    assert item.proposal.state == "replied"
    client.force_login(item.staff)
    page = client.get(reverse("workbench:detail", args=[item.proposal.pk])).content.decode()
    assert 'id="co-signer-evaluations"' in page and item.cosigner.name in page


def test_staff_enter_an_assisted_rating_shown_as_entered_for_the_deputy(client, replied_item):
    item = replied_item
    reply = Reply.objects.get()
    if reply.review_status == "pending":
        services.reply_approve(reply=reply, by=item.staff)
    item.refresh()
    client.force_login(item.staff)
    response = client.post(
        reverse("workbench:assisted_rate", args=[item.proposal.pk]),
        {
            "version": item.proposal.version,
            "channel": "written",
            "assisted_reason": "代表书面反馈评价意见",
            "attitude": "satisfied",
            "result": "satisfied",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "已代为录入代表的评价" in page and "代为录入" in page
    client.force_login(item.deputy.user)
    page = client.get(reverse("deputy:detail", args=[item.proposal.pk])).content.decode()
    assert "代为录入" in page and "根据书面意见录入" in page


def _approved(item):
    reply = Reply.objects.get()
    if reply.review_status == "pending":
        services.reply_approve(reply=reply, by=item.staff)
    item.refresh()


def test_staff_enter_a_co_signers_rating_for_them_shown_as_entered_to_staff_and_the_co_signer(client, replied_item):
    item = replied_item
    _approved(item)
    client.force_login(item.staff)
    page = client.get(reverse("workbench:detail", args=[item.proposal.pk])).content.decode()
    panel = page[page.index('id="panel-co_assist"') :]
    assert f'<option value="{item.cosigner.pk}">{item.cosigner.name}</option>' in panel[: panel.index("</form>")]
    response = client.post(
        reverse("workbench:co_signer_assisted_rate", args=[item.proposal.pk]),
        {
            "deputy": item.cosigner.pk,
            "channel": "phone",
            "assisted_reason": "代表在外地，电话告知评价意见",
            "attitude": "satisfied",
            "result": "basic",
        },
        follow=True,
    )
    page = response.content.decode()
    assert f"已代为录入附议代表{item.cosigner.name}的评价" in page
    table = page[page.index('id="co-signer-evaluations"') :]
    table = table[: table.index("</table>")]
    assert item.cosigner.name in table and "代为录入" in table and "电话 · 代表在外地，电话告知评价意见" in table
    assert 'id="panel-co_assist"' not in page, "every co-signer has rated: nothing left to enter"
    assert "代为录入附议代表评价" in page, "the audit trail names the step"
    item.refresh()
    assert item.proposal.state == "replied", "the lead deputy's rating is still to come"
    client.force_login(item.cosigner.user)
    page = client.get(reverse("deputy:detail", args=[item.proposal.pk])).content.decode()
    assert "代为录入您作为附议代表的评价" in page
    assert "作为附议代表，您也可以评价本件的办理" not in page


def test_a_co_signers_assisted_rating_without_a_reason_is_refused_on_the_page(client, replied_item):
    item = replied_item
    _approved(item)
    client.force_login(item.staff)
    response = client.post(
        reverse("workbench:co_signer_assisted_rate", args=[item.proposal.pk]),
        {"deputy": item.cosigner.pk, "channel": "phone", "assisted_reason": "", "attitude": "satisfied",
         "result": "basic"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "代为录入评价须写明原因" in response.content.decode()
    assert not item.proposal.co_signer_evaluations.exists()


def test_only_a_co_signer_yet_to_rate_can_be_chosen_for_an_assisted_rating(client, replied_item):
    item = replied_item
    _approved(item)
    client.force_login(item.staff)
    response = client.post(
        reverse("workbench:co_signer_assisted_rate", args=[item.proposal.pk]),
        {"deputy": item.deputy.pk, "channel": "phone", "assisted_reason": "电话", "attitude": "satisfied",
         "result": "basic"},
    )  # fmt: skip
    assert "所选代表不是本件尚未评价的附议代表" in response.content.decode()
    assert not item.proposal.co_signer_evaluations.exists()


def test_a_careless_assisted_rating_is_refused_in_chinese_and_enters_nothing(client, replied_item):
    item = replied_item
    _approved(item)
    client.force_login(item.staff)
    url = reverse("workbench:co_signer_assisted_rate", args=[item.proposal.pk])
    rating = {"channel": "phone", "attitude": "satisfied", "result": "basic"}
    for deputy, reason, message in (
        ("9" * 40, "电话", "所选代表不是本件尚未评价的附议代表"),
        ("abc", "电话", "所选代表不是本件尚未评价的附议代表"),
        (item.cosigner.pk, "长" * 100_000, "代为录入原因不能超过1000字"),
    ):
        response = client.post(url, {**rating, "deputy": deputy, "assisted_reason": reason})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not item.proposal.co_signer_evaluations.exists()
