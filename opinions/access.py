"""Who sees which opinions, and who may act on them — the one definition every view goes through.

- office staff see every opinion (read only); leaders see the figures;
- station staff see and triage their own station's opinions;
- a deputy sees and triages the opinions sent to them and those of the stations they belong to;
- a committee reads the opinions of its fields (the citizen's phone hidden) and may supervise them;
- units never see opinions, only the referrals sent to them (``referrals_for_unit``);
- citizens reach one opinion by its query code only (``opinion_by_code``).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.roles import committee_of, deputy_of, is_leader, is_office_staff, station_of, unit_of
from opinions.models import CommitteeField, Opinion, Referral, Station


def committee_fields(committee) -> list[str]:
    return list(CommitteeField.objects.filter(committee=committee).values_list("field", flat=True))


def deputy_station_ids(deputy) -> list[int]:
    return list(Station.deputies.through.objects.filter(deputy=deputy).values_list("station_id", flat=True))


def visible_opinions(user) -> QuerySet[Opinion]:
    qs = Opinion.objects.all()
    if is_office_staff(user):
        return qs
    station = station_of(user)
    if station is not None:
        return qs.filter(station=station)
    deputy = deputy_of(user)
    if deputy is not None:
        return qs.filter(Q(deputy=deputy) | Q(station_id__in=deputy_station_ids(deputy)))
    committee = committee_of(user)
    if committee is not None:
        return qs.filter(field__in=committee_fields(committee))
    return qs.none()


def opinion_for_user(user, pk: int) -> Opinion:
    """The opinion ``pk`` if ``user`` may see it, else 404 (never reveal that it exists)."""
    opinion = (
        visible_opinions(user)
        .select_related("station", "deputy", "reception", "merged_into", "suggestion", "supervised_by")
        .filter(pk=pk)
        .first()
    )
    if opinion is None:
        raise Http404("未找到该意见，或您无权查看")
    return opinion


def can_triage(user, opinion: Opinion) -> bool:
    """Station staff of the opinion's station, or the deputy it was sent to / a deputy of its station."""
    station = station_of(user)
    if station is not None:
        return opinion.station_id == station.pk
    deputy = deputy_of(user)
    if deputy is not None:
        return opinion.deputy_id == deputy.pk or (
            opinion.station_id is not None and opinion.station_id in deputy_station_ids(deputy)
        )
    return False


def sees_phone(user) -> bool:
    """Only those who answer the citizen see the phone: station staff, deputies and the office."""
    return is_office_staff(user) or station_of(user) is not None or deputy_of(user) is not None


def may_read_figures(user) -> bool:
    return is_office_staff(user) or is_leader(user) or committee_of(user) is not None


def referrals_for_unit(user) -> QuerySet[Referral]:
    unit = unit_of(user)
    if unit is None:
        return Referral.objects.none()
    return Referral.objects.filter(unit=unit)


def referral_for_unit(user, pk: int) -> Referral:
    referral = referrals_for_unit(user).select_related("opinion", "opinion__station", "unit").filter(pk=pk).first()
    if referral is None:
        raise Http404("未找到该转办件，或您无权查看")
    return referral


def opinion_by_code(code: str) -> Opinion | None:
    """The opinion whose query code is ``code`` (dashes, spaces and case ignored), else None."""
    from opinions.codes import normalize

    normalized = normalize(code)
    if normalized is None:
        return None
    return (
        Opinion.objects.select_related("station", "deputy", "merged_into", "suggestion")
        .filter(query_code=normalized)
        .first()
    )


def can_enter(user) -> bool:
    """Station staff and deputies enter opinions and receptions."""
    return station_of(user) is not None or deputy_of(user) is not None
