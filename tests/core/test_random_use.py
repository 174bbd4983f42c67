"""Invariants under random use: a Hypothesis state machine drives random service calls by random actors on a
handful of items, and after every step checks that

- each proposal's state is the one its assignments give (the rule of ``proposals/services/lifecycle.py``);
- every stored due date is what the handling rules give;
- every state change has exactly one audit row (the audit trail of each object is an unbroken chain
  ending in its current state);
- a refused action changed nothing.
"""

from __future__ import annotations

import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_fsm_log.models import StateLog
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from proposals import deadlines, services
from proposals.errors import DomainError
from proposals.models import (
    AdjustmentRequest,
    Assignment,
    CoOpinion,
    Evaluation,
    ExtensionRequest,
    HandlingRules,
    Proposal,
    Reply,
)
from proposals.models.assignment import AssignmentState as A
from proposals.models.proposal import ProposalState as S
from tests import factories as f

pytestmark = pytest.mark.django_db

ITEMS = 3
ACTORS = ["staff", "leader", "deputy", "other_deputy", "unit0", "unit1", "unit2"]
WATCHED = (Proposal, Assignment, Reply, CoOpinion, Evaluation, ExtensionRequest, AdjustmentRequest, StateLog)


def snapshot() -> dict:
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in WATCHED}


