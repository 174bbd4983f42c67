"""Every move of the Proposal machine from a state that does not allow it is refused and changes nothing."""

import pytest

from proposals import services
from proposals.models import Proposal
from tests import factories as f
from tests.core import support as s
from tests.core.support import fresh, refused

pytestmark = pytest.mark.django_db


def _at_stage(stage: str, staff) -> Proposal:
    builders = {
        "draft": lambda: f.proposal(),
        "submitted": lambda: s.submitted(),
        "registered": lambda: f.registered(staff=staff),
        "assigned": lambda: f.assigned(staff=staff),
        "handling": lambda: s.handling(staff=staff),
        "replied": lambda: s.replied(staff=staff),
        "rehandling": lambda: s.rehandling(staff=staff),
        "closed": lambda: s.closed(staff=staff),
    }
    if stage in builders:
        item = builders[stage]()
    elif stage == "withdrawn":
        item = f.proposal()
        services.proposal_withdraw(proposal=item, by=item.lead_deputy.user)
    elif stage == "rejected":
        item = s.submitted()
        services.proposal_reject(proposal=item, by=staff, reason="不属于本级人大职权")
    else:
        item = s.submitted()
        services.proposal_merge(proposal=item, into=s.submitted(title="并案目标"), by=staff)
    item = fresh(item)
    assert item.state == stage
    return item


def _merge_target():
    return s.submitted(title="另一件有效的建议")


ACTIONS = {
    "submit": lambda p, staff: services.proposal_submit(proposal=p, by=p.lead_deputy.user),
    "withdraw": lambda p, staff: services.proposal_withdraw(proposal=p, by=p.lead_deputy.user),
    "register": lambda p, staff: services.proposal_register(proposal=p, by=staff),
    "reject": lambda p, staff: services.proposal_reject(proposal=p, by=staff, reason="理由"),
    "merge": lambda p, staff: services.proposal_merge(proposal=p, into=_merge_target(), by=staff),
    "assign": lambda p, staff: services.proposal_assign(proposal=p, by=staff, mode="single", lead_units=[f.unit()]),
    "evaluate": lambda p, staff: s.evaluate(p, result="satisfied"),
    "close": lambda p, staff: services.proposal_close(proposal=p, by=staff),
}
LEGAL = {
    ("draft", "submit"),
    ("draft", "withdraw"),
    ("submitted", "withdraw"),
    ("submitted", "register"),
    ("submitted", "reject"),
    ("submitted", "merge"),
    ("registered", "merge"),
    ("registered", "assign"),
    ("replied", "evaluate"),
    ("replied", "close"),
}
STAGES = [
    "draft",
    "submitted",
    "registered",
    "assigned",
    "handling",
    "replied",
    "rehandling",
    "closed",
    "withdrawn",
    "rejected",
    "merged",
]


@pytest.mark.parametrize("stage", STAGES)
def test_every_illegal_proposal_move_is_refused_and_changes_nothing(staff, stage):
    item = _at_stage(stage, staff)
    target = _merge_target()
    illegal = [action for action in ACTIONS if (stage, action) not in LEGAL]
    assert illegal
    for action in illegal:
        with refused(item, target):
            if action == "merge":
                services.proposal_merge(proposal=item, into=target, by=staff)
            else:
                ACTIONS[action](item, staff)


@pytest.mark.parametrize(("stage", "action"), sorted(LEGAL))
def test_each_legal_proposal_move_goes_through(staff, stage, action):
    item = _at_stage(stage, staff)
    version = item.version
    ACTIONS[action](item, staff)
    assert fresh(item).state != stage
    assert fresh(item).version > version


def test_a_refused_action_leaves_the_callers_copy_as_it_was_loaded(staff):
    taken = s.submitted()
    services.proposal_register(proposal=taken, by=staff, number="0009")
    item = s.submitted(title="编号冲突的建议")
    loaded = (item.state, item.version, item.number)
    with refused(item, match="0009"):
        services.proposal_register(proposal=item, by=staff, number="0009")
    assert (item.state, item.version, item.number) == loaded
    services.proposal_register(proposal=item, by=staff, number="0010")
    assert (fresh(item).state, fresh(item).number) == ("registered", "0010")
