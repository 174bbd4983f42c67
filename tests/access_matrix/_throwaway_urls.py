"""The project's URLs plus one page nobody has put in the matrix (used to prove the coverage check)."""

from django.http import HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as project_patterns


def forgotten(request):
    return HttpResponse("nobody checks who opens this")


urlpatterns = [
    path("staff/forgotten/", forgotten, name="forgotten"),
    path("extra/", include(([path("<int:pk>/", forgotten, name="page")], "extra"))),
    *project_patterns,
]
