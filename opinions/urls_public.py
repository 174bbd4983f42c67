from django.urls import path

from opinions.views import public

app_name = "opinions_public"

urlpatterns = [
    path("", public.index, name="index"),
    path("stations/<int:pk>/", public.station_page, name="station"),
    path("stations/<int:pk>/qr.svg", public.station_qr, name="station_qr"),
    path("stations/<int:pk>/submit/", public.station_submit, name="station_submit"),
    path("deputies/<int:pk>/", public.deputy_page, name="deputy"),
    path("deputies/<int:pk>/qr.svg", public.deputy_qr, name="deputy_qr"),
    path("deputies/<int:pk>/submit/", public.deputy_submit, name="deputy_submit"),
    path("query/", public.query, name="query"),
    path("query/rate/", public.rate, name="rate"),
]
