"""The office's people and bodies: groups, logins, deputies in delegations, units with handlers, sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User

from accounts import roles
from demo import catalog
from deputies.models import Delegation, Deputy, Session
from units.models import Unit, UnitHandler


@dataclass
class Office:
    staff: User
    leader: User
    deputies: list[Deputy]
    demo_deputy: Deputy
    units: dict[str, Unit]
    handlers: dict[int, User] = field(default_factory=dict)  # unit pk → handler login
    created_logins: list[str] = field(default_factory=list)

    sessions: dict[tuple[str, int], Session] = field(default_factory=dict)

    def handler(self, unit: Unit) -> User:
        return self.handlers[unit.pk]

    def session(self, kind: str, year: int) -> Session:
        """The congress session (``kind`` "congress", opened on 10 January) or the recess of ``year``."""
        key = (kind, year)
        if key not in self.sessions:
            if kind == "congress":
                self.sessions[key] = Session.objects.get_or_create(
                    name=catalog.congress_session_name(year),
                    defaults={"year": year, "kind": Session.Kind.CONGRESS, "opened_on": dt.date(year, 1, 10)},
                )[0]
            else:
                self.sessions[key] = Session.objects.get_or_create(
                    name=catalog.recess_session_name(year), defaults={"year": year, "kind": Session.Kind.RECESS}
                )[0]
        return self.sessions[key]


def build_office() -> Office:
    password = make_password(catalog.PASSWORD)
    created: list[str] = []
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ROLE_LABELS}

    def login(username: str, full_name: str, role: str | None, **flags) -> User:
        user, made = User.objects.get_or_create(
            username=username, defaults={"first_name": full_name, "password": password, **flags}
        )
        if made:
            created.append(username)
        if role:
            user.groups.add(groups[role])
        return user

    staff = login(catalog.STAFF.username, catalog.STAFF.name, roles.STAFF)
    leader = login(catalog.LEADER.username, catalog.LEADER.name, roles.LEADER)
    login(catalog.ADMIN.username, catalog.ADMIN.name, None, is_staff=True, is_superuser=True)

    deputies: list[Deputy] = []
    number = 0
    for delegation_name, members in catalog.DELEGATIONS:
        delegation = Delegation.objects.get_or_create(name=delegation_name)[0]
        for name, occupation in members:
            number += 1
            username = "deputy" if name == catalog.DEMO_DEPUTY else f"deputy{number:02d}"
            deputy = Deputy.objects.filter(name=name, delegation=delegation).first()
            if deputy is None:
                deputy = Deputy.objects.create(
                    name=name,
                    delegation=delegation,
                    occupation=occupation,
                    phone=f"139{number:04d}{(number * 7919) % 10000:04d}",
                    user=login(username, name, roles.DEPUTY),
                )
            elif deputy.user is None:
                deputy.user = login(username, name, roles.DEPUTY)
                deputy.save(update_fields=["user"])
            deputies.append(deputy)

    units: dict[str, Unit] = {}
    handlers: dict[int, User] = {}
    for index, info in enumerate(catalog.UNITS, start=1):
        short_name, aliases = catalog.UNIT_OTHER_NAMES.get(info.key, ("", ""))
        unit = Unit.objects.get_or_create(
            name=info.name,
            defaults={
                "short_name": short_name,
                "aliases": aliases,
                "contact_person": info.contact,
                "phone": f"6{index:03d}{(index * 3571) % 10000:04d}",
                "email": f"{info.key}@example.gov.cn",
            },
        )[0]
        units[info.key] = unit
        handler = unit.handlers.select_related("user").first()
        if handler is None:
            user = login(info.key, info.handler, roles.UNIT_HANDLER)
            handler = UnitHandler.objects.create(user=user, unit=unit, phone=unit.phone)
        handlers[unit.pk] = handler.user

    demo_deputy = next(d for d in deputies if d.name == catalog.DEMO_DEPUTY)
    return Office(
        staff=staff,
        leader=leader,
        deputies=deputies,
        demo_deputy=demo_deputy,
        units=units,
        handlers=handlers,
        created_logins=created,
    )
