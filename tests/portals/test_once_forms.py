"""The units' and deputies' create forms carry a one-time token: sent again (back and resubmit, a double
click), they show what the first copy created, with a message, and create nothing more."""

from __future__ import annotations

import re

from django.urls import reverse

from proposals.models import Contact, ExtensionRequest, MeetingRequest, ProgressNote

AGAIN = "已经创建，这次重复提交没有再创建一次"


def _token(page: str, action: str) -> str:
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S).group(1)
    return re.search(r'name="form_token" value="([^"]+)"', form).group(1)


def test_a_resent_extension_request_shows_the_request_already_made(client, handling_item):
    item = handling_item
    client.force_login(item.lead_handler)
    url = reverse("unitportal:extension", args=[item.lead.pk])
    page = client.get(reverse("unitportal:assignment", args=[item.lead.pk])).content.decode()
    data = {"form_token": _token(page, url), "version": item.lead.version, "until": "2026-08-01", "reason": "预算"}
    first = client.post(url, data)
    again = client.post(url, data, follow=True)
    assert first.status_code == 302
    assert again.redirect_chain[-1][0] == reverse("unitportal:assignment", args=[item.lead.pk]) + "#requests"
    assert f"“延期申请”{AGAIN}" in again.content.decode()
    assert ExtensionRequest.objects.count() == 1


def test_a_resent_contact_record_is_kept_once_and_a_fresh_form_adds_another(client, handling_item):
    item = handling_item
    client.force_login(item.lead_handler)
    url = reverse("unitportal:contact", args=[item.lead.pk])
    assignment_page = reverse("unitportal:assignment", args=[item.lead.pk])
    data = {"method": "phone", "contacted_on": "2026-03-02", "summary": "电话沟通办理思路", "participants": ""}
    token = _token(client.get(assignment_page).content.decode(), url)
    client.post(url, {**data, "form_token": token})
    again = client.post(url, {**data, "form_token": token}, follow=True)
    assert f"“沟通记录”{AGAIN}" in again.content.decode()
    assert Contact.objects.count() == 1
    fresh = _token(client.get(assignment_page).content.decode(), url)
    client.post(url, {**data, "form_token": fresh})
    assert Contact.objects.count() == 2, "a second contact the same day is a real second contact"


def test_a_resent_progress_note_is_kept_once(client, handling_item):
    item = handling_item
    client.force_login(item.lead_handler)
    url = reverse("unitportal:progress", args=[item.lead.pk])
    token = _token(client.get(reverse("unitportal:assignment", args=[item.lead.pk])).content.decode(), url)
    data = {"form_token": token, "body": "已完成现场勘查", "noted_on": "2026-03-02"}
    client.post(url, data)
    client.post(url, data)
    assert ProgressNote.objects.count() == 1


def test_a_resent_meeting_request_shows_the_request_already_sent(client, handling_item):
    item = handling_item
    client.force_login(item.deputy.user)
    url = reverse("deputy:meeting", args=[item.proposal.pk])
    token = _token(client.get(reverse("deputy:detail", args=[item.proposal.pk])).content.decode(), url)
    data = {"form_token": token, "message": "希望当面沟通加装电梯的资金分担"}
    client.post(url, data)
    again = client.post(url, data, follow=True)
    page = again.content.decode()
    assert f"“见面沟通请求”{AGAIN}" in page
    assert "每件只能有一个" not in page and "已有" not in page.split(AGAIN)[0][-40:]
    assert MeetingRequest.objects.count() == 1
