"""The objects the matrix requests its URLs against, built through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ledger.models import LedgerUpload
from notifications.models import Notification
from proposals import services
from proposals.models import Assignment, Attachment, Proposal
from reports.models import ReportArchive
from tests import factories as f

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass
class World:
    users: dict[str, User | None]
    draft: Proposal  # the deputy's unsent draft
    submitted: Proposal  # sent, waiting for 立案
    registered: Proposal  # 立案, waiting for 交办
    item: Proposal  # lead_co, both units signed, co-opinion sent, replied: waiting for the deputy's rating
    lead: Assignment  # the item's lead assignment (the ``unit`` role's)
    co: Assignment
    reply: object
    opinion: object
    supervision: object  # a 督办通知 to the lead unit
    adjustment: object  # a pending adjustment request on another item
    extension: object  # a pending extension request on another item
    upload: LedgerUpload
    report: ReportArchive
    notification: Notification  # one of the deputy's
    public_item: object = None  # the item on the public pages (publicsite.Publication)
    opinions: object = None  # the 民意池's stations, opinions and referral (tests/access_matrix/_opinions_world.py)
    invitation: object = None  # the deputy invited to co-sign a third deputy's draft
    attachment: object = None  # a file on the item
    draft_attachment: object = None  # a file on the deputy's draft (its lead may remove it)


def build_world() -> World:
    staff = f.staff_user(username="matrix-staff")
    leader = f.leader_user(username="matrix-leader")
    deputy = f.deputy(name="张丽华")
    other_deputy = f.deputy(name="李建国", delegation="西城区代表团")
    lead_unit = f.unit(name="市住房和城乡建设局")
    co_unit = f.unit(name="市交通运输局")
    other_unit = f.unit(name="市文化和旅游局")
    handler = f.handler_of(lead_unit)

    draft = f.proposal(lead=deputy, title="关于增设社区养老服务站的建议")
    submitted = f.proposal(lead=deputy, title="关于完善垃圾分类设施的建议")
    services.proposal_submit(proposal=submitted, by=deputy.user)
    registered = f.registered(staff=staff, lead=deputy, title="关于改善背街小巷照明的建议")

    item = f.assigned(
        staff=staff,
        lead=deputy,
        mode="lead_co",
        units=[lead_unit],
        co=[co_unit],
        title="关于加快老旧小区加装电梯的建议",
    )
    lead = Assignment.objects.get(proposal=item, unit=lead_unit)
    co = Assignment.objects.get(proposal=item, unit=co_unit)
    services.assignment_sign(assignment=lead, by=handler)
    services.assignment_sign(assignment=co, by=f.handler_of(co_unit))
    supervision = services.supervision_issue(
        proposal=item,
        unit=lead_unit,
        by=staff,
        kind="notice",
        content="请加快办理进度",
        due_on=timezone.localdate() + dt.timedelta(days=10),
    )
    co.refresh_from_db()
    opinion = services.opinion_send(
        assignment=co, by=f.handler_of(co_unit), body="同意主办单位意见", file=pdf("协办意见.pdf")
    )
    lead.refresh_from_db()
    reply = services.reply_submit(
        assignment=lead,
        by=handler,
        category="B",
        body="已列入今年计划。",
        doc_number="市住建函〔2026〕8号",
        file=pdf("答复函.pdf"),
        planned=[("6月底前完成立项", dt.date(2026, 6, 30))],
    )
    lead.refresh_from_db()
    item.refresh_from_db()

    to_adjust = f.assigned(staff=staff, lead=deputy, units=[lead_unit], title="关于优化公交线路的建议")
    adjustment = services.adjustment_request(
        assignment=to_adjust.assignments.get(), by=handler, reason="不属于本单位职责"
    )
    to_extend = f.assigned(staff=staff, lead=deputy, units=[lead_unit], title="关于治理城市内涝的建议")
    services.assignment_sign(assignment=to_extend.assignments.get(), by=handler)
    extension = services.extension_request(
        assignment=to_extend.assignments.get(),
        by=handler,
        until=lead.due_on + dt.timedelta(days=30),
        reason="需要实地调研",
    )

    upload = LedgerUpload(original_name="2025年台账.csv", uploaded_by=staff, status=LedgerUpload.Status.CHECKED)
    upload.file.save("2025年台账.csv", ContentFile("代表姓名,标题\n".encode()), save=False)
    upload.save()
    report = ReportArchive(
        kind=ReportArchive.Kind.ANNUAL,
        year=2025,
        as_of=dt.date(2025, 12, 31),
        format=ReportArchive.Format.PDF,
        status=ReportArchive.Status.READY,
        requested_by=leader,
        requested_at=timezone.now(),
        built_at=timezone.now(),
    )
    report.file.save("2025年度报告.pdf", ContentFile(PDF), save=False)
    report.size = len(PDF)
    report.save()
    notification = Notification.objects.create(recipient=deputy.user, kind="assigned", title="您的建议已交办")
    inviter = f.deputy(name="王海燕", delegation="南区代表团")
    invited = services.proposal_create(
        by=inviter.user,
        session=draft.session,
        kind="suggestion",
        title="关于建设口袋公园的建议",
        content="具体内容。",
        lead_deputy=inviter,
        co_signers=[deputy],
    )
    invitation = invited.cosign_invitations.get()

    world = World(
        users={
            "anonymous": None,
            "staff": staff,
            "leader": leader,
            "deputy": deputy.user,
            "other_deputy": other_deputy.user,
            "unit": handler,
            "other_unit": f.handler_of(other_unit),
        },
        draft=draft,
        submitted=submitted,
        registered=registered,
        item=item,
        lead=lead,
        co=co,
        reply=reply,
        opinion=opinion,
        supervision=supervision,
        adjustment=adjustment,
        extension=extension,
        upload=upload,
        report=report,
        notification=notification,
        invitation=invitation,
    )
    from tests.access_matrix._opinions_world import build_opinions

    world.opinions = build_opinions(world, deputy=deputy, other_deputy=other_deputy, unit=lead_unit)
    world.public_item = _published(item)
    add_duty_records(world, staff=staff, deputy=deputy)
    world.attachment = _attachment(item, "现场照片说明〔2026〕.pdf")
    world.draft_attachment = _attachment(draft, "调研报告.pdf")
    return world


def _attachment(proposal: Proposal, name: str) -> Attachment:
    attachment = Attachment(proposal=proposal, file_name=name, size=len(PDF))
    attachment.file.save(name, ContentFile(PDF), save=False)
    attachment.save()
    return attachment


def add_duty_records(world: World, *, staff, deputy) -> None:
    """A staff-entered activity, a 优秀建议 nomination and a quarterly publication (``duties``)."""
    from duties import services as duty_services

    world.activity = duty_services.activity_create(
        by=staff, deputy=deputy, kind="training", held_on=dt.date(2026, 2, 10), title="履职培训", evidence="培训通知"
    )
    world.nomination = duty_services.excellent_nominate(by=staff, proposal=world.item, reason="办理成效显著")
    world.publication = duty_services.publication_publish(by=staff, year=2025, quarter=4)
    from similar.models import RepeatLink

    world.repeat = RepeatLink.objects.create(proposal=world.item, earlier=world.submitted, marked_by=staff)


def _published(item: Proposal):
    """The item, agreed for publication by its deputy, on the public pages from today."""
    from publicsite.models import Publication

    Proposal.objects.filter(pk=item.pk).update(disclosure="agree")
    item.refresh_from_db()
    return Publication.objects.create(proposal=item, publish_on=timezone.localdate())
