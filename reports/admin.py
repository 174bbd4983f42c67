from django.contrib import admin

from reports.models import ReportArchive


@admin.register(ReportArchive)
class ReportArchiveAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "attempts", "requested_by", "requested_at", "built_at"]
    list_filter = ["kind", "format", "status"]
    readonly_fields = ["claim_token", "claimed_at", "attempts", "built_at", "size"]
    raw_id_fields = ["requested_by"]
    date_hierarchy = "requested_at"
