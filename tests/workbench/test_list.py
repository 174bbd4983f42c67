"""The list of all items: filters, search, sorting, bounded pages, badges, constant queries."""

import datetime as dt

import pytest
from django.urls import reverse

from proposals import services
from proposals.models import Proposal
from tests import factories as f

from . import builders as b

pytestmark = pytest.mark.django_db
URL = reverse("workbench:list")


def numbers(response) -> list[str]:
    return [p.number for p in response.context["page"].rows]


def titles(response) -> set[str]:
    return {p.title for p in response.context["page"].rows}


@pytest.fixture
def world(staff):
    """A small office: two sessions, two delegations, units, items at several stages."""
    s1 = f.session(name="市十七届人大四次会议", year=2026)
    s2 = f.session(name="市十七届人大三次会议", year=2025)
    east = f.deputy(name="张伟", delegation="东城区代表团")
    west = f.deputy(name="李娜", delegation="西城区代表团")
    water, roads = f.unit(name="市水务局"), f.unit(name="市交通委")
    items = {
        "elevator": f.assigned(
            staff=staff, lead=east, session_obj=s1, units=[water], title="关于老旧小区加装电梯的建议", field="城乡建设"
        ),
        "bus": f.assigned(
            staff=staff,
            lead=west,
            session_obj=s1,
            units=[roads],
            co=[water],
            mode="lead_co",
            title="关于优化公交线路的建议",
            field="交通",
        ),
        "motion": f.registered(
            staff=staff, lead=west, session_obj=s1, kind="motion", title="关于制定养老服务条例的议案"
        ),
        "old": f.registered(staff=staff, lead=east, session_obj=s2, title="关于河道治理的建议", field="生态环境"),
        "unsatisfied": b.evaluated_unsatisfied(staff=staff, lead=east, session_obj=s1, title="关于学校午餐的建议"),
    }
    return {"s1": s1, "s2": s2, "east": east, "west": west, "water": water, "roads": roads, **items}


def test_it_lists_every_item_but_deputies_unsent_drafts(staff_client, world):
    draft = f.proposal(title="草稿中的建议")
    response = staff_client.get(URL)
    assert response.status_code == 200
    shown = titles(response)
    assert {world[k].title for k in ("elevator", "bus", "motion", "old", "unsatisfied")} <= shown
    assert draft.title not in shown


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "motion"}, {"motion"}),
        ({"state": "registered"}, {"motion", "old"}),
        ({"field": "交通"}, {"bus"}),
        ({"unsatisfied": "1"}, {"unsatisfied"}),
        ({"q": "电梯"}, {"elevator"}),
        ({"q": "李娜"}, {"bus", "motion"}),
    ],
)
def test_each_filter_returns_exactly_the_matching_items(staff_client, world, params, expected):
    response = staff_client.get(URL, params)
    assert titles(response) == {world[k].title for k in expected}


def test_it_filters_by_session_unit_and_delegation(staff_client, world):
    assert titles(staff_client.get(URL, {"session": world["s2"].pk})) == {world["old"].title}
    by_unit = titles(staff_client.get(URL, {"unit": world["water"].pk}))
    assert by_unit == {world["elevator"].title, world["bus"].title}, "a co-unit's items count for the unit"
    west = world["west"].delegation_id
    assert titles(staff_client.get(URL, {"delegation": west})) == {world["bus"].title, world["motion"].title}


def test_it_finds_an_item_by_its_number_and_by_a_co_signer(staff_client, world, staff):
    response = staff_client.get(URL, {"q": world["old"].number, "session": world["s2"].pk})
    assert titles(response) == {world["old"].title}
    co = f.deputy(name="赵敏")
    p = f.proposal(title="关于社区食堂的建议", lead=world["east"])
    p.co_signers.add(co)
    services.proposal_submit(proposal=p, by=p.lead_deputy.user)
    assert titles(staff_client.get(URL, {"q": "赵敏"})) == {p.title}


def test_key_supervision_filter_shows_only_chosen_items(staff_client, world, staff):
    services.key_supervision_set(proposal=world["bus"], by=staff, selected=True, supervisor="常委会副主任")
    assert titles(staff_client.get(URL, {"key": "1"})) == {world["bus"].title}


def test_near_due_and_overdue_filters_use_the_stored_due_dates(staff_client, world, travel):
    # Both assigned items are due 2026-06-02; the re-handled one (不满意 on 03-02) on 04-02.
    travel(dt.date(2026, 5, 23))
    near = staff_client.get(URL, {"near": "1"})
    assert titles(near) == {world["elevator"].title, world["bus"].title}
    assert "临期 · 剩10天" in near.content.decode()
    overdue = staff_client.get(URL, {"overdue": "1"})
    assert titles(overdue) == {world["unsatisfied"].title}
    assert "超期51天" in overdue.content.decode()
    travel(dt.date(2026, 6, 5))
    overdue = staff_client.get(URL, {"overdue": "1"})
    assert titles(overdue) == {world["elevator"].title, world["bus"].title, world["unsatisfied"].title}
    assert "超期3天" in overdue.content.decode()
    assert titles(staff_client.get(URL, {"near": "1"})) == set()


