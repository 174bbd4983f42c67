"""The blank ledger template: the contract's header, an example row the import accepts, and each column's values."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from ledger import template
from ledger.columns import COLUMNS
from ledger.services import ledger_check, ledger_import
from proposals.models import Proposal
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("workbench:ledger_template")


@pytest.fixture
def staff_client(client):
    client.force_login(factories.staff_user())
    return client


def download(client) -> bytes:
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    return response.content


def test_the_template_has_the_contracts_header_and_one_example_row(staff_client):
    book = openpyxl.load_workbook(io.BytesIO(download(staff_client)), read_only=True)
    assert book.sheetnames == ["台账", "填写说明"]
    rows = list(book["台账"].iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert len(rows) == 2
    example = dict(zip(rows[0], rows[1], strict=True))
    assert (example["类型"], example["办理方式"], example["沟通方式"]) == ("建议", "主办协办", "面谈")


def test_the_example_row_passes_the_import_as_it_is(staff_client):
    content = download(staff_client)
    report = ledger_check(file=io.BytesIO(content), filename="台账模板.xlsx")
    assert report.ok, [(e.row, e.column, e.reason) for e in report.errors]
    ledger_import(file=io.BytesIO(content), filename="台账模板.xlsx", by=None)
    assert Proposal.objects.get().state == "closed"


def test_the_second_sheet_lists_each_column_with_its_allowed_values(staff_client):
    book = openpyxl.load_workbook(io.BytesIO(download(staff_client)), read_only=True)
    rows = list(book["填写说明"].iter_rows(values_only=True))
    assert rows[0] == ("列", "是否必填", "内容", "可填写的值")
    guide = {row[0]: row for row in rows[1 : len(COLUMNS) + 1]}
    assert list(guide) == list(COLUMNS)
    assert guide["会议"][1] == "必填" and guide["领域"][1] == "选填"
    assert guide["沟通方式"][3] == "面谈、座谈会、上门、视察调研、电话、书信、邮件、其他、无"
    assert guide["办理方式"][3] == "单办、主办协办、分办"
    assert guide["首次评价"][3] == "满意、基本满意、不满意"
    assert guide["答复类别"][3] == "A、B、C、D"
    assert guide["重点督办"][3] == "是、否"
    assert guide["交办日期"][2].startswith("日期，如 2025-03-01")


def test_the_allowed_values_are_the_ones_the_import_accepts():
    from tests.ledger.conftest import REPLIED, check, item

    # Columns whose value alone decides nothing else about the row; the others are covered by the validation tests.
    for column in ("答复类别", "沟通方式", "重点督办"):
        for value in template.allowed_values()[column]:
            report = check([item({**REPLIED, column: value})])
            assert report.ok, (column, value, [(e.column, e.reason) for e in report.errors])


def test_the_example_is_dated_last_year_so_nothing_lies_in_the_future():
    row = template.example_row(year=2025)
    assert row["提出日期"] == dt.date(2025, 1, 10) and row["办结日期"] == dt.date(2025, 6, 2)


def test_the_upload_page_links_the_template(staff_client):
    page = staff_client.get(reverse("workbench:ledger_upload")).content.decode()
    assert f'href="{URL}"' in page and "下载空白台账模板" in page


@pytest.mark.parametrize("role", ["deputy", "leader", "unit"])
def test_only_the_office_downloads_the_template(client, role):
    users = {
        "deputy": lambda: factories.deputy().user,
        "leader": factories.leader_user,
        "unit": lambda: factories.handler_of(factories.unit()),
    }
    client.force_login(users[role]())
    assert client.get(URL).status_code == 403
