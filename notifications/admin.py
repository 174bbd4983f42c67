from django.contrib import admin

from notifications.models import Delivery, Notification, ReminderLog


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    readonly_fields = ["channel", "address", "state", "attempts", "next_attempt_at", "sent_at", "last_error"]
    fields = readonly_fields


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__username"]
    raw_id_fields = ["recipient", "reminder"]
    date_hierarchy = "created_at"
    inlines = [DeliveryInline]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["notification", "channel", "state", "attempts", "sent_at"]
    list_filter = ["channel", "state"]
    raw_id_fields = ["notification"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["kind", "step", "round", "due_on", "assignment", "proposal", "sent_on"]
    list_filter = ["kind", "step"]
    raw_id_fields = ["assignment", "proposal"]
    date_hierarchy = "sent_on"
