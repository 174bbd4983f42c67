"""Optimistic concurrency: of two people acting on the same item, exactly one wins and nothing is half-written."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django_fsm_log.models import StateLog

from proposals import services
from proposals.errors import ConflictError, DomainError
from proposals.models import Evaluation, ExtensionRequest, Proposal, Reply, SupervisionAction
from proposals.services import assignment as assignment_services
from proposals.services import evaluation, intake, replies
from tests import factories as f
from tests.core import support as s
from tests.core.support import fresh

D = dt.date
CONFLICT = "已被他人处理，请刷新后重试"


def _count_logs(transition: str) -> int:
    return StateLog.objects.filter(transition=transition).count()


# --- two stale copies in one process (SQLite and PostgreSQL) -------------------------------------


@pytest.mark.django_db
def test_of_two_stale_copies_the_first_transition_wins_and_the_second_conflicts(staff):
    item = s.submitted()
    first, second = Proposal.objects.get(pk=item.pk), Proposal.objects.get(pk=item.pk)
    services.proposal_register(proposal=first, by=staff)
    with pytest.raises(ConflictError) as refused:
        services.proposal_reject(proposal=second, by=f.staff_user(), reason="重复提出")
    assert refused.value.message == CONFLICT
    stored = fresh(item)
    assert (stored.state, stored.version, stored.reject_reason, stored.number) == ("registered", 2, "", "0001")
    assert (_count_logs("register"), _count_logs("reject")) == (1, 0)


@pytest.mark.django_db
def test_a_form_posted_with_an_old_version_conflicts(staff):
    item = s.submitted()
    shown_version = item.version
    services.proposal_register(proposal=Proposal.objects.get(pk=item.pk), by=staff)
    posted = Proposal.objects.get(pk=item.pk)
    posted.version = shown_version
    with pytest.raises(ConflictError, match=CONFLICT):
        services.key_supervision_set(proposal=posted, by=staff, selected=True, supervisor="主任会议")
    assert fresh(item).key_supervision is False


@pytest.mark.django_db
def test_a_double_clicked_sign_conflicts_and_keeps_the_first_moment(staff, clock):
    item = f.assigned(staff=staff)
    lead = s.answering(item)[0]
    first, second = type(lead).objects.get(pk=lead.pk), type(lead).objects.get(pk=lead.pk)
    services.assignment_sign(assignment=first, by=f.handler_of(lead.unit))
    clock.move_to(s.at(D(2026, 3, 2), hour=11))
    with pytest.raises(ConflictError, match=CONFLICT):
        services.assignment_sign(assignment=second, by=f.handler_of(lead.unit))
    assert fresh(lead).signed_at == s.at(D(2026, 3, 2))
    assert _count_logs("sign") == 1


@pytest.mark.django_db
def test_a_double_submitted_reply_conflicts_and_stores_one_reply(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    first, second = type(lead).objects.get(pk=lead.pk), type(lead).objects.get(pk=lead.pk)
    handler = f.handler_of(lead.unit)
    services.reply_submit(assignment=first, by=handler, category="A", body="已解决")
    with pytest.raises(ConflictError, match=CONFLICT):
        services.reply_submit(assignment=second, by=handler, category="B", **f.reply_rules("B"), body="正在解决")
    assert list(Reply.objects.values_list("category", flat=True)) == ["A"]
    assert (fresh(item).state, _count_logs("mark_replied")) == ("replied", 1)


@pytest.mark.django_db
def test_a_double_submitted_split_reply_conflicts_while_the_item_is_still_handling(staff):
    units = [f.unit(), f.unit()]
    item = s.handling(staff=staff, mode="split", units=units)
    row = s.assignment_of(item, units[0])
    first, second = type(row).objects.get(pk=row.pk), type(row).objects.get(pk=row.pk)
    services.reply_submit(assignment=first, by=f.handler_of(units[0]), category="A", body="已解决")
    with pytest.raises(ConflictError, match=CONFLICT):
        services.reply_submit(assignment=second, by=f.handler_of(units[0]), category="A", body="已解决")
    assert (Reply.objects.count(), fresh(item).state) == (1, "handling")


@pytest.mark.django_db
def test_two_staff_approving_the_same_extension_approve_it_once(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    request = services.extension_request(
        assignment=lead, by=f.handler_of(lead.unit), until=D(2026, 8, 1), reason="需协调"
    )
    first, second = ExtensionRequest.objects.get(pk=request.pk), ExtensionRequest.objects.get(pk=request.pk)
    services.extension_approve(request=first, by=staff)
    with pytest.raises(ConflictError, match=CONFLICT):
        services.extension_approve(request=second, by=f.staff_user(), until=D(2026, 7, 1))
    decided = fresh(request)
    assert (decided.status, decided.approved_until, decided.decided_by) == ("approved", D(2026, 8, 1), staff)
    assert (fresh(lead).due_on, fresh(lead).version, _count_logs("approve_extension")) == (D(2026, 8, 1), 3, 1)


@pytest.mark.django_db
def test_a_double_submitted_evaluation_is_stored_once(staff):
    item = s.replied(staff=staff)
    first, second = Proposal.objects.get(pk=item.pk), Proposal.objects.get(pk=item.pk)
    s.evaluate(first, result="satisfied")
    with pytest.raises(ConflictError, match=CONFLICT):
        s.evaluate(second, result="unsatisfied")
    assert list(Evaluation.objects.values_list("result", flat=True)) == ["satisfied"]
    assert (fresh(item).state, fresh(item).round) == ("closed", 1)


# --- truly parallel: threads with their own connections, inside their transactions at once (PostgreSQL) --


@pytest.fixture
def parallel(transactional_db):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writer at a time; parallel row locking is shown on PostgreSQL (CI)")


class Meeting:
    """A barrier the racing threads reach inside their service's transaction, just before its first lock.

    ``meet(monkeypatch, owner, name)`` makes the first call of ``owner.name`` in each racing thread wait
    there until every thread has arrived: all transactions are open and have read what they read, and only
    the lock (the row lock, the conditional UPDATE, the unique number) decides who wins. Without the lock
    every thread would go on to write, and the test fails.
    """

    def __init__(self, parties: int):
        self.barrier = threading.Barrier(parties)
        self.local = threading.local()
        self.met = 0
        self._count = threading.Lock()

    def wrap(self, original):
        def waiting(*args, **kwargs):
            if not getattr(self.local, "waited", False):
                self.local.waited = True
                assert connection.in_atomic_block, "the meeting point must be inside the transaction"
                self.barrier.wait(timeout=20)
                with self._count:
                    self.met += 1
            return original(*args, **kwargs)

        return waiting

    def meet(self, monkeypatch, owner, name: str) -> "Meeting":
        monkeypatch.setattr(owner, name, self.wrap(getattr(owner, name)))
        return self


def race(*actions, meeting: Meeting):
    """Run ``actions`` in threads that meet inside their transactions; return each one's result or exception."""
    outcomes: list = [None] * len(actions)

    def run(index, action):
        try:
            outcomes[index] = action()
        except Exception as exc:
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert meeting.met == len(actions), f"only {meeting.met} of {len(actions)} threads were inside at once"
    return outcomes


