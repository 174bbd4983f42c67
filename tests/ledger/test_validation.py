"""Every rule of the ledger contract: each error names its row, column, value and a Chinese reason."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from deputies.models import Deputy, Session
from ledger.services import LedgerInvalid
from proposals.models import Proposal
from tests import factories
from tests.ledger.conftest import ASSIGNED, REPLIED, check, do_import, errors_of, item
from units.models import Unit

pytestmark = pytest.mark.django_db

CHINESE = re.compile(r"[\u4e00-\u9fff]")
RATED = {**REPLIED, "首次评价": "不满意", "首次评价日期": "2025-06-10"}
REHANDLED = {**RATED, "重办答复日期": "2025-07-05", "重办答复类别": "A"}


def tomorrow() -> str:
    return (timezone.localdate() + dt.timedelta(days=1)).isoformat()


def long_text(n: int) -> str:
    return "关" * n


CASES = [
    # missing required values
    ("会议 is required", {"会议": ""}, "会议", ""),
    ("编号 is required", {"编号": "  "}, "编号", ""),
    ("类型 is required", {"类型": ""}, "类型", ""),
    ("标题 is required", {"标题": ""}, "标题", ""),
    ("领衔代表 is required", {"领衔代表": ""}, "领衔代表", ""),
    ("提出日期 is required", {"提出日期": ""}, "提出日期", ""),
    # values outside the lists
    ("类型 outside the list", {"类型": "提案"}, "类型", "提案"),
    ("议案处理结果 outside the list", {"类型": "议案", "议案处理结果": "通过"}, "议案处理结果", "通过"),
    ("办理方式 outside the list", {**ASSIGNED, "办理方式": "合办"}, "办理方式", "合办"),
    ("答复类别 outside the list", {**REPLIED, "答复类别": "E"}, "答复类别", "E"),
    ("沟通方式 outside the list", {**REPLIED, "沟通方式": "微信"}, "沟通方式", "微信"),
    ("首次评价 outside the list", {**REPLIED, "首次评价": "一般", "首次评价日期": "2025-06-01"}, "首次评价", "一般"),
    ("最终评价 outside the list", {**REHANDLED, "最终评价": "还行", "最终评价日期": "2025-07-10"}, "最终评价", "还行"),
    ("重点督办 outside the list", {"重点督办": "重要"}, "重点督办", "重要"),
    ("议案处理结果 on a 建议", {"议案处理结果": "列入议程"}, "议案处理结果", "列入议程"),
    # lengths
    ("a title over 200 characters", {"标题": long_text(201)}, "标题", long_text(201)),
    ("a number over 30 characters", {"编号": "1" * 31}, "编号", "1" * 31),
    ("a unit name over 100 characters", {**ASSIGNED, "主办单位": long_text(101)}, "主办单位", long_text(101)),
    # dates
    ("an unreadable date", {"提出日期": "去年三月"}, "提出日期", "去年三月"),
    ("a date that does not exist", {"提出日期": "2025-02-30"}, "提出日期", "2025-02-30"),
    ("a date in another format", {"提出日期": "2025/03/01"}, "提出日期", "2025/03/01"),
    ("a submission date after today", {"提出日期": "TOMORROW"}, "提出日期", "TOMORROW"),
    ("a reply date after today", {**REPLIED, "答复日期": "TOMORROW"}, "答复日期", "TOMORROW"),
    # assignment
    ("交办日期 before 提出日期", {**ASSIGNED, "交办日期": "2025-01-05"}, "交办日期", "2025-01-05"),
    ("办理方式 missing with 交办日期", {**ASSIGNED, "办理方式": ""}, "办理方式", ""),
    ("主办单位 missing with 交办日期", {**ASSIGNED, "主办单位": ""}, "主办单位", ""),
    ("办理方式 without 交办日期", {"办理方式": "单办"}, "办理方式", "单办"),
    ("主办单位 without 交办日期", {"主办单位": "市教育局"}, "主办单位", "市教育局"),
    ("答复日期 without 交办日期", {"答复日期": "2025-05-01", "答复类别": "A"}, "答复日期", "2025-05-01"),
    ("沟通方式 without 交办日期", {"沟通方式": "电话"}, "沟通方式", "电话"),
    ("协办单位 with 单办", {**ASSIGNED, "协办单位": "市财政局"}, "协办单位", "市财政局"),
    ("two units with 单办", {**ASSIGNED, "主办单位": "市教育局、市财政局"}, "主办单位", "市教育局、市财政局"),
    ("分办 with one unit", {**ASSIGNED, "办理方式": "分办", "主办单位": "市教育局"}, "主办单位", "市教育局"),
    (
        "分办 with the same unit twice",
        {**ASSIGNED, "办理方式": "分办", "主办单位": "市教育局、市教育局"},
        "主办单位",
        "市教育局、市教育局",
    ),
    (
        "协办单位 with 分办",
        {**ASSIGNED, "办理方式": "分办", "主办单位": "市教育局、市民政局", "协办单位": "市财政局"},
        "协办单位",
        "市财政局",
    ),
    ("主办协办 without 协办单位", {**ASSIGNED, "办理方式": "主办协办"}, "协办单位", ""),
    (
        "a co-unit that is also the lead unit",
        {**ASSIGNED, "办理方式": "主办协办", "协办单位": "市住房和城乡建设局"},
        "协办单位",
        "市住房和城乡建设局",
    ),
    ("答复期限 before 交办日期", {**ASSIGNED, "答复期限": "2025-02-01"}, "答复期限", "2025-02-01"),
    ("延期至 not later than the due date", {**ASSIGNED, "延期至": "2025-06-01"}, "延期至", "2025-06-01"),
    (
        "延期至 not later than an explicit due date",
        {**ASSIGNED, "答复期限": "2025-07-01", "延期至": "2025-06-20"},
        "延期至",
        "2025-06-20",
    ),
    ("延期至 beyond 交办日期 plus 6 months", {**ASSIGNED, "延期至": "2025-09-02"}, "延期至", "2025-09-02"),
    # replies, evaluations and closing
    ("答复日期 before 交办日期", {**REPLIED, "答复日期": "2025-02-20"}, "答复日期", "2025-02-20"),
    ("答复类别 without 答复日期", {**ASSIGNED, "答复类别": "A"}, "答复类别", "A"),
    ("答复日期 without 答复类别", {**REPLIED, "答复类别": ""}, "答复类别", ""),
    ("首次评价 without 答复日期", {**ASSIGNED, "首次评价": "满意", "首次评价日期": "2025-06-01"}, "首次评价", "满意"),
    ("首次评价 without its date", {**REPLIED, "首次评价": "不满意"}, "首次评价日期", ""),
    ("首次评价日期 without 首次评价", {**REPLIED, "首次评价日期": "2025-06-01"}, "首次评价日期", "2025-06-01"),
    ("首次评价日期 before 答复日期", {**RATED, "首次评价日期": "2025-05-01"}, "首次评价日期", "2025-05-01"),
    (
        "重办答复日期 after a satisfied rating",
        {
            **REPLIED,
            "首次评价": "满意",
            "首次评价日期": "2025-06-01",
            "办结日期": "2025-06-01",
            "重办答复日期": "2025-07-01",
            "重办答复类别": "A",
        },
        "重办答复日期",
        "2025-07-01",
    ),
    (
        "重办答复日期 without 首次评价",
        {**REPLIED, "重办答复日期": "2025-07-01", "重办答复类别": "A"},
        "重办答复日期",
        "2025-07-01",
    ),
    ("重办答复日期 before 首次评价日期", {**REHANDLED, "重办答复日期": "2025-06-01"}, "重办答复日期", "2025-06-01"),
    ("重办答复类别 without 重办答复日期", {**RATED, "重办答复类别": "B"}, "重办答复类别", "B"),
    ("重办答复日期 without 重办答复类别", {**REHANDLED, "重办答复类别": ""}, "重办答复类别", ""),
    ("最终评价 without 重办答复日期", {**RATED, "最终评价": "满意", "最终评价日期": "2025-07-01"}, "最终评价", "满意"),
    ("最终评价 without its date", {**REHANDLED, "最终评价": "不满意"}, "最终评价日期", ""),
    ("最终评价日期 without 最终评价", {**REHANDLED, "最终评价日期": "2025-07-10"}, "最终评价日期", "2025-07-10"),
    (
        "最终评价日期 before 重办答复日期",
        {**REHANDLED, "最终评价": "不满意", "最终评价日期": "2025-07-01"},
        "最终评价日期",
        "2025-07-01",
    ),
    ("办结日期 without 答复日期", {**ASSIGNED, "办结日期": "2025-06-01"}, "办结日期", "2025-06-01"),
    ("办结日期 before 答复日期", {**REPLIED, "办结日期": "2025-05-01"}, "办结日期", "2025-05-01"),
    ("办结日期 before 重办答复日期", {**REHANDLED, "办结日期": "2025-07-01"}, "办结日期", "2025-07-01"),
    (
        "办结日期 before the evaluation",
        {**REPLIED, "首次评价": "满意", "首次评价日期": "2025-06-10", "办结日期": "2025-06-01"},
        "办结日期",
        "2025-06-01",
    ),
    ("办结日期 while re-handling", {**RATED, "办结日期": "2025-06-20"}, "办结日期", "2025-06-20"),
    # motions
    (
        "a motion on the agenda that was assigned",
        {"类型": "议案", "议案处理结果": "列入议程", "交办日期": "2025-03-01"},
        "交办日期",
        "2025-03-01",
    ),
    ("a pending motion marked for key supervision", {"类型": "议案", "重点督办": "是"}, "重点督办", "是"),
]


@pytest.mark.parametrize(("columns", "column", "value"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_it_reports_a_broken_rule_with_row_column_value_and_a_chinese_reason(columns, column, value):
    columns = {k: tomorrow() if v == "TOMORROW" else v for k, v in columns.items()}
    value = tomorrow() if value == "TOMORROW" else value
    report = check([item(编号="0001"), item(columns)])

    assert not report.ok
    assert [(e.row, e.column, e.value) for e in report.errors] == [(3, column, value)]
    assert CHINESE.search(report.errors[0].reason)


def test_an_error_names_the_date_it_was_compared_with():
    report = check([item(REPLIED, 答复日期="2025-02-20")])

    assert report.errors[0].reason == "答复日期不能早于交办日期（2025-03-01）"


def test_a_motion_that_was_not_converted_must_leave_every_handling_column_empty():
    report = check([item(REPLIED, 类型="议案", 议案处理结果="不列入议程", 重点督办="否", 沟通方式="无")])

    assert {e.column for e in report.errors} == {"办理方式", "主办单位", "交办日期", "答复日期", "答复类别"}
    assert all(e.row == 2 for e in report.errors)


def test_the_same_session_and_number_twice_in_the_file_is_reported_on_the_second_row():
    report = check([item(编号="0007"), item(编号="0008"), item(编号="0007")])

    assert errors_of(report) == [(4, "编号", "0007")]
    assert "第2行" in report.errors[0].reason


def test_the_same_number_in_another_session_is_allowed():
    report = check([item(编号="0007"), item(编号="0007", 会议="2025年闭会期间")])

    assert report.ok


def test_a_number_already_in_the_database_is_reported():
    existing = factories.registered(session_obj=factories.session(name="市十七届人大四次会议", year=2025))
    report = check([item(编号=existing.number), item(编号="0999")])

    assert errors_of(report) == [(2, "编号", existing.number)]
    assert "已有编号" in report.errors[0].reason


def test_a_name_that_means_two_deputies_is_reported():
    factories.deputy(name="刘洋", delegation="东城区代表团", with_login=False)
    factories.deputy(name="刘洋", delegation="西城区代表团", with_login=False)
    report = check([item(领衔代表="刘洋", 代表团=""), item(领衔代表="刘洋", 代表团="西城区代表团", 附议代表="刘洋")])

    assert errors_of(report) == [(2, "领衔代表", "刘洋")]
    assert "代表团" in report.errors[0].reason


def test_a_co_signer_is_matched_in_the_lead_deputys_delegation_first():
    factories.deputy(name="刘洋", delegation="东城区代表团", with_login=False)
    other = factories.deputy(name="刘洋", delegation="西城区代表团", with_login=False)
    do_import([item(编号="0001", 领衔代表="陈静", 代表团="西城区代表团", 附议代表="刘洋")])

    assert list(Proposal.objects.get().co_signers.all()) == [other]


def test_every_error_of_the_file_is_reported_together_and_nothing_is_written():
    rows = [
        item(编号="0001"),
        item(编号="0002", 类型="提案"),
        item(编号="0003"),
        item(ASSIGNED, 编号="0004", 协办单位="市财政局", 答复类别="A"),
        item(编号="0001", 标题=""),
    ]
    with pytest.raises(LedgerInvalid) as caught:
        do_import(rows)

    assert errors_of(caught.value.report) == [
        (3, "类型", "提案"),
        (5, "协办单位", "市财政局"),
        (5, "答复类别", "A"),
        (6, "编号", "0001"),
        (6, "标题", ""),
    ]
    assert "5处错误" in caught.value.message
    assert caught.value.report.rows == 5
    assert not Proposal.objects.exists()
    assert not Session.objects.exists()
    assert not Deputy.objects.exists()
    assert not Unit.objects.exists()


def test_the_check_writes_nothing_even_when_the_file_is_valid():
    report = check([item(REPLIED), item(ASSIGNED, 附议代表="李四")])

    assert report.ok
    assert report.imported == 0
    assert (report.sessions_created, report.deputies_created, report.units_created) == (["市十七届人大四次会议"], 2, 1)
    assert not Proposal.objects.exists()
    assert not Session.objects.exists()
    assert not Deputy.objects.exists()


def test_a_clash_with_a_concurrent_import_is_reported_and_rolled_back(monkeypatch):
    from django.db import IntegrityError

    import ledger.services

    def clash(**kwargs):
        Session.objects.create(name="并发写入", year=2025)
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(ledger.services, "write_ledger", clash)

    with pytest.raises(LedgerInvalid) as caught:
        do_import([item()])

    assert [(e.row, e.column) for e in caught.value.report.errors] == [(0, "")]
    assert "重新校验" in caught.value.report.errors[0].reason
    assert not Session.objects.exists()
