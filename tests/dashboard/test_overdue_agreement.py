"""One definition of overdue: the dashboard's card and list, the workbench's 超期 filter and the monthly
report count the same items, also those overdue in their 重新办理 round."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from proposals import services
from proposals.models import Assignment, Proposal
from reports import statistics
from reports.models import FigureSnapshot
from reports.statistics import snapshots
from tests import factories as f

pytestmark = pytest.mark.django_db

MONTH_END = dt.date(2025, 9, 30)


def _lead(p):
    return Assignment.objects.get(proposal=p, role="lead")


def _reply(p, unit, *, on, category="B"):
    services.reply_submit(
        assignment=_lead(p),
        by=f.handler_of(unit),
        category=category,
        body="答复",
        replied_on=on,
        **f.reply_rules(category),
    )
    p.refresh_from_db()


def _rate(p, *, result, on):
    services.evaluation_submit(
        proposal=p,
        by=p.lead_deputy.user,
        deputy=p.lead_deputy,
        attitude="satisfied",
        result=result,
        reason="进展太慢" if result == "unsatisfied" else "",
        on=on,
    )
    p.refresh_from_db()


@pytest.fixture
def overdue_day(db, time_machine):
    """Items as of 2025-09-30, the last day of a month, made through the services on their own days."""
    time_machine.move_to(dt.datetime(2025, 9, 30, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    staff, unit = f.staff_user(), f.unit(name="市住房和城乡建设局")
    this_year = f.session(name="市十七届人大四次会议", year=2025)
    last_year = f.session(name="市十七届人大三次会议", year=2024)

    def item(title, *, session, submitted, assigned):
        p = f.assigned(staff=staff, units=[unit], on=assigned, session_obj=session, submitted_on=submitted, title=title)
        services.assignment_sign(assignment=_lead(p), by=f.handler_of(unit))
        p.refresh_from_db()
        return p

    first = item("首次办理超期", session=this_year, submitted=dt.date(2025, 1, 20), assigned=dt.date(2025, 3, 10))
    rehandling = item("重新办理超期", session=this_year, submitted=dt.date(2025, 1, 21), assigned=dt.date(2025, 3, 10))
    _reply(rehandling, unit, on=dt.date(2025, 4, 20))
    _rate(rehandling, result="unsatisfied", on=dt.date(2025, 5, 1))  # re-handling due a month later
    rehandled = item("重新办理已答复", session=this_year, submitted=dt.date(2025, 1, 22), assigned=dt.date(2025, 3, 10))
    _reply(rehandled, unit, on=dt.date(2025, 4, 20))
    _rate(rehandled, result="unsatisfied", on=dt.date(2025, 5, 1))
    _reply(rehandled, unit, on=dt.date(2025, 5, 25), category="A")
    item("未到期限", session=this_year, submitted=dt.date(2025, 7, 1), assigned=dt.date(2025, 8, 1))
    earlier = item("往年超期", session=last_year, submitted=dt.date(2024, 11, 1), assigned=dt.date(2024, 11, 5))
    assert rehandling.state == "rehandling" and rehandling.rehandle_due < MONTH_END
    return {"first": first, "rehandling": rehandling, "earlier": earlier, "staff": staff}


def test_the_card_the_list_the_filter_and_the_monthly_report_agree(overdue_day, client):
    expected = {overdue_day[k].title for k in ("first", "rehandling", "earlier")}
    lists = statistics.open_item_lists(as_of=MONTH_END, year=2025)
    assert {row["title"] for row in lists["overdue"]} == expected
    assert {row["title"]: row["stage"] for row in lists["overdue"]}["重新办理超期"] == "重新办理"

    parts = lists["counts"]["overdue_parts"]
    assert parts == {"first_round": 1, "rehandling": 1, "earlier_years": 1, "total": 3}
    assert parts["first_round"] == statistics.annual_report(year=2025, as_of=MONTH_END)["totals"]["overdue_open"]
    assert parts["total"] == lists["counts"]["overdue"] == len(lists["overdue"])

    monthly = statistics.monthly_report(year=2025, month=9)
    assert {row["title"] for row in monthly["overdue"]} == expected

    client.force_login(overdue_day["staff"])
    listed = client.get(reverse("workbench:list"), {"overdue": "1"}).context["page"].rows
    assert {p.title for p in listed} == expected

    page = client.get(reverse("dashboard:home"), {"year": 2025, "as_of": MONTH_END.isoformat()}).content.decode()
    card = page.split('id="overdue-card"')[1].split('<div class="col-6')[0]
    assert "超期未办复（首次办理）" in card
    assert re.search(r'data-figure="totals.overdue_open">1<', card)
    assert re.search(r'重新办理超期 <b data-figure="overdue.rehandling">1</b> 件', card)
    assert re.search(r'往年件超期 <b data-figure="overdue.earlier_years">1</b> 件', card)
    assert re.search(r'共 <span data-figure="overdue.total">3</span> 件', card)
    assert re.search(r'超期未办复件 <span class="badge[^"]*">3<', page)


def test_the_filter_drops_an_item_the_day_its_re_handling_reply_comes_in(overdue_day, client):
    p = overdue_day["rehandling"]
    _reply(p, Proposal.objects.get(pk=p.pk).assignments.get().unit, on=MONTH_END)
    client.force_login(overdue_day["staff"])
    listed = client.get(reverse("workbench:list"), {"overdue": "1"}).context["page"].rows
    assert {x.title for x in listed} == {"首次办理超期", "往年超期"}
    counts = statistics.open_item_lists(as_of=MONTH_END, year=2025)["counts"]
    assert counts["overdue"] == counts["overdue_parts"]["total"] == 2
    assert counts["overdue_parts"]["rehandling"] == 0


def test_a_snapshot_kept_from_before_the_split_is_rebuilt_when_the_page_reads_it(overdue_day, client):
    old = snapshots.build_snapshot(year=2025, as_of=MONTH_END)
    del old.lists["counts"]["overdue_parts"]
    old.save(update_fields=["lists"])
    client.force_login(overdue_day["staff"])
    page = client.get(reverse("dashboard:home"), {"year": 2025, "as_of": MONTH_END.isoformat()}).content.decode()
    assert re.search(r'重新办理超期 <b data-figure="overdue.rehandling">1</b> 件', page)
    assert FigureSnapshot.objects.get(year=2025, as_of=MONTH_END).lists["counts"]["overdue_parts"]["total"] == 3
