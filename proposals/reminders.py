"""Deadline reminders, read from the stored due dates and sent exactly once.

Every clock has a stored, indexed due date: a unit's 签收期限 (``Assignment.sign_due``), a co-unit's
opinion due, an answering unit's reply due and re-handling due (``Assignment.due_on``), and the
deputy's evaluation window (``Proposal.evaluation_due``), and each promise of an approved reply
(``PlannedAction.due_on``, 落实时限) until the unit reports it. For a due date and today the reminder
*step* follows by arithmetic (no per-day recomputation): ``first`` at ``remind_first_days`` before,
``second`` at ``remind_second_days`` before, ``final`` the day before (or on the day), ``overdue``
the day after, then ``urge-N`` every ``urge_repeat_days``. If the scan misses a day it sends the
current step only.

Each reminder is recorded in ``ReminderLog`` under a unique key (assignment, kind, round, step,
due date) in the same transaction as its notifications (a batch of up to ``BATCH`` at a time, written
with bulk inserts), so a scan that runs twice, on two
workers at once, or again after a crash sends each reminder once. An extension changes the due
date and so starts a fresh series.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet

from notifications import links
from notifications.models import Kind, ReminderKind, ReminderLog
from notifications.recipients import deputy_user, office_staff, unit_users_by_unit
from notifications.services import Message, notify, notify_many
from proposals.choices import FollowUpStatus, ReviewStatus, Role
from proposals.deadlines import WorkCalendar
from proposals.errors import CalendarMissing
from proposals.events import action_key
from proposals.models import Assignment, CalendarDay, HandlingRules, PlannedAction, Proposal
from proposals.models.assignment import ACTIVE_STATES
from proposals.models.assignment import AssignmentState as A
from proposals.models.proposal import ProposalState as S

logger = logging.getLogger("proposals.reminders")

BATCH = 500
FIRST, SECOND, FINAL, OVERDUE = "first", "second", "final", "overdue"


@dataclass(frozen=True)
class Clock:
    kind: str
    label: str  # the deadline's name in messages
    due_field: str
    steps_before: bool  # whether the 15-day and 3-day reminders apply
    steps_after: bool  # whether overdue reminders and 催办 repeats apply


SIGN = Clock(ReminderKind.SIGN, "签收期限", "sign_due", steps_before=False, steps_after=True)
CO_OPINION = Clock(ReminderKind.CO_OPINION, "协办意见期限", "due_on", steps_before=True, steps_after=True)
REPLY = Clock(ReminderKind.REPLY, "答复期限", "due_on", steps_before=True, steps_after=True)
REHANDLE = Clock(ReminderKind.REHANDLE, "重新办理期限", "due_on", steps_before=True, steps_after=True)
EVALUATION = Clock(ReminderKind.EVALUATION, "评价期限", "evaluation_due", steps_before=True, steps_after=False)
FOLLOWUP = Clock(ReminderKind.FOLLOWUP, "落实时限", "due_on", steps_before=True, steps_after=True)


def step_for(*, clock: Clock, due: dt.date, today: dt.date, rules: HandlingRules) -> str | None:
    """The reminder step a clock is at on ``today``, or None when nothing is due."""
    left = (due - today).days
    if left < 0:
        if not clock.steps_after:
            return None
        repeat = max(rules.urge_repeat_days, 1)
        urge = (-left - 1) // repeat
        return OVERDUE if urge == 0 else f"urge-{urge}"
    if left <= 1:
        return FINAL
    if not clock.steps_before:
        return None
    if left <= rules.remind_second_days:
        return SECOND
    if left <= rules.remind_first_days:
        return FIRST
    return None


def horizon(*, clock: Clock, today: dt.date, rules: HandlingRules) -> dt.date:
    """The latest due date that can need a reminder today."""
    ahead = max(rules.remind_first_days, rules.remind_second_days, 1) if clock.steps_before else 1
    return today + dt.timedelta(days=ahead)


def _item(proposal: Proposal) -> str:
    return f"{proposal.number + ' ' if proposal.number else ''}《{proposal.title}》"


def message(*, clock: Clock, step: str, item: str, due: dt.date, today: dt.date) -> tuple[str, str, str]:
    """(notification kind, title, body) of a reminder."""
    left = (due - today).days
    due_text = f"{due:%Y年%m月%d日}"
    if step in (FIRST, SECOND):
        return (
            Kind.REMINDER,
            f"临期提醒：{item}{clock.label}还有{left}天",
            f"{item}的{clock.label}为{due_text}，还有{left}天，请抓紧办理。",
        )
    if step == FINAL:
        when = "今日" if left == 0 else "明日"
        return (
            Kind.REMINDER,
            f"{when}到期：{item}{clock.label}",
            f"{item}的{clock.label}为{due_text}（{when}到期），请务必按期完成。",
        )
    if step == OVERDUE:
        return (
            Kind.OVERDUE,
            f"已超期：{item}{clock.label}已过{-left}天",
            f"{item}的{clock.label}为{due_text}，现已超期{-left}天，请立即办理并说明情况。",
        )
    return (
        Kind.OVERDUE,
        f"催办：{item}已超期{-left}天",
        f"{item}的{clock.label}为{due_text}，已超期{-left}天。根据办理规则现予催办，请尽快办结并反馈。",
    )


def _keyset(qs: QuerySet, due_field: str) -> Iterator[list]:
    """Walk ``qs`` in bounded batches ordered by (due date, pk), never with OFFSET."""
    last: tuple[dt.date, int] | None = None
    while True:
        page = qs
        if last is not None:
            page = qs.filter(Q(**{f"{due_field}__gt": last[0]}) | Q(**{due_field: last[0], "pk__gt": last[1]}))
        rows = list(page.order_by(due_field, "pk")[:BATCH])
        if not rows:
            return
        yield rows
        last = (getattr(rows[-1], due_field), rows[-1].pk)
        if len(rows) < BATCH:
            return


def _record(
    *, log: ReminderLog, recipients: list, kind: str, title: str, body: str, link: str, action_key: str = ""
) -> bool:
    """Write the ledger row and its notifications together; False when the row already exists."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                log.save(force_insert=True)
        except IntegrityError:
            return False
        notify(recipients=recipients, kind=kind, title=title, body=body, link=link, reminder=log, action_key=action_key)
    return True


