from django.contrib import admin

from opinions.models import (
    Committee,
    CommitteeField,
    CommitteeMember,
    Opinion,
    OpinionRules,
    Reception,
    Referral,
    ReferralReminder,
    Station,
    StationStaff,
    SuggestionSupervision,
    TriageStep,
)


class StationStaffInline(admin.TabularInline):
    model = StationStaff
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ("name", "area", "active")
    list_filter = ("active", "area")
    search_fields = ("name", "area")
    filter_horizontal = ("deputies",)
    inlines = [StationStaffInline]


@admin.register(Reception)
class ReceptionAdmin(admin.ModelAdmin):
    list_display = ("held_on", "station", "visitors", "topic")
    list_filter = ("station",)
    date_hierarchy = "held_on"
    filter_horizontal = ("deputies",)
    raw_id_fields = ("created_by",)


class TriageStepInline(admin.TabularInline):
    model = TriageStep
    extra = 0
    can_delete = False
    readonly_fields = ("decision", "reason", "answer", "decided_on", "by", "by_label")


@admin.register(Opinion)
class OpinionAdmin(admin.ModelAdmin):
    list_display = ("received_on", "short", "field", "area", "source", "station", "deputy", "state")
    list_filter = ("state", "source", "field", "station")
    search_fields = ("content", "query_code")
    date_hierarchy = "received_on"
    raw_id_fields = ("deputy", "reception", "merged_into", "suggestion", "created_by")
    readonly_fields = ("query_code", "first_response_on", "fed_back_on", "satisfaction", "satisfaction_at")
    inlines = [TriageStepInline]


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ("opinion", "unit", "referred_on", "due_on", "state", "answered_on")
    list_filter = ("state", "unit")
    raw_id_fields = ("opinion", "answered_by")


@admin.register(ReferralReminder)
class ReferralReminderAdmin(admin.ModelAdmin):
    list_display = ("referral", "step", "due_on", "sent_on")


class CommitteeFieldInline(admin.TabularInline):
    model = CommitteeField
    extra = 1


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    inlines = [CommitteeFieldInline, CommitteeMemberInline]


@admin.register(SuggestionSupervision)
class SuggestionSupervisionAdmin(admin.ModelAdmin):
    list_display = ("proposal", "committee", "marked_on")
    list_filter = ("committee",)
    raw_id_fields = ("proposal", "by")


@admin.register(OpinionRules)
class OpinionRulesAdmin(admin.ModelAdmin):
    list_display = ("__str__", "receptions_per_quarter", "referral_days")
