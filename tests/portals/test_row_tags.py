"""The inbox's and the deputy home's row parts say how far a deadline is, in Chinese, with its colour."""

import datetime as dt
from types import SimpleNamespace

from deputies.templatetags.deputy_tags import due, state_badge
from units.templatetags.unit_tags import assignment_badge, days_left


def test_days_left_says_overdue_due_today_near_or_far():
    assert days_left(-3, 15, "答复期限") == '<span class="due-overdue text-nowrap" title="答复期限已过">超期3天</span>'
    assert days_left(0, 15, "签收期限") == '<span class="due-near text-nowrap" title="签收期限">今天到期</span>'
    assert days_left(7, 15, "答复期限") == '<span class="due-near text-nowrap" title="距答复期限">剩7天</span>'
    assert days_left(40, 15) == '<span class="text-muted text-nowrap">剩40天</span>'
    assert "text-muted" in days_left(5, "")  # no near-days given: nothing is near


def test_an_assignment_badge_names_its_state_and_a_second_round():
    handling = SimpleNamespace(state="handling", round=1, get_state_display=lambda: "办理中")
    assert assignment_badge(handling) == '<span class="badge badge-state text-bg-primary">办理中</span>'
    again = SimpleNamespace(state="handling", round=2, get_state_display=lambda: "办理中")
    assert "第2轮 重新办理" in assignment_badge(again)


def test_the_deputy_sees_the_due_date_with_the_days_left_and_nothing_without_a_date():
    day = dt.date(2026, 4, 16)
    assert due(day, 31, "评价截止", 7) == (
        '<span class="text-nowrap">评价截止 2026-04-16</span>\n<span class="text-muted text-nowrap">（还剩31天）</span>'
    )
    assert "（已超期2天）" in due(day, -2, "答复期限")
    assert "due-near" in due(day, 10, "答复期限")  # within the default 15 days
    assert due(None, None, "答复期限") == ""


def test_a_state_badge_escapes_and_shows_the_round_being_handled_again():
    item = SimpleNamespace(state="rehandling", round=2, get_state_display=lambda: "重新办理<中>")
    assert state_badge(item) == '<span class="badge badge-state text-bg-danger">重新办理&lt;中&gt;（第2轮）</span>'