def test_a_replied_item_is_never_near_due_or_overdue(staff_client, staff, travel):
    p = b.replied(staff=staff, title="已经答复的建议")
    travel(dt.date(2026, 7, 1))
    assert p.title not in titles(staff_client.get(URL, {"overdue": "1"}))


def test_an_approved_extension_moves_the_due_date_the_list_shows(staff_client, staff, travel):
    p, req = b.extension_requested(staff=staff, until=dt.date(2026, 8, 1), title="延期的建议")
    services.extension_approve(request=req, by=staff)
    travel(dt.date(2026, 6, 10))
    assert p.title not in titles(staff_client.get(URL, {"overdue": "1"}))
    assert "2026-08-01" in staff_client.get(URL, {"q": "延期的建议"}).content.decode()


def test_sorting_by_number_both_ways(staff_client, world):
    up = numbers(staff_client.get(URL, {"sort": "number", "session": world["s1"].pk}))
    assert up == sorted(up)
    down = numbers(staff_client.get(URL, {"sort": "-number", "session": world["s1"].pk}))
    assert down == sorted(up, reverse=True)


def test_sorting_by_due_puts_items_without_a_due_date_last(staff_client, world):
    rows = staff_client.get(URL, {"sort": "due"}).context["page"].rows
    dues = [p.due_date for p in rows]
    with_due = [d for d in dues if d]
    assert dues[: len(with_due)] == sorted(with_due)
    assert all(d is None for d in dues[len(with_due) :])


def test_sorting_by_state_and_by_submitted_date(staff_client, world):
    states = [p.state for p in staff_client.get(URL, {"sort": "state"}).context["page"].rows]
    assert states == sorted(states)
    dates = [p.submitted_on for p in staff_client.get(URL, {"sort": "submitted"}).context["page"].rows]
    assert dates == sorted(dates)


def test_an_unknown_filter_value_is_ignored_not_an_error(staff_client, world):
    response = staff_client.get(URL, {"session": "abc", "sort": "bogus", "page": "x"})
    assert response.status_code == 200
    assert len(response.context["page"].rows) == 5


def test_pages_are_bounded_and_the_count_is_capped(staff_client, staff, monkeypatch):
    from proposals.views import _paging

    monkeypatch.setattr(_paging, "COUNT_CAP", 30)
    monkeypatch.setattr(_paging.bounded_page, "__kwdefaults__", {"per_page": 10, "cap": 30})
    lead = f.deputy()
    for i in range(35):
        f.registered(staff=staff, lead=lead, title=f"建议{i:02d}")
    first = staff_client.get(URL)
    page = first.context["page"]
    assert (page.count, page.capped, page.num_pages, len(page.rows)) == (30, True, 3, 10)
    assert "超过 30" in first.content.decode()
    last = staff_client.get(URL, {"page": 99}).context["page"]
    assert last.number == 3


def test_the_empty_list_says_so_and_offers_the_next_step(staff_client):
    page = staff_client.get(URL).content.decode()
    assert "还没有议案建议" in page
    filtered = staff_client.get(URL, {"q": "不存在的标题"}).content.decode()
    assert "没有符合条件的议案建议" in filtered


def _build(staff, n: int) -> None:
    units = [f.unit(with_handler=False) for _ in range(3)]
    for i in range(n):
        lead = f.deputy(delegation=f"第{i % 4}代表团", with_login=False)
        p = Proposal.objects.create(
            session=f.session(), kind="suggestion", title=f"建议{i}", lead_deputy=lead, state="submitted"
        )
        services.proposal_register(proposal=p, by=staff)
        p.refresh_from_db()
        services.proposal_assign(proposal=p, by=staff, mode="lead_co", lead_units=units[:1], co_units=units[1:])


def test_the_list_page_runs_the_same_number_of_queries_for_5_and_50_items(
    staff_client, staff, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _build(staff, 5)
    staff_client.get(URL)  # warm the caches (roles, known fields)
    with CaptureQueriesContext(connection) as five:
        assert len(staff_client.get(URL).context["page"].rows) == 5
    _build(staff, 45)
    with django_assert_max_num_queries(len(five.captured_queries)):
        response = staff_client.get(URL, {"unit": "", "sort": "due"})
    assert len(response.context["page"].rows) == 25
