"""见面请求: one open request per item per deputy; a face-to-face contact answers it."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from proposals import services
from proposals.errors import DomainError
from proposals.models import MeetingRequest


def test_a_second_open_request_is_refused_with_a_message(client, handling_item):
    deputy = handling_item.deputy
    client.force_login(deputy.user)
    url = reverse("deputy:meeting", args=[handling_item.proposal.pk])
    client.post(url, {"message": "希望当面介绍小区情况"})
    response = client.post(url, {"message": "再次请求见面"}, follow=True)
    page = response.content.decode()
    assert "已于2026年03月02日就此件提出见面请求" in page and "尚未安排" in page
    assert MeetingRequest.objects.filter(proposal=handling_item.proposal).count() == 1


def test_a_face_to_face_contact_answers_the_request_and_a_new_one_may_follow(handling_item):
    deputy, proposal = handling_item.deputy, handling_item.proposal
    first = services.meeting_request(proposal=proposal, by=deputy.user, deputy=deputy, message="希望见面")
    services.contact_log(
        assignment=handling_item.lead,
        by=handling_item.lead_handler,
        method="phone",
        contacted_on=dt.date(2026, 3, 2),
        summary="电话沟通",
    )
    with pytest.raises(DomainError, match="尚未安排"):
        services.meeting_request(proposal=proposal, by=deputy.user, deputy=deputy, message="还想见面")
    services.contact_log(
        assignment=handling_item.lead,
        by=handling_item.lead_handler,
        method="meeting",
        contacted_on=dt.date(2026, 3, 2),
        summary="到小区面谈",
    )
    first.refresh_from_db()
    assert first.answered_at is not None
    services.meeting_request(proposal=proposal, by=deputy.user, deputy=deputy, message="整改后再见一次")
    assert MeetingRequest.objects.filter(proposal=proposal, answered_at__isnull=True).count() == 1


def test_the_database_itself_keeps_one_open_request_per_deputy(handling_item):
    MeetingRequest.objects.create(proposal=handling_item.proposal, deputy=handling_item.deputy, message="一")
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequest.objects.create(proposal=handling_item.proposal, deputy=handling_item.deputy, message="二")


def test_another_deputy_may_still_ask_on_the_same_item(handling_item):
    proposal, cosigner = handling_item.proposal, handling_item.cosigner
    services.meeting_request(proposal=proposal, by=handling_item.deputy.user, deputy=handling_item.deputy, message="一")
    services.meeting_request(proposal=proposal, by=cosigner.user, deputy=cosigner, message="二")
    assert MeetingRequest.objects.filter(proposal=proposal).count() == 2
