from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from accounts import roles

HOME_BY_ROLE = {
    roles.STAFF: "workbench:list",
    roles.LEADER: "dashboard:home",
    roles.DEPUTY: "deputy:home",
    roles.UNIT_HANDLER: "unitportal:inbox",
    roles.STATION_STAFF: "opinions:list",
    roles.COMMITTEE: "opinions:committee",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own home page; a system administrator with no portal role, on the admin."""
    if request.user.is_superuser and not roles.has_portal_group(request.user):
        return redirect(reverse("admin:index"))
    name = HOME_BY_ROLE.get(roles.role_of(request.user))
    if name:
        try:
            return redirect(reverse(name))
        except NoReverseMatch:
            pass
    return render(request, "accounts/home.html")


class LogoutView(auth_views.LogoutView):
    """Logging out is a POST (every page's 退出 button); a GET shows a page with that button."""

    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return render(request, "accounts/logout.html")