def winners_and_losers(outcomes):
    losers = [o for o in outcomes if isinstance(o, Exception)]
    assert all(isinstance(o, DomainError) for o in losers), losers
    return len(outcomes) - len(losers), losers


def test_two_staff_deciding_the_same_item_at_once_one_wins(parallel, monkeypatch):
    staff_a, staff_b = f.staff_user(), f.staff_user()
    item = s.submitted()
    copy_a, copy_b = Proposal.objects.get(pk=item.pk), Proposal.objects.get(pk=item.pk)
    outcomes = race(
        lambda: services.proposal_register(proposal=copy_a, by=staff_a),
        lambda: services.proposal_reject(proposal=copy_b, by=staff_b, reason="不属于职权范围"),
        meeting=Meeting(2).meet(monkeypatch, intake, "claim"),
    )
    won, losers = winners_and_losers(outcomes)
    assert (won, [type(e) for e in losers], losers[0].message) == (1, [ConflictError], CONFLICT)
    stored = fresh(item)
    assert stored.version == 2
    assert stored.state in ("registered", "rejected")
    assert _count_logs("register") + _count_logs("reject") == 1
    assert (stored.reject_reason == "") == (stored.state == "registered")


def test_two_staff_approving_one_extension_at_once_approve_it_once(parallel, monkeypatch):
    staff_a, staff_b = f.staff_user(), f.staff_user()
    item = s.handling(staff=staff_a)
    lead = s.answering(item)[0]
    request = services.extension_request(
        assignment=lead, by=f.handler_of(lead.unit), until=D(2026, 8, 1), reason="需协调"
    )
    copy_a, copy_b = ExtensionRequest.objects.get(pk=request.pk), ExtensionRequest.objects.get(pk=request.pk)
    outcomes = race(
        lambda: services.extension_approve(request=copy_a, by=staff_a, until=D(2026, 7, 1)),
        lambda: services.extension_approve(request=copy_b, by=staff_b, until=D(2026, 8, 1)),
        meeting=Meeting(2).meet(monkeypatch, ExtensionRequest.objects, "select_for_update"),
    )
    won, losers = winners_and_losers(outcomes)
    assert (won, [type(e) for e in losers]) == (1, [ConflictError])
    decided, stored_lead = fresh(request), fresh(lead)
    assert decided.status == "approved"
    assert stored_lead.due_on == stored_lead.extended_to == decided.approved_until == fresh(item).extended_to
    assert (stored_lead.state, stored_lead.version, _count_logs("approve_extension")) == ("handling", 3, 1)


