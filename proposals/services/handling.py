"""承办: contacts with the deputy, progress notes, co-unit opinions and the reply."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from files.names import original_name
from files.validators import OPINION_FILE, UploadPolicy, check_upload
from proposals import events
from proposals import permissions as perm
from proposals.choices import FACE_TO_FACE_METHODS, ContactMethod, Role
from proposals.errors import DomainError
from proposals.models import Assignment, Contact, CoOpinion, MeetingRequest, ProgressNote, Proposal
from proposals.models.assignment import AssignmentState as A
from proposals.models.proposal import OPEN_HANDLING_STATES
from proposals.models.proposal import ProposalState as S
from proposals.services._base import claim, fire, service, today


def check_file(file: UploadedFile | None, policy: UploadPolicy) -> None:
    """The shared upload check (type by content, size); forms run it too, this catches other callers."""
    if file is None:
        return
    try:
        check_upload(file, policy)
    except ValidationError as exc:
        raise DomainError(exc.messages[0]) from exc


def _check_unit_acts(
    assignment: Assignment, unit_states=(A.HANDLING, A.EXTENSION_REQUESTED, A.REPLIED, A.OPINION_SENT)
):
    if assignment.state not in unit_states:
        raise DomainError("请先签收后再办理")


def _check_actor(assignment: Assignment, by, *, action: str) -> None:
    """Contacts and progress are logged by the unit's own handlers (or the office on its behalf)."""
    from accounts.roles import is_office_staff

    if not (perm.assigned_unit(assignment, by) or is_office_staff(by)):
        raise DomainError(f"您无权{action}")


def check_date(on: dt.date, *, label: str, assignment: Assignment | None = None) -> None:
    """A date the unit enters: not in the future, and not before the item was assigned to it."""
    if on > today():
        raise DomainError(f"{label}不能晚于今天")
    if assignment is not None and on < assignment.assigned_on:
        raise DomainError(f"{label}不能早于交办日期（{assignment.assigned_on:%Y年%m月%d日}）")


def check_reply_date(on: dt.date, *, assignment: Assignment) -> None:
    """A reply is dated after the item reached the unit, and a later round's after the previous round's reply."""
    from proposals.models import Reply

    check_date(on, label="答复日期", assignment=assignment)
    if assignment.round > 1:
        previous = (
            Reply.objects.filter(assignment=assignment, round__lt=assignment.round)
            .order_by("-round")
            .values_list("replied_on", flat=True)
            .first()
        )
        if previous and on < previous:
            raise DomainError(f"重新办理的答复日期不能早于上一轮答复日期（{previous:%Y年%m月%d日}）")


@service
def contact_log(
    *,
    assignment: Assignment,
    by,
    method: str,
    contacted_on: dt.date,
    summary: str,
    participants: str = "",
) -> Contact:
    """Log a contact with the deputy (面谈, 电话, …)."""
    _check_actor(assignment, by, action="记录沟通情况")
    if method not in ContactMethod.values:
        raise DomainError("请选择沟通方式")
    check_date(contacted_on, label="沟通日期", assignment=assignment)
    _check_unit_acts(assignment)
    contact = Contact.objects.create(
        proposal_id=assignment.proposal_id,
        unit_id=assignment.unit_id,
        method=method,
        contacted_on=contacted_on,
        summary=summary.strip(),
        participants=participants.strip(),
        created_by=by,
    )
    if method in FACE_TO_FACE_METHODS:
        _answer_meeting_requests(proposal_id=assignment.proposal_id)
    return contact


def _answer_meeting_requests(*, proposal_id: int) -> None:
    """A face-to-face contact answers the deputies' open meeting requests on the item."""
    open_ids = list(
        MeetingRequest.objects.filter(proposal_id=proposal_id, answered_at__isnull=True).values_list("pk", flat=True)
    )
    if open_ids:
        MeetingRequest.objects.filter(pk__in=open_ids).update(answered_at=timezone.now())
        events.done(*[events.action_key("meeting", pk) for pk in open_ids])


@service
def progress_add(*, assignment: Assignment, by, body: str, noted_on: dt.date | None = None) -> ProgressNote:
    _check_actor(assignment, by, action="填报办理进展")
    body = body.strip()
    if not body:
        raise DomainError("请填写办理进展")
    noted_on = noted_on or today()
    check_date(noted_on, label="进展日期", assignment=assignment)
    _check_unit_acts(assignment)
    return ProgressNote.objects.create(
        proposal_id=assignment.proposal_id, unit_id=assignment.unit_id, noted_on=noted_on, body=body, created_by=by
    )


@service
def opinion_send(
    *, assignment: Assignment, by, body: str, file: UploadedFile | None = None, on: dt.date | None = None
) -> CoOpinion:
    """A co-unit sends its opinion to the lead unit (on ``on``, default today)."""
    body = body.strip()
    if not body:
        raise DomainError("请填写协办意见")
    check_file(file, OPINION_FILE)
    on = on or today()
    check_date(on, label="提交日期", assignment=assignment)
    claim(assignment)
    fire(assignment.send_opinion, by=by, action="提交协办意见", on=on)
    assignment.save(update_fields=["state", "version", "replied_on"])
    opinion = CoOpinion(
        assignment=assignment,
        proposal_id=assignment.proposal_id,
        unit_id=assignment.unit_id,
        body=body,
        sent_on=on,
        created_by=by,
    )
    if file is not None:
        opinion.file = file
        opinion.file_name = original_name(file.name)
    opinion.save()
    events.done(events.action_key("work", assignment.pk))
    return opinion


@service
def meeting_request(*, proposal: Proposal, by, deputy, message: str) -> MeetingRequest:
    """The deputy asks the handling units for a face-to-face meeting."""
    from accounts.roles import deputy_of

    acting = deputy_of(by)
    if acting is None or acting.pk != deputy.pk:
        raise DomainError("您无权以该代表名义提出见面请求")
    message = message.strip()
    if not message:
        raise DomainError("请填写希望当面沟通的内容")
    if proposal.lead_deputy_id != deputy.pk and not proposal.co_signers.filter(pk=deputy.pk).exists():
        raise DomainError("只有本件的领衔或附议代表可以提出见面请求")
    if proposal.state not in (*OPEN_HANDLING_STATES, S.REPLIED):
        raise DomainError("此件当前不在办理中，无法提出见面请求")
    Proposal.objects.select_for_update().filter(pk=proposal.pk).first()  # one request at a time per item
    waiting = MeetingRequest.objects.filter(proposal=proposal, deputy=deputy, answered_at__isnull=True).first()
    if waiting is not None:
        raise DomainError(
            f"您已于{timezone.localtime(waiting.created_at):%Y年%m月%d日}就此件提出见面请求，"
            "承办单位尚未安排；安排面谈后可再次提出"
        )
    request = MeetingRequest.objects.create(proposal=proposal, deputy=deputy, message=message)
    events.emit(events.MEETING_REQUESTED, request=request)
    return request


def lead_assignment(proposal: Proposal) -> Assignment | None:
    return proposal.assignments.filter(role=Role.LEAD).exclude(state=A.WITHDRAWN).first()
