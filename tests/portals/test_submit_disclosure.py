"""Submitting a draft from its own page asks, like the new-suggestion form, whether it may be published."""

import pytest
from django.urls import reverse

from proposals.models import Proposal
from tests import factories as f

pytestmark = pytest.mark.django_db


def _submit(client, proposal: Proposal, **data):
    client.force_login(proposal.lead_deputy.user)
    return client.post(reverse("deputy:submit", args=[proposal.pk]), {"version": proposal.version, **data})


def test_the_draft_page_asks_whether_the_item_may_be_published(client, clock):
    proposal = f.proposal()
    client.force_login(proposal.lead_deputy.user)
    page = client.get(reverse("deputy:detail", args=[proposal.pk])).content.decode()
    form = page[page.index('id="submit-form"') :]
    form = form[: form.index("</form>")]
    assert 'name="disclosure" value="agree"' in form
    assert 'name="disclosure" value="refuse"' in form
    assert 'name="non_disclosure_reason"' in form
    assert "js/disclosure.js" in page


def test_a_draft_submitted_from_its_page_with_consent_is_submitted_and_publishable(client, clock):
    proposal = f.proposal()
    response = _submit(client, proposal, disclosure="agree")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.state, proposal.disclosure, proposal.non_disclosure_reason) == ("submitted", "agree", "")


def test_a_draft_submitted_from_its_page_as_not_public_keeps_the_reason(client, clock):
    proposal = f.proposal()
    _submit(client, proposal, disclosure="refuse", non_disclosure_reason="  涉及个人隐私  ")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.disclosure, proposal.non_disclosure_reason) == (
        "submitted",
        "refuse",
        "涉及个人隐私",
    )


def test_refusing_publication_without_a_reason_is_refused_and_changes_nothing(client, clock):
    proposal = f.proposal()
    version = proposal.version
    response = _submit(client, proposal, disclosure="refuse", non_disclosure_reason="  ")
    assert response.status_code == 200
    assert "不同意公开的，请写明不公开原由" in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.state, proposal.disclosure, proposal.version) == ("draft", "", version)


def test_submitting_without_choosing_is_refused_and_changes_nothing(client, clock):
    proposal = f.proposal()
    response = _submit(client, proposal)
    assert response.status_code == 200
    assert "请选择是否同意公开" in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.state, proposal.disclosure) == ("draft", "")


def test_a_made_up_disclosure_value_is_refused(client, clock):
    proposal = f.proposal()
    response = _submit(client, proposal, disclosure="maybe")
    assert "请选择是否同意公开" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == "draft"


def test_a_submitted_item_has_no_submit_form_on_its_page(client, clock):
    proposal = f.proposal()
    _submit(client, proposal, disclosure="agree")
    page = client.get(reverse("deputy:detail", args=[proposal.pk])).content.decode()
    assert 'id="submit-form"' not in page


def test_another_deputy_cannot_submit_the_draft(client, clock):
    proposal = f.proposal()
    other = f.deputy()
    client.force_login(other.user)
    response = client.post(
        reverse("deputy:submit", args=[proposal.pk]), {"version": proposal.version, "disclosure": "agree"}
    )
    assert response.status_code in (403, 404)
    proposal.refresh_from_db()
    assert proposal.state == "draft"
