"""What the demo office's year looks like: about 120 stories, one for each item, dated around today.

The office's last full congress year is this year from 20 November on, else the year before: its
session's items were raised in January and are mostly answered and rated. The items raised since
(闭会期间) are spread over every stage, with dates counted back from today so that "near due" and
"overdue" mean what they say on the day the demo is built, in any year. When the last full year is
the year before, this year's session (10 January) adds its own items, as far along as the date allows.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from demo import catalog
from demo.office import Office
from demo.stories import Adjustment, Extension, Story, Supervision
from proposals.choices import Category, HandlingMode, Rating
from proposals.deadlines import WorkCalendar, add_months

UNIT = catalog.DEMO_UNIT
# From this day of the year on, the year's congress stories (the last 督办 step is early November) are all past.
FULL_YEAR_FROM = (11, 20)
CURRENT_SESSION_ITEMS = 8


def congress_year(today: dt.date) -> int:
    """The last year whose congress session's items have run their whole course by ``today``."""
    return today.year if today >= dt.date(today.year, *FULL_YEAR_FROM) else today.year - 1


class Planner:
    def __init__(self, *, office: Office, rng: random.Random, calendar: WorkCalendar, today: dt.date):
        self.office, self.rng, self.cal, self.today = office, rng, calendar, today
        self.demo = office.demo_deputy
        self.year = year = congress_year(today)
        self.session_days = [dt.date(year, 1, 10) + dt.timedelta(days=n) for n in range(5)]
        self.review_start = dt.date(year, 1, 26)
        # The two 交办 meetings after the session, and the 主任会议 that chose the year's 重点督办 items.
        self.batches = (self.workday(dt.date(year, 2, 10)), self.workday(dt.date(year, 3, 4)))
        self.key_meeting = self.workday(dt.date(year, 3, 12))

    def on(self, month: int, day: int) -> dt.date:
        """A working day of the congress year: ``month``/``day`` or the working day before."""
        return self.workday(dt.date(self.year, month, day))

    # --- dates ---------------------------------------------------------------------------------
    def ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def workday(self, day: dt.date) -> dt.date:
        """``day`` or the working day before it."""
        while not self.cal.is_workday(day):
            day -= dt.timedelta(days=1)
        return day

    def workdays_ago(self, count: int) -> dt.date:
        day = self.workday(self.today)
        for _ in range(count):
            day = self.workday(day - dt.timedelta(days=1))
        return day

    def after(self, day: dt.date, workdays: int) -> dt.date:
        return min(self.cal.add_workdays(day, workdays), self.today)

    def sign_day(self, assigned: dt.date) -> dt.date:
        return self.after(assigned, self.rng.choice((1, 1, 2, 3)))

    def intake(self, assigned: dt.date) -> tuple[dt.date, dt.date]:
        registered = self.workday(assigned - dt.timedelta(days=self.rng.randint(3, 8)))
        return registered - dt.timedelta(days=self.rng.randint(2, 6)), registered

    def category(self) -> str:
        return self.rng.choices(Category.values, weights=(40, 35, 18, 7))[0]

    def mode(self) -> str:
        return self.rng.choices(HandlingMode.values, weights=(70, 20, 10))[0]

    def good(self) -> str:
        return self.rng.choice((Rating.SATISFIED, Rating.SATISFIED, Rating.BASIC))

    # --- the two sessions ----------------------------------------------------------------------
    def congress(self, *, assigned: dt.date | None = None, **kw) -> Story:
        story = Story(
            session="congress",
            year=self.year,
            by_staff=self.rng.random() < 0.6,
            submitted=self.rng.choice(self.session_days),
            registered=self.workday(self.review_start + dt.timedelta(days=self.rng.randint(0, 4))),
            assigned=assigned,
            signed=self.sign_day(assigned) if assigned else None,
            mode=self.mode(),
        )
        return _apply(story, kw)

    def recess(self, *, assigned: dt.date | None = None, signed: bool = True, **kw) -> Story:
        story = Story(session="recess")
        if assigned:
            story.submitted, story.registered = self.intake(assigned)
            story.assigned = assigned
            story.signed = self.sign_day(assigned) if signed else None
            story.mode = self.mode()
        return _apply(story, kw)

    def answered(self, story: Story, *, reply: dt.date, rating: str | None = None, rate_after: int = 0) -> Story:
        story.reply, story.category = reply, story.category or self.category()
        story.category2 = self.category() if story.category2 == "" else story.category2
        if story.mode == HandlingMode.LEAD_CO and story.opinion is None:
            story.opinion = max(story.signed, reply - dt.timedelta(days=self.rng.randint(5, 12)))
        if rating:
            story.rating = (reply + dt.timedelta(days=rate_after or self.rng.randint(6, 24)), rating)
        return story

    # --- the year --------------------------------------------------------------------------------
    def stories(self) -> list[Story]:
        out = self.congress_stories() + self.recess_stories() + self.current_session_stories()
        return out + self.duplicate_stories(out)

    def current_session_stories(self) -> list[Story]:
        """This year's session, when it is not the congress year: its items as far as today allows."""
        year = self.today.year
        opened = dt.date(year, 1, 10)
        if year == self.year or self.today < opened + dt.timedelta(days=5):
            return []
        out: list[Story] = []
        for i in range(CURRENT_SESSION_ITEMS):
            submitted = opened + dt.timedelta(days=self.rng.randint(0, min(4, (self.today - opened).days)))
            story = Story(session="congress", year=year, by_staff=self.rng.random() < 0.6, submitted=submitted)
            review = self.workday(dt.date(year, 1, 26) + dt.timedelta(days=self.rng.randint(0, 4)))
            if review < self.today:
                story.registered = review
                batch = self.workday(dt.date(year, 2, 10) if i < 5 else dt.date(year, 3, 4))
                if review < batch < self.today:
                    story.assigned, story.signed, story.mode = batch, self.sign_day(batch), self.mode()
                    reply = batch + dt.timedelta(days=self.rng.randint(50, 85))
                    rate_after = self.rng.randint(6, 24)
                    if reply < self.today:
                        rated = reply + dt.timedelta(days=rate_after) <= self.today
                        self.answered(story, reply=reply, rating=self.good() if rated else None, rate_after=rate_after)
            out.append(story)
        return out

    def congress_stories(self) -> list[Story]:
        out: list[Story] = []
        for i in range(30):
            assigned = self.batches[0] if i < 20 else self.batches[1]
            kw = {}
            if i == 0:
                kw = {"title": "关于加快推进老旧小区加装电梯工作的建议"}
            elif i == 1:
                kw = {"title": "关于加强中小学课后服务经费保障的建议", "lead": self.demo}
            elif i == 21:
                kw = {"field": "教育", "lead": self.demo}
            story = self.congress(assigned=assigned, **kw)
            if i in (3, 11):
                story.key = self.key_meeting
            if i == 21:
                story.meeting = story.signed + dt.timedelta(days=12)
            out.append(
                self.answered(story, reply=assigned + dt.timedelta(days=self.rng.randint(50, 85)), rating=self.good())
            )
        for _ in range(3):  # answered late, after a 催办
            story = self.congress(assigned=self.batches[0])
            due = add_months(self.batches[0], 3)
            issued = self.workday(due + dt.timedelta(days=3))
            story.supervision = (Supervision("urge", issued, issued + dt.timedelta(days=7), self.after(issued, 1)),)
            out.append(
                self.answered(story, reply=due + dt.timedelta(days=self.rng.randint(8, 20)), rating=Rating.BASIC)
            )
        for _ in range(3):  # extended, then answered within the extension
            story = self.congress(assigned=self.batches[1])
            due = add_months(self.batches[1], 3)
            requested = self.workday(due - dt.timedelta(days=self.rng.randint(10, 20)))
            until = due + dt.timedelta(days=self.rng.randint(30, 60))
            story.extension = Extension(requested, until, self.after(requested, 2))
            out.append(
                self.answered(story, reply=until - dt.timedelta(days=self.rng.randint(5, 15)), rating=self.good())
            )
        for _ in range(4):  # the deputy never rated; closed when the window lapsed
            story = self.congress(assigned=self.batches[0])
            story.lapse = True
            out.append(self.answered(story, reply=self.batches[0] + dt.timedelta(days=self.rng.randint(60, 85))))
        story = self.congress(assigned=self.batches[1], category=Category.C)
        out.append(self.answered(story, reply=self.batches[1] + dt.timedelta(days=70)))
        story.staff_close = story.reply + dt.timedelta(days=18)
        for n in range(4):  # 不满意 → a second round
            story = self.answered(
                self.congress(assigned=self.batches[0]),
                reply=self.batches[0] + dt.timedelta(days=self.rng.randint(55, 80)),
                rating=Rating.UNSATISFIED,
                rate_after=10,
            )
            story.reply2 = story.rating[0] + dt.timedelta(days=self.rng.randint(15, 28))
            story.category2 = Category.A if n % 2 else Category.B
            if n < 3:
                story.rating2 = (story.reply2 + dt.timedelta(days=self.rng.randint(5, 15)), self.good())
            else:
                story.lapse2 = True
            out.append(story)
        for _ in range(2):
            out.append(self.congress(rejected=self.workday(self.review_start + dt.timedelta(days=2)), registered=None))
        out += self.motions()
        # The year's problem item: extended to the cap, supervised step by step, still not answered.
        story = self.congress(assigned=self.batches[0], unit=UNIT, key=self.key_meeting)
        requested = self.on(4, 28)
        story.extension = Extension(requested, add_months(self.batches[0], 6), self.after(requested, 2))
        urge, notice, rectification = self.on(8, 13), self.on(9, 1), self.on(11, 2)
        story.supervision = (
            Supervision("urge", urge, urge + dt.timedelta(days=7), self.after(urge, 1)),
            Supervision("notice", notice, notice + dt.timedelta(days=14), self.after(notice, 2)),
            Supervision("rectification", rectification, rectification + dt.timedelta(days=14)),
        )
        out.append(story)
        return out

    def motions(self) -> list[Story]:
        out = []
        for field, unit, title, decision in catalog.MOTIONS:
            story = Story(
                session="congress",
                year=self.year,
                kind="motion",
                field=field,
                unit=unit,
                title=title,
                by_staff=True,
                submitted=self.session_days[self.rng.randint(0, 2)],
                registered=self.session_days[3],
                decision=(self.session_days[4], decision),
            )
            if decision == "convert":
                story.assigned, story.signed = self.batches[0], self.sign_day(self.batches[0])
                self.answered(
                    story, reply=self.batches[0] + dt.timedelta(days=self.rng.randint(60, 80)), rating=self.good()
                )
            out.append(story)
        return out

    def recess_stories(self) -> list[Story]:
        out: list[Story] = []
        for i in range(6):  # answered and rated in spring and summer
            assigned = self.workday(dt.date(self.year, 3, 10) + dt.timedelta(days=18 * i))
            story = self.recess(assigned=assigned, lead=self.demo if i == 2 else None)
            out.append(
                self.answered(story, reply=assigned + dt.timedelta(days=self.rng.randint(50, 80)), rating=self.good())
            )
        story = self.recess(assigned=self.on(5, 12))
        story.lapse = True
        out.append(self.answered(story, reply=story.assigned + dt.timedelta(days=60)))
        story = self.answered(
            self.recess(assigned=self.on(4, 8)),
            reply=self.on(6, 19),
            rating=Rating.UNSATISFIED,
            rate_after=11,
        )
        story.reply2, story.rating2 = self.on(7, 24), (self.on(8, 3), Rating.SATISFIED)
        out.append(story)
        # Re-handling now: near its due date (the unit's), overdue (the demo deputy's), and fresh.
        for reply_ago, rated_ago, extra in ((35, 22, {"unit": UNIT}), (55, 45, {"lead": self.demo}), (18, 8, {})):
            reply = self.ago(reply_ago)
            story = self.recess(assigned=self.workday(reply - dt.timedelta(days=70)), **extra)
            self.answered(story, reply=reply, rating=Rating.UNSATISFIED, rate_after=reply_ago - rated_ago)
            if rated_ago == 45:
                issued = self.workday(self.ago(12))
                story.supervision = (Supervision("urge", issued, issued + dt.timedelta(days=7), self.after(issued, 1)),)
            out.append(story)
        story = self.answered(
            self.recess(assigned=self.workday(self.ago(150))),
            reply=self.ago(70),
            rating=Rating.UNSATISFIED,
            rate_after=10,
        )
        story.reply2 = self.ago(14)
        out.append(story)
        # Answered, waiting for the deputy's rating.
        waiting = (
            {"unit": UNIT},
            {"lead": self.demo, "field": "教育"},
            {"mode": HandlingMode.SPLIT, "field": "交通", "unit": "jtj", "partner": "gaj"},
            {"mode": HandlingMode.LEAD_CO, "title": "关于加快发展社区居家养老服务的建议", "partner": "czj"},
            {},
        )
        for reply_ago, extra in zip((3, 6, 12, 18, 25), waiting, strict=True):
            story = self.recess(assigned=self.workday(self.ago(self.rng.randint(85, 110))), **extra)
            out.append(self.answered(story, reply=self.ago(reply_ago)))
        out += self.open_stories()
        return out

    def open_stories(self) -> list[Story]:
        out: list[Story] = []
        # Being handled, due later.
        handling = (
            {},
            {"mode": HandlingMode.LEAD_CO, "opinion_after": 20},
            {"mode": HandlingMode.LEAD_CO, "field": "交通", "partner": UNIT},
            {"mode": HandlingMode.SPLIT},
            {"lead": self.demo, "field": "教育", "meeting_after": 12},
            {"title": "关于深入推进生活垃圾分类工作的建议"},
        )
        for days, extra in zip((22, 30, 38, 47, 55, 66), handling, strict=True):
            extra = dict(extra)
            opinion_after, meeting_after = extra.pop("opinion_after", 0), extra.pop("meeting_after", 0)
            story = self.recess(assigned=self.workday(self.ago(days)), **extra)
            if opinion_after:
                story.opinion = story.assigned + dt.timedelta(days=opinion_after)
            if meeting_after:
                story.meeting = story.signed + dt.timedelta(days=meeting_after)
            out.append(story)
        three_months_ago, four_months_ago = add_months(self.today, -3), add_months(self.today, -4)
        # Near the due date.
        for n, days in enumerate((3, 6, 10, 13)):
            story = self.recess(assigned=self.workday(three_months_ago + dt.timedelta(days=days)))
            if n < 2:
                story.unit = UNIT
            if n == 1:
                issued = self.workday(self.ago(3))
                story.supervision = (Supervision("urge", issued, issued + dt.timedelta(days=7)),)
            out.append(story)
        # Overdue: assigned about four months ago, chased with 催办 and 督办通知.
        for n, days in enumerate((-6, 3, 9, 16)):
            story = self.recess(assigned=self.workday(four_months_ago + dt.timedelta(days=days)))
            due = add_months(story.assigned, 3)
            urge = self.workday(due + dt.timedelta(days=3))
            steps = [Supervision("urge", urge, urge + dt.timedelta(days=7), self.after(urge, 1))]
            if n in (0, 2):
                notice = self.workday(due + dt.timedelta(days=12))
                steps.append(
                    Supervision(
                        "notice", notice, notice + dt.timedelta(days=10), self.after(notice, 2) if n == 0 else None
                    )
                )
            story.supervision = tuple(steps)
            if n == 0:
                story.unit = UNIT
            if n < 2:
                story.key = self.after(story.assigned, 8)
            out.append(story)
        out += self.request_stories(three_months_ago, four_months_ago)
        return out

    def request_stories(self, three_months_ago: dt.date, four_months_ago: dt.date) -> list[Story]:
        out: list[Story] = []
        # Extension asked, waiting for the office.
        for n, days in enumerate((2, 8)):
            story = self.recess(
                assigned=self.workday(three_months_ago + dt.timedelta(days=days)), unit=UNIT if n == 0 else None
            )
            due = add_months(story.assigned, 3)
            story.extension = Extension(self.workdays_ago(2), due + dt.timedelta(days=45))
            out.append(story)
        # Extension granted (twice) and refused (once, so the item is now overdue).
        for n, days in enumerate((5, 12, 8)):
            story = self.recess(
                assigned=self.workday(four_months_ago + dt.timedelta(days=days)), unit=UNIT if n == 0 else None
            )
            due = add_months(story.assigned, 3)
            requested = self.workday(due - dt.timedelta(days=10))
            story.extension = Extension(requested, due + dt.timedelta(days=50), self.after(requested, 2), approve=n < 2)
            if n == 2:
                urge = self.workday(due + dt.timedelta(days=3))
                story.supervision = (Supervision("urge", urge, urge + dt.timedelta(days=5), self.after(urge, 1)),)
            out.append(story)
        # Adjustment (re-assignment) asked, waiting: one before signing (the demo unit), one after.
        assigned = self.workdays_ago(5)
        story = self.recess(assigned=assigned, signed=False, unit=UNIT, mode=HandlingMode.SINGLE)
        story.adjustment = Adjustment(self.after(assigned, 3), reassign_to="zrj")
        out.append(story)
        assigned = self.workdays_ago(6)
        story = self.recess(assigned=assigned, field="交通", unit="gaj", mode=HandlingMode.SINGLE)
        story.signed = self.after(assigned, 1)
        story.adjustment = Adjustment(self.after(assigned, 4), reassign_to="jtj")
        out.append(story)
        # Adjustment granted with re-assignment: to the demo unit (still handling) and to another (answered).
        for title_unit, to_unit, days, reply_ago in (("zrj", UNIT, 40, None), ("swuj", "fgw", 60, 9)):
            assigned = self.workday(self.ago(days))
            story = self.recess(
                assigned=assigned,
                unit=title_unit,
                field="城乡建设" if to_unit == UNIT else "经济发展",
                mode=HandlingMode.SINGLE,
            )
            story.signed = self.after(assigned, 1)
            requested = self.after(assigned, 5)
            decided = self.after(requested, 2)
            story.adjustment = Adjustment(requested, decided, reassign_to=to_unit, signed=self.after(decided, 1))
            if reply_ago:
                self.answered(story, reply=self.ago(reply_ago))
            out.append(story)
        # Adjustment refused; the unit keeps handling.
        assigned = self.workday(self.ago(32))
        story = self.recess(assigned=assigned, mode=HandlingMode.SINGLE)
        story.signed = self.after(assigned, 1)
        requested = self.after(assigned, 4)
        story.adjustment = Adjustment(requested, self.after(requested, 2), approve=False)
        out.append(story)
        # Just assigned, waiting to be signed for.
        single = HandlingMode.SINGLE
        out.append(self.recess(assigned=self.workdays_ago(1), signed=False, unit=UNIT, mode=single))
        out.append(self.recess(assigned=self.workdays_ago(2), signed=False, unit=UNIT, mode=single))
        out.append(self.recess(assigned=self.workdays_ago(1), signed=False))
        story = self.recess(
            assigned=self.workdays_ago(3), mode=HandlingMode.LEAD_CO, field="公共安全", partner=UNIT, co_signs=False
        )
        story.signed = self.after(story.assigned, 1)
        out.append(story)
        out.append(self.recess(assigned=self.workdays_ago(7), signed=False, unit=UNIT, mode=single))  # signing overdue
        # Intake: registered, submitted, drafts, rejected, withdrawn.
        for days in (1, 3, 6):
            registered = self.workdays_ago(days)
            out.append(self.recess(submitted=registered - dt.timedelta(days=3), registered=registered))
        for n, days in enumerate((1, 2, 4, 7, 9)):
            out.append(
                self.recess(
                    submitted=self.ago(days), lead=self.demo if n == 0 else None, field="教育" if n == 0 else None
                )
            )
        for n, days in enumerate((1, 3, 5)):
            out.append(
                self.recess(
                    created=self.ago(days), lead=self.demo if n == 0 else None, field="教育" if n == 0 else None
                )
            )
        out.append(self.recess(submitted=self.ago(24), rejected=self.workdays_ago(14)))
        out.append(self.recess(submitted=self.ago(30), withdrawn=self.ago(28)))
        return out

    def duplicate_stories(self, stories: list[Story]) -> list[Story]:
        """Items repeating an earlier one's subject, merged into it (并案) at review, in the same session."""
        out = []
        by_title = {s.title: s for s in stories if s.title}
        for target, titles in catalog.DUPLICATES.items():
            congress = target in ("关于加快推进老旧小区加装电梯工作的建议", "关于加强中小学课后服务经费保障的建议")
            for title in titles:
                if congress:
                    story = Story(
                        session="congress", year=self.year, title=title, submitted=self.session_days[2], by_staff=True
                    )
                    story.merged = (self.on(1, 30), target)
                else:
                    original = by_title[target]
                    story = Story(session="recess", year=original.submitted.year, title=title, submitted=self.ago(68))
                    story.merged = (self.workdays_ago(40), target)
                story.field = next(f for f, _u, t in catalog.SUGGESTIONS if t == target)
                out.append(story)
        return out


