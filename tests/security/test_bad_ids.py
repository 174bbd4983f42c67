"""Ids sent by a browser are checked as bounded positive integers before any query: a bad one is a 4xx or a
Chinese form error, never a server error, and it changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from common.ids import MAX_ID, parse_id, parse_ids
from proposals import services
from proposals.models import AdjustmentRequest, Assignment, Proposal
from tests import factories as f

from .fixtures_input import _clock, _staff, _staff_client, client_for  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

BAD_IDS = ["abc", "1.5", "0x10", "-3", "0", "9" * 25, "１２", "1 OR 1=1"]


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7", 7),
        (" 42 ", 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("9" * 25, None),
        ("abc", None),
        ("-1", None),
        ("0", None),
        ("007", None),
        ("１２", None),
        ("1.0", None),
        ("", None),
        (None, None),
        (True, None),
        (5, 5),
        (0, None),
    ],
)
def test_an_id_is_a_bounded_positive_integer_in_ascii_digits(value, expected):
    assert parse_id(value) == expected


def test_bad_ids_are_dropped_from_a_list_of_ids():
    assert parse_ids(["3", "abc", "9" * 25, "3", "4"]) == [3, 4]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_the_list_names_a_bad_unit_filter_instead_of_failing(staff_client, bad):
    f.registered(title="关于改善背街小巷照明的建议")
    content = page(staff_client.get(reverse("workbench:list"), {"unit": bad}))
    assert "以下筛选条件无效，未予使用" in content and "承办单位" in content
    assert "关于改善背街小巷照明的建议" in content


@pytest.mark.parametrize("param", ["session", "delegation"])
def test_the_list_names_a_bad_session_or_delegation_filter(staff_client, param):
    content = page(staff_client.get(reverse("workbench:list"), {param: "9" * 25}))
    assert "以下筛选条件无效，未予使用" in content


def test_the_export_refuses_a_bad_filter_rather_than_exporting_everything(staff_client):
    response = staff_client.get(reverse("workbench:export"), {"unit": "abc"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workbench:list"))


@pytest.mark.parametrize("bad", BAD_IDS)
def test_registering_by_hand_with_a_bad_lead_deputy_is_a_form_error(staff_client, bad):
    session = f.session()
    data = {
        "session": session.pk,
        "kind": "suggestion",
        "title": "关于增设公交站点的建议",
        "lead_deputy": bad,
        "submitted_on": "2026-03-01",
    }
    content = page(staff_client.post(reverse("workbench:create"), data))
    assert "所选领衔代表不在可选范围内，请重新选择" in content
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_registering_by_hand_with_a_bad_co_signer_is_a_form_error(staff_client, bad):
    session, lead = f.session(), f.deputy()
    data = {
        "session": session.pk,
        "kind": "suggestion",
        "title": "关于增设公交站点的建议",
        "lead_deputy": lead.pk,
        "co_signers": [str(lead.pk + 1000), bad],
        "submitted_on": "2026-03-01",
    }
    content = page(staff_client.post(reverse("workbench:create"), data))
    assert "所选附议代表" in content
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_merging_into_a_bad_id_is_a_form_error_and_changes_nothing(staff_client, bad):
    p = f.registered()
    content = page(staff_client.post(reverse("workbench:merge", args=[p.pk]), {"into": bad, "version": p.version}))
    assert "请选择有效的议案建议" in content
    p.refresh_from_db()
    assert p.state == "registered"


@pytest.mark.parametrize("field", ["lead_units", "co_units"])
@pytest.mark.parametrize("bad", BAD_IDS)
def test_assigning_to_a_bad_unit_id_is_a_form_error_and_changes_nothing(staff_client, field, bad):
    p, good = f.registered(), f.unit()
    data = {"mode": "lead_co", "lead_units": [good.pk], "co_units": [], "version": p.version}
    data[field] = [bad] if field == "lead_units" else [str(good.pk + 1), bad]
    content = page(staff_client.post(reverse("workbench:assign", args=[p.pk]), data))
    assert "所选承办单位" in content or "所选协办单位" in content
    p.refresh_from_db()
    assert p.state == "registered" and not Assignment.objects.filter(proposal=p).exists()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_approving_an_adjustment_to_a_bad_unit_id_is_a_form_error(staff_client, staff, bad):
    p = f.assigned(staff=staff)
    a = Assignment.objects.select_related("unit").get(proposal=p)
    req = services.adjustment_request(assignment=a, by=f.handler_of(a.unit), reason="不属于本单位职责")
    data = {f"a{req.pk}-target": "other", f"a{req.pk}-other_unit": bad, f"a{req.pk}-version": a.version}
    content = page(staff_client.post(reverse("workbench:adjustment_approve", args=[req.pk]), data))
    assert "所选改由单位不在可选范围内，请重新选择" in content
    assert AdjustmentRequest.objects.get(pk=req.pk).status == "pending"


@pytest.mark.parametrize("bad", BAD_IDS)
def test_supervising_a_bad_unit_id_is_a_form_error(staff_client, staff, bad):
    p = f.assigned(staff=staff)
    data = {"kind": "urge", "unit": bad, "content": "请抓紧办理", "due_on": "2026-03-20", "token": "x"}
    response = staff_client.post(reverse("workbench:supervise", args=[p.pk]), data)
    assert response.status_code < 500
    assert not p.supervision_actions.exists()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_deputy_choosing_a_bad_co_signer_gets_a_form_error(db, bad):
    lead = f.deputy()
    f.session()
    data = {
        "kind": "suggestion",
        "title": "关于增设公交站点的建议",
        "content": "站点太少。",
        "co_signers": [bad],
        "save": "1",
    }
    content = page(client_for(lead.user).post(reverse("deputy:create"), data))
    assert "附议代表" in content and ("所选附议代表不存在或已不在任" in content or "附议代表选择有误" in content)
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_unit_proposing_a_bad_unit_id_for_adjustment_gets_a_form_error(staff, bad):
    p = f.assigned(staff=staff)
    a = Assignment.objects.select_related("unit").get(proposal=p)
    data = {"reason": "不属于本单位职责", "proposed_unit": bad, "version": a.version}
    response = client_for(f.handler_of(a.unit)).post(reverse("unitportal:adjustment", args=[a.pk]), data)
    assert response.status_code == 200
    assert not AdjustmentRequest.objects.exists()


@pytest.mark.parametrize("param", ["session", "exclude"])
@pytest.mark.parametrize("bad", ["9" * 25, "abc", "-1"])
def test_the_merge_search_answers_a_bad_id_parameter_with_400(staff_client, param, bad):
    response = staff_client.get(reverse("workbench:search_proposals"), {param: bad, "q": "建议"})
    assert response.status_code == 400
    assert "不是有效的编号" in response.json()["error"]


def test_the_merge_search_still_filters_by_a_good_session(staff_client):
    p = f.registered(title="关于增设公交站点的建议")
    other = f.registered(title="关于增设公交站点的另一件建议", session_obj=f.session(name="市十七届人大五次会议"))
    found = staff_client.get(reverse("workbench:search_proposals"), {"session": p.session_id, "q": "公交"}).json()
    assert [r["id"] for r in found["results"]] == [p.pk]
    assert other.pk not in [r["id"] for r in found["results"]]


@pytest.mark.parametrize("name", ["workbench:detail", "workbench:reply_file", "workbench:opinion_file"])
def test_an_object_url_with_an_id_beyond_the_database_integer_is_404(staff_client, name):
    url = reverse(name, args=[1]).replace("/1/", "/" + "9" * 25 + "/")
    assert staff_client.get(url).status_code == 404


@pytest.mark.parametrize("bad", ["abc", "-1", "9" * 25])
def test_a_bad_version_on_a_form_is_refused_with_the_stale_page_message(staff_client, bad):
    p = f.registered()
    response = staff_client.post(reverse("workbench:reject", args=[p.pk]), {"reason": "重复提出", "version": bad})
    assert response.status_code == 200
    p.refresh_from_db()
    assert p.state == "registered"


@pytest.mark.parametrize("bad", ["²", "9" * 25, "abc"])
def test_a_deputy_turning_opinions_with_bad_ids_into_a_suggestion_is_told_to_choose(bad):
    deputy = f.deputy()
    response = client_for(deputy.user).get(reverse("opinions:suggest"), {"ids": [bad]})
    assert response.status_code == 302


@pytest.mark.parametrize("after", ["20260301-" + "9" * 25, "20260301-²", "20260301-abc", "garbage"])
def test_the_unit_inbox_ignores_a_bad_page_cursor(staff, after):
    p = f.assigned(staff=staff)
    unit = Assignment.objects.get(proposal=p).unit
    response = client_for(f.handler_of(unit)).get(reverse("unitportal:inbox"), {"tab": "pending", "after": after})
    assert response.status_code == 200
