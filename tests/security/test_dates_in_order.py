"""Every date a user enters is checked against the item's own dates: a reply cannot be dated before its item
was assigned or in the future, a progress note or a contact not before the assignment, a later round's reply
not before the previous round's, an office entry not years before its session."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from proposals import services
from proposals.errors import DomainError
from proposals.models import Assignment, Contact, ProgressNote, Proposal, Reply
from tests import factories as f

from .fixtures_input import TODAY, _clock, _staff, _staff_client, at, client_for  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def lead(staff, clock):
    """A single-unit item assigned on 2026-03-02 and signed the next day; "today" is 2026-03-10."""
    p = f.assigned(staff=staff)
    clock.move_to(at(dt.date(2026, 3, 3)))
    a = Assignment.objects.select_related("unit", "proposal").get(proposal=p)
    services.assignment_sign(assignment=a, by=f.handler_of(a.unit))
    clock.move_to(at(dt.date(2026, 3, 10)))
    a.refresh_from_db()
    assert a.assigned_on == TODAY
    return a


def _reply(a, on):
    return services.reply_submit(assignment=a, by=f.handler_of(a.unit), category="A", body="已解决", replied_on=on)


def test_a_reply_dated_before_the_assignment_is_refused_with_the_assignment_date(lead):
    with pytest.raises(DomainError, match="答复日期不能早于交办日期（2026年03月02日）"):
        _reply(lead, dt.date(2001, 1, 1))
    assert not Reply.objects.exists()
    lead.refresh_from_db()
    assert lead.state == "handling"


def test_a_reply_dated_in_the_future_is_refused(lead):
    with pytest.raises(DomainError, match="答复日期不能晚于今天"):
        _reply(lead, dt.date(2026, 3, 11))


def test_a_reply_dated_on_the_assignment_day_is_accepted(lead):
    assert _reply(lead, TODAY).replied_on == TODAY


def test_the_unit_page_says_why_an_early_reply_date_is_refused_and_keeps_the_entries(lead):
    data = {
        "version": lead.version,
        "doc_number": "市住建函〔2026〕8号",
        "signer": "王局长",
        "contact_person": "李明",
        "contact_phone": "010-12345678",
        "category": "A",
        "adoption": "adopted",
        "done_items": "已完成加装电梯",
        "body": "已经解决了代表反映的问题。",
        "replied_on": "2001-01-01",
    }
    page = client_for(f.handler_of(lead.unit)).post(reverse("unitportal:reply", args=[lead.pk]), data)
    content = page.content.decode()
    assert "答复日期不能早于交办日期（2026年03月02日）" in content
    assert "已经解决了代表反映的问题。" in content
    assert not Reply.objects.exists()


def test_the_date_pickers_offer_only_the_days_from_the_assignment_to_today(lead):
    page = client_for(f.handler_of(lead.unit)).get(reverse("unitportal:assignment", args=[lead.pk])).content.decode()
    assert 'min="2026-03-02"' in page and 'max="2026-03-10"' in page


def test_a_progress_note_dated_before_the_assignment_is_refused(lead):
    with pytest.raises(DomainError, match="进展日期不能早于交办日期"):
        services.progress_add(
            assignment=lead, by=f.handler_of(lead.unit), body="已开展调研", noted_on=dt.date(2026, 3, 1)
        )
    assert not ProgressNote.objects.exists()


def test_a_contact_dated_before_the_assignment_is_refused(lead):
    with pytest.raises(DomainError, match="沟通日期不能早于交办日期"):
        services.contact_log(
            assignment=lead,
            by=f.handler_of(lead.unit),
            method="phone",
            contacted_on=dt.date(2026, 2, 1),
            summary="电话沟通",
        )
    assert not Contact.objects.exists()


def test_a_second_round_reply_cannot_be_dated_before_the_first_rounds(lead, clock):
    _reply(lead, dt.date(2026, 3, 9))
    p = Proposal.objects.get(pk=lead.proposal_id)
    services.evaluation_submit(
        proposal=p,
        by=p.lead_deputy.user,
        deputy=p.lead_deputy,
        attitude="satisfied",
        result="unsatisfied",
        reason="未解决",
    )
    lead.refresh_from_db()
    assert lead.round == 2
    if lead.state == "pending_sign":
        services.assignment_sign(assignment=lead, by=f.handler_of(lead.unit))
        lead.refresh_from_db()
    with pytest.raises(DomainError, match="不能早于上一轮答复日期（2026年03月09日）"):
        _reply(lead, dt.date(2026, 3, 5))


def test_an_office_entry_dated_years_before_its_session_is_refused(staff_client):
    data = {
        "session": f.session().pk,
        "kind": "suggestion",
        "title": "关于增设公交站点的建议",
        "lead_deputy": f.deputy().pk,
        "submitted_on": "2001-01-01",
    }
    page = staff_client.post(reverse("workbench:create"), data).content.decode()
    assert "提出日期（2001年01月01日）早于所选会议" in page
    assert not Proposal.objects.exists()