@dataclass
class Pending:
    """A reminder to write: its ledger row and the message to its recipients."""

    log: ReminderLog
    recipients: list
    kind: str
    title: str
    body: str
    link: str
    action_key: str = ""


def _record_batch(batch: list[Pending]) -> int:
    """Write a batch's ledger rows and their notifications in one transaction, with a fixed number of
    queries. If a concurrent scan wrote some of the same rows first, fall back to one at a time (each
    reminder still goes out once). Returns the reminders written."""
    if not batch:
        return 0
    try:
        with transaction.atomic():
            ReminderLog.objects.bulk_create([p.log for p in batch])
            notify_many(
                messages=[
                    Message(
                        recipients=p.recipients,
                        kind=p.kind,
                        title=p.title,
                        body=p.body,
                        link=p.link,
                        reminder=p.log,
                        action_key=p.action_key,
                    )
                    for p in batch
                ]
            )
        return len(batch)
    except IntegrityError:
        sent = 0
        for p in batch:
            p.log.pk, p.log._state.adding = None, True
            if _record(
                log=p.log,
                recipients=p.recipients,
                kind=p.kind,
                title=p.title,
                body=p.body,
                link=p.link,
                action_key=p.action_key,
            ):
                sent += 1
        return sent


def _assignment_clock_queryset(clock: Clock, *, today: dt.date, rules: HandlingRules) -> QuerySet:
    qs = Assignment.objects.select_related("proposal").filter(
        **{f"{clock.due_field}__lte": horizon(clock=clock, today=today, rules=rules)}
    )
    if clock is SIGN:
        return qs.filter(state=A.PENDING_SIGN)
    if clock is CO_OPINION:
        return qs.filter(state=A.HANDLING, role=Role.CO)
    answering = qs.filter(state__in=ACTIVE_STATES, role__in=[Role.LEAD, Role.SPLIT])
    return answering.filter(round=1) if clock is REPLY else answering.filter(round__gte=2)


