"""Files a unit may download: its own replies, and (for the lead unit) the co-units' opinion files."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from accounts.decorators import unit_required
from files.downloads import protected_download
from proposals import letters
from proposals.attachment_access import attachment_download, attachment_of
from units import selectors


def _serve(record, missing: str) -> HttpResponse:
    """A reply's or an opinion's file, under the name it was uploaded with."""
    return protected_download(record.file, filename=record.download_name, missing=missing)


@unit_required
@require_GET
def reply_file(request: HttpRequest, pk: int, reply_pk: int) -> HttpResponse:
    assignment = selectors.unit_assignment(request.user, pk)
    reply = selectors.reply_of_assignment(assignment=assignment, pk=reply_pk)
    return _serve(reply, "该答复没有上传文件")


@unit_required
@require_GET
def opinion_file(request: HttpRequest, pk: int, opinion_pk: int) -> HttpResponse:
    """A co-unit's opinion file: for the co-unit itself and for the item's lead unit."""
    assignment = selectors.unit_assignment(request.user, pk)
    opinion = selectors.opinion_for_assignment(assignment=assignment, pk=opinion_pk)
    return _serve(opinion, "该协办意见没有附件")


@unit_required
@require_GET
def reply_letter(request: HttpRequest, pk: int, reply_pk: int) -> HttpResponse:
    """One of the unit's own replies as a 答复函 PDF (also before the office has approved it)."""
    assignment = selectors.unit_assignment(request.user, pk)
    return letters.reply_letter_response(selectors.reply_of_assignment(assignment=assignment, pk=reply_pk))


@unit_required
@require_GET
def attachment_file(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """An attachment of an item assigned to the unit (not once it was handed back)."""
    assignment = selectors.unit_assignment(request.user, pk)
    return attachment_download(attachment_of(assignment.proposal_id, attachment_pk))
