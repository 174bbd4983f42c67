"""Code constants written into the SQL text keep the partial indexes usable by prepared statements' plans."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.db.models import Q

from common.constants_sql import Constant, constant_q
from notifications.models import TODO, Kind, Notification
from proposals.models import Assignment, Proposal
from proposals.models.assignment import REPLIED_TAB
from units.selectors import tab_filters

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 4)


@pytest.mark.parametrize("value", ["a'b", "replied; DROP TABLE x", "x" * 65, "状态"])
def test_a_value_that_is_not_a_code_constant_is_refused(value):
    with pytest.raises(ValueError):
        Constant(value)


def test_the_states_of_a_condition_are_written_into_the_sql_and_dates_stay_parameters():
    condition = constant_q(REPLIED_TAB) & Q(due_on__lt=TODAY)
    sql, params = Assignment.objects.filter(condition).query.sql_with_params()
    assert "'replied'" in sql and "'opinion_sent'" in sql
    assert list(params) == [TODAY]


def test_a_condition_with_constants_finds_the_same_rows_as_with_parameters(django_user_model):
    user = django_user_model.objects.create_user("bell")
    Notification.objects.create(recipient=user, title="待办", action_key="a:1", kind=Kind.values[0])
    Notification.objects.create(
        recipient=user, title="已读", kind=Kind.values[0], read_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    Notification.objects.create(recipient=user, title="未读", kind=Kind.values[0])
    plain = Notification.objects.filter(TODO, recipient=user)
    assert set(Notification.objects.filter(constant_q(TODO), recipient=user)) == set(plain)
    assert plain.count() == 2


def _generic_plan(sql: str, params: list) -> str:
    """EXPLAIN of ``sql`` prepared with typed parameters and planned for any values of them."""
    types = {int: "bigint", dt.date: "date", str: "text"}
    numbered = iter(range(1, len(params) + 1))
    text = re.sub(r"%s", lambda _: f"${next(numbered)}", sql).replace("%%", "%")
    raw = connection.connection
    raw.execute("DEALLOCATE ALL", prepare=False)
    raw.execute(f"PREPARE shape ({', '.join(types[type(p)] for p in params)}) AS {text}", prepare=False)
    literals = ", ".join(f"'{p}'" for p in params)
    raw.execute("SET plan_cache_mode = force_generic_plan", prepare=False)
    raw.execute("SET enable_seqscan = off", prepare=False)
    try:
        rows = raw.execute(f"EXPLAIN EXECUTE shape({literals})", prepare=False).fetchall()
    finally:
        raw.execute("RESET plan_cache_mode", prepare=False)
        raw.execute("RESET enable_seqscan", prepare=False)
        raw.execute("DEALLOCATE shape", prepare=False)
    return "\n".join(row[0] for row in rows)


# The inbox's partial indexes (on the unit, the tab's date and the id); which one the planner takes for a tab
# can depend on the table's statistics, but it must be one of them and not the whole table.
INBOX_INDEXES = (
    "assignment_unit_pending_sign",
    "assignment_unit_handling_due",
    "assignment_unit_replied",
    "assignment_unit_open_due",
)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements' plans are PostgreSQL's")
@pytest.mark.parametrize("tab", ["pending", "handling", "replied", "overdue"])
def test_each_inbox_tab_reads_a_partial_index_under_a_plan_made_for_any_unit(tab):
    connection.ensure_connection()
    condition = tab_filters(today=TODAY, near_end=TODAY + dt.timedelta(days=7))[tab]
    sql, params = Assignment.objects.filter(condition, unit_id=1).order_by().values("pk").query.sql_with_params()
    plan = _generic_plan(sql, list(params))
    assert any(index in plan for index in INBOX_INDEXES), plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements' plans are PostgreSQL's")
def test_the_deputys_items_to_rate_are_counted_from_their_partial_index_under_a_plan_made_for_any_deputy():
    connection.ensure_connection()
    rows = Proposal.objects.filter(lead_deputy_id=1, state=Constant("replied")).order_by().values("pk")
    sql, params = rows.query.sql_with_params()
    assert re.search(r"proposal_lead(_year)?_to_rate", _generic_plan(sql, list(params)))
    # With the state as a parameter, the plan cannot use those indexes: the reason for the constant.
    sql, params = (
        Proposal.objects.filter(lead_deputy_id=1, state="replied").order_by().values("pk").query.sql_with_params()
    )
    assert not re.search(r"proposal_lead(_year)?_to_rate", _generic_plan(sql, list(params)))
