from django.contrib import admin

from similar.models import RepeatLink


@admin.register(RepeatLink)
class RepeatLinkAdmin(admin.ModelAdmin):
    list_display = ("proposal", "earlier", "marked_by", "marked_at")
    raw_id_fields = ("proposal", "earlier")
    readonly_fields = ("marked_by", "marked_at")