def cast(stories: list[Story], *, office: Office, rng: random.Random) -> None:
    """Give each story its title, field, lead unit, partner unit and lead deputy."""
    known = {title: (field, unit) for field, unit, title in catalog.SUGGESTIONS}
    known.update({title: (field, unit) for field, unit, title, _d in catalog.MOTIONS})
    for target, titles in catalog.DUPLICATES.items():
        known.update({title: known[target] for title in titles})
    free = {title: known[title] for _f, _u, title in catalog.SUGGESTIONS}
    for story in stories:
        if story.title:
            free.pop(story.title, None)
    unnamed = [s for s in stories if not s.title]
    unnamed.sort(key=lambda s: 0 if s.unit else 1 if s.field else 2)  # stable: constrained stories choose first
    for story in unnamed:
        field = story.field
        if not field and not story.unit:
            remaining = Counter(f for f, _u in free.values())
            field = max(catalog.FIELDS, key=lambda f: remaining[f])
        choices = [
            title
            for title, (f, u) in free.items()
            if (not field or f == field) and (not story.unit or u == story.unit) and u != story.partner
        ]
        story.title = rng.choice(choices)
        free.pop(story.title)
    for story in stories:
        field, unit = known[story.title]
        story.field = story.field or field
        story.unit = story.unit or unit
        story.lead_key = story.unit
        if story.mode != HandlingMode.SINGLE and not story.partner:
            story.partner = rng.choice([p for p in catalog.FIELD_PARTNERS[story.field] if p != story.unit])
        if story.lead is None:
            story.lead = rng.choice(office.deputies)


def _apply(story: Story, changes: dict) -> Story:
    for name, value in changes.items():
        setattr(story, name, value)
    return story
