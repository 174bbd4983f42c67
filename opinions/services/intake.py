"""Stations, receptions and the intake of opinions (前端收集)."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from accounts import roles
from accounts.roles import deputy_of, station_of
from deputies.models import Deputy
from opinions import codes
from opinions.access import deputy_station_ids
from opinions.figure_snapshots import figures_changed
from opinions.models import Opinion, OpinionSource, Reception, Station, StationStaff
from proposals.errors import DomainError
from proposals.services._base import service, today

PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")
CONTENT_MIN, CONTENT_MAX = 5, 2000


@service
def station_create(*, name: str, area: str, address: str = "", deputies: list[Deputy] | None = None) -> Station:
    name, area = name.strip(), area.strip()
    if not name or not area:
        raise DomainError("请填写联络站名称和所在区域")
    if Station.objects.filter(name=name).exists():
        raise DomainError(f"已有名为“{name}”的联络站")
    station = Station.objects.create(name=name, area=area, address=address.strip())
    station.deputies.set(deputies or [])
    return station


@service
def station_staff_add(*, station: Station, user) -> StationStaff:
    """Give ``user`` a station-staff login for ``station``."""
    if StationStaff.objects.filter(user=user).exists():
        raise DomainError("该账号已是联络站工作人员")
    link = StationStaff.objects.create(user=user, station=station)
    user.groups.add(Group.objects.get_or_create(name=roles.STATION_STAFF)[0])
    return link


def _check_station_actor(*, by, station: Station) -> None:
    """Station staff act for their own station; a deputy for the stations they belong to."""
    own = station_of(by)
    if own is not None:
        if own.pk != station.pk:
            raise DomainError("您只能为本联络站登记")
        return
    deputy = deputy_of(by)
    if deputy is None or station.pk not in deputy_station_ids(deputy):
        raise DomainError("您无权为该联络站登记")


@service
def reception_record(
    *, by, station: Station, held_on: dt.date, deputies: list[Deputy], visitors: int, topic: str = ""
) -> Reception:
    """A 接待选民 activity held at ``station``."""
    _check_station_actor(by=by, station=station)
    if held_on > today():
        raise DomainError("接待日期不能晚于今天")
    if not deputies:
        raise DomainError("请选择参加接待的代表")
    if visitors < 0:
        raise DomainError("接待人数不能为负数")
    reception = Reception.objects.create(
        station=station, held_on=held_on, visitors=visitors, topic=topic.strip()[:200], created_by=by
    )
    reception.deputies.set(deputies)
    figures_changed()
    return reception


def _clean(*, content: str, phone: str, citizen_name: str, field: str, area: str) -> dict:
    content = (content or "").strip()
    if len(content) < CONTENT_MIN:
        raise DomainError(f"意见内容至少{CONTENT_MIN}个字")
    if len(content) > CONTENT_MAX:
        raise DomainError(f"意见内容不能超过{CONTENT_MAX}个字")
    phone = (phone or "").strip()
    if not PHONE.match(phone):
        raise DomainError("请填写正确的联系电话，以便答复")
    field = (field or "").strip()
    if not field:
        raise DomainError("请选择意见所属领域")
    return {
        "content": content,
        "citizen_phone": phone,
        "citizen_name": (citizen_name or "").strip()[:50],
        "field": field[:50],
        "area": (area or "").strip()[:100],
    }


def _create(**values) -> Opinion:
    """Insert with a fresh query code, drawing again in the (astronomically rare) case of a collision."""
    for _ in range(5):
        try:
            with transaction.atomic():
                opinion = Opinion.objects.create(query_code=codes.new_code(), **values)
        except IntegrityError:
            continue
        figures_changed()
        return opinion
    raise DomainError("生成查询码失败，请重试")


@service
def opinion_record(
    *,
    by,
    content: str,
    citizen_phone: str,
    field: str,
    source: str,
    citizen_name: str = "",
    area: str = "",
    station: Station | None = None,
    deputy: Deputy | None = None,
    reception: Reception | None = None,
    received_on: dt.date | None = None,
) -> Opinion:
    """An opinion entered by station staff (for their station) or by a deputy (for themself or their station)."""
    if source not in OpinionSource.values:
        raise DomainError("请选择意见来源")
    own_station = station_of(by)
    own_deputy = deputy_of(by)
    if own_station is not None:
        if station is not None and station.pk != own_station.pk:
            raise DomainError("您只能为本联络站登记意见")
        station = own_station
    elif own_deputy is not None:
        if deputy is None:
            deputy = own_deputy
        if deputy.pk != own_deputy.pk:
            raise DomainError("代表只能登记本人收到的意见")
        if station is not None and station.pk not in deputy_station_ids(own_deputy):
            raise DomainError("您不是该联络站的进站代表")
    else:
        raise DomainError("仅联络站工作人员和代表可以登记群众意见")
    if deputy is not None and station is not None and not station.deputies.filter(pk=deputy.pk).exists():
        raise DomainError(f"{deputy.name}不是{station.name}的进站代表")
    if reception is not None and (station is None or reception.station_id != station.pk):
        raise DomainError("接待活动不属于该联络站")
    received_on = received_on or (reception.held_on if reception else today())
    if received_on > today():
        raise DomainError("收到日期不能晚于今天")
    values = _clean(content=content, phone=citizen_phone, citizen_name=citizen_name, field=field, area=area)
    if not values["area"] and station is not None:
        values["area"] = station.area
    return _create(
        **values,
        source=source,
        station=station,
        deputy=deputy,
        reception=reception,
        received_on=received_on,
        created_by=by,
    )


@service
def opinion_submit_public(
    *,
    content: str,
    citizen_phone: str,
    field: str,
    citizen_name: str = "",
    area: str = "",
    station: Station | None = None,
    deputy: Deputy | None = None,
) -> Opinion:
    """A citizen's opinion from the public form (no login): to a station (网上) or to a deputy (代表码)."""
    if (station is None) == (deputy is None):
        raise DomainError("请从联络站或代表的页面提交意见")
    if station is not None and not station.active:
        raise DomainError("该联络站暂停接收意见")
    if deputy is not None and not deputy.active:
        raise DomainError("该代表暂不接收意见")
    values = _clean(content=content, phone=citizen_phone, citizen_name=citizen_name, field=field, area=area)
    if not values["area"] and station is not None:
        values["area"] = station.area
    return _create(
        **values,
        source=OpinionSource.ONLINE if station is not None else OpinionSource.DEPUTY_CODE,
        station=station,
        deputy=deputy,
        received_on=today(),
    )
