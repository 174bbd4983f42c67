"""One item's history, told through the services in the order it happened.

A ``Story`` says what happened to an item and when (submitted, registered, assigned, signed, replied,
rated…). ``Teller`` turns it into dated steps, sorts them, and runs each step through
``proposals.services`` on the demo clock, so states, stored due dates and audit rows are the real ones.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from demo import catalog, files, promises, texts
from demo.clock import Clock
from demo.office import Office
from deputies.models import Deputy
from proposals import services
from proposals.choices import AssistChannel, ContactMethod, HandlingMode, Rating, ReviewStatus, Role
from proposals.deadlines import WorkCalendar
from proposals.models import AdjustmentRequest, Assignment, ExtensionRequest, Proposal, Reply
from proposals.models.assignment import AssignmentState as A
from units.models import Unit


@dataclass(frozen=True)
class Adjustment:
    requested: dt.date
    decided: dt.date | None = None  # None: still waiting for the office
    approve: bool = True
    reassign_to: str | None = None  # unit key the office hands the item to
    signed: dt.date | None = None  # when the new unit signs


@dataclass(frozen=True)
class Extension:
    requested: dt.date
    until: dt.date
    decided: dt.date | None = None
    approve: bool = True


@dataclass(frozen=True)
class Supervision:
    kind: str  # urge / notice / rectification
    issued: dt.date
    due: dt.date
    acknowledged: dt.date | None = None


@dataclass
class Story:
    session: str  # "congress" or "recess"
    year: int = 0  # the session's year: the congress year, or for a recess item the year it was raised in
    field: str | None = None
    unit: str | None = None  # the lead unit the item must go to
    title: str | None = None
    kind: str = "suggestion"
    lead: Deputy | None = None
    by_staff: bool = False
    created: dt.date | None = None
    submitted: dt.date | None = None
    withdrawn: dt.date | None = None
    rejected: dt.date | None = None
    merged: tuple[dt.date, str] | None = None  # (day, title of the item it joins)
    registered: dt.date | None = None
    decision: tuple[dt.date, str] | None = None
    assigned: dt.date | None = None
    mode: str = HandlingMode.SINGLE
    partner: str | None = None  # the co-unit (主办协办) or second unit (分办)
    signed: dt.date | None = None
    co_signs: bool = True
    key: dt.date | None = None
    adjustment: Adjustment | None = None
    extension: Extension | None = None
    opinion: dt.date | None = None
    meeting: dt.date | None = None
    reply: dt.date | None = None
    category: str = ""
    rating: tuple[dt.date, str] | None = None  # (day, result)
    staff_close: dt.date | None = None
    lapse: bool = False
    reply2: dt.date | None = None
    category2: str = ""
    rating2: tuple[dt.date, str] | None = None
    lapse2: bool = False
    supervision: tuple[Supervision, ...] = ()
    review: str = ""  # "returned": returned in review, then revised; "pending": still awaiting review
    assisted: bool = False  # the office enters the lead deputy's rating for them (代为录入)
    lead_key: str = ""  # set when the title is chosen


# Order of steps that fall on the same day.
CREATE, SUBMIT, DECIDE, MOTION, ASSIGN, KEY, SIGN, ADJUST, ADJUST_DECIDE, RESIGN, CONTACT, EXTEND, EXTEND_DECIDE = (
    range(13)
)
OPINION, REPLY_ONE, REPLY, RATE, CLOSE = range(13, 18)


class Teller:
    def __init__(self, *, office: Office, clock: Clock, rng: random.Random, calendar: WorkCalendar, today: dt.date):
        self.office, self.clock, self.rng, self.calendar, self.today = office, clock, rng, calendar, today
        # Disclosure and co-signers' ratings draw from their own numbers, leaving the rest of the demo as it was.
        self.signers_rng = random.Random(promises.SEED + 1)
        self.deferred: list[tuple[dt.date, int, Supervision, str]] = []  # (issued, proposal pk, step, unit key)
        self._doc_serials: dict[str, set[int]] = {}
        self.clock_day = today

    # --- the story --------------------------------------------------------------------------
    def tell(self, story: Story) -> Proposal:
        item = _Item(self, story)
        steps = item.steps()
        steps.sort(key=lambda s: (s[0], s[1], s[2]))
        for day, _order, _seq, step in steps:
            if day > self.today:
                raise ValueError(f"演示数据的日期{day}晚于今天：{story.title}")
            self.clock_day = day
            with self.clock.on(day):
                step()
        for action in story.supervision:
            self.deferred.append((action.issued, item.pk, action, item.lead_key))
        return item.proposal()

    def supervise_all(self) -> None:
        """Issue the supervision steps in date order, so their numbers run with the calendar."""
        for _issued, pk, action, unit_key in sorted(self.deferred, key=lambda d: (d[0], d[1])):
            proposal = Proposal.objects.get(pk=pk)
            unit = self.office.units[unit_key]
            due = proposal.effective_due
            wording = "urge_near" if action.kind == "urge" and due and action.issued <= due else action.kind
            with self.clock.on(action.issued):
                issued = services.supervision_issue(
                    proposal=proposal,
                    unit=unit,
                    by=self.office.staff,
                    kind=action.kind,
                    content=texts.SUPERVISION_TEXTS[wording].format(due=due),
                    due_on=action.due,
                    on=action.issued,
                )
            if action.acknowledged:
                with self.clock.on(action.acknowledged):
                    services.supervision_acknowledge(
                        action=issued, by=self.office.handler(unit), response=self.rng.choice(texts.ACKNOWLEDGEMENTS)
                    )

    def doc_serial(self, unit_key: str, on: dt.date) -> int:
        used = self._doc_serials.setdefault(unit_key, set())
        serial = on.timetuple().tm_yday // 2 + 10
        while serial in used:
            serial += 1
        used.add(serial)
        return serial


class _Item:
    """The steps of one story, bound to the item they create."""

    def __init__(self, teller: Teller, story: Story):
        self.t, self.s = teller, story
        self.office, self.rng = teller.office, teller.rng
        self.pk: int | None = None
        self.lead_key = story.lead_key
        self._steps: list[tuple[dt.date, int, int, Callable[[], None]]] = []

    def add(self, day: dt.date | None, order: int, step: Callable[[], None]) -> None:
        if day is not None:
            self._steps.append((day, order, len(self._steps), step))

    def proposal(self) -> Proposal:
        return Proposal.objects.get(pk=self.pk)

    def unit(self, key: str) -> Unit:
        return self.office.units[key]

    def live(self, *states: str, answering: bool | None = None) -> list[Assignment]:
        rows = Assignment.objects.filter(proposal_id=self.pk).exclude(state=A.WITHDRAWN).order_by("id")
        if states:
            rows = rows.filter(state__in=states)
        if answering is not None:
            rows = rows.filter(role__in=(Role.LEAD, Role.SPLIT)) if answering else rows.filter(role=Role.CO)
        return list(rows.select_related("unit"))

    # --- building the list of steps -------------------------------------------------------
    def steps(self) -> list:
        s = self.s
        self.add(s.created or s.submitted, CREATE, self.create)
        self.add(s.submitted, SUBMIT, self.submit)
        self.add(s.withdrawn, DECIDE, self.withdraw)
        self.add(s.rejected, DECIDE, self.reject)
        if s.merged:
            self.add(s.merged[0], DECIDE, self.merge)
        self.add(s.registered, DECIDE, self.register)
        if s.decision:
            self.add(s.decision[0], MOTION, self.decide)
        self.add(s.assigned, ASSIGN, self.assign)
        self.add(s.key, KEY, self.mark_key)
        self.add(s.signed, SIGN, lambda: self.sign(co=s.co_signs))
        self._adjustment_steps()
        self._extension_steps()
        self.add(s.opinion, OPINION, self.send_opinion)
        self.add(s.meeting, CONTACT, self.ask_meeting)
        if s.mode == HandlingMode.SPLIT and s.reply:
            self.add(s.reply - dt.timedelta(days=4), REPLY_ONE, lambda: self.reply(category=s.category, only_one=True))
        if s.review == promises.RETURNED and s.reply:
            self.add(s.reply - dt.timedelta(days=5), REPLY, lambda: self.reply(category=s.category, first_draft=True))
            self.add(s.reply - dt.timedelta(days=3), REPLY, self.return_reply)
        self.add(s.reply, REPLY, lambda: self.reply(category=s.category))
        if s.rating:
            self.add(s.rating[0], RATE, lambda: self.rate(s.rating[1]))
        self.add(s.staff_close, CLOSE, self.close_by_staff)
        if s.lapse and s.reply:
            self.add(self._lapse_day(s.reply), CLOSE, self.lapse)
        self.add(s.reply2, REPLY, lambda: self.reply(category=s.category2))
        if s.rating2:
            self.add(s.rating2[0], RATE, lambda: self.rate(s.rating2[1]))
        if s.lapse2 and s.reply2:
            self.add(self._lapse_day(s.reply2), CLOSE, self.lapse)
        self._contact_steps()
        return self._steps

    def _lapse_day(self, replied: dt.date) -> dt.date:
        from proposals.deadlines import add_months

        return add_months(replied, 1) + dt.timedelta(days=1)

    def _adjustment_steps(self) -> None:
        adj = self.s.adjustment
        if adj is None:
            return
        self.add(adj.requested, ADJUST, self.request_adjustment)
        self.add(adj.decided, ADJUST_DECIDE, self.decide_adjustment)
        self.add(adj.signed, RESIGN, lambda: self.sign(co=True))

    def _extension_steps(self) -> None:
        ext = self.s.extension
        if ext is None:
            return
        self.add(ext.requested, EXTEND, self.request_extension)
        self.add(ext.decided, EXTEND_DECIDE, self.decide_extension)

    def _contact_steps(self) -> None:
        """Contacts and progress notes while the answering unit is handling the item."""
        s = self.s
        adj = s.adjustment
        start = s.signed
        if adj is not None:
            if adj.decided is None:
                return
            start = adj.signed or adj.decided
        if start is None:
            return
        end = s.reply or self.t.today
        if s.extension and s.extension.decided is None:
            end = min(end, s.extension.requested)
        self._contacts_between(start, end, first=True)
        if s.rating and s.rating[1] == Rating.UNSATISFIED:
            self._contacts_between(s.rating[0], s.reply2 or self.t.today, first=False)

    def _contacts_between(self, start: dt.date, end: dt.date, *, first: bool) -> None:
        span = (end - start).days
        if span < 8:
            return
        methods = [
            ContactMethod.MEETING,
            ContactMethod.MEETING,
            ContactMethod.PHONE,
            ContactMethod.PHONE,
            ContactMethod.FORUM,
            ContactMethod.VISIT,
            ContactMethod.INSPECTION,
            ContactMethod.LETTER,
            ContactMethod.EMAIL,
        ]
        count = 1 if span < 25 else self.rng.choice((1, 2, 2, 3))
        days = sorted(self.rng.sample(range(2, span - 1), min(count, span - 3)))
        for offset in days:
            method = self.rng.choice(methods) if first else ContactMethod.MEETING
            self.add(start + dt.timedelta(days=offset), CONTACT, lambda m=method: self.contact(m))
        if span >= 20:
            for offset in sorted(self.rng.sample(range(3, span - 1), self.rng.choice((1, 2)))):
                self.add(start + dt.timedelta(days=offset), CONTACT, self.progress)

    # --- the steps ----------------------------------------------------------------------------
    def create(self) -> None:
        s = self.s
        others = [d for d in self.office.deputies if d.pk != s.lead.pk]
        same = [d for d in others if d.delegation_id == s.lead.delegation_id]
        co_signers = self.rng.sample(same, min(len(same), self.rng.choice((0, 1, 2, 3))))
        if self.rng.random() < 0.3:
            co_signers.append(self.rng.choice(others))
        proposal = services.proposal_create(
            by=self.office.staff if s.by_staff else s.lead.user,
            session=self.office.session(s.session, s.year or (s.submitted or s.created).year),
            kind=s.kind,
            title=s.title,
            content=texts.proposal_content(title=s.title, field=s.field, rng=self.rng),
            field=s.field,
            lead_deputy=s.lead,
            co_signers=co_signers,
            submitted_on=s.submitted,
        )
        if zlib.crc32(s.title.encode()) % 3 == 0:  # some deputies attach their research notes
            material = files.submission_attachment(title=s.title, field=s.field, content=proposal.content)
            services.attachments_add(
                proposal=proposal, by=self.office.staff if s.by_staff else s.lead.user, files=[material]
            )
        # A deputy's co-signers were invited; in the demo's history they accepted the same day.
        for invitation in proposal.cosign_invitations.select_related("deputy__user"):
            services.cosign_answer(invitation=invitation, by=invitation.deputy.user, accept=True)
        self.pk = proposal.pk

    def submit(self) -> None:
        # A deputy says at submission whether the item may be published; a paper item entered by staff does not.
        said = {} if self.s.by_staff else promises.disclosure(self.t.signers_rng)
        services.proposal_submit(
            proposal=self.proposal(), by=self.office.staff if self.s.by_staff else self.s.lead.user, **said
        )

    def withdraw(self) -> None:
        services.proposal_withdraw(proposal=self.proposal(), by=self.s.lead.user, comment="拟与其他代表联名后重新提出")

    def reject(self) -> None:
        services.proposal_reject(
            proposal=self.proposal(), by=self.office.staff, reason=self.rng.choice(catalog.REJECTED_REASONS)
        )

    def merge(self) -> None:
        proposal = self.proposal()
        into = Proposal.objects.get(session_id=proposal.session_id, title=self.s.merged[1])
        services.proposal_merge(
            proposal=proposal, into=into, by=self.office.staff, comment=f"与《{into.title}》内容相近，并案办理"
        )

    def register(self) -> None:
        services.proposal_register(proposal=self.proposal(), by=self.office.staff)

    def decide(self) -> None:
        decision = self.s.decision[1]
        notes = {
            "to_agenda": "经主席团会议审议，决定列入本次会议议程。",
            "not_to_agenda": "经主席团会议审议，决定交有关专门委员会审议后提出处理意见，不列入本次会议议程。",
            "convert": "经主席团会议审议，该议案作为代表建议交有关部门办理。",
        }
        services.motion_decide(
            proposal=self.proposal(), by=self.office.staff, decision=decision, comment=notes[decision]
        )

    def assign(self) -> None:
        s = self.s
        lead, partner = self.unit(self.lead_key), self.unit(s.partner) if s.partner else None
        leads, cos = [lead], []
        if s.mode == HandlingMode.LEAD_CO:
            cos = [partner]
        elif s.mode == HandlingMode.SPLIT:
            leads.append(partner)
        services.proposal_assign(
            proposal=self.proposal(), by=self.office.staff, mode=s.mode, lead_units=leads, co_units=cos, on=s.assigned
        )

    def mark_key(self) -> None:
        supervisor = {
            "城乡建设": catalog.SUPERVISORS[2],
            "生态环境": catalog.SUPERVISORS[2],
            "教育": catalog.SUPERVISORS[3],
            "医疗卫生": catalog.SUPERVISORS[3],
            "文化旅游": catalog.SUPERVISORS[3],
        }.get(self.s.field, self.rng.choice(catalog.SUPERVISORS[:2]))
        services.key_supervision_set(
            proposal=self.proposal(),
            by=self.office.staff,
            selected=True,
            supervisor=supervisor,
            comment="经主任会议研究确定",
        )

    def sign(self, *, co: bool) -> None:
        for assignment in self.live(A.PENDING_SIGN):
            if assignment.role == Role.CO and not co:
                continue
            services.assignment_sign(assignment=assignment, by=self.office.handler(assignment.unit))

    def request_adjustment(self) -> None:
        adj = self.s.adjustment
        assignment = self.live(A.PENDING_SIGN, A.HANDLING, answering=True)[0]
        other = self.unit(adj.reassign_to) if adj.reassign_to else None
        reason = self.rng.choice(texts.ADJUSTMENT_REASONS).format(other=other or "其他相关部门")
        services.adjustment_request(
            assignment=assignment,
            by=self.office.handler(assignment.unit),
            reason=reason,
            proposed_unit=other,
            on=adj.requested,
        )

    def decide_adjustment(self) -> None:
        adj = self.s.adjustment
        request = AdjustmentRequest.objects.get(assignment__proposal_id=self.pk, status="pending")
        if adj.approve:
            services.adjustment_approve(
                request=request,
                by=self.office.staff,
                note="经核实，同意调整。",
                reassign_to=self.unit(adj.reassign_to) if adj.reassign_to else None,
                on=adj.decided,
            )
            if adj.reassign_to:
                self.lead_key = adj.reassign_to
        else:
            services.adjustment_deny(
                request=request, by=self.office.staff, note="经研究，该事项属你单位职责范围，请认真办理。"
            )

    def request_extension(self) -> None:
        ext = self.s.extension
        assignment = self.live(A.HANDLING, answering=True)[0]
        services.extension_request(
            assignment=assignment,
            by=self.office.handler(assignment.unit),
            until=ext.until,
            reason=self.rng.choice(texts.EXTENSION_REASONS),
        )

    def decide_extension(self) -> None:
        ext = self.s.extension
        request = ExtensionRequest.objects.get(assignment__proposal_id=self.pk, status="pending")
        if ext.approve:
            services.extension_approve(request=request, by=self.office.staff, until=ext.until)
        else:
            services.extension_deny(
                request=request, by=self.office.staff, note="该件已列入重点督办，不同意延期，请按期答复。"
            )

    def acting(self) -> Assignment:
        return self.live(A.HANDLING, A.EXTENSION_REQUESTED, A.REPLIED, answering=True)[0]

    def contact(self, method: str) -> None:
        assignment, day = self.acting(), self.t.clock_day
        services.contact_log(
            assignment=assignment,
            by=self.office.handler(assignment.unit),
            method=method,
            contacted_on=day,
            summary=texts.CONTACT_SUMMARIES[method].format(deputy=self.s.lead.name),
            participants=f"{assignment.unit.contact_person}、{self.s.lead.name}代表",
        )

    def progress(self) -> None:
        assignment = self.acting()
        services.progress_add(
            assignment=assignment,
            by=self.office.handler(assignment.unit),
            body=self.rng.choice(texts.PROGRESS),
            noted_on=self.t.clock_day,
        )

    def ask_meeting(self) -> None:
        services.meeting_request(
            proposal=self.proposal(),
            by=self.s.lead.user,
            deputy=self.s.lead,
            message=self.rng.choice(texts.MEETING_MESSAGES),
        )

    def send_opinion(self) -> None:
        for assignment in self.live(A.HANDLING, answering=False):
            services.opinion_send(
                assignment=assignment,
                by=self.office.handler(assignment.unit),
                body=self.rng.choice(texts.OPINIONS),
                on=self.s.opinion,
            )

    def reply(self, *, category: str, only_one: bool = False, first_draft: bool = False) -> None:
        day = self.t.clock_day
        revised = self.s.review == promises.RETURNED and not first_draft
        pending = self.live(A.HANDLING, answering=True)
        for assignment in pending[:1] if only_one else pending:
            info = next(u for u in catalog.UNITS if u.name == assignment.unit.name)
            proposal = assignment.proposal
            body = texts.reply_body(
                title=proposal.title,
                deputy=self.s.lead.name,
                unit=assignment.unit.name,
                field=proposal.field,
                category=category,
                round_no=assignment.round,
            )
            doc_number = texts.doc_number(prefix=info.doc_prefix, on=day, serial=self.t.doc_serial(info.key, day))
            reply = services.reply_submit(
                assignment=assignment,
                by=self.office.handler(assignment.unit),
                category=category,
                done_items=(promises.REVISED_NOTE if revised else "") + texts.DONE_ITEMS[category],
                planned=texts.planned_actions(category=category, replied_on=day),
                not_adopted_reason=texts.NOT_ADOPTED.get(category, ""),
                adoption=texts.ADOPTION[category],
                body=body,
                doc_number=doc_number,
                file=files.reply_letter_file(
                    unit=assignment.unit.name, doc_number=doc_number, title=proposal.title, body=body, replied_on=day
                ),
                signer=info.signer,
                contact_person=info.contact,
                contact_phone=assignment.unit.phone,
                replied_on=day,
            )
            waits = first_draft or self.s.review == promises.PENDING
            if reply.review_status == ReviewStatus.PENDING and not waits:
                services.reply_approve(reply=reply, by=self.office.staff, on=day)

    def return_reply(self) -> None:
        """The office returns the first version: the unit revises it and submits again."""
        reply = Reply.objects.get(proposal_id=self.pk, review_status=ReviewStatus.PENDING)
        services.reply_return(reply=reply, by=self.office.staff, reason=promises.RETURN_REASON, on=self.t.clock_day)

    def rate(self, result: str) -> None:
        unsatisfied = result == Rating.UNSATISFIED
        self.co_signers_rate()
        assisted = (
            {"assisted_channel": AssistChannel.PHONE, "assisted_reason": promises.ASSIST_REASON}
            if self.s.assisted
            else {}
        )
        services.evaluation_submit(
            proposal=self.proposal(),
            by=self.office.staff if self.s.assisted else self.s.lead.user,
            deputy=self.s.lead,
            **assisted,
            attitude=Rating.BASIC if unsatisfied else self.rng.choice((Rating.SATISFIED, Rating.SATISFIED, result)),
            result=result,
            reason=self.rng.choice(texts.UNSATISFIED_REASONS)
            if unsatisfied
            else self.rng.choice(texts.SATISFIED_REMARKS),
            on=self.t.clock_day,
        )

    def co_signers_rate(self) -> None:
        """About half the co-signers rate the reply online too, on the day the lead deputy does."""
        proposal, rng = self.proposal(), self.t.signers_rng
        for deputy in proposal.co_signers.order_by("pk").select_related("user"):
            if deputy.user_id is None or rng.random() < 0.5:
                continue
            result = rng.choice((Rating.SATISFIED, Rating.SATISFIED, Rating.BASIC, Rating.BASIC, Rating.UNSATISFIED))
            services.co_signer_evaluation_submit(
                proposal=proposal,
                by=deputy.user,
                deputy=deputy,
                attitude=Rating.SATISFIED if result != Rating.UNSATISFIED else Rating.BASIC,
                result=result,
                reason=rng.choice(texts.UNSATISFIED_REASONS) if result == Rating.UNSATISFIED else "",
                on=self.t.clock_day,
            )

    def close_by_staff(self) -> None:
        services.proposal_close(
            proposal=self.proposal(),
            by=self.office.staff,
            comment="答复所涉事项已列入相关规划，代表已调离本市未作评价，经审核予以办结并转入跟踪督办。",
            unevaluated=True,
            on=self.s.staff_close,
        )

    def lapse(self) -> None:
        services.proposals_close_lapsed(on=self.t.clock_day)
