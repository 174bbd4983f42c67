"""Each kind of ledger row lands in the state its columns imply, with its records."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django_fsm_log.models import StateLog

from deputies.models import Deputy, Session
from proposals.models import Assignment, Contact, Evaluation, Proposal, Reply
from tests.ledger.conftest import ASSIGNED, REPLIED, do_import, item
from units.models import Unit

pytestmark = pytest.mark.django_db

D = dt.date


def only(**filters) -> Proposal:
    return Proposal.objects.get(**filters)


def test_an_unassigned_suggestion_is_registered_with_its_deputies_and_session(staff):
    report = do_import([item(编号="0001", 附议代表="李四、王五，赵六", 重点督办="是")], by=staff)

    p = only(number="0001")
    assert report.imported == 1
    assert p.state == "registered"
    assert p.kind == "suggestion"
    assert p.session.name == "市十七届人大四次会议"
    assert p.session.year == 2025
    assert p.session.kind == Session.Kind.CONGRESS
    assert p.lead_deputy.name == "张三"
    assert p.lead_deputy.delegation.name == "东城区代表团"
    assert sorted(d.name for d in p.co_signers.all()) == ["李四", "王五", "赵六"]
    assert p.submitted_on == D(2025, 1, 10)
    assert p.field == "城乡建设"
    assert p.key_supervision is True
    assert p.created_by == staff
    assert p.assigned_on is None and p.reply_due is None and p.handling_mode == ""
    assert not p.assignments.exists()


def test_a_recess_session_takes_its_year_from_its_name():
    do_import([item(会议="2024年闭会期间", 提出日期="2025-01-05")])

    session = Session.objects.get(name="2024年闭会期间")
    assert session.year == 2024
    assert session.kind == Session.Kind.RECESS


@pytest.mark.parametrize(
    ("outcome", "state"),
    [("列入议程", "on_agenda"), ("不列入议程", "not_on_agenda"), ("", "registered")],
)
def test_a_motion_lands_in_the_state_of_its_outcome(outcome, state):
    do_import([item(编号="Y01", 类型="议案", 议案处理结果=outcome)])

    p = only(number="Y01")
    assert p.kind == "motion"
    assert p.state == state
    assert p.motion_outcome == {"列入议程": "to_agenda", "不列入议程": "not_to_agenda", "": ""}[outcome]
    assert not p.assignments.exists()


def test_a_converted_motion_is_handled_as_a_suggestion():
    do_import([item(REPLIED, 编号="Y02", 类型="议案", 议案处理结果="转为建议")])

    p = only(number="Y02")
    assert p.kind == "motion"
    assert p.motion_outcome == "converted"
    assert p.state == "replied"
    assert p.assignments.get().role == "lead"


def test_a_single_unit_item_without_a_reply_is_handling_with_a_signed_lead_assignment():
    do_import([item(ASSIGNED, 编号="0001")])

    p = only(number="0001")
    assert p.state == "handling"
    assert p.handling_mode == "single"
    assert p.assigned_on == D(2025, 3, 1)
    assert p.reply_due == D(2025, 6, 1)  # 交办日期 + 3 calendar months
    assert p.first_replied_on is None and p.round == 1
    a = p.assignments.get()
    assert (a.unit.name, a.role, a.state, a.round) == ("市住房和城乡建设局", "lead", "handling", 1)
    assert a.assigned_on == D(2025, 3, 1)
    assert a.base_due == a.due_on == D(2025, 6, 1)
    assert a.signed_at == dt.datetime(2025, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert a.replied_on is None
    # The 2025 calendar is loaded: 3 and 10 working days after Saturday 1 March.
    assert a.sign_due == D(2025, 3, 5)
    assert a.adjust_until == D(2025, 3, 14)


def test_the_default_due_date_is_clamped_to_the_month_end():
    do_import([item(ASSIGNED, 编号="0001", 提出日期="2024-11-01", 交办日期="2024-11-30")])

    assert only(number="0001").reply_due == D(2025, 2, 28)


def test_a_year_missing_from_the_table_is_filled_from_the_package_before_the_windows_are_counted():
    from proposals.models import CalendarDay

    CalendarDay.objects.filter(date__year__in=[2025, 2026]).delete()
    do_import([item(ASSIGNED, 编号="0001")])

    a = Assignment.objects.get()
    assert (a.sign_due, a.adjust_until) == (D(2025, 3, 5), D(2025, 3, 14))
    assert CalendarDay.objects.filter(date__year=2025, source="package").count() == 365


def test_a_year_before_any_calendar_data_gives_windows_in_calendar_days():
    do_import([item(ASSIGNED, 编号="0001", 提出日期="2002-02-20", 交办日期="2002-03-01")])

    a = Assignment.objects.get()
    assert a.sign_due == D(2002, 3, 4)
    assert a.adjust_until == D(2002, 3, 15)


def test_a_lead_and_co_units_item_gives_the_co_units_their_own_clock():
    do_import(
        [
            item(
                编号="0001",
                办理方式="主办协办",
                主办单位="市交通运输局",
                协办单位="市公安局、市财政局",
                交办日期="2025-03-10",
                答复期限="2025-06-01",
                答复日期="2025-05-20",
                答复类别="B",
            )
        ]
    )

    p = only(number="0001")
    assert p.state == "replied"
    assert p.handling_mode == "lead_co"
    assert p.reply_due == D(2025, 6, 1)
    lead = p.assignments.get(role="lead")
    assert (lead.unit.name, lead.state, lead.base_due, lead.due_on) == (
        "市交通运输局",
        "replied",
        D(2025, 6, 1),
        D(2025, 6, 1),
    )
    assert lead.replied_on == D(2025, 5, 20)
    cos = p.assignments.filter(role="co").order_by("unit__name")
    assert [a.unit.name for a in cos] == ["市公安局", "市财政局"]
    for co in cos:
        assert (co.state, co.base_due, co.due_on, co.extended_to) == (
            "opinion_sent",
            D(2025, 4, 10),
            D(2025, 4, 10),
            None,
        )
    reply = Reply.objects.get()
    assert (reply.unit, reply.round, reply.category, reply.replied_on, reply.body) == (
        lead.unit,
        1,
        "B",
        D(2025, 5, 20),
        "",
    )


def test_a_split_item_gives_every_unit_its_own_answer():
    do_import(
        [
            item(
                编号="0001",
                办理方式="分办",
                主办单位="市教育局；市卫生健康委",
                交办日期="2025-03-10",
                答复日期="2025-06-05",
                答复类别="A",
            )
        ]
    )

    p = only(number="0001")
    assert p.state == "replied"
    assert p.handling_mode == "split"
    assigned = p.assignments.order_by("pk")
    assert [(a.unit.name, a.role, a.state) for a in assigned] == [
        ("市教育局", "split", "replied"),
        ("市卫生健康委", "split", "replied"),
    ]
    assert sorted(r.unit.name for r in p.replies.all()) == ["市卫生健康委", "市教育局"]
    assert {r.category for r in p.replies.all()} == {"A"}


def test_an_extension_moves_the_answering_units_due_date():
    do_import([item(ASSIGNED, 编号="0001", 延期至="2025-08-15")])

    p = only(number="0001")
    assert p.state == "handling"
    assert (p.reply_due, p.extended_to) == (D(2025, 6, 1), D(2025, 8, 15))
    a = p.assignments.get()
    assert (a.base_due, a.extended_to, a.due_on) == (D(2025, 6, 1), D(2025, 8, 15), D(2025, 8, 15))


def test_a_replied_item_has_its_reply_and_its_contact():
    do_import([item(REPLIED, 编号="0001", 沟通方式="面谈")])

    p = only(number="0001")
    assert p.state == "replied"
    assert (p.first_replied_on, p.latest_replied_on) == (D(2025, 5, 20), D(2025, 5, 20))
    assert p.closed_on is None
    contact = Contact.objects.get()
    assert (contact.method, contact.contacted_on, contact.unit.name) == (
        "meeting",
        D(2025, 5, 20),
        "市住房和城乡建设局",
    )


def test_no_contact_is_recorded_for_none():
    do_import([item(REPLIED, 编号="0001", 沟通方式="无"), item(ASSIGNED, 编号="0002", 沟通方式="电话")])

    contact = Contact.objects.get()
    assert (contact.proposal.number, contact.method, contact.contacted_on) == ("0002", "phone", D(2025, 3, 1))


def test_a_satisfied_item_is_closed_with_its_evaluation():
    do_import([item(REPLIED, 编号="0001", 首次评价="基本满意", 首次评价日期="2025-06-01", 办结日期="2025-06-02")])

    p = only(number="0001")
    assert p.state == "closed"
    assert p.closed_on == D(2025, 6, 2)
    assert p.closed_unevaluated is False
    assert p.round == 1
    e = Evaluation.objects.get()
    assert (e.round, e.attitude, e.result, e.evaluated_on, e.deputy, e.reason) == (
        1,
        "basic",
        "basic",
        D(2025, 6, 1),
        p.lead_deputy,
        "",
    )


def test_an_item_closed_without_an_evaluation_is_marked_unevaluated():
    do_import([item(REPLIED, 编号="0001", 办结日期="2025-07-01")])

    p = only(number="0001")
    assert (p.state, p.closed_unevaluated) == ("closed", True)


def test_an_unsatisfied_item_without_a_second_reply_is_being_rehandled():
    do_import([item(REPLIED, 编号="0001", 首次评价="不满意", 首次评价日期="2025-06-10")])

    p = only(number="0001")
    assert p.state == "rehandling"
    assert p.round == 2
    assert p.rehandle_due == D(2025, 7, 10)
    assert (p.first_replied_on, p.latest_replied_on) == (D(2025, 5, 20), D(2025, 5, 20))
    a = p.assignments.get()
    assert (a.state, a.round, a.due_on, a.replied_on) == ("handling", 2, D(2025, 7, 10), None)
    assert Reply.objects.get().round == 1
    e = Evaluation.objects.get()
    assert (e.result, e.reason) == ("unsatisfied", "台账导入")


def test_a_rehandled_reply_without_a_final_evaluation_is_replied_in_round_two():
    do_import(
        [
            item(
                REPLIED,
                编号="0001",
                首次评价="不满意",
                首次评价日期="2025-06-10",
                重办答复日期="2025-07-05",
                重办答复类别="A",
            )
        ]
    )

    p = only(number="0001")
    assert (p.state, p.round) == ("replied", 2)
    assert (p.first_replied_on, p.latest_replied_on) == (D(2025, 5, 20), D(2025, 7, 5))
    a = p.assignments.get()
    assert (a.state, a.round, a.due_on, a.replied_on) == ("replied", 2, D(2025, 7, 10), D(2025, 7, 5))
    assert [(r.round, r.category, r.replied_on) for r in Reply.objects.order_by("round")] == [
        (1, "A", D(2025, 5, 20)),
        (2, "A", D(2025, 7, 5)),
    ]


def test_a_rehandled_item_with_a_final_evaluation_is_closed():
    do_import(
        [
            item(
                REPLIED,
                编号="0001",
                首次评价="不满意",
                首次评价日期="2025-06-10",
                重办答复日期="2025-07-05",
                重办答复类别="B",
                最终评价="满意",
                最终评价日期="2025-07-20",
                办结日期="2025-07-20",
            )
        ]
    )

    p = only(number="0001")
    assert (p.state, p.round, p.closed_on, p.closed_unevaluated) == ("closed", 2, D(2025, 7, 20), False)
    assert [(e.round, e.result) for e in Evaluation.objects.order_by("round")] == [
        (1, "unsatisfied"),
        (2, "satisfied"),
    ]


def test_a_second_unsatisfied_rating_without_closing_starts_a_third_round():
    do_import(
        [
            item(
                REPLIED,
                编号="0001",
                首次评价="不满意",
                首次评价日期="2025-06-10",
                重办答复日期="2025-07-05",
                重办答复类别="C",
                最终评价="不满意",
                最终评价日期="2025-07-15",
            )
        ]
    )

    p = only(number="0001")
    assert (p.state, p.round, p.rehandle_due) == ("rehandling", 3, D(2025, 8, 15))
    a = p.assignments.get()
    assert (a.state, a.round, a.due_on, a.replied_on) == ("handling", 3, D(2025, 8, 15), None)


def test_every_item_gets_one_audit_entry_naming_the_file_and_its_row(staff):
    do_import([item(编号="0001"), item(REPLIED, 编号="0002")], by=staff, filename="/tmp/2025年台账.xlsx")

    logs = StateLog.objects.order_by("object_id")
    assert logs.count() == 2
    first, second = logs
    assert (first.transition, first.source_state, first.state, first.by) == ("ledger_import", None, "registered", staff)
    assert first.description == "台账导入：2025年台账.xlsx 第2行"
    assert (second.state, second.description) == ("replied", "台账导入：2025年台账.xlsx 第3行")
    assert first.object_id == only(number="0001").pk


def test_deputies_and_units_are_matched_before_they_are_created():
    from tests import factories

    existing = factories.deputy(name="张三", delegation="东城区代表团", with_login=False)
    unit = factories.unit(name="市住房和城乡建设局", with_handler=False)
    report = do_import([item(ASSIGNED, 编号="0001"), item(ASSIGNED, 编号="0002", 代表团="", 附议代表="张三、李四")])

    assert report.deputies_created == 1  # 李四
    assert report.units_created == 0
    assert report.sessions_created == ["市十七届人大四次会议"]
    assert set(Proposal.objects.values_list("lead_deputy", flat=True)) == {existing.pk}
    assert Deputy.objects.count() == 2
    assert Unit.objects.get() == unit
    assert list(only(number="0002").co_signers.values_list("name", flat=True)) == ["李四"]


def test_a_name_without_a_delegation_matches_the_one_the_file_declares():
    do_import(
        [item(编号="0001", 领衔代表="王芳", 代表团="西城区代表团"), item(编号="0002", 领衔代表="王芳", 代表团="")]
    )

    assert Deputy.objects.filter(name="王芳").count() == 1
    assert only(number="0002").lead_deputy.delegation.name == "西城区代表团"


def test_a_rated_item_the_ledger_has_not_closed_stays_replied_with_its_rating():
    do_import([item(编号="0009", **{**REPLIED, "首次评价": "满意", "首次评价日期": "2025-06-01"})])

    p = only(number="0009")
    assert p.state == "replied"
    assert p.closed_on is None
    evaluation = Evaluation.objects.get(proposal=p)
    assert (evaluation.round, evaluation.result, evaluation.evaluated_on) == (1, "satisfied", D(2025, 6, 1))
