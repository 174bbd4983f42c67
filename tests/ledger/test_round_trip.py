"""Export writes the contract's columns; an exported ledger re-imports into an empty database unchanged."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django_fsm_log.models import StateLog

from deputies.models import Delegation, Deputy, Session
from ledger.columns import COLUMNS
from ledger.services import ledger_export
from proposals.models import Proposal
from tests import factories
from tests.ledger.conftest import ASSIGNED, REPLIED, do_import, item
from units.models import Unit

pytestmark = pytest.mark.django_db

RATED = {**REPLIED, "首次评价": "不满意", "首次评价日期": "2025-06-10"}
REHANDLED = {**RATED, "重办答复日期": "2025-07-05", "重办答复类别": "B"}


def every_kind_of_row() -> list[dict]:
    return [
        item(编号="0001", 附议代表="李四、王五", 重点督办="是"),
        item(编号="0002", 类型="议案", 议案处理结果="列入议程"),
        item(编号="0003", 类型="议案", 议案处理结果="不列入议程"),
        item(编号="0004", 类型="议案"),
        item(REPLIED, 编号="0005", 类型="议案", 议案处理结果="转为建议", 沟通方式="座谈会"),
        item(ASSIGNED, 编号="0006", 领衔代表="赵六", 代表团=""),
        item(ASSIGNED, 编号="0007", 延期至="2025-08-20", 答复期限="2025-06-15"),
        item(
            REPLIED,
            编号="0008",
            办理方式="主办协办",
            主办单位="市交通运输局",
            协办单位="市公安局、市财政局",
            沟通方式="电话",
        ),
        item(REPLIED, 编号="0009", 办理方式="分办", 主办单位="市教育局、市民政局", 答复类别="C"),
        item(REPLIED, 编号="0010", 首次评价="满意", 首次评价日期="2025-06-01", 办结日期="2025-06-01"),
        item(REPLIED, 编号="0011", 办结日期="2025-08-01"),
        item(RATED, 编号="0012"),
        item(REHANDLED, 编号="0013"),
        item(REHANDLED, 编号="0014", 最终评价="基本满意", 最终评价日期="2025-07-20", 办结日期="2025-07-21"),
        item(REHANDLED, 编号="0015", 最终评价="不满意", 最终评价日期="2025-07-20"),
        item(REPLIED, 编号="0001", 会议="2025年闭会期间", 提出日期="2025-02-01", 领衔代表="李四", 附议代表="张三"),
    ]


def export_cells(proposals=None) -> list[tuple]:
    out = io.BytesIO()
    ledger_export(proposals=proposals if proposals is not None else Proposal.objects.all(), output=out)
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()), read_only=True)
    return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def cells_to_rows(cells: list[tuple]) -> list[dict]:
    headers = cells[0]
    return [dict(zip(headers, row, strict=True)) for row in cells[1:]]


def empty_the_database() -> None:
    StateLog.objects.all().delete()
    Proposal.objects.all().delete()
    Deputy.objects.all().delete()
    Delegation.objects.all().delete()
    Unit.objects.all().delete()
    Session.objects.all().delete()


def test_the_export_has_the_contracts_columns_in_order_and_one_row_per_item():
    do_import(every_kind_of_row())

    cells = export_cells()

    assert cells[0] == COLUMNS
    assert len(cells) == 1 + 16


def test_the_export_writes_what_the_ledger_said():
    do_import(every_kind_of_row())

    rows = {(r["会议"], r["编号"]): r for r in cells_to_rows(export_cells())}

    first = rows[("市十七届人大四次会议", "0001")]
    assert (first["类型"], first["附议代表"], first["重点督办"], first["交办日期"]) == (
        "建议",
        "李四、王五",
        "是",
        None,
    )
    assert rows[("市十七届人大四次会议", "0002")]["议案处理结果"] == "列入议程"
    assert rows[("市十七届人大四次会议", "0002")]["重点督办"] is None
    extended = rows[("市十七届人大四次会议", "0007")]
    assert (extended["答复期限"], extended["延期至"]) == (dt.datetime(2025, 6, 15), dt.datetime(2025, 8, 20))
    handling = rows[("市十七届人大四次会议", "0006")]
    assert (handling["代表团"], handling["答复期限"], handling["重点督办"]) == (None, dt.datetime(2025, 6, 1), "否")
    lead_co = rows[("市十七届人大四次会议", "0008")]
    assert (lead_co["办理方式"], lead_co["主办单位"], lead_co["协办单位"], lead_co["沟通方式"]) == (
        "主办协办",
        "市交通运输局",
        "市公安局、市财政局",
        "电话",
    )
    split = rows[("市十七届人大四次会议", "0009")]
    assert (split["主办单位"], split["答复类别"]) == ("市教育局、市民政局", "C")
    again = rows[("市十七届人大四次会议", "0015")]
    assert (again["首次评价"], again["重办答复日期"], again["重办答复类别"], again["最终评价"], again["办结日期"]) == (
        "不满意",
        dt.datetime(2025, 7, 5),
        "B",
        "不满意",
        None,
    )


def test_an_exported_ledger_reimports_into_an_empty_database_and_exports_the_same_cells():
    do_import(every_kind_of_row())
    first = export_cells()
    states = dict(Proposal.objects.values_list("number", "state").filter(session__name="市十七届人大四次会议"))

    empty_the_database()
    assert ledger_export(proposals=Proposal.objects.all(), output=io.BytesIO()) == 0
    report = do_import(cells_to_rows(first))
    second = export_cells()

    assert report.imported == 16
    assert second == first
    assert dict(Proposal.objects.values_list("number", "state").filter(session__name="市十七届人大四次会议")) == states


def test_items_that_never_entered_the_ledger_are_not_exported():
    staff = factories.staff_user()
    do_import([item(编号="0001")])
    draft = factories.proposal(title="草稿")
    submitted = factories.proposal(title="已提交未立案")
    from proposals import services

    services.proposal_submit(proposal=submitted, by=submitted.lead_deputy.user)
    rejected = factories.proposal(title="不予立案")
    services.proposal_submit(proposal=rejected, by=rejected.lead_deputy.user)
    services.proposal_reject(proposal=rejected, by=staff, reason="不属于人大职权范围")
    registered = factories.registered(title="已立案")

    titles = [row["标题"] for row in cells_to_rows(export_cells())]

    assert draft.title not in titles
    assert submitted.title not in titles
    assert rejected.title not in titles
    assert registered.title in titles
    assert len(titles) == 2


def test_an_item_handled_on_the_platform_exports_its_history():
    staff = factories.staff_user()
    unit = factories.unit(name="市水务局")
    p = factories.assigned(staff=staff, units=[unit], on=dt.date(2026, 3, 2), submitted_on=dt.date(2026, 2, 1))
    from proposals import services

    handler = factories.handler_of(unit)
    assignment = p.assignments.get()
    services.assignment_sign(assignment=assignment, by=handler)
    assignment.refresh_from_db()
    services.contact_log(
        assignment=assignment, by=handler, method="visit", contacted_on=dt.date(2026, 3, 10), summary="上门沟通"
    )
    services.reply_submit(
        assignment=assignment,
        by=handler,
        category="B",
        **factories.reply_rules("B"),
        body="已列入计划。",
        replied_on=dt.date(2026, 5, 6),
    )

    (row,) = cells_to_rows(export_cells())

    assert (row["办理方式"], row["主办单位"], row["交办日期"], row["答复期限"]) == (
        "单办",
        "市水务局",
        dt.datetime(2026, 3, 2),
        dt.datetime(2026, 6, 2),
    )
    assert (row["答复日期"], row["答复类别"], row["沟通方式"]) == (dt.datetime(2026, 5, 6), "B", "上门")


def test_the_export_can_be_filtered_by_the_caller():
    do_import(every_kind_of_row())

    cells = export_cells(Proposal.objects.filter(session__name="2025年闭会期间"))

    assert [row[:2] for row in cells[1:]] == [("2025年闭会期间", "0001")]


def test_the_export_can_be_written_straight_into_a_download_response():
    from django.http import HttpResponse

    do_import(every_kind_of_row())
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    count = ledger_export(proposals=Proposal.objects.all(), output=response)

    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert count == 16
    assert len(list(book.worksheets[0].iter_rows(values_only=True))) == 17
