"""View decorators for the roles. Denials are 403, never a redirect into someone else's page."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from accounts.roles import committee_of, deputy_of, is_leader, is_office_staff, station_of, unit_of


def _role_required(check, message: str):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = _role_required(is_office_staff, "仅代表工作机构工作人员可以访问")
leader_or_staff_required = _role_required(lambda u: is_office_staff(u) or is_leader(u), "仅领导和工作人员可以访问")
deputy_required = _role_required(lambda u: deputy_of(u) is not None, "仅代表本人可以访问")
unit_required = _role_required(lambda u: unit_of(u) is not None, "仅承办单位经办人可以访问")
station_staff_required = _role_required(lambda u: station_of(u) is not None, "仅联络站工作人员可以访问")
committee_required = _role_required(lambda u: committee_of(u) is not None, "仅专门委员会工作人员可以访问")
