from django.contrib import admin
from django.urls import include, path

from publicsite.urls import staff_urlpatterns as publicsite_staff_urls

admin.site.site_header = "议案建议办理平台 · 管理后台"
admin.site.site_title = "议案建议办理平台"
admin.site.index_title = "数据管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staff/", include("proposals.urls")),
    path("deputy/", include("deputies.urls")),
    path("unit/", include("units.urls")),
    path("leader/", include("reports.urls")),
    path("notifications/", include("notifications.urls")),
    # 民意池: the workspace of stations, deputies, units and committees, and the citizens' public pages
    path("opinions/", include("opinions.urls")),
    path("public/opinions/", include("opinions.urls_public")),
    path("public/", include("publicsite.urls")),
    path("staff/publications/", include(publicsite_staff_urls)),
    path("duties/", include("duties.urls")),
    path("similar/", include("similar.urls")),
    path("", include("accounts.urls")),
]

# Uploaded files (MEDIA_ROOT) are deliberately not served here in any mode: see files/downloads.py.
