"""Supervising committees: a committee marks the opinions and suggestions of its fields; the office sets,
changes or clears a suggestion's committee from the item's page (audited); nobody else can."""

import pytest
from django.test import Client
from django.urls import reverse
from django_fsm_log.models import StateLog

from opinions import services
from opinions.models import SuggestionSupervision
from proposals.errors import DomainError
from reports.statistics import monthly_report
from tests import factories as f
from tests.opinions.support import committee, days_ago, opinion

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _logs(p) -> list[str]:
    return list(
        StateLog.objects.for_(p)
        .filter(transition__startswith="committee_supervision")
        .values_list("description", flat=True)
    )


def test_the_office_sets_changes_and_clears_a_suggestions_committee_from_the_item_page_with_an_audit_entry(world):
    finance, _ = committee("财政经济委员会", ["经济发展"])
    p = f.registered(staff=world.office)
    c = _client(world.office)
    page = c.get(reverse("workbench:detail", args=[p.pk])).content.decode()
    assert reverse("opinions:suggestion_committee", args=[p.pk]) in page and "确定督办委员会" in page

    url = reverse("opinions:suggestion_committee", args=[p.pk])
    r = c.post(url, {"committee": world.committee.pk, "note": "跟踪补贴落实"}, follow=True)
    assert "已确定由城乡建设环境保护委员会督办" in r.content.decode()
    mark = SuggestionSupervision.objects.get(proposal=p)
    assert (mark.committee, mark.note, mark.by, mark.marked_on) == (
        world.committee,
        "跟踪补贴落实",
        world.office,
        days_ago(0),
    )
    page = c.get(reverse("workbench:detail", args=[p.pk])).content.decode()
    assert "由城乡建设环境保护委员会督办" in page and "更改督办委员会" in page and "委员会督办" in page

    c.post(url, {"committee": finance.pk, "note": ""})
    mark.refresh_from_db()
    assert mark.committee == finance and mark.note == ""

    r = c.post(url, {"committee": "", "note": ""}, follow=True)
    assert "已取消委员会督办" in r.content.decode()
    assert not SuggestionSupervision.objects.filter(proposal=p).exists()
    assert _logs(p) == [
        "列入城乡建设环境保护委员会督办（督办重点：跟踪补贴落实）",
        "督办委员会由城乡建设环境保护委员会改为财政经济委员会",
        "取消财政经济委员会督办",
    ]


def test_a_bad_committee_choice_or_clearing_nothing_changes_nothing_and_says_why(world):
    p = f.registered(staff=world.office)
    c = _client(world.office)
    url = reverse("opinions:suggestion_committee", args=[p.pk])
    r = c.post(url, {"committee": "999999"}, follow=True)
    assert "督办委员会" in r.content.decode() and not SuggestionSupervision.objects.exists()
    r = c.post(url, {"committee": ""}, follow=True)
    assert "此件没有督办委员会" in r.content.decode()
    c.post(url, {"committee": world.committee.pk, "note": "同一"})
    r = c.post(url, {"committee": world.committee.pk, "note": "同一"}, follow=True)
    assert "此件已由城乡建设环境保护委员会督办" in r.content.decode()
    assert len(_logs(p)) == 1


def test_units_deputies_station_staff_and_committees_cannot_set_a_suggestions_committee(world):
    p = f.registered(staff=world.office)
    url = reverse("opinions:suggestion_committee", args=[p.pk])
    for user in (world.unit.handlers.get().user, p.lead_deputy.user, world.staff_user, world.committee_user):
        assert _client(user).post(url, {"committee": world.committee.pk}).status_code == 403
        with pytest.raises(DomainError, match="只有代表工作机构工作人员"):
            services.suggestion_committee_set(proposal=p, by=user, committee=world.committee)
    assert not SuggestionSupervision.objects.exists() and _logs(p) == []


def test_a_motion_or_a_rejected_item_carries_no_committee(world):
    motion = f.proposal(kind="motion")
    with pytest.raises(DomainError, match="只有建议"):
        services.suggestion_committee_set(proposal=motion, by=world.office, committee=world.committee)
    draft = f.proposal()
    with pytest.raises(DomainError, match="不能确定督办委员会"):
        services.suggestion_committee_set(proposal=draft, by=world.office, committee=world.committee)
    page = _client(world.office).get(reverse("workbench:detail", args=[draft.pk])).content.decode()
    assert reverse("opinions:suggestion_committee", args=[draft.pk]) not in page


def test_a_committee_marks_its_fields_only_through_its_pages_and_never_ends_another_committees_mark(world):
    _, other_user = committee("教育科学文化卫生委员会", ["教育"])
    own = f.registered(staff=world.office, field="城乡建设")
    school = f.registered(staff=world.office, field="教育")
    c = _client(world.committee_user)
    c.post(reverse("opinions:supervise_suggestion", args=[own.pk]), {"note": "跟踪"})
    assert SuggestionSupervision.objects.get(proposal=own).committee == world.committee
    c.post(reverse("opinions:supervise_suggestion", args=[school.pk]), {"note": "越界"})
    assert not SuggestionSupervision.objects.filter(proposal=school).exists()
    # Another committee can neither take nor end the mark of the first.
    with pytest.raises(DomainError, match="领域"):
        services.committee_supervise_suggestion(proposal=own, by=other_user, supervise=False)
    _client(other_user).post(reverse("opinions:supervise_suggestion", args=[own.pk]), {"supervise": "0"})
    assert SuggestionSupervision.objects.get(proposal=own).committee == world.committee

    o = opinion(world)
    traffic = opinion(world, field="交通运输")
    c.post(reverse("opinions:supervise", args=[o.pk]))
    assert c.post(reverse("opinions:supervise", args=[traffic.pk])).status_code == 404  # not among its fields
    o.refresh_from_db()
    traffic.refresh_from_db()
    assert o.supervised_by == world.committee and traffic.supervised_by is None
    # Units and deputies cannot mark opinions.
    for user in (world.unit.handlers.get().user, world.deputy.user):
        with pytest.raises(DomainError, match="无权"):
            services.committee_supervise_opinion(opinion=o, by=user, supervise=False)
        with pytest.raises(DomainError, match="无权"):
            services.committee_supervise_suggestion(proposal=own, by=user)


def test_the_monthly_report_lists_per_committee_the_suggestions_the_office_gave_it(world):
    finance, _ = committee("财政经济委员会", ["经济发展"])
    p = f.assigned(staff=world.office, title="关于完善小微企业融资担保的建议", field="经济发展")
    services.suggestion_committee_set(proposal=p, by=world.office, committee=finance, note="跟踪担保费率")
    today = days_ago(0)
    rows = {r["committee"]: r for r in monthly_report(year=today.year, month=today.month)["committees"]}
    assert [s["title"] for s in rows["财政经济委员会"]["suggestions"]] == ["关于完善小微企业融资担保的建议"]
    assert rows["财政经济委员会"]["suggestions"][0]["status"] == "办理中"
    assert rows["财政经济委员会"]["suggestions"][0]["note"] == "跟踪担保费率"
    assert rows["城乡建设环境保护委员会"]["suggestions"] == []
    services.suggestion_committee_set(proposal=p, by=world.office, committee=None)
    rows = {r["committee"]: r for r in monthly_report(year=today.year, month=today.month)["committees"]}
    assert rows["财政经济委员会"]["suggestions"] == []