def _scan_assignments(clock: Clock, *, today: dt.date, rules: HandlingRules) -> int:
    sent = 0
    qs = _assignment_clock_queryset(clock, today=today, rules=rules)
    for rows in _keyset(qs, clock.due_field):
        due_rows = []
        for a in rows:
            step = step_for(clock=clock, due=getattr(a, clock.due_field), today=today, rules=rules)
            if step is not None:
                due_rows.append((a, step))
        if not due_rows:
            continue
        done = set(
            ReminderLog.objects.filter(
                kind=clock.kind,
                assignment_id__in=[a.pk for a, _ in due_rows],
                step__in={step for _, step in due_rows},
            ).values_list("assignment_id", "round", "step", "due_on")
        )
        todo = [(a, step) for a, step in due_rows if (a.pk, a.round, step, getattr(a, clock.due_field)) not in done]
        users = unit_users_by_unit(a.unit_id for a, _ in todo)
        batch = []
        for a, step in todo:
            due = getattr(a, clock.due_field)
            kind, title, body = message(clock=clock, step=step, item=_item(a.proposal), due=due, today=today)
            log = ReminderLog(
                kind=clock.kind, step=step, round=a.round, due_on=due, assignment=a, proposal=a.proposal, sent_on=today
            )
            link = links.unit_assignment(a.pk)
            key = action_key("sign" if clock is SIGN else "work", a.pk)
            batch.append(Pending(log, users.get(a.unit_id, []), kind, title, body, link, key))
        sent += _record_batch(batch)
    return sent


def _scan_evaluations(*, today: dt.date, rules: HandlingRules) -> int:
    clock = EVALUATION
    sent = 0
    qs = Proposal.objects.select_related("lead_deputy__user").filter(
        state=S.REPLIED,
        evaluation_due__gte=today,
        evaluation_due__lte=horizon(clock=clock, today=today, rules=rules),
    )
    for rows in _keyset(qs, "evaluation_due"):
        due_rows = [(p, step_for(clock=clock, due=p.evaluation_due, today=today, rules=rules)) for p in rows]
        due_rows = [(p, step) for p, step in due_rows if step is not None]
        if not due_rows:
            continue
        done = set(
            ReminderLog.objects.filter(
                kind=clock.kind, assignment__isnull=True, proposal_id__in=[p.pk for p, _ in due_rows]
            ).values_list("proposal_id", "round", "step", "due_on")
        )
        batch = []
        for p, step in due_rows:
            if (p.pk, p.round, step, p.evaluation_due) in done:
                continue
            left = (p.evaluation_due - today).days
            title = f"请评价：{_item(p)}的评价期限还有{left}天" if left else f"请评价：{_item(p)}的评价期限今日届满"
            body = (
                f"承办单位已答复{_item(p)}，请于{p.evaluation_due:%Y年%m月%d日}前对办理情况作出评价；"
                "逾期未评价的，将按未表态办结。"
            )
            log = ReminderLog(
                kind=clock.kind, step=step, round=p.round, due_on=p.evaluation_due, proposal=p, sent_on=today
            )
            batch.append(
                Pending(
                    log,
                    deputy_user(p.lead_deputy),
                    Kind.REMINDER,
                    title,
                    body,
                    links.deputy_evaluate(p.pk),
                    action_key("evaluate", p.pk),
                )
            )
        sent += _record_batch(batch)
    return sent


