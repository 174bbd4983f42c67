"""Every free text has a maximum, shown in the form and checked on the server with a Chinese message:
titles 200, content 10,000, reasons and comments 2,000. 100,000 characters are stored nowhere."""

from __future__ import annotations

import pytest
from django import forms
from django.urls import reverse

from common.forms import StyledForm
from common.limits import CONTENT_MAX, REASON_MAX, TITLE_MAX
from proposals import services
from proposals.errors import DomainError
from proposals.models import Assignment, Proposal, SupervisionAction
from tests import factories as f

from .fixtures_input import _clock, _staff, _staff_client, client_for  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

HUGE = "长" * 100_000


def test_a_deputys_content_of_100000_characters_is_refused_by_the_form(db):
    lead = f.deputy()
    f.session()
    data = {"kind": "suggestion", "title": "关于增设公交站点的建议", "content": HUGE, "save": "1"}
    page = client_for(lead.user).post(reverse("deputy:create"), data).content.decode()
    assert "内容不能超过10000字（现为100000字）" in page
    assert not Proposal.objects.exists()


def test_a_stale_page_cannot_push_a_long_content_into_a_draft_either(db):
    p = f.proposal()
    data = {"kind": "suggestion", "title": p.title, "content": HUGE, "version": p.version, "save": "1"}
    page = client_for(p.lead_deputy.user).post(reverse("deputy:edit", args=[p.pk]), data).content.decode()
    assert "不能超过10000字" in page
    p.refresh_from_db()
    assert p.content == "具体内容。"


def test_the_deputy_form_shows_its_limits(db):
    lead = f.deputy()
    page = client_for(lead.user).get(reverse("deputy:create")).content.decode()
    assert f'maxlength="{TITLE_MAX}"' in page and f'maxlength="{CONTENT_MAX}"' in page


def test_the_office_entry_form_refuses_a_long_content(staff_client):
    data = {
        "session": f.session().pk,
        "kind": "suggestion",
        "title": "关于增设公交站点的建议",
        "content": HUGE,
        "lead_deputy": f.deputy().pk,
        "submitted_on": "2026-03-01",
    }
    page = staff_client.post(reverse("workbench:create"), data).content.decode()
    assert "内容不能超过10000字" in page
    assert not Proposal.objects.exists()


def test_a_rejection_reason_of_100000_characters_is_refused(staff_client):
    p = f.proposal()
    services.proposal_submit(proposal=p, by=p.lead_deputy.user)
    page = staff_client.post(reverse("workbench:reject", args=[p.pk]), {"reason": HUGE, "version": p.version})
    assert "不予立案理由不能超过2000字" in page.content.decode()
    p.refresh_from_db()
    assert p.state == "submitted" and p.reject_reason == ""


def test_the_item_page_shows_the_reason_limit(staff_client):
    p = f.proposal()
    services.proposal_submit(proposal=p, by=p.lead_deputy.user)
    page = staff_client.get(reverse("workbench:detail", args=[p.pk])).content.decode()
    assert f'maxlength="{REASON_MAX}"' in page


def test_an_assignment_comment_of_100000_characters_is_refused(staff_client):
    p, unit = f.registered(), f.unit()
    data = {"mode": "single", "lead_units": [unit.pk], "comment": HUGE, "version": p.version}
    page = staff_client.post(reverse("workbench:assign", args=[p.pk]), data).content.decode()
    assert "交办意见不能超过2000字" in page
    assert not Assignment.objects.filter(proposal=p).exists()


def test_a_supervision_notice_of_100000_characters_is_refused(staff_client, staff):
    p = f.assigned(staff=staff)
    unit = Assignment.objects.get(proposal=p).unit
    detail = staff_client.get(reverse("workbench:detail", args=[p.pk])).content.decode()
    token = detail.split('name="token" value="', 1)[1].split('"', 1)[0]
    data = {"kind": "notice", "unit": unit.pk, "content": HUGE, "due_on": "2026-03-20", "token": token}
    page = staff_client.post(reverse("workbench:supervise", args=[p.pk]), data).content.decode()
    assert "督办内容不能超过2000字" in page
    assert not SupervisionAction.objects.exists()


# --- the services refuse what a form would not have let through ------------------------------


def test_the_services_refuse_over_long_texts_whoever_calls_them(staff):
    lead = f.deputy()
    with pytest.raises(DomainError, match="内容不能超过10,000字"):
        services.proposal_create(
            by=lead.user, session=f.session(), kind="suggestion", title="关于……的建议", content=HUGE, lead_deputy=lead
        )
    with pytest.raises(DomainError, match="标题不能超过200字"):
        services.proposal_create(
            by=lead.user, session=f.session(), kind="suggestion", title="题" * 201, lead_deputy=lead
        )
    submitted = f.proposal()
    services.proposal_submit(proposal=submitted, by=submitted.lead_deputy.user)
    with pytest.raises(DomainError, match="不予立案理由不能超过2,000字"):
        services.proposal_reject(proposal=submitted, by=staff, reason=HUGE)
    registered = f.registered(staff=staff)
    with pytest.raises(DomainError, match="交办意见不能超过2,000字"):
        services.proposal_assign(proposal=registered, by=staff, mode="single", lead_units=[f.unit()], comment=HUGE)
    assigned = f.assigned(staff=staff)
    unit = Assignment.objects.get(proposal=assigned).unit
    with pytest.raises(DomainError, match="督办内容不能超过2,000字"):
        services.supervision_issue(
            proposal=assigned, unit=unit, by=staff, kind="urge", content=HUGE, due_on=assigned.reply_due
        )


def test_every_transition_refuses_an_over_long_comment_in_one_place(staff):
    submitted = f.proposal()
    services.proposal_submit(proposal=submitted, by=submitted.lead_deputy.user)
    with pytest.raises(DomainError, match="不能超过2,000字"):
        services.proposal_register(proposal=submitted, by=staff, comment="注" * (REASON_MAX + 1))
    submitted.refresh_from_db()
    assert submitted.state == "submitted"


def test_a_text_field_without_a_limit_gets_the_default_of_its_kind():
    class Loose(StyledForm):
        line = forms.CharField(label="一行")
        text = forms.CharField(label="多行", widget=forms.Textarea)

    form = Loose(data={"line": "字" * (TITLE_MAX + 1), "text": "字" * (CONTENT_MAX + 1)})
    assert not form.is_valid()
    assert form.errors["line"] == [f"一行不能超过{TITLE_MAX}字（现为{TITLE_MAX + 1}字）"]
    assert form.errors["text"] == [f"多行不能超过{CONTENT_MAX}字（现为{CONTENT_MAX + 1}字）"]
    html = str(form["text"])
    assert f'maxlength="{CONTENT_MAX}"' in html
