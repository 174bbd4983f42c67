"""Ledger upload in the browser: check, preview every error or the summary, confirm, import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ledger import tasks as ledger_tasks
from ledger import uploads
from ledger.models import LedgerUpload
from proposals.models import Proposal
from proposals.views import ledger_upload as view

from .conftest import client_for
from .support import messages_of

pytestmark = pytest.mark.django_db
URL = reverse("workbench:ledger_upload")
HEADER = "会议,编号,类型,标题,领衔代表,代表团,提出日期,领域,备注\n"
GOOD = (
    HEADER + "2025年闭会期间,0101,建议,关于增加公共停车位的建议,张志强,拱墅区代表团,2025-04-01,交通,\n"
    "2025年闭会期间,0102,建议,关于加强食品安全监管的建议,王丽华,上城区代表团,2025-05-06,食品安全,已核对\n"
)
BAD = (
    HEADER + "2025年闭会期间,0101,建议,关于增加公共停车位的建议,张志强,拱墅区代表团,2025-13-45,交通,\n"
    "2025年闭会期间,0102,提案,关于加强食品安全监管的建议,,上城区代表团,2025-05-06,食品安全,\n"
)


@pytest.fixture(autouse=True)
def queued(monkeypatch):
    """Background tasks are recorded, not sent."""
    sent = []
    monkeypatch.setattr(ledger_tasks.ledger_upload_check, "delay", lambda *a, **k: sent.append(("check", *a)))
    monkeypatch.setattr(ledger_tasks.ledger_upload_import, "delay", lambda *a, **k: sent.append(("import", *a)))
    return sent


def upload(client, text: str, name: str = "台账.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")})


def test_a_small_valid_ledger_is_checked_at_once_and_its_summary_shown(staff_client):
    response = upload(staff_client, GOOD)
    record = LedgerUpload.objects.get()
    assert response["Location"] == reverse("workbench:ledger_preview", args=[record.pk])
    assert record.status == "checked"
    page = staff_client.get(response["Location"]).content.decode()
    assert "校验通过" in page and "确认导入全部 2 件" in page
    assert "2025年闭会期间" in page, "the session to be created is named"
    assert "备注" in page, "the ignored column is named"
    assert not Proposal.objects.exists()


def test_confirming_a_checked_ledger_imports_it(staff_client, staff):
    upload(staff_client, GOOD)
    record = LedgerUpload.objects.get()
    response = staff_client.post(reverse("workbench:ledger_confirm", args=[record.pk]))
    assert "导入完成：共导入2件" in messages_of(response)
    record.refresh_from_db()
    assert record.status == "imported"
    assert set(Proposal.objects.values_list("number", flat=True)) == {"0101", "0102"}
    page = staff_client.get(reverse("workbench:ledger_preview", args=[record.pk])).content.decode()
    assert "导入完成" in page and "确认导入" not in page


def test_confirming_twice_imports_once(staff_client):
    upload(staff_client, GOOD)
    record = LedgerUpload.objects.get()
    staff_client.post(reverse("workbench:ledger_confirm", args=[record.pk]))
    second = staff_client.post(reverse("workbench:ledger_confirm", args=[record.pk]))
    assert any("只有校验通过的台账才能导入" in m for m in messages_of(second))
    assert Proposal.objects.count() == 2


def test_every_error_is_listed_with_row_column_value_and_reason(staff_client):
    response = upload(staff_client, BAD)
    record = LedgerUpload.objects.get()
    assert record.status == "invalid"
    preview = staff_client.get(response["Location"])
    errors = preview.context["errors"]
    assert len(errors) == len(record.report["errors"]) >= 3
    cells = {(e["row"], e["column"]) for e in errors}
    assert {(2, "提出日期"), (3, "类型"), (3, "领衔代表")} <= cells
    page = preview.content.decode()
    for e in errors:
        assert e["reason"] in page
    assert "2025-13-45" in page and "校验未通过，未导入任何数据" in page
    assert "确认导入" not in page


def test_an_invalid_ledger_cannot_be_confirmed(staff_client):
    upload(staff_client, BAD)
    record = LedgerUpload.objects.get()
    response = staff_client.post(reverse("workbench:ledger_confirm", args=[record.pk]))
    assert any("只有校验通过的台账才能导入" in m for m in messages_of(response))
    assert not Proposal.objects.exists()


def test_a_file_that_is_not_a_ledger_is_refused_on_the_form(staff_client):
    response = upload(staff_client, "hello", name="notes.txt")
    assert "台账文件只支持Excel（.xlsx）、CSV格式" in response.content.decode()
    assert not LedgerUpload.objects.exists()
    assert "请选择要上传的台账文件" in staff_client.post(URL, {}).content.decode()


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused_on_the_form(staff_client):
    response = upload(staff_client, "not a zip", name="台账.xlsx")
    assert "「台账.xlsx」的内容不是Excel（.xlsx）文件" in response.content.decode()
    assert not LedgerUpload.objects.exists()


def test_a_large_ledger_is_checked_and_imported_in_the_background(
    staff_client, queued, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(view, "INLINE_MAX_ROWS", 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff_client, GOOD)
    record = LedgerUpload.objects.get()
    assert (record.status, queued) == ("uploaded", [("check", record.pk)])
    waiting = staff_client.get(response["Location"]).content.decode()
    assert "正在校验" in waiting and 'http-equiv="refresh"' in waiting

    uploads.upload_run_check(upload_id=record.pk)  # what the worker does
    assert "确认导入全部 2 件" in staff_client.get(response["Location"]).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = staff_client.post(reverse("workbench:ledger_confirm", args=[record.pk]))
    assert queued[-1] == ("import", record.pk)
    assert confirmed["Location"] == reverse("workbench:ledger_preview", args=[record.pk])
    record.refresh_from_db()
    assert record.status == "importing"
    importing = staff_client.get(confirmed["Location"]).content.decode()
    assert "正在导入" in importing and 'http-equiv="refresh"' in importing
    assert not Proposal.objects.exists()

    uploads.upload_run_import(upload_id=record.pk)
    assert "导入完成" in staff_client.get(response["Location"]).content.decode()
    assert Proposal.objects.count() == 2


def test_a_small_ledger_checked_at_once_queues_no_background_check(
    staff_client, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        upload(staff_client, GOOD)
    assert LedgerUpload.objects.get().status == "checked"
    assert queued == []
    assert callbacks == []


def test_a_large_ledger_is_uploaded_with_its_check_queued_once(
    staff_client, queued, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(view, "INLINE_MAX_BYTES", 100)
    with django_capture_on_commit_callbacks(execute=True):
        upload(staff_client, GOOD)
    assert queued == [("check", LedgerUpload.objects.get().pk)]


def _checked_large_upload(staff_client, monkeypatch) -> LedgerUpload:
    monkeypatch.setattr(view, "INLINE_MAX_ROWS", 1)
    upload(staff_client, GOOD)
    record = LedgerUpload.objects.get()
    uploads.upload_run_check(upload_id=record.pk)
    return record


def test_a_confirmed_background_import_shows_importing_from_its_status(
    staff_client, queued, monkeypatch, django_capture_on_commit_callbacks
):
    record = _checked_large_upload(staff_client, monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("workbench:ledger_confirm", args=[record.pk]))
    page = staff_client.get(reverse("workbench:ledger_preview", args=[record.pk])).content.decode()
    assert "正在导入" in page and 'http-equiv="refresh"' in page
    assert "确认导入" not in page
    assert "导入中" in staff_client.get(URL).content.decode(), "the recent uploads list says so too"


def test_confirming_a_background_import_twice_queues_one_import(
    staff_client, queued, monkeypatch, django_capture_on_commit_callbacks
):
    record = _checked_large_upload(staff_client, monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("workbench:ledger_confirm", args=[record.pk]))
        second = staff_client.post(reverse("workbench:ledger_confirm", args=[record.pk]))
    assert any("「导入中」" in m for m in messages_of(second))
    assert [entry for entry in queued if entry[0] == "import"] == [("import", record.pk)]
    uploads.upload_run_import(upload_id=record.pk)
    assert uploads.upload_run_import(upload_id=record.pk) is None
    assert Proposal.objects.count() == 2


@pytest.mark.django_db(transaction=True)  # the import is queued when the confirm's transaction commits
def test_an_import_that_cannot_be_queued_can_be_confirmed_again(staff_client, monkeypatch):
    record = _checked_large_upload(staff_client, monkeypatch)

    def broker_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(ledger_tasks.ledger_upload_import, "delay", broker_down)
    response = staff_client.post(reverse("workbench:ledger_confirm", args=[record.pk]))
    assert any("暂时无法开始后台导入" in m for m in messages_of(response))
    record.refresh_from_db()
    assert record.status == "checked"
    assert "确认导入全部 2 件" in staff_client.get(response["Location"]).content.decode()
    assert not Proposal.objects.exists()


def test_the_upload_page_lists_recent_uploads(staff_client):
    upload(staff_client, GOOD, name="2025年台账.csv")
    page = staff_client.get(URL).content.decode()
    assert "2025年台账.csv" in page and "校验通过" in page


@pytest.mark.parametrize("who", ["deputy", "unit", "leader"])
def test_outsiders_cannot_see_or_confirm_uploads(staff_client, outsiders, who):
    upload(staff_client, GOOD)
    record = LedgerUpload.objects.get()
    client = client_for(outsiders[who])
    assert client.get(reverse("workbench:ledger_preview", args=[record.pk])).status_code == 403
    assert client.post(reverse("workbench:ledger_confirm", args=[record.pk])).status_code == 403
    assert client.post(URL, {"file": SimpleUploadedFile("x.csv", GOOD.encode())}).status_code == 403
    record.refresh_from_db()
    assert record.status == "checked"
    assert LedgerUpload.objects.count() == 1


def test_anonymous_visitors_are_sent_to_log_in_first(staff_client):
    from django.test import Client

    upload(staff_client, GOOD)
    record = LedgerUpload.objects.get()
    response = Client().get(reverse("workbench:ledger_preview", args=[record.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def _xlsx(text: str) -> bytes:
    import csv
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in csv.reader(io.StringIO(text)):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_small_xlsx_ledger_is_checked_at_once(staff_client):
    data = _xlsx(GOOD)
    staff_client.post(URL, {"file": SimpleUploadedFile("台账.xlsx", data)})
    assert LedgerUpload.objects.get().status == "checked"


def test_a_ledger_over_the_size_limit_goes_to_the_background(staff_client, queued, monkeypatch):
    monkeypatch.setattr(view, "INLINE_MAX_BYTES", 100)
    upload(staff_client, GOOD)
    record = LedgerUpload.objects.get()
    assert record.status == "uploaded"
    assert "正在校验" in staff_client.get(reverse("workbench:ledger_preview", args=[record.pk])).content.decode()


def test_a_resent_upload_form_shows_the_upload_already_checked(staff_client):
    import re

    token = re.search(r'name="form_token" value="([^"]+)"', staff_client.get(URL).content.decode()).group(1)

    def send():
        data = {
            "form_token": token,
            "file": SimpleUploadedFile("台账.csv", GOOD.encode("utf-8"), content_type="text/csv"),
        }
        return staff_client.post(URL, data, follow=True)

    send()
    again = send()
    record = LedgerUpload.objects.get()
    assert again.redirect_chain[-1][0] == reverse("workbench:ledger_preview", args=[record.pk])
    assert "“台账.csv的上传记录”已经创建，这次重复提交没有再创建一次" in again.content.decode()
