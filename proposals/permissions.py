"""Permission callables for the transitions: ``(instance, user) -> bool``.

Services check them with ``django_fsm.has_transition_perm`` before firing a transition,
so who may act lives next to the state machine, not scattered across views.
"""

from accounts.roles import deputy_of, is_office_staff, unit_of


def office_staff(instance, user) -> bool:
    return is_office_staff(user)


def lead_deputy(instance, user) -> bool:
    deputy = deputy_of(user)
    return deputy is not None and instance.lead_deputy_id == deputy.pk


def lead_deputy_or_staff(instance, user) -> bool:
    return lead_deputy(instance, user) or office_staff(instance, user)


def assigned_unit(instance, user) -> bool:
    unit = unit_of(user)
    return unit is not None and instance.unit_id == unit.pk


def derived_only(instance, user) -> bool:
    """Transitions that follow from other records (the assignments); no user fires them directly."""
    return False
