from django.contrib import admin
from django_fsm_log.admin import StateLogInline
from import_export import fields, resources
from import_export.admin import ExportMixin

from proposals.models import (
    AdjustmentRequest,
    Assignment,
    CalendarDay,
    Contact,
    CoOpinion,
    Evaluation,
    ExtensionRequest,
    HandlingRules,
    MeetingRequest,
    ProgressNote,
    Proposal,
    Reply,
    SupervisionAction,
)
from proposals.models.calendar import DaySource
from proposals.services.calendar import calendar_day_edit


class ProposalResource(resources.ModelResource):
    """A plain list export; the full 台账 with its contract columns is ``export_ledger``."""

    session = fields.Field(attribute="session__name", column_name="会议")
    number = fields.Field(attribute="number", column_name="编号")
    kind = fields.Field(attribute="get_kind_display", column_name="类型")
    title = fields.Field(attribute="title", column_name="标题")
    lead_deputy = fields.Field(attribute="lead_deputy__name", column_name="领衔代表")
    field = fields.Field(attribute="field", column_name="领域")
    state = fields.Field(attribute="get_state_display", column_name="状态")
    submitted_on = fields.Field(attribute="submitted_on", column_name="提出日期")
    reply_due = fields.Field(attribute="reply_due", column_name="答复期限")

    class Meta:
        model = Proposal
        fields = ("session", "number", "kind", "title", "lead_deputy", "field", "state", "submitted_on", "reply_due")


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    fields = ("unit", "role", "state", "assigned_on", "sign_due", "due_on", "extended_to", "signed_at", "replied_on")
    readonly_fields = fields
    can_delete = False
    show_change_link = True


class ReplyInline(admin.StackedInline):
    model = Reply
    extra = 0
    readonly_fields = ("assignment", "unit", "round", "category", "replied_on")
    can_delete = False


@admin.register(Proposal)
class ProposalAdmin(ExportMixin, admin.ModelAdmin):
    """Proposals change state only through the services; the admin edits the descriptive fields."""

    resource_classes = [ProposalResource]
    list_display = ("number", "title", "kind", "session", "lead_deputy", "state", "reply_due", "key_supervision")
    list_filter = ("state", "kind", "session", "key_supervision", "handling_mode")
    search_fields = ("number", "title", "lead_deputy__name")
    list_select_related = ("session", "lead_deputy")
    autocomplete_fields = ("lead_deputy", "co_signers", "merged_into")
    readonly_fields = (
        "state",
        "version",
        "round",
        "assigned_on",
        "reply_due",
        "extended_to",
        "first_replied_on",
        "latest_replied_on",
        "rehandle_due",
        "evaluation_due",
        "closed_on",
        "closed_unevaluated",
        "key_supervision_by",
        "key_supervision_at",
        "created_by",
        "created_at",
        "updated_at",
    )
    inlines = [AssignmentInline, ReplyInline, StateLogInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("proposal", "unit", "role", "state", "due_on", "signed_at", "replied_on")
    list_filter = ("state", "role")
    search_fields = ("proposal__number", "proposal__title", "unit__name")
    list_select_related = ("proposal", "unit")
    readonly_fields = ("state", "version", "proposal", "unit", "role", "round")
    inlines = [StateLogInline]


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    list_display = ("proposal", "unit", "round", "category", "replied_on", "doc_number")
    list_filter = ("category", "round")
    search_fields = ("proposal__number", "proposal__title", "doc_number")
    list_select_related = ("proposal", "unit")
    raw_id_fields = ("proposal", "assignment")


@admin.register(CoOpinion)
class CoOpinionAdmin(admin.ModelAdmin):
    list_display = ("proposal", "unit", "sent_on")
    raw_id_fields = ("proposal", "assignment")


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("proposal", "unit", "method", "contacted_on")
    list_filter = ("method",)
    raw_id_fields = ("proposal",)


@admin.register(ProgressNote)
class ProgressNoteAdmin(admin.ModelAdmin):
    list_display = ("proposal", "unit", "noted_on")
    raw_id_fields = ("proposal",)


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ("proposal", "round", "deputy", "attitude", "result", "evaluated_on")
    list_filter = ("result", "attitude", "round")
    raw_id_fields = ("proposal",)


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ("proposal", "deputy", "created_at", "answered_at")
    raw_id_fields = ("proposal",)


@admin.register(AdjustmentRequest)
class AdjustmentRequestAdmin(admin.ModelAdmin):
    list_display = ("assignment", "status", "proposed_unit", "requested_at", "decided_at")
    list_filter = ("status",)
    raw_id_fields = ("assignment",)


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(admin.ModelAdmin):
    list_display = ("assignment", "status", "requested_until", "approved_until", "requested_at")
    list_filter = ("status",)
    raw_id_fields = ("assignment",)


@admin.register(SupervisionAction)
class SupervisionActionAdmin(admin.ModelAdmin):
    list_display = ("number", "kind", "proposal", "unit", "issued_on", "due_on", "acknowledged_at")
    list_filter = ("kind", "year")
    raw_id_fields = ("proposal",)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "is_workday", "note", "source")
    list_filter = ("is_workday", "source")
    date_hierarchy = "date"
    search_fields = ("note",)
    readonly_fields = ("source",)

    def save_model(self, request, obj, form, change):
        """An edit here is the office's own: it wins over every import, and the windows over it are recounted."""
        calendar_day_edit(day=obj.date, is_workday=obj.is_workday, note=obj.note, by=request.user)
        obj.source = DaySource.OFFICE


@admin.register(HandlingRules)
class HandlingRulesAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not HandlingRules.objects.exists()
