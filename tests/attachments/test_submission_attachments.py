"""A deputy attaches files to a submission (checked by content, size-limited); staff, leaders, the item's
co-signers and its units download them; nobody else does; a draft's deputy can take one off."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deputies.services import recess_session_get_or_create
from files.validators import MB
from proposals import services
from proposals.errors import DomainError
from proposals.models import Assignment, Attachment, Proposal
from tests import factories as f
from tests.security import samples as s

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(**extra) -> dict:
    return {
        "kind": "suggestion",
        "session": recess_session_get_or_create(year=timezone.localdate().year).pk,
        "title": "关于增加公交夜班线路的建议",
        "content": "夜间出行难。",
        "disclosure": "agree",
        "save": "1",
        **extra,
    }


def _submitted_with_file(name: str = "现场照片说明.pdf") -> tuple[Proposal, Attachment]:
    lead = f.deputy()
    proposal = f.proposal(lead=lead)
    [attachment] = services.attachments_add(proposal=proposal, by=lead.user, files=[s.upload(name, s.PDF)])
    services.proposal_submit(proposal=proposal, by=lead.user, disclosure="agree")
    return proposal, attachment


def test_a_deputy_attaches_several_files_to_a_new_suggestion_and_sees_them_on_the_item_page():
    lead = f.deputy()
    client = _client(lead.user)
    files = [s.upload("现场照片.png", s.png()), s.upload("调研报告.docx", s.DOCX), s.upload("数据〔2026〕.pdf", s.PDF)]
    response = client.post(reverse("deputy:create"), _form(attachments=files))
    proposal = Proposal.objects.get()
    assert response["Location"] == reverse("deputy:detail", args=[proposal.pk])
    names = list(proposal.attachments.values_list("file_name", flat=True))
    assert names == ["现场照片.png", "调研报告.docx", "数据〔2026〕.pdf"]
    page = client.get(reverse("deputy:detail", args=[proposal.pk])).content.decode()
    for attachment in proposal.attachments.all():
        assert reverse("deputy:attachment", args=[proposal.pk, attachment.pk]) in page
        assert attachment.file_name in page


def test_the_form_uses_the_chinese_file_control_for_several_files():
    page = _client(f.deputy().user).get(reverse("deputy:create")).content.decode()
    tag = re.search(r'<input type="file" name="attachments"[^>]*>', page).group(0)
    assert "multiple" in tag and "data-file-picker" in tag and 'enctype="multipart/form-data"' in page
    assert "选择文件" in page and "最多5个，每个不超过20MB" in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: s.upload("说明.pdf", "一段文字。".encode()), "「说明.pdf」的内容不是PDF文件（实际为纯文本）"),
        (lambda: s.upload("程序.pdf", s.EXE), "「程序.pdf」的内容不是PDF文件（实际为可执行程序）"),
        (lambda: s.upload("名单.xlsx", s.xlsx()), "附件只支持PDF、Word、OFD、JPG图片、PNG图片格式"),
        (lambda: s.upload("脚本.exe", s.EXE), "「脚本.exe」的格式不支持"),
    ],
)
def test_a_forged_or_disallowed_file_is_refused_and_nothing_is_saved_but_the_text_is_kept(upload, message):
    client = _client(f.deputy().user)
    files = [s.upload("真的.pdf", s.PDF), upload()]
    response = client.post(reverse("deputy:create"), _form(attachments=files))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "没有保存任何附件，请重新选择文件" in page
    assert "关于增加公交夜班线路的建议" in page and "夜间出行难。" in page
    assert not Proposal.objects.exists() and not Attachment.objects.exists()


def test_an_oversized_file_is_refused_with_the_limit_named(settings):
    client = _client(f.deputy().user)
    big = SimpleUploadedFile("扫描件.pdf", s.PDF + b"0" * (20 * MB), content_type="application/pdf")
    response = client.post(reverse("deputy:create"), _form(attachments=[big]))
    assert "附件不能超过20MB，「扫描件.pdf」过大" in response.content.decode()
    assert not Proposal.objects.exists() and not Attachment.objects.exists()


def test_more_than_five_files_are_refused():
    client = _client(f.deputy().user)
    files = [s.upload(f"第{n}页.pdf", s.PDF) for n in range(6)]
    response = client.post(reverse("deputy:create"), _form(attachments=files))
    assert "附件最多5个，这次选择了6个" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_service_checks_the_content_and_the_count_itself():
    lead = f.deputy()
    proposal = f.proposal(lead=lead)
    with pytest.raises(DomainError, match="实际为纯文本"):
        services.attachments_add(proposal=proposal, by=lead.user, files=[s.upload("假.pdf", b"plain text")])
    services.attachments_add(proposal=proposal, by=lead.user, files=[s.upload(f"{n}.pdf", s.PDF) for n in range(5)])
    with pytest.raises(DomainError, match="每件最多5个附件（已有5个"):
        services.attachments_add(proposal=proposal, by=lead.user, files=[s.upload("再一个.pdf", s.PDF)])
    assert proposal.attachments.count() == 5


def test_a_draft_gains_files_on_edit_and_its_deputy_removes_one(django_capture_on_commit_callbacks):
    lead = f.deputy()
    proposal = f.proposal(lead=lead)
    client = _client(lead.user)
    data = {"kind": "suggestion", "title": proposal.title, "content": "内容", "version": proposal.version, "save": "1"}
    client.post(reverse("deputy:edit", args=[proposal.pk]), {**data, "attachments": [s.upload("图.jpg", s.jpeg())]})
    attachment = proposal.attachments.get()
    edit_page = client.get(reverse("deputy:edit", args=[proposal.pk])).content.decode()
    assert reverse("deputy:attachment_remove", args=[proposal.pk, attachment.pk]) in edit_page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("deputy:attachment_remove", args=[proposal.pk, attachment.pk]), follow=True)
    assert "已删除附件“图.jpg”" in response.content.decode()
    assert not proposal.attachments.exists()
    assert not attachment.file.storage.exists(attachment.file.name)


def test_a_submitted_items_attachment_cannot_be_removed():
    proposal, attachment = _submitted_with_file()
    client = _client(proposal.lead_deputy.user)
    response = client.post(reverse("deputy:attachment_remove", args=[proposal.pk, attachment.pk]), follow=True)
    assert "此件已提交，不能再删除附件" in response.content.decode()
    assert proposal.attachments.count() == 1


def test_a_co_signer_cannot_remove_the_leads_attachment():
    lead, co = f.deputy(), f.deputy()
    proposal = f.proposal(lead=lead)
    proposal.co_signers.add(co)
    [attachment] = services.attachments_add(proposal=proposal, by=lead.user, files=[s.upload("a.pdf", s.PDF)])
    services.proposal_submit(proposal=proposal, by=lead.user, disclosure="agree")
    response = _client(co.user).post(reverse("deputy:attachment_remove", args=[proposal.pk, attachment.pk]))
    assert response.status_code == 403
    assert proposal.attachments.count() == 1


def test_downloads_keep_the_full_name_for_everyone_allowed_and_refuse_everyone_else():
    staff = f.staff_user()
    lead, co, stranger = f.deputy(), f.deputy(), f.deputy()
    proposal = f.proposal(lead=lead)
    proposal.co_signers.add(co)
    name = "现场照片说明〔2026〕.pdf"
    [attachment] = services.attachments_add(proposal=proposal, by=lead.user, files=[s.upload(name, s.PDF)])
    services.proposal_submit(proposal=proposal, by=lead.user, disclosure="agree")
    services.proposal_register(proposal=proposal, by=staff)
    unit, other_unit = f.unit(), f.unit()
    services.proposal_assign(proposal=proposal, by=staff, mode="single", lead_units=[unit], co_units=[])
    assignment = Assignment.objects.get(proposal=proposal)
    deputy_url = reverse("deputy:attachment", args=[proposal.pk, attachment.pk])
    staff_url = reverse("workbench:attachment", args=[proposal.pk, attachment.pk])
    unit_url = reverse("unitportal:attachment", args=[assignment.pk, attachment.pk])
    allowed = [(lead.user, deputy_url), (co.user, deputy_url), (staff, staff_url), (f.leader_user(), staff_url)]
    allowed.append((f.handler_of(unit), unit_url))
    for user, url in allowed:
        response = _client(user).get(url)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == s.PDF
        assert f"filename*=UTF-8''{quote(name)}" in response["Content-Disposition"]
    assert _client(stranger.user).get(deputy_url).status_code == 404
    assert _client(f.handler_of(other_unit)).get(unit_url).status_code == 404
    assert _client(f.handler_of(other_unit)).get(staff_url).status_code == 403
    assert Client().get(deputy_url).status_code == 302


def test_the_staff_and_unit_pages_list_the_attachments():
    staff = f.staff_user()
    proposal, attachment = _submitted_with_file()
    services.proposal_register(proposal=proposal, by=staff)
    unit = f.unit()
    services.proposal_assign(proposal=proposal, by=staff, mode="single", lead_units=[unit], co_units=[])
    assignment = Assignment.objects.get(proposal=proposal)
    staff_page = _client(staff).get(reverse("workbench:detail", args=[proposal.pk])).content.decode()
    assert reverse("workbench:attachment", args=[proposal.pk, attachment.pk]) in staff_page
    unit_page = _client(f.handler_of(unit)).get(reverse("unitportal:assignment", args=[assignment.pk])).content.decode()
    assert reverse("unitportal:attachment", args=[assignment.pk, attachment.pk]) in unit_page
    assert "现场照片说明.pdf" in unit_page


def test_an_attachment_of_another_item_is_not_found_through_this_one():
    proposal, _ = _submitted_with_file()
    _, foreign = _submitted_with_file()
    response = _client(f.staff_user()).get(reverse("workbench:attachment", args=[proposal.pk, foreign.pk]))
    assert response.status_code == 404


def test_staff_registering_a_paper_item_attach_its_scan():
    staff = f.staff_user()
    lead = f.deputy()
    data = {
        "session": f.session().pk,
        "kind": "suggestion",
        "title": "关于完善社区养老服务的建议",
        "content": "内容",
        "lead_deputy": lead.pk,
        "submitted_on": "2026-01-10",
        "then": "detail",
        "attachments": [s.upload("纸质原件扫描.pdf", s.PDF)],
    }
    _client(staff).post(reverse("workbench:create"), data)
    proposal = Proposal.objects.get()
    assert proposal.state == "registered"
    assert list(proposal.attachments.values_list("file_name", flat=True)) == ["纸质原件扫描.pdf"]
    forged = {**data, "title": "关于另一件事的建议", "attachments": [s.upload("扫描.pdf", b"not a pdf")]}
    response = _client(staff).post(reverse("workbench:create"), forged)
    assert "实际为纯文本" in response.content.decode() and Proposal.objects.count() == 1
