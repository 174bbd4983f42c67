from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from accounts.roles import is_office_staff


def calendar_notice(request):
    """``provisional_calendar_years`` for the staff banner (read only when a staff page shows it)."""

    def years() -> list[int]:
        from proposals.selectors_calendar import provisional_notice_years

        user = getattr(request, "user", None)
        if user is None or not is_office_staff(user):
            return []
        return provisional_notice_years(today=timezone.localdate())

    return {"provisional_calendar_years": SimpleLazyObject(years)}
