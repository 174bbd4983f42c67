"""The office's create forms carry a one-time token too: an assisted rating, a nomination for 优秀建议 and a
report request sent again show what the first copy created, with a message, and create nothing more."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from duties.models import ExcellentNomination
from proposals import services
from proposals.models import Evaluation, Reply
from reports.models import ReportArchive
from tests import factories as f
from tests.duties.support import item

AGAIN = "已经创建，这次重复提交没有再创建一次"


def _token(page: str, action: str) -> str:
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S).group(1)
    return re.search(r'name="form_token" value="([^"]+)"', form).group(1)


def test_a_resent_assisted_rating_is_entered_once_and_shows_the_item(client, replied_item):
    item_ = replied_item
    reply = Reply.objects.get()
    if reply.review_status == "pending":
        services.reply_approve(reply=reply, by=item_.staff)
    item_.refresh()
    client.force_login(item_.staff)
    url = reverse("workbench:assisted_rate", args=[item_.proposal.pk])
    page = client.get(reverse("workbench:detail", args=[item_.proposal.pk])).content.decode()
    data = {
        "form_token": _token(page, url),
        "version": item_.proposal.version,
        "channel": "phone",
        "assisted_reason": "代表电话告知评价意见",
        "attitude": "satisfied",
        "result": "satisfied",
    }
    first = client.post(url, data)
    again = client.post(url, data, follow=True)
    assert first.status_code == 302
    assert again.redirect_chain[-1][0] == reverse("workbench:detail", args=[item_.proposal.pk])
    assert f"“代为录入的评价”{AGAIN}" in again.content.decode()
    assert Evaluation.objects.filter(proposal=item_.proposal).count() == 1


@pytest.mark.django_db
def test_a_resent_nomination_shows_the_nomination_already_made(client):
    staff = f.staff_user()
    proposal = item(lead=f.deputy())
    client.force_login(staff)
    url = reverse("duties:excellent_nominate", args=[proposal.pk])
    page = client.get(reverse("workbench:detail", args=[proposal.pk])).content.decode()
    data = {"form_token": _token(page, url), "reason": "办理成效显著"}
    client.post(url, data)
    again = client.post(url, data, follow=True)
    page = again.content.decode()
    assert f"“优秀建议推荐”{AGAIN}" in page
    assert "此件已被推荐为优秀建议候选" not in page, "a resent form is not an error"
    assert ExcellentNomination.objects.filter(proposal=proposal).count() == 1


@pytest.mark.django_db
def test_a_resent_report_request_shows_the_archive_list_and_requests_once(client):
    client.force_login(f.leader_user())
    url = reverse("dashboard:archive_request")
    page = client.get(reverse("dashboard:archive_list")).content.decode()
    data = {"form_token": _token(page, url), "kind": "annual", "year": "2025", "format": "xlsx", "as_of": ""}
    first = client.post(url, data)
    again = client.post(url, data, follow=True)
    assert first.status_code == 302
    assert f"“报告生成请求”{AGAIN}" in again.content.decode()
    assert ReportArchive.objects.count() == 1