class RandomUse(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()  # each example runs in its own savepoint, rolled back in teardown
        self.refused = 0
        self.done = 0

    @initialize()
    def office(self):
        self.units = [f.unit(name=f"市第{n}局") for n in range(3)]
        deputy = f.deputy(name="张丽华")
        self.actors = {
            "staff": f.staff_user(),
            "leader": f.leader_user(),
            "deputy": deputy.user,
            "other_deputy": f.deputy(name="李建国").user,
            **{f"unit{n}": f.handler_of(u) for n, u in enumerate(self.units)},
        }
        self.deputy = deputy
        self.items = []
        for n in range(ITEMS):
            p = f.proposal(lead=deputy, title=f"关于第{n + 1}件事的建议")
            services.proposal_submit(proposal=p, by=deputy.user)
            self.items.append(p.pk)

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    # --- helpers ------------------------------------------------------------------------------

    def attempt(self, action) -> None:
        before = snapshot()
        try:
            with transaction.atomic():
                action()
        except DomainError:
            self.refused += 1
            assert snapshot() == before, "a refused action changed data"
        else:
            self.done += 1

    def item(self, index: int) -> Proposal:
        return Proposal.objects.get(pk=self.items[index])

    def assignment(self, index: int, unit: int) -> Assignment | None:
        return (
            Assignment.objects.filter(proposal_id=self.items[index], unit=self.units[unit])
            .exclude(state=A.WITHDRAWN)
            .first()
        )

    # --- rules: random actors, random items ----------------------------------------------------

    items_ = st.integers(0, ITEMS - 1)
    actors_ = st.sampled_from(ACTORS)
    units_ = st.integers(0, 2)

    @rule(i=items_, who=actors_)
    def register(self, i, who):
        self.attempt(lambda: services.proposal_register(proposal=self.item(i), by=self.actors[who]))

    @rule(i=items_, who=actors_)
    def reject(self, i, who):
        self.attempt(lambda: services.proposal_reject(proposal=self.item(i), by=self.actors[who], reason="不属于职权"))

    @rule(i=items_, who=actors_, mode=st.sampled_from(["single", "lead_co", "split"]), order=st.permutations([0, 1, 2]))
    def assign(self, i, who, mode, order):
        units = [self.units[n] for n in order]
        lead, co = {"single": (units[:1], []), "lead_co": (units[:1], units[1:2]), "split": (units[:2], [])}[mode]
        self.attempt(
            lambda: services.proposal_assign(
                proposal=self.item(i), by=self.actors[who], mode=mode, lead_units=lead, co_units=co
            )
        )

    @rule(i=items_, u=units_, who=actors_)
    def sign(self, i, u, who):
        a = self.assignment(i, u)
        if a is not None:
            self.attempt(lambda: services.assignment_sign(assignment=a, by=self.actors[who]))

    @rule(i=items_, u=units_, who=actors_)
    def send_opinion(self, i, u, who):
        a = self.assignment(i, u)
        if a is not None:
            self.attempt(lambda: services.opinion_send(assignment=a, by=self.actors[who], body="同意主办单位意见"))

    @rule(i=items_, u=units_, who=actors_, category=st.sampled_from("ABCD"))
    def reply(self, i, u, who, category):
        a = self.assignment(i, u)
        if a is not None:
            self.attempt(
                lambda: services.reply_submit(assignment=a, by=self.actors[who], category=category, body="答复如下。")
            )

    @rule(i=items_, who=actors_, result=st.sampled_from(["satisfied", "basic", "unsatisfied"]))
    def evaluate(self, i, who, result):
        self.attempt(
            lambda: services.evaluation_submit(
                proposal=self.item(i),
                by=self.actors[who],
                deputy=self.deputy,
                attitude="satisfied",
                result=result,
                reason="问题没有解决" if result == "unsatisfied" else "",
            )
        )

    @rule(i=items_, u=units_, who=actors_, months=st.integers(1, 4))
    def ask_extension(self, i, u, who, months):
        a = self.assignment(i, u)
        if a is not None:
            until = deadlines.add_months(a.assigned_on, 3 + months)
            self.attempt(
                lambda: services.extension_request(assignment=a, by=self.actors[who], until=until, reason="需调研")
            )

    @rule(who=actors_, approve=st.booleans())
    def decide_extension(self, who, approve):
        request = ExtensionRequest.objects.filter(status="pending").order_by("pk").first()
        if request is not None:
            by = self.actors[who]
            if approve:
                self.attempt(lambda: services.extension_approve(request=request, by=by))
            else:
                self.attempt(lambda: services.extension_deny(request=request, by=by, note="理由不充分"))

    @rule(i=items_, u=units_, who=actors_)
    def ask_adjustment(self, i, u, who):
        a = self.assignment(i, u)
        if a is not None:
            self.attempt(lambda: services.adjustment_request(assignment=a, by=self.actors[who], reason="不属于本单位"))

    @rule(who=actors_, approve=st.booleans())
    def decide_adjustment(self, who, approve):
        request = AdjustmentRequest.objects.filter(status="pending").order_by("pk").first()
        if request is not None:
            by = self.actors[who]
            if approve:
                self.attempt(lambda: services.adjustment_approve(request=request, by=by, note="同意"))
            else:
                self.attempt(lambda: services.adjustment_deny(request=request, by=by, note="不同意"))

    @rule(i=items_, who=actors_)
    def close(self, i, who):
        self.attempt(lambda: services.proposal_close(proposal=self.item(i), by=self.actors[who]))

    # --- invariants ----------------------------------------------------------------------------

    @invariant()
    def state_follows_the_assignments(self):
        for p in Proposal.objects.filter(pk__in=self.items):
            with transaction.atomic():
                locked = Proposal.objects.select_for_update().get(pk=p.pk)
                services.proposal_sync_state(proposal=locked, on=timezone.localdate())
                derived = (locked.state, locked.reply_due, locked.extended_to)
                transaction.set_rollback(True)
            assert derived == (p.state, p.reply_due, p.extended_to), f"item {p.pk} in {p.state}"
            live = list(p.assignments.exclude(state=A.WITHDRAWN))
            if p.state == S.HANDLING:
                assert all(a.signed_at for a in live)
            if p.state == S.REPLIED:
                assert all(a.state == A.REPLIED and a.round == p.round for a in live if a.answers)
            if p.state in (S.SUBMITTED, S.REJECTED):
                assert not live

    @invariant()
    def stored_due_dates_follow_the_rules(self):
        rules = HandlingRules.current()
        calendar = deadlines.WorkCalendar.load(years=[2026, 2027])
        for a in Assignment.objects.filter(proposal_id__in=self.items).select_related("proposal"):
            dates = deadlines.assignment_dates(
                assigned_on=a.assigned_on, answers=a.answers, rules=rules, calendar=calendar
            )
            assert (a.sign_due, a.adjust_until, a.base_due) == (dates.sign_due, dates.adjust_until, dates.base_due)
            if a.round == 1:
                assert a.due_on == (a.extended_to or a.base_due)
            else:
                assert a.due_on in {a.proposal.rehandle_due, a.extended_to}
        for p in Proposal.objects.filter(pk__in=self.items):
            if p.state == S.REPLIED:
                assert p.evaluation_due == deadlines.evaluation_due(replied_on=p.latest_replied_on, rules=rules)
            else:
                assert p.evaluation_due is None
            if p.state == S.REHANDLING:
                last = p.evaluations.order_by("-round").first()
                assert p.rehandle_due == deadlines.rehandle_due(evaluated_on=last.evaluated_on, rules=rules)

    @invariant()
    def every_state_change_has_one_audit_row(self):
        for model in (Proposal, Assignment):
            kind = ContentType.objects.get_for_model(model)
            objects = model.objects.filter(**({"pk__in": self.items} if model is Proposal else {}))
            for obj in objects:
                rows = [
                    (r.source_state, r.state)
                    for r in StateLog.objects.filter(content_type=kind, object_id=obj.pk).order_by("pk")
                    if r.source_state != r.state
                ]
                for (_, before), (after_source, _) in itertools.pairwise(rows):
                    assert after_source == before, f"{model.__name__} {obj.pk}: audit chain broken: {rows}"
                if rows:
                    assert rows[-1][1] == obj.state, f"{model.__name__} {obj.pk}: last audit row is not its state"


def test_random_sequences_of_actions_keep_the_invariants():
    run_state_machine_as_test(
        RandomUse,
        settings=settings(
            max_examples=12,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            database=None,
        ),
    )
