"""Builders for the 民意池 tests: a station with its deputy and staff login, a unit, a committee."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accounts import roles
from deputies.models import Deputy
from opinions import services
from opinions.models import Committee, CommitteeField, CommitteeMember, Opinion, Station
from tests import factories as f
from units.models import Unit


@dataclass
class World:
    station: Station
    other_station: Station
    deputy: Deputy
    outsider: Deputy
    staff_user: object
    other_staff_user: object
    unit: Unit
    other_unit: Unit
    committee: Committee
    committee_user: object
    office: object


def station_user(station: Station, name: str = "") -> object:
    user = f.user(role=roles.STATION_STAFF, first_name=name)
    services.station_staff_add(station=station, user=user)
    return user


def committee(name: str, fields: list[str]) -> tuple[Committee, object]:
    c = Committee.objects.create(name=name)
    for field in fields:
        CommitteeField.objects.create(committee=c, field=field)
    user = f.user(role=roles.COMMITTEE)
    CommitteeMember.objects.create(user=user, committee=c)
    return c, user


def build_world() -> World:
    deputy = f.deputy(name="王建国", delegation="西湖区代表团")
    outsider = f.deputy(name="刘晓东", delegation="上城区代表团")
    station = services.station_create(name="北山街道代表联络站", area="西湖区", deputies=[deputy])
    other = services.station_create(name="湖滨街道代表联络站", area="上城区", deputies=[outsider])
    c, c_user = committee("城乡建设环境保护委员会", ["城乡建设", "生态环境"])
    return World(
        station=station,
        other_station=other,
        deputy=deputy,
        outsider=outsider,
        staff_user=station_user(station, "陈丽"),
        other_staff_user=station_user(other, "赵强"),
        unit=f.unit(name="市住房和城乡建设局"),
        other_unit=f.unit(name="市交通运输局"),
        committee=c,
        committee_user=c_user,
        office=f.staff_user(),
    )


def opinion(
    world: World, *, content: str = "小区门口的路灯坏了两个月，晚上出行很不安全，希望尽快修好。", **kw
) -> Opinion:
    values = {
        "by": world.staff_user,
        "content": content,
        "citizen_phone": "13812345678",
        "citizen_name": "李阿姨",
        "field": "城乡建设",
        "source": "reception",
        "deputy": world.deputy,
    }
    values.update(kw)
    return services.opinion_record(**values)


def days_ago(n: int) -> dt.date:
    from django.utils import timezone

    return timezone.localdate() - dt.timedelta(days=n)
