"""Reply letters and co-unit opinion files download under the full name they were uploaded with:
〔〕 and Chinese kept (RFC 5987 ``filename*``), while the stored path stays the storage's safe name."""

from __future__ import annotations

import importlib
from urllib.parse import quote

import pytest
from django.apps import apps
from django.urls import reverse

from proposals import services
from proposals.models import Assignment, CoOpinion, Reply
from tests import factories as f

from . import samples as s
from .fixtures_input import _clock, _staff, _staff_client, client_for  # noqa: F401

pytestmark = pytest.mark.usefixtures("clock")

NAME = "市财政局〔2026〕12号答复.pdf"
OPINION_NAME = "市交通运输局〔2026〕3号协办意见.pdf"


@pytest.fixture
def handled(db, staff):
    p = f.assigned(staff=staff, mode="lead_co")
    lead = Assignment.objects.select_related("unit").get(proposal=p, role="lead")
    co = Assignment.objects.select_related("unit").get(proposal=p, role="co")
    services.assignment_sign(assignment=lead, by=f.handler_of(lead.unit))
    services.assignment_sign(assignment=co, by=f.handler_of(co.unit))
    co.refresh_from_db()
    opinion = services.opinion_send(
        assignment=co, by=f.handler_of(co.unit), body="同意", file=s.upload(OPINION_NAME, s.PDF)
    )
    lead.refresh_from_db()
    reply = services.reply_submit(
        assignment=lead, by=f.handler_of(lead.unit), category="A", body="已解决", file=s.upload(NAME, s.PDF)
    )
    return reply, opinion


def _names_in(response) -> str:
    assert response.status_code == 200
    return response["Content-Disposition"]


def test_the_original_names_are_stored_and_the_stored_path_is_the_storages_own(handled):
    reply, opinion = handled
    assert (reply.file_name, opinion.file_name) == (NAME, OPINION_NAME)
    assert "〔" not in reply.file.name and reply.file.name.startswith("replies/")


def test_the_deputy_downloads_the_reply_with_its_brackets_and_chinese_kept(handled):
    reply, _ = handled
    header = _names_in(client_for(reply.proposal.lead_deputy.user).get(reverse("deputy:reply_file", args=[reply.pk])))
    assert f"filename*=UTF-8''{quote(NAME, safe='')}" in header
    assert 'filename="download.pdf"' in header


def test_the_units_download_the_reply_and_the_opinion_under_their_full_names(handled):
    reply, opinion = handled
    lead_handler = f.handler_of(reply.unit)
    lead_assignment = reply.assignment
    reply_header = _names_in(
        client_for(lead_handler).get(reverse("unitportal:reply_file", args=[lead_assignment.pk, reply.pk]))
    )
    opinion_header = _names_in(
        client_for(lead_handler).get(reverse("unitportal:opinion_file", args=[lead_assignment.pk, opinion.pk]))
    )
    assert f"filename*=UTF-8''{quote(NAME, safe='')}" in reply_header
    assert f"filename*=UTF-8''{quote(OPINION_NAME, safe='')}" in opinion_header


def test_the_staff_download_names_the_unit_before_the_full_name(handled, staff_client):
    reply, opinion = handled
    header = _names_in(staff_client.get(reverse("workbench:reply_file", args=[reply.pk])))
    assert f"filename*=UTF-8''{quote(f'{reply.unit.name}答复函_{NAME}', safe='')}" in header
    header = _names_in(staff_client.get(reverse("workbench:opinion_file", args=[opinion.pk])))
    assert quote(OPINION_NAME, safe="") in header


def test_a_file_uploaded_before_names_were_kept_is_named_from_its_stored_path(handled):
    reply, opinion = handled
    Reply.objects.filter(pk=reply.pk).update(file_name="")
    CoOpinion.objects.filter(pk=opinion.pk).update(file_name="")
    backfill = importlib.import_module("proposals.migrations.0012_submission_attachments_and_original_file_names")
    backfill.name_from_stored_path(apps, None)
    reply.refresh_from_db()
    opinion.refresh_from_db()
    assert reply.file_name == reply.file.name.rsplit("/", 1)[-1] == "市财政局202612号答复.pdf"
    assert opinion.file_name == opinion.file.name.rsplit("/", 1)[-1]
    header = _names_in(client_for(reply.proposal.lead_deputy.user).get(reverse("deputy:reply_file", args=[reply.pk])))
    assert quote("市财政局202612号答复.pdf", safe="") in header


def test_a_path_sent_as_the_name_keeps_only_the_file_part(db):
    from files.names import original_name

    assert original_name("C:\\Users\\张三\\桌面\\市财政局〔2026〕12号答复.pdf") == NAME
    assert original_name('../../"evil"\x00.pdf') == "evil.pdf"
