"""Helpers shared by the unit portal's views: the current unit and the assignment page's rendering."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.roles import unit_of
from proposals.choices import ReviewStatus
from proposals.models import Assignment, HandlingRules
from units import selectors
from units.forms import (
    AcknowledgeForm,
    AdjustmentForm,
    ContactForm,
    ExtensionForm,
    OpinionForm,
    ProgressForm,
    ReplyForm,
    SignForm,
)
from units.models import Unit


def current_unit(request: HttpRequest) -> Unit:
    unit = unit_of(request.user)
    if unit is None:
        raise PermissionDenied("仅承办单位经办人可以访问")
    return unit


def _reply_initial(assignment: Assignment, my_replies: list) -> dict:
    """Prefill the reply form's contact details: from this unit's previous reply, else from the unit's record."""
    initial = {"version": assignment.version}
    if my_replies:
        last = my_replies[-1]
        initial.update(signer=last.signer, contact_person=last.contact_person, contact_phone=last.contact_phone)
        if last.round == assignment.round and last.review_status == ReviewStatus.RETURNED:
            # Revising a returned reply: start from what was submitted.
            initial.update(
                doc_number=last.doc_number,
                category=last.category,
                adoption=last.adoption,
                body=last.body,
                done_items=last.done_items,
                not_adopted_reason=last.not_adopted_reason,
            )
            for n, action in enumerate(last.actions, start=1):
                initial.update({f"plan_text_{n}": action.text, f"plan_due_{n}": action.due_on})
    else:
        initial.update(contact_person=assignment.unit.contact_person, contact_phone=assignment.unit.phone)
    return initial


def _returned_review(assignment: Assignment, data: dict):
    """The office's return of this round's reply, while the unit has not resubmitted it."""
    mine = [r for r in data["my_replies"] if r.round == assignment.round]
    if not mine or mine[-1].review_status != ReviewStatus.RETURNED:
        return None
    returns = [v for v in data["related"]["reply_reviews"] if v.reply_id == mine[-1].pk and v.decision == "return"]
    return returns[-1] if returns else None


def _date_bounds(forms: dict, *, assigned_on, today) -> None:
    """The date pickers offer only the days the services accept: from the assignment day to today."""
    for key, name in (("reply_form", "replied_on"), ("progress_form", "noted_on"), ("contact_form", "contacted_on")):
        form = forms.get(key)
        if form is not None and name in form.fields:
            form.fields[name].widget.attrs.update(min=assigned_on.isoformat(), max=today.isoformat())


def render_assignment(request: HttpRequest, assignment: Assignment, *, status: int = 200, **bound) -> HttpResponse:
    """The assignment page, with fresh forms except those passed in ``bound`` (a failed submission)."""
    today = timezone.localdate()
    rules = HandlingRules.current()
    data = selectors.assignment_page(assignment=assignment)
    versioned = {"version": assignment.version}
    forms = {
        "sign_form": SignForm(initial=versioned),
        "adjust_form": AdjustmentForm(initial=versioned),
        "extend_form": ExtensionForm(initial=versioned),
        "contact_form": ContactForm(),
        "progress_form": ProgressForm(),
        "opinion_form": OpinionForm(initial=versioned),
        "reply_form": ReplyForm(initial=_reply_initial(assignment, data["my_replies"])),
        "ack_form": AcknowledgeForm(),
    }
    forms.update(bound)
    _date_bounds(forms, assigned_on=assignment.assigned_on, today=today)
    context = {
        "assignment": assignment,
        "proposal": assignment.proposal,
        "today": today,
        "days_left": (assignment.due_on - today).days,
        "near_days": rules.remind_first_days,
        "can": selectors.abilities(assignment=assignment, today=today, rules=rules),
        "review_on": rules.reply_review,
        "returned_review": _returned_review(assignment, data),
        "failed": next(iter(bound), None),
        "failed_errors": [e for form in bound.values() for e in form.non_field_errors()],
        **data,
        **forms,
    }
    return render(request, "units/assignment_detail.html", context, status=status)
