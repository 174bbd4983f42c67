import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest

from proposals import services
from proposals.models import Assignment, Proposal
from tests import factories as f
from units.models import Unit

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = dt.date(2026, 3, 2)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    """An aware moment of ``day`` in Beijing."""
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clock(time_machine):
    """Pin "today" to Monday 2026-03-02 10:00 in Beijing; tests move it on with ``clock.move_to(at(day))``."""
    time_machine.move_to(at(MONDAY), tick=False)
    return time_machine


@dataclass
class Item:
    """A suggestion assigned to a lead unit and a co-unit, with a co-signing deputy."""

    proposal: Proposal
    lead_unit: Unit
    co_unit: Unit
    lead: Assignment
    co: Assignment
    staff: object

    @property
    def deputy(self):
        return self.proposal.lead_deputy

    @property
    def cosigner(self):
        return self.proposal.co_signers.get()

    @property
    def lead_handler(self):
        return f.handler_of(self.lead_unit)

    @property
    def co_handler(self):
        return f.handler_of(self.co_unit)

    def refresh(self) -> "Item":
        self.proposal.refresh_from_db()
        self.lead.refresh_from_db()
        self.co.refresh_from_db()
        return self


def make_item(*, title: str = "关于加快老旧小区加装电梯的建议", lead_name: str | None = None) -> Item:
    staff = f.staff_user()
    lead_unit = f.unit(name=None)
    co_unit = f.unit(name=None)
    lead_deputy = f.deputy(name=lead_name)
    cosigner = f.deputy()
    proposal = f.proposal(lead=lead_deputy, title=title)
    proposal.co_signers.add(cosigner)
    services.proposal_submit(proposal=proposal, by=lead_deputy.user)
    services.proposal_register(proposal=proposal, by=staff)
    services.proposal_assign(proposal=proposal, by=staff, mode="lead_co", lead_units=[lead_unit], co_units=[co_unit])
    proposal.refresh_from_db()
    return Item(
        proposal=proposal,
        lead_unit=lead_unit,
        co_unit=co_unit,
        lead=Assignment.objects.get(proposal=proposal, unit=lead_unit),
        co=Assignment.objects.get(proposal=proposal, unit=co_unit),
        staff=staff,
    )


def sign_both(item: Item) -> Item:
    services.assignment_sign(assignment=item.lead, by=item.lead_handler)
    services.assignment_sign(assignment=item.co, by=item.co_handler)
    return item.refresh()


def reply_round(item: Item, *, category: str = "B", body: str = "已列入今年计划，正在推进。") -> Item:
    item.refresh()
    if item.co.state == "handling":
        services.opinion_send(assignment=item.co, by=item.co_handler, body="同意主办单位意见")
    item.lead.refresh_from_db()
    services.reply_submit(
        assignment=item.lead,
        by=item.lead_handler,
        category=category,
        **f.reply_rules(category),
        body=body,
        doc_number="市住建函〔2026〕8号",
        signer="王局长",
        contact_person="李明",
        contact_phone="010-12345678",
    )
    return item.refresh()


@pytest.fixture
def item(db, clock) -> Item:
    return make_item()


@pytest.fixture
def handling_item(item) -> Item:
    return sign_both(item)


@pytest.fixture
def replied_item(handling_item) -> Item:
    return reply_round(handling_item)
