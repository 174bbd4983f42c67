from django.contrib import admin

from ledger.models import LedgerUpload


@admin.register(LedgerUpload)
class LedgerUploadAdmin(admin.ModelAdmin):
    list_display = ("original_name", "status", "uploaded_by", "created_at", "finished_at")
    list_filter = ("status",)
    search_fields = ("original_name",)
    readonly_fields = ("file", "original_name", "uploaded_by", "status", "report", "created_at", "finished_at")

    def has_add_permission(self, request) -> bool:
        return False
