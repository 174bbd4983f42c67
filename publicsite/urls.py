"""The pages anyone can open without logging in, under ``/public/``."""

from django.urls import path

from publicsite.views import public, staff

app_name = "publicsite"

urlpatterns = [
    path("", public.search, name="search"),
    path("items/<str:slug>/", public.item, name="item"),
]

# The office's side, included under /staff/publications/.
staff_urlpatterns = (
    [path("<int:pk>/withdraw/", staff.withdraw, name="withdraw")],
    "publication_admin",
)
