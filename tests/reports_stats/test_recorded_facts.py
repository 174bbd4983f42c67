"""Each item's latest records are kept by the database as the records change, and the figures read from them
agree with the figures looked up in the records themselves, on any day."""

import datetime as dt
import io
import json
import threading
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction

from proposals.choices import RequestStatus, ReviewStatus, Role
from proposals.models import Contact, Evaluation, ExtensionRequest, Proposal, Reply
from reports.recorded_facts import (
    RecordedFacts,
    facts_from_records,
    recorded_facts_deferred,
    refresh_recorded_facts,
    stale_recorded_facts,
)
from reports.statistics import annual_report, monthly_report
from tests.reports_stats.conftest import D, Ev, Rep

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="只有 PostgreSQL 由触发器维护各件的最新记录"
)
pytestmark = pytest.mark.django_db


def kept(item: Proposal) -> RecordedFacts | None:
    return RecordedFacts.objects.filter(proposal_id=item.pk).first()


def assert_in_step() -> None:
    assert stale_recorded_facts() == (0, [])


def replied_item(build, **kw):
    unit = build.unit("市住房和城乡建设局")
    spec = {
        "submitted_on": D(2025, 1, 10), "units": [unit], "assigned_on": D(2025, 2, 1),
        "first_replied_on": D(2025, 4, 1), "replies": [Rep(D(2025, 4, 1), "B")],
    }  # fmt: skip
    return build.item(**{**spec, **kw})


@postgres_only
def test_evaluations_keep_the_first_and_the_latest_round_up_to_date_as_they_are_added_changed_and_removed(build):
    item = replied_item(build, evaluations=[Ev(D(2025, 4, 20), "unsatisfied")])
    row = kept(item)
    assert (row.first_result, row.first_on, row.final_result, row.final_round) == (
        "unsatisfied", D(2025, 4, 20), "unsatisfied", 1,
    )  # fmt: skip
    second = Evaluation.objects.create(
        proposal=item,
        round=2,
        deputy=build.deputy,
        attitude="satisfied",
        result="satisfied",
        evaluated_on=D(2025, 7, 1),
    )
    row = kept(item)
    assert (row.first_result, row.final_result, row.final_round, row.final_on) == (
        "unsatisfied", "satisfied", 2, D(2025, 7, 1),
    )  # fmt: skip
    Evaluation.objects.filter(pk=second.pk).update(result="basic")
    assert kept(item).final_result == "basic"
    second.delete()
    row = kept(item)
    assert (row.final_result, row.final_round) == ("unsatisfied", 1)
    Evaluation.objects.filter(proposal=item).delete()
    row = kept(item)
    assert (row.first_result, row.final_result, row.final_on) == (None, None, None)
    assert_in_step()


@postgres_only
def test_only_an_approved_reply_becomes_the_reply_of_record_and_a_returned_one_stops_being_it(build):
    item = replied_item(build)
    assert (kept(item).record_category, kept(item).record_on) == ("B", D(2025, 4, 1))
    reply = Reply.objects.get(proposal=item)
    later = Reply.objects.create(
        proposal=item, assignment=reply.assignment, unit=reply.unit, round=2, category="A",
        replied_on=D(2025, 8, 1), review_status=ReviewStatus.PENDING,
    )  # fmt: skip
    assert kept(item).record_category == "B"  # not yet through the office's review
    Reply.objects.filter(pk=later.pk).update(review_status=ReviewStatus.APPROVED)
    assert (kept(item).record_category, kept(item).record_on) == ("A", D(2025, 8, 1))
    Reply.objects.filter(pk=later.pk).update(review_status=ReviewStatus.RETURNED)
    assert kept(item).record_category == "B"
    assert_in_step()


@postgres_only
def test_the_first_face_to_face_meeting_is_kept_and_a_phone_call_is_not_one(build):
    item = replied_item(build, contacts=[("phone", D(2025, 3, 1))])
    assert kept(item).face_to_face_on is None
    Contact.objects.create(proposal=item, method="visit", contacted_on=D(2025, 5, 9))
    early = Contact.objects.create(proposal=item, method="meeting", contacted_on=D(2025, 3, 20))
    assert kept(item).face_to_face_on == D(2025, 3, 20)
    early.delete()
    assert kept(item).face_to_face_on == D(2025, 5, 9)
    assert_in_step()


@postgres_only
def test_an_approved_extension_counts_while_its_unit_answers_and_stops_when_the_unit_becomes_a_co_handler(build):
    item = replied_item(build)
    assignment = item.assignments.get()
    request = ExtensionRequest.objects.create(assignment=assignment, requested_until=D(2025, 6, 1), reason="需调研")
    assert kept(item).extension_decided_at is None  # still pending
    decided = dt.datetime(2025, 3, 15, 10, 0, tzinfo=dt.UTC)
    ExtensionRequest.objects.filter(pk=request.pk).update(
        status=RequestStatus.APPROVED, decided_at=decided, approved_until=D(2025, 6, 1)
    )
    assert kept(item).extension_decided_at == decided
    assignment.role = Role.CO
    assignment.save(update_fields=["role"])
    assert kept(item).extension_decided_at is None
    assert_in_step()


@postgres_only
def test_a_deleted_item_takes_its_kept_row_with_it(build):
    item = replied_item(build, evaluations=[Ev(D(2025, 4, 20))])
    assert kept(item) is not None
    pk = item.pk
    item.assignments.all().delete()  # the replies go with their assignments
    Evaluation.objects.filter(proposal_id=pk).delete()
    Proposal.objects.filter(pk=pk).delete()
    assert not RecordedFacts.objects.filter(proposal_id=pk).exists()


