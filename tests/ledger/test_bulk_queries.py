"""Names are matched and records created in bulk: the number of queries does not grow with the rows."""

from __future__ import annotations

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deputies.models import Deputy
from ledger.services import ledger_check, ledger_export, ledger_import
from proposals.models import Assignment, HandlingRules, Proposal
from tests import factories
from tests.ledger.conftest import REPLIED, xlsx_bytes
from units.models import Unit

pytestmark = pytest.mark.django_db

MAX_QUERIES = 40


def ledger(n: int, *, offset: int = 0, recess: str = "2025年闭会期间") -> bytes:
    """``n`` rows of every kind, with existing and new sessions, deputies, delegations and units."""
    rows = []
    for i in range(offset, offset + n):
        kind = i % 4
        base = {
            "会议": ["市十七届人大四次会议", recess][i % 2],
            "编号": f"{i:05d}",
            "类型": "建议",
            "标题": f"关于第{i}件事的建议",
            "领衔代表": f"代表{i}",
            "代表团": f"第{i % 5}代表团",
            "附议代表": f"代表{i + 1}、附议人{i}",
            "提出日期": "2025-01-10",
        }
        if kind == 1:
            base |= {**REPLIED, "主办单位": f"市第{i % 7}局", "沟通方式": "电话"}
        elif kind == 2:
            base |= {
                **REPLIED,
                "办理方式": "主办协办",
                "主办单位": f"市第{i % 7}局",
                "协办单位": f"市第{(i + 1) % 7}局",
                "首次评价": "不满意",
                "首次评价日期": "2025-06-10",
                "重办答复日期": "2025-07-01",
                "重办答复类别": "B",
                "最终评价": "满意",
                "最终评价日期": "2025-07-10",
                "办结日期": "2025-07-10",
            }
        elif kind == 3:
            base |= {**REPLIED, "办理方式": "分办", "主办单位": f"市第{i % 7}局、市第{(i + 3) % 7}局"}
        rows.append(base)
    return xlsx_bytes(rows)


def queries_for(call) -> int:
    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


@pytest.fixture
def existing():
    """What both imports find already there (so that both match some names and create others)."""
    factories.session(name="市十七届人大四次会议", year=2025)
    factories.deputy(name="代表3", delegation="第3代表团", with_login=False)
    factories.deputy(name="代表103", delegation="第3代表团", with_login=False)
    factories.unit(name="市第1局", with_handler=False)
    HandlingRules.current()
    ContentType.objects.get_for_model(Proposal)


def test_importing_more_rows_takes_no_more_queries(existing, django_assert_max_num_queries):
    small, large = ledger(4), ledger(24, offset=100, recess="2024年闭会期间")

    with django_assert_max_num_queries(MAX_QUERIES):
        few = queries_for(lambda: ledger_import(file=io.BytesIO(small), filename="小.xlsx"))
    with django_assert_max_num_queries(MAX_QUERIES):
        many = queries_for(lambda: ledger_import(file=io.BytesIO(large), filename="大.xlsx"))

    assert Proposal.objects.count() == 28
    assert Deputy.objects.filter(name="代表103").count() == 1
    assert Unit.objects.filter(name="市第1局").count() == 1
    assert Assignment.objects.filter(role="co").count() == 7
    assert many == few


def test_checking_more_rows_takes_no_more_queries(existing, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        few = queries_for(lambda: ledger_check(file=io.BytesIO(ledger(4)), filename="小.xlsx"))
    with django_assert_max_num_queries(8):
        many = queries_for(lambda: ledger_check(file=io.BytesIO(ledger(60, offset=100)), filename="大.xlsx"))

    assert many == few


def test_exporting_more_items_takes_no_more_queries(existing, django_assert_max_num_queries):
    ledger_import(file=io.BytesIO(ledger(4)), filename="小.xlsx")
    few = queries_for(lambda: ledger_export(proposals=Proposal.objects.all(), output=io.BytesIO()))
    ledger_import(file=io.BytesIO(ledger(24, offset=100, recess="2024年闭会期间")), filename="大.xlsx")

    with django_assert_max_num_queries(8):
        many = queries_for(lambda: ledger_export(proposals=Proposal.objects.all(), output=io.BytesIO()))

    assert many == few
