"""Who may download an item's attachments: whoever may see the item (its deputies, the office, its units)."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from files.downloads import protected_download
from proposals.models import Attachment


def attachment_download(attachment: Attachment) -> HttpResponse:
    return protected_download(attachment.file, filename=attachment.file_name, missing="附件不存在")


def attachment_of(proposal_id: int, pk: int) -> Attachment:
    """Attachment ``pk`` of the item the caller already got through its access helper, else 404."""
    attachment = Attachment.objects.filter(pk=pk, proposal_id=proposal_id).first()
    if attachment is None:
        raise Http404("附件不存在")
    return attachment
