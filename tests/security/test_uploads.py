"""Uploads are checked by their content against each upload's allow-list, with a size limit, by one shared
validator: an .exe renamed .pdf is refused with a Chinese message, and nothing is stored."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from files.validators import LEDGER_FILE, OPINION_FILE, REPLY_LETTER, UploadPolicy, check_upload
from ledger.models import LedgerUpload
from proposals import services
from proposals.errors import DomainError
from proposals.models import Assignment, CoOpinion, Reply
from tests import factories as f

from . import samples as s
from .fixtures_input import _clock, _staff, _staff_client, client_for  # noqa: F401

pytestmark = pytest.mark.usefixtures("clock")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("答复函.pdf", s.PDF),
        ("答复函.docx", s.DOCX),
        ("答复函.doc", s.OLE),
        ("答复函.wps", s.OLE),
        ("答复函.ofd", s.OFD),
        ("扫描件.png", s.png()),
        ("扫描件.jpg", s.jpeg()),
        ("扫描件.JPEG", s.jpeg()),
    ],
)
def test_real_documents_and_images_are_accepted_as_reply_letters(name, data):
    check_upload(s.upload(name, data), REPLY_LETTER)


@pytest.mark.parametrize(
    ("name", "data", "seen"),
    [
        ("答复函.pdf", s.EXE, "可执行程序"),
        ("答复函.docx", s.EXE, "可执行程序"),
        ("答复函.pdf", s.DOCX, "Word"),
        ("答复函.docx", s.PLAIN_ZIP, "压缩包"),
        ("答复函.png", s.PDF, "PDF"),
        ("答复函.pdf", "这是一段纯文本".encode(), "纯文本"),
        ("答复函.jpg", b"<html><script>alert(1)</script></html>", "网页文件"),
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(name, data, seen):
    with pytest.raises(ValidationError) as refused:
        check_upload(s.upload(name, data), REPLY_LETTER)
    message = refused.value.messages[0]
    assert f"「{name}」的内容不是" in message and f"实际为{seen}" in message


@pytest.mark.parametrize("name", ["答复函.exe", "答复函.html", "答复函.svg", "答复函", "答复函.xlsx"])
def test_a_reply_letter_outside_the_allow_list_is_refused_by_its_extension(name):
    with pytest.raises(ValidationError) as refused:
        check_upload(s.upload(name, s.PDF), REPLY_LETTER)
    assert "答复函文件只支持PDF、Word、OFD、JPG图片、PNG图片格式" in refused.value.messages[0]


def test_the_ledger_accepts_only_workbooks_and_utf8_text():
    check_upload(s.upload("台账.xlsx", s.xlsx()), LEDGER_FILE)
    check_upload(s.upload("台账.csv", "会议,编号\n市十七届人大四次会议,0001\n".encode()), LEDGER_FILE)
    for name, data in [("台账.xlsx", s.DOCX), ("台账.csv", s.EXE), ("台账.pdf", s.PDF), ("台账.xlsx", s.EXE)]:
        with pytest.raises(ValidationError):
            check_upload(s.upload(name, data), LEDGER_FILE)


def test_a_file_over_the_limit_or_empty_is_refused():
    small = UploadPolicy(label="答复函文件", kinds=("pdf",), max_bytes=1024)
    with pytest.raises(ValidationError) as refused:
        check_upload(s.upload("答复函.pdf", s.PDF + b"0" * 2048), small)
    assert "答复函文件不能超过" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        check_upload(s.upload("答复函.pdf", b""), REPLY_LETTER)
    assert "是空文件" in refused.value.messages[0]


def test_every_document_upload_has_a_size_limit_and_an_accept_list():
    for policy in (REPLY_LETTER, OPINION_FILE, LEDGER_FILE):
        assert 0 < policy.max_bytes <= 50 * 1024 * 1024
        assert ".exe" not in policy.accept and policy.accept.startswith(".")


# --- through the pages -------------------------------------------------------------------------


@pytest.fixture
def handling(db, staff):
    p = f.assigned(staff=staff, mode="lead_co")
    for a in Assignment.objects.filter(proposal=p).select_related("unit"):
        services.assignment_sign(assignment=a, by=f.handler_of(a.unit))
    return {a.role: a for a in Assignment.objects.filter(proposal=p).select_related("unit")}


def _reply_data(assignment, file):
    return {
        "version": assignment.version,
        "doc_number": "市住建函〔2026〕8号",
        "signer": "王局长",
        "contact_person": "李明",
        "contact_phone": "010-12345678",
        "category": "B",
        "adoption": "adopted",
        "body": "",
        "plan_text_1": "6月底前完成立项",
        "plan_due_1": "2026-06-30",
        "replied_on": "2026-03-02",
        "file": file,
    }


def test_an_exe_renamed_pdf_is_refused_as_a_reply_letter_and_nothing_is_stored(handling):
    lead = handling["lead"]
    response = client_for(f.handler_of(lead.unit)).post(
        reverse("unitportal:reply", args=[lead.pk]), _reply_data(lead, s.upload("答复函.pdf", s.EXE))
    )
    assert response.status_code == 200
    assert "「答复函.pdf」的内容不是PDF文件（实际为可执行程序）" in response.content.decode()
    assert not Reply.objects.exists()
    lead.refresh_from_db()
    assert lead.state == "handling"


def test_a_real_pdf_reply_letter_is_stored(handling):
    lead = handling["lead"]
    client_for(f.handler_of(handling["co"].unit)).post(
        reverse("unitportal:opinion", args=[handling["co"].pk]),
        {"version": handling["co"].version, "body": "同意主办单位意见"},
    )
    response = client_for(f.handler_of(lead.unit)).post(
        reverse("unitportal:reply", args=[lead.pk]), _reply_data(lead, s.upload("答复函.pdf", s.PDF))
    )
    assert response.status_code == 302
    assert Reply.objects.get().file.read() == s.PDF


def test_an_exe_renamed_pdf_is_refused_as_a_co_unit_opinion_file(handling):
    co = handling["co"]
    response = client_for(f.handler_of(co.unit)).post(
        reverse("unitportal:opinion", args=[co.pk]),
        {"version": co.version, "body": "同意主办单位意见", "file": s.upload("协办意见.pdf", s.EXE)},
    )
    assert "「协办意见.pdf」的内容不是PDF文件（实际为可执行程序）" in response.content.decode()
    assert not CoOpinion.objects.exists()


def test_the_reply_service_refuses_an_impostor_file_whoever_calls_it(handling):
    lead = handling["lead"]
    with pytest.raises(DomainError, match="实际为可执行程序"):
        services.reply_submit(
            assignment=lead,
            by=f.handler_of(lead.unit),
            category="B",
            body="",
            file=s.upload("答复函.pdf", s.EXE),
        )
    assert not Reply.objects.exists()


def test_an_exe_renamed_xlsx_is_refused_as_a_ledger(staff_client):
    response = staff_client.post(reverse("workbench:ledger_upload"), {"file": s.upload("台账.xlsx", s.EXE)})
    assert "「台账.xlsx」的内容不是Excel（.xlsx）文件（实际为可执行程序）" in response.content.decode()
    assert not LedgerUpload.objects.exists()


def test_the_file_inputs_tell_the_browser_what_they_accept(handling):
    lead = handling["lead"]
    page = client_for(f.handler_of(lead.unit)).get(reverse("unitportal:assignment", args=[lead.pk])).content.decode()
    assert f'accept="{REPLY_LETTER.accept}"' in page
    assert "不超过20MB" in page
