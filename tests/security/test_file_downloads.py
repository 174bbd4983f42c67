"""Uploaded files are never served from /media/, in any mode: only the access-checked download views send
them, streamed, or through the proxy with X-Accel-Redirect when a setting says it serves protected files.
The Chinese file name survives in Content-Disposition (RFC 5987)."""

from __future__ import annotations

import importlib
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import clear_url_caches, reverse

from proposals import services
from proposals.models import Assignment
from tests import factories as f

from . import samples as s
from .fixtures_input import _clock, _staff, _staff_client, client_for  # noqa: F401

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def reply(db, staff):
    p = f.assigned(staff=staff)
    a = Assignment.objects.select_related("unit").get(proposal=p)
    handler = f.handler_of(a.unit)
    services.assignment_sign(assignment=a, by=handler)
    a.refresh_from_db()
    return services.reply_submit(
        assignment=a, by=handler, category="A", body="已解决", file=s.upload("关于加装电梯的答复函.pdf", s.PDF)
    )


@pytest.fixture
def debug_urls(settings):
    """The project's URLs as ``./scripts/run`` loads them: with DEBUG on."""
    import config.urls

    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


def test_a_stored_reply_file_is_not_served_under_media_even_with_debug_on(reply, debug_urls):
    url = "/media/" + reply.file.name
    assert Client().get(url).status_code == 404
    assert client_for(reply.proposal.lead_deputy.user).get(url).status_code == 404


def test_the_deputy_downloads_the_reply_streamed_with_its_chinese_name(reply):
    response = client_for(reply.proposal.lead_deputy.user).get(reverse("deputy:reply_file", args=[reply.pk]))
    assert response.status_code == 200
    assert response.streaming and b"".join(response.streaming_content) == s.PDF
    assert response["Content-Type"] == "application/pdf"
    assert f"filename*=UTF-8''{quote('关于加装电梯的答复函.pdf')}" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_staff_download_names_the_unit_and_keeps_the_chinese_name(reply, staff_client):
    response = staff_client.get(reverse("workbench:reply_file", args=[reply.pk]))
    expected = f"{reply.unit.name}答复函_关于加装电梯的答复函.pdf"
    assert f"filename*=UTF-8''{quote(expected)}" in response["Content-Disposition"]


def test_behind_a_proxy_the_view_answers_with_x_accel_redirect_and_no_body(reply, settings):
    settings.PROTECTED_FILES_ACCEL_PREFIX = "/protected/"
    response = client_for(reply.proposal.lead_deputy.user).get(reverse("deputy:reply_file", args=[reply.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected/" + quote(reply.file.name)
    assert response.content == b""
    assert f"filename*=UTF-8''{quote('关于加装电梯的答复函.pdf')}" in response["Content-Disposition"]


def test_behind_a_proxy_the_access_check_still_comes_first(reply, settings):
    settings.PROTECTED_FILES_ACCEL_PREFIX = "/protected/"
    response = client_for(f.deputy().user).get(reverse("deputy:reply_file", args=[reply.pk]))
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_a_unit_downloads_its_own_reply_file(reply):
    assignment = reply.assignment
    response = client_for(f.handler_of(assignment.unit)).get(
        reverse("unitportal:reply_file", args=[assignment.pk, reply.pk])
    )
    assert b"".join(response.streaming_content) == s.PDF
    other = client_for(f.handler_of(f.unit())).get(reverse("unitportal:reply_file", args=[assignment.pk, reply.pk]))
    assert other.status_code == 404
