"""附件 on a submission: added while the item is a draft, by its lead deputy (or the office entering a
paper item), removed by the same people while it is still a draft."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from files.names import original_name
from files.validators import SUBMISSION_ATTACHMENT, SUBMISSION_ATTACHMENTS_MAX
from proposals.errors import DomainError
from proposals.models import Attachment, Proposal
from proposals.models.proposal import ProposalState as S
from proposals.services._base import service
from proposals.services.handling import check_file
from proposals.services.intake import _check_drafter


def _check_draft(proposal: Proposal, *, by, action: str) -> None:
    _check_drafter(by=by, lead_deputy=proposal.lead_deputy)
    if proposal.state != S.DRAFT:
        raise DomainError(f"此件已提交，不能再{action}附件")


@service
def attachments_add(*, proposal: Proposal, by, files: Sequence[UploadedFile]) -> list[Attachment]:
    """Attach ``files`` to the draft ``proposal``; every file is checked first, and none is kept if one fails."""
    files = [f for f in files if f]
    if not files:
        return []
    _check_draft(proposal, by=by, action="添加")
    # The row lock makes two uploads at once count each other's files.
    Proposal.objects.select_for_update().filter(pk=proposal.pk).values_list("pk", flat=True).get()
    existing = proposal.attachments.count()
    if existing + len(files) > SUBMISSION_ATTACHMENTS_MAX:
        raise DomainError(
            f"每件最多{SUBMISSION_ATTACHMENTS_MAX}个附件（已有{existing}个，这次选择了{len(files)}个），没有保存任何附件"
        )
    for file in files:
        check_file(file, SUBMISSION_ATTACHMENT)
    added = []
    for file in files:
        attachment = Attachment(proposal=proposal, file_name=original_name(file.name), size=file.size, uploaded_by=by)
        attachment.file = file
        attachment.save()
        added.append(attachment)
    return added


@service
def attachment_remove(*, attachment: Attachment, by) -> None:
    """Take an attachment off a draft; the stored file goes once the removal is committed."""
    proposal = attachment.proposal
    _check_draft(proposal, by=by, action="删除")
    field = attachment.file
    storage, name = field.storage, field.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
