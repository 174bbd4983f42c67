from django.urls import path

from reports.views import archive, dashboard

app_name = "dashboard"

urlpatterns: list = [
    path("", dashboard.home, name="home"),
    path("reports/", archive.archive_list, name="archive_list"),
    path("reports/request/", archive.archive_request, name="archive_request"),
    path("reports/<int:pk>/download/", archive.archive_download, name="archive_download"),
    path("reports/<int:pk>/rebuild/", archive.archive_rebuild, name="archive_rebuild"),
]