def _open_followups() -> QuerySet:
    """Planned actions of replies of record that the unit has not reported yet (跟踪落实)."""
    return PlannedAction.objects.filter(status=FollowUpStatus.OPEN, reply__review_status=ReviewStatus.APPROVED)


def _scan_followups(*, today: dt.date, rules: HandlingRules) -> int:
    """Remind the unit of each promise (计划落实事项) before and after its 落实时限, until it reports it."""
    clock = FOLLOWUP
    sent = 0
    qs = (
        _open_followups()
        .select_related("proposal", "reply")
        .filter(due_on__lte=horizon(clock=clock, today=today, rules=rules))
    )
    for rows in _keyset(qs, "due_on"):
        due_rows = [(a, step_for(clock=clock, due=a.due_on, today=today, rules=rules)) for a in rows]
        due_rows = [(a, step) for a, step in due_rows if step is not None]
        if not due_rows:
            continue
        done = set(
            ReminderLog.objects.filter(kind=clock.kind, planned_action_id__in=[a.pk for a, _ in due_rows]).values_list(
                "planned_action_id", "step", "due_on"
            )
        )
        todo = [(a, step) for a, step in due_rows if (a.pk, step, a.due_on) not in done]
        users = unit_users_by_unit(a.unit_id for a, _ in todo)
        for a, step in todo:
            kind, title, body = message(clock=clock, step=step, item=_item(a.proposal), due=a.due_on, today=today)
            body = f"{body}\n计划落实事项：{a.text}\n落实后请在“跟踪落实”中报告落实情况。"
            log = ReminderLog(
                kind=clock.kind,
                step=step,
                round=a.reply.round,
                due_on=a.due_on,
                planned_action=a,
                proposal=a.proposal,
                sent_on=today,
            )
            link = links.first_url([("unitportal:followups", {})], "unitportal:inbox")
            if _record(log=log, recipients=users.get(a.unit_id, []), kind=kind, title=title, body=body, link=link):
                sent += 1
    return sent


def reminders_scan(*, today: dt.date, rules: HandlingRules | None = None) -> dict[str, int]:
    """Send every reminder due on ``today`` that has not been sent; returns the count per clock."""
    rules = rules or HandlingRules.current()
    sent: dict[str, int] = {}
    for clock in (SIGN, CO_OPINION, REPLY, REHANDLE):
        sent[clock.kind] = _scan_assignments(clock, today=today, rules=rules)
    sent[EVALUATION.kind] = _scan_evaluations(today=today, rules=rules)
    sent[FOLLOWUP.kind] = _scan_followups(today=today, rules=rules)
    return sent


# --- the office's daily overdue digest -----------------------------------------------------------


def is_workday(day: dt.date) -> bool | None:
    """Whether ``day`` is a working day per the calendar table (filled on demand); None when it cannot be known."""
    try:
        return WorkCalendar.load(years=[day.year]).is_workday(day)
    except CalendarMissing:
        return None


def overdue_counts(*, today: dt.date) -> Counter:
    """Open clocks past their due date, per clock (aggregates in SQL)."""
    answering = Q(role__in=[Role.LEAD, Role.SPLIT], state__in=ACTIVE_STATES)
    overdue = Assignment.objects.filter(due_on__lt=today).aggregate(
        co=Count("pk", filter=Q(role=Role.CO, state=A.HANDLING)),
        reply=Count("pk", filter=answering & Q(round=1)),
        rehandle=Count("pk", filter=answering & Q(round__gte=2)),
    )
    return Counter(
        {
            SIGN.kind: Assignment.objects.filter(state=A.PENDING_SIGN, sign_due__lt=today).count(),
            CO_OPINION.kind: overdue["co"],
            REPLY.kind: overdue["reply"],
            REHANDLE.kind: overdue["rehandle"],
            FOLLOWUP.kind: _open_followups().filter(due_on__lt=today).count(),
        }
    )