def test_a_reply_submitted_twice_at_once_is_stored_once(parallel, monkeypatch):
    item = s.handling(staff=f.staff_user())
    lead = s.answering(item)[0]
    handler = f.handler_of(lead.unit)
    copies = [type(lead).objects.get(pk=lead.pk) for _ in range(2)]
    outcomes = race(
        *[
            lambda copy=copy: services.reply_submit(assignment=copy, by=handler, category="A", body="已解决")
            for copy in copies
        ],
        meeting=Meeting(2).meet(monkeypatch, replies, "locked_proposal"),
    )
    won, losers = winners_and_losers(outcomes)
    assert (won, [e.message for e in losers]) == (1, [CONFLICT])
    assert (Reply.objects.count(), fresh(item).state, _count_logs("mark_replied")) == (1, "replied", 1)


def test_units_signing_at_the_same_moment_still_start_the_handling(parallel, monkeypatch):
    lead_unit, co1, co2 = f.unit(), f.unit(), f.unit()
    item = f.assigned(staff=f.staff_user(), mode="lead_co", units=[lead_unit], co=[co1, co2])
    rows = [s.assignment_of(item, u) for u in (lead_unit, co1, co2)]
    outcomes = race(
        *[lambda row=row: services.assignment_sign(assignment=row, by=f.handler_of(row.unit)) for row in rows],
        meeting=Meeting(3).meet(monkeypatch, assignment_services, "locked_proposal"),
    )
    assert winners_and_losers(outcomes) == (3, [])
    assert fresh(item).state == "handling"
    assert _count_logs("start_handling") == 1


def test_split_units_replying_at_the_same_moment_still_answer_the_item(parallel, monkeypatch):
    units = [f.unit(), f.unit()]
    item = s.handling(staff=f.staff_user(), mode="split", units=units)
    rows = [s.assignment_of(item, u) for u in units]
    outcomes = race(
        *[
            lambda row=row: services.reply_submit(
                assignment=row, by=f.handler_of(row.unit), category="A", body="本单位部分已解决"
            )
            for row in rows
        ],
        meeting=Meeting(2).meet(monkeypatch, replies, "locked_proposal"),
    )
    assert winners_and_losers(outcomes) == (2, [])
    assert (fresh(item).state, Reply.objects.count(), _count_logs("mark_replied")) == ("replied", 2, 1)


def test_two_urges_issued_at_once_get_consecutive_numbers(parallel, monkeypatch):
    staff_a, staff_b = f.staff_user(), f.staff_user()
    item = s.handling(staff=staff_a)
    unit = s.answering(item)[0].unit
    outcomes = race(
        *[
            lambda by=by: services.supervision_issue(
                proposal=item, unit=unit, by=by, kind="urge", content="请加快办理", due_on=D(2026, 3, 9)
            )
            for by in (staff_a, staff_b)
        ],
        # Both have read the last number and are about to insert theirs.
        meeting=Meeting(2).meet(monkeypatch, SupervisionAction, "save"),
    )
    assert winners_and_losers(outcomes) == (2, [])
    numbers = sorted(SupervisionAction.objects.values_list("serial", flat=True))
    assert numbers == [1, 2]


def test_closing_lapsed_items_from_two_workers_closes_each_once(parallel, monkeypatch):
    items = [s.replied(staff=f.staff_user(), title=f"第{n}件建议") for n in range(3)]
    outcomes = race(
        lambda: services.proposals_close_lapsed(on=D(2026, 4, 3)),
        lambda: services.proposals_close_lapsed(on=D(2026, 4, 3)),
        meeting=Meeting(2).meet(monkeypatch, evaluation, "claim"),
    )
    assert winners_and_losers(outcomes)[1] == []
    assert sum(outcomes) == 3
    assert [fresh(p).state for p in items] == ["closed"] * 3
    assert _count_logs("close") == 3