@postgres_only
def test_a_bulk_load_refreshes_the_items_it_wrote_once_at_the_end(build):
    item = replied_item(build)
    written = []
    with recorded_facts_deferred(proposal_ids=written):
        Evaluation.objects.create(
            proposal=item, round=1, deputy=build.deputy, attitude="basic", result="basic", evaluated_on=D(2025, 4, 9)
        )
        written.append(item.pk)
        assert stale_recorded_facts() == (1, [item.pk])  # the triggers left it to the loader
    assert kept(item).final_result == "basic"
    assert_in_step()


@postgres_only
def test_a_bulk_load_that_fails_leaves_the_triggers_working_afterwards(build):
    item = replied_item(build)
    with pytest.raises(RuntimeError), recorded_facts_deferred(proposal_ids=[item.pk]):
        raise RuntimeError("台账第 3 行写入失败")
    Contact.objects.create(proposal=item, method="forum", contacted_on=D(2025, 3, 3))
    assert kept(item).face_to_face_on == D(2025, 3, 3)


@postgres_only
def test_a_kept_row_put_wrong_is_found_by_the_check_and_mended_by_a_refresh(build):
    item = replied_item(build, evaluations=[Ev(D(2025, 4, 20))])
    RecordedFacts.objects.filter(proposal_id=item.pk).update(final_result="unsatisfied")
    assert stale_recorded_facts() == (1, [item.pk])
    refresh_recorded_facts(proposal_ids=[item.pk])
    assert_in_step()
    RecordedFacts.objects.all().delete()
    assert stale_recorded_facts()[0] == 1  # a missing row of an item that has records
    refresh_recorded_facts()
    assert_in_step()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_people_recording_on_one_item_at_once_both_reach_its_kept_row(build):
    item = replied_item(build)
    reply = Reply.objects.get(proposal=item)
    first_written = threading.Event()
    errors = []

    def evaluate():
        Evaluation.objects.create(
            proposal_id=item.pk, round=1, deputy_id=build.deputy.pk, attitude="satisfied", result="satisfied",
            evaluated_on=D(2025, 4, 30),
        )  # fmt: skip
        first_written.set()
        time.sleep(0.5)  # the other writer comes in while this transaction is still open

    def meet():
        first_written.wait(timeout=10)
        Contact.objects.create(proposal_id=item.pk, unit_id=reply.unit_id, method="meeting", contacted_on=D(2025, 3, 9))

    def record(write):
        try:
            with transaction.atomic():
                write()
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=record, args=(write,)) for write in (evaluate, meet)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    row = kept(item)
    assert (row.final_result, row.face_to_face_on) == ("satisfied", D(2025, 3, 9))  # neither write was lost
    assert_in_step()


AS_OF_DAYS = [D(2025, 3, 31), D(2025, 4, 15), D(2025, 6, 30), D(2025, 9, 30), D(2025, 12, 31), D(2026, 3, 1)]


@postgres_only
@pytest.mark.parametrize("as_of", AS_OF_DAYS)
def test_the_figures_read_from_the_kept_rows_equal_the_figures_looked_up_in_the_records_on_any_day(build, as_of):
    unit, other = build.unit("市交通运输局"), build.unit("市卫生健康委员会")
    build.item(
        submitted_on=D(2025, 1, 10), units=[unit], co=[other], assigned_on=D(2025, 2, 1),
        first_replied_on=D(2025, 4, 1), replies=[Rep(D(2025, 4, 1), "C"), Rep(D(2025, 8, 1), "A", round=2)],
        evaluations=[Ev(D(2025, 4, 20), "unsatisfied"), Ev(D(2025, 8, 20), "basic", round=2)],
        contacts=[("meeting", D(2025, 7, 1)), ("phone", D(2025, 3, 1))],
    )  # fmt: skip
    build.item(
        submitted_on=D(2025, 2, 1), mode="split", units=[unit, other], assigned_on=D(2025, 3, 1),
        first_replied_on=D(2025, 5, 20),
        replies=[Rep(D(2025, 5, 10), "B", unit=unit), Rep(D(2025, 5, 20), "A", unit=other)],
        evaluations=[Ev(D(2025, 6, 1))], contacts=[("visit", D(2025, 4, 2))],
    )  # fmt: skip
    late = build.item(submitted_on=D(2025, 3, 5), units=[other], assigned_on=D(2025, 3, 20))
    ExtensionRequest.objects.create(
        assignment=late.assignments.get(), requested_until=D(2025, 8, 1), reason="需协调",
        status=RequestStatus.APPROVED,
        approved_until=D(2025, 8, 1), decided_at=dt.datetime(2025, 6, 10, 9, tzinfo=dt.UTC),
    )  # fmt: skip
    assert_in_step()
    kept_figures = json.dumps(
        [annual_report(year=2025, as_of=as_of), monthly_report(year=as_of.year, month=as_of.month)]
    )
    with facts_from_records():
        looked_up = json.dumps(
            [annual_report(year=2025, as_of=as_of), monthly_report(year=as_of.year, month=as_of.month)]
        )
    assert kept_figures == looked_up


@postgres_only
def test_the_check_command_reports_a_wrong_row_and_repairs_it_on_request(build):
    item = replied_item(build, evaluations=[Ev(D(2025, 4, 20))])
    out = io.StringIO()
    call_command("check_recorded_facts", stdout=out)
    assert "一致" in out.getvalue()
    RecordedFacts.objects.filter(proposal_id=item.pk).update(record_category="D")
    with pytest.raises(CommandError, match=f"有 1 件.*件 ID {item.pk}"):
        call_command("check_recorded_facts", stdout=io.StringIO())
    out = io.StringIO()
    call_command("check_recorded_facts", "--repair", stdout=out)
    assert "已重新计算" in out.getvalue() and "与记录本身一致" in out.getvalue()
    assert kept(item).record_category == "B"
