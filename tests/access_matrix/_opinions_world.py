"""The 民意池 part of the matrix's world: two stations with their staff, a committee, opinions, a referral."""

from __future__ import annotations

from dataclasses import dataclass

from accounts import roles
from opinions import services
from opinions.models import Committee, CommitteeField, CommitteeMember, Opinion, Referral, Station
from tests import factories as f


@dataclass
class OpinionsWorld:
    station: Station  # the deputy's station (the ``station`` role's)
    other_station: Station
    opinion: Opinion  # untriaged, at the deputy's station, field 城乡建设
    referral: Referral  # another opinion of that station, referred to the items' lead unit
    committee: Committee  # the ``committee`` role's, field 城乡建设


def build_opinions(world, *, deputy, other_deputy, unit) -> OpinionsWorld:
    station = services.station_create(name="北山街道代表联络站", area="西湖区", deputies=[deputy])
    other = services.station_create(name="湖滨街道代表联络站", area="上城区", deputies=[other_deputy])
    station_user = f.user(username="matrix-station", role=roles.STATION_STAFF)
    services.station_staff_add(station=station, user=station_user)
    other_user = f.user(username="matrix-other-station", role=roles.STATION_STAFF)
    services.station_staff_add(station=other, user=other_user)
    committee = Committee.objects.create(name="城乡建设环境保护委员会")
    CommitteeField.objects.create(committee=committee, field="城乡建设")
    committee_user = f.user(username="matrix-committee", role=roles.COMMITTEE)
    CommitteeMember.objects.create(user=committee_user, committee=committee)

    def record(content: str) -> Opinion:
        return services.opinion_record(
            by=station_user,
            content=content,
            citizen_phone="13812345678",
            field="城乡建设",
            source="reception",
            deputy=deputy,
        )

    opinion = record("小区门口的路灯坏了两个月，晚上出行很不安全。")
    referred = record("北山路人行道破损，雨天积水。")
    referral = services.opinion_refer(opinion=referred, by=station_user, unit=unit, reason="属住建部门职责")
    world.users.update({"station": station_user, "other_station": other_user, "committee": committee_user})
    return OpinionsWorld(station=station, other_station=other, opinion=opinion, referral=referral, committee=committee)