def oldest_overdue(*, today: dt.date, limit: int = 10) -> list[Assignment]:
    return list(
        Assignment.objects.select_related("proposal", "unit")
        .filter(state__in=ACTIVE_STATES, role__in=[Role.LEAD, Role.SPLIT], due_on__lt=today)
        .order_by("due_on", "pk")[:limit]
    )


def staff_digest(*, today: dt.date) -> int:
    """The office's overdue digest, once per working day; returns the notifications written."""
    workday = is_workday(today)
    if workday is None:
        logger.warning("%s 不在工作日历中，跳过超期日报（请导入该年度节假日安排）", today)
        return 0
    if not workday:
        logger.info("%s 为休息日，不发送超期日报", today)
        return 0
    counts = overdue_counts(today=today)
    total = sum(counts.values())
    with transaction.atomic():
        try:
            with transaction.atomic():
                log = ReminderLog.objects.create(kind=ReminderKind.DIGEST, step="daily", due_on=today, sent_on=today)
        except IntegrityError:
            return 0
        if not total:
            return 0
        parts = [
            f"{clock.label}超期 {counts[clock.kind]} 件"
            for clock in (SIGN, CO_OPINION, REPLY, REHANDLE, FOLLOWUP)
            if counts[clock.kind]
        ]
        lines = [
            f"· {_item(a.proposal)}（{a.unit}，{a.due_on:%Y-%m-%d}到期，超期{(today - a.due_on).days}天）"
            for a in oldest_overdue(today=today)
        ]
        body = "；".join(parts) + "。"
        if lines:
            body += "\n超期时间最长的答复件：\n" + "\n".join(lines)
        written = notify(
            recipients=office_staff(),
            kind=Kind.DIGEST,
            title=f"超期日报（{today:%m月%d日}）：共 {total} 项超期",
            body=body,
            link=links.staff_overdue(),
            reminder=log,
        )
    return len(written)


def calendar_check(*, today: dt.date) -> list[int]:
    """December: keep the coming years ready and say which of them are provisional.

    Years the installed chinesecalendar now covers replace their provisional days (the stored windows
    over them are recounted); a year still provisional is announced to the office once a day, with
    what to do. Returns the provisional years among this year and the next.
    """
    from proposals.calendar_seed import ensure_years, package_years, years_ahead
    from proposals.services.calendar import calendar_import_package

    years = years_ahead(today)
    ensure_years(CalendarDay, years)
    provisional = provisional_years(years)
    covered = [y for y in provisional if y in package_years()]
    if covered:
        calendar_import_package(years=covered, on=today)
        provisional = provisional_years(years)
    coming = [y for y in provisional if y <= today.year + 1]
    if not coming:
        return []
    year = coming[-1]
    logger.warning(
        "%s年工作日历为暂定（按法定节假日推算），国务院安排录入后将重新计算相关期限", "、".join(map(str, coming))
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                log = ReminderLog.objects.create(
                    kind=ReminderKind.CALENDAR, step=str(year), due_on=today, sent_on=today
                )
        except IntegrityError:
            return coming
        notify(
            recipients=office_staff(),
            kind=Kind.SYSTEM,
            title=f"{year}年工作日历为暂定，请录入国务院节假日安排",
            body=(
                f"chinesecalendar 尚无{year}年数据，平台已按《全国年节及纪念日放假办法》推算{year}年的暂定日历"
                "（周末和法定节假日，不含调休），交办、签收、申请调整照常办理，"
                "按暂定日历计算的期限标注「暂定」。国务院办公厅公布节假日安排后，请在「工作日历」页录入，"
                "已计算的未到期期限将按正式安排重新计算，并通知相关承办单位。"
            ),
            link=links.staff_calendar(year),
            reminder=log,
        )
    return coming


def provisional_years(years) -> list[int]:
    """The years among ``years`` that still have provisional days."""
    from proposals.models.calendar import DaySource

    rows = CalendarDay.objects.filter(date__year__in=list(years), source=DaySource.PROVISIONAL)
    return sorted(set(rows.values_list("date__year", flat=True)))
