from django.contrib import admin

from duties.models import Activity, ExcellentNomination, PointRule, Publication, UnitAssessmentRule


@admin.register(PointRule)
class PointRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "points", "yearly_cap", "updated_at")


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("held_on", "deputy", "kind", "title")
    list_filter = ("kind",)
    raw_id_fields = ("deputy",)
    search_fields = ("title", "deputy__name")


@admin.register(ExcellentNomination)
class ExcellentNominationAdmin(admin.ModelAdmin):
    list_display = ("year", "proposal", "status", "decided_on")
    list_filter = ("year", "status")
    raw_id_fields = ("proposal",)


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ("year", "quarter", "as_of", "published_by", "published_at")
    readonly_fields = ("year", "quarter", "as_of", "rows", "rules", "published_by", "published_at")

    def has_change_permission(self, request, obj=None):
        return False  # a publication stays as published


@admin.register(UnitAssessmentRule)
class UnitAssessmentRuleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "sign_on_time_weight", "on_time_weight", "face_to_face_weight", "satisfaction_weight")
