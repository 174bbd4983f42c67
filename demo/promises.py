"""Replies that answer and promises that are kept, in the demo: the office's review, 跟踪落实, every signer's
rating and the public pages.

``choose`` marks a few stories before they are told: one reply returned in review (with the reason) and
revised, one still awaiting review, one rating the office enters for the lead deputy (代为录入). While the
stories are told, co-signers rate alongside the lead deputy, and deputies say at submission whether the
item may be published. ``PromisesTeller`` then, after every story: the units report their promises due so
far (most 已落实, some 未落实, some left open and overdue), the office corrects one reply's category, enters a
co-signer's rating for them, and withdraws one publication. Its randomness is its own, so the rest of the
demo stays as it was.
"""

from __future__ import annotations

import datetime as dt
import random

from demo.clock import Clock
from demo.office import Office
from proposals import services
from proposals.choices import AssistChannel, Category, HandlingMode, Rating, ReviewStatus
from proposals.models import HandlingRules, PlannedAction, Proposal, Reply
from proposals.services.evaluation import co_signers_yet_to_rate
from publicsite.models import Publication
from publicsite.services import publication_withdraw

SEED = 20260112

RETURNED = "returned"
PENDING = "pending"
RETURN_REASON = "答复内容原则笼统，已落实事项和计划落实事项未写明具体措施和完成时限，请补充完善后重新报送。"
REVISED_NOTE = "根据代表工作机构审查意见，补充说明如下："
ASSIST_REASON = "代表年事已高，不使用网络，电话告知评价意见"
CO_ASSIST_REASON = "代表在外地学习，来信反馈评价意见"
CORRECT_REASON = "答复已明确列入明年实施计划并写明落实时限，按规定应为B类（正在解决或列入规划逐步解决）"
WITHDRAW_REASON = "答复所涉项目选址方案调整，原答复内容已不准确，暂停公开，待承办单位重新答复后再行公开"
REFUSE_REASONS = ("涉及个别群众的个人信息", "所反映问题涉及企业商业信息", "内容涉及正在处理的矛盾纠纷")
DONE_NOTES = (
    "已按计划完成，相关资料已报送代表工作机构备案。",
    "项目已完成并通过验收，已向代表当面通报落实情况。",
    "已完成立项审批，资金已下达，进入实施阶段。",
)
NOT_DONE_NOTES = (
    "受资金到位时间影响，尚未完成，预计推迟三个月完成。",
    "因用地手续尚未办结，暂未实施，已向代表说明情况。",
)


def _single_replied(stories, *, rated: bool):
    for story in stories:
        if story.mode != HandlingMode.SINGLE or story.reply is None or story.reply2 is not None:
            continue
        if story.signed is None or (story.reply - story.signed).days < 20 or story.adjustment or story.extension:
            continue
        if rated and (story.rating is None or story.rating[1] == Rating.UNSATISFIED):
            continue
        if not rated and (story.rating is not None or story.lapse or story.staff_close):
            continue
        yield story


def choose(stories, *, office: Office, today: dt.date) -> None:
    """Mark the stories that show the review and the assisted rating (the same ones for the same day)."""
    demo = office.demo_deputy.pk
    others = [s for s in stories if s.lead is not None and s.lead.pk != demo]
    returned = None
    if HandlingRules.current().reply_review:  # an office that turned the review off approves nothing by hand
        returned = next(s for s in _single_replied(others, rated=True) if s.category in (Category.A, Category.B))
        returned.review = RETURNED
        waiting = sorted(_single_replied(others, rated=False), key=lambda s: s.reply, reverse=True)
        waiting[0].review = PENDING
    assisted = next(s for s in _single_replied(others, rated=True) if s is not returned)
    assisted.assisted = True


def disclosure(rng: random.Random) -> dict:
    """What the deputy says at submission: most agree to publish, some refuse with a reason."""
    if rng.random() < 0.8:
        return {"disclosure": "agree"}
    return {"disclosure": "refuse", "non_disclosure_reason": rng.choice(REFUSE_REASONS)}


class PromisesTeller:
    def __init__(self, *, office: Office, clock: Clock, today: dt.date):
        self.office, self.clock, self.today = office, clock, today
        self.rng = random.Random(SEED)

    def build(self) -> None:
        self.report_promises()
        self.correct_a_category()
        self.enter_a_co_signers_rating()
        self.withdraw_a_publication()

    def report_promises(self) -> None:
        """Every promise of a reply of record due by today: most reported 已落实 around the due day, some
        未落实, and every fifth left unreported (overdue)."""
        due = (
            PlannedAction.objects.filter(reply__review_status=ReviewStatus.APPROVED, due_on__lte=self.today)
            .select_related("reply", "unit")
            .order_by("due_on", "pk")
        )
        reports = []
        for n, action in enumerate(due):
            if n % 5 == 2:
                continue  # left open: overdue under 跟踪落实
            done = n % 4 != 3
            day = action.due_on - dt.timedelta(days=self.rng.randint(0, 12))
            day = min(max(day, action.reply.replied_on + dt.timedelta(days=1)), self.today)
            note = self.rng.choice(DONE_NOTES if done else NOT_DONE_NOTES)
            reports.append((day, action.pk, action, done, note))
        for day, _pk, action, done, note in sorted(reports, key=lambda r: (r[0], r[1])):
            with self.clock.on(day):
                services.followup_report(
                    action=action, by=self.office.handler(action.unit), done=done, note=note, on=day
                )

    def correct_a_category(self) -> None:
        """The office finds a C reply that names a dated plan for next year and corrects it to B."""
        reply = (
            Reply.objects.filter(review_status=ReviewStatus.APPROVED, category=Category.C, round=1)
            .exclude(planned_actions__isnull=True)
            .order_by("replied_on", "pk")
            .first()
        )
        if reply is None:
            return
        with self.clock.on(self.today):
            services.reply_correct_category(
                reply=reply, by=self.office.staff, category=Category.B, reason=CORRECT_REASON
            )

    def enter_a_co_signers_rating(self) -> None:
        """A co-signer who does not go online writes in; the office enters the rating for them."""
        demo = self.office.demo_deputy.pk
        candidates = (
            Proposal.objects.filter(state__in=("replied", "closed"), co_signers__isnull=False)
            .exclude(lead_deputy_id=demo)
            .order_by("first_replied_on", "pk")
            .distinct()
        )
        for proposal in candidates:
            yet = co_signers_yet_to_rate(proposal).first()
            if yet is None or proposal.first_replied_on is None:
                continue
            day = min(proposal.first_replied_on + dt.timedelta(days=9), self.today)
            with self.clock.on(day):
                services.co_signer_evaluation_submit(
                    proposal=proposal,
                    by=self.office.staff,
                    deputy=yet,
                    attitude=Rating.SATISFIED,
                    result=Rating.BASIC,
                    reason="希望加快后续工作进度",
                    on=day,
                    assisted_channel=AssistChannel.WRITTEN,
                    assisted_reason=CO_ASSIST_REASON,
                )
            return

    def withdraw_a_publication(self) -> None:
        """The office takes one live publication off the public pages, with its reason."""
        live = Publication.objects.filter(withdrawn_at__isnull=True, publish_on__lte=self.today - dt.timedelta(days=20))
        publication = live.order_by("publish_on", "pk").first()
        if publication is None:
            return
        with self.clock.on(publication.publish_on + dt.timedelta(days=10)):
            publication_withdraw(publication=publication, by=self.office.staff, reason=WITHDRAW_REASON)
