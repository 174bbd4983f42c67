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
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own home page."""
    name = HOME_BY_ROLE.get(roles.role_of(request.user))
    if name:
        try:
            return redirect(reverse(name))
        except NoReverseMatch:
            pass
    return render(request, "accounts/home.html")
