from django.contrib import admin
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget

from deputies.models import Delegation, Deputy, Session


class DeputyResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name="姓名")
    delegation = fields.Field(
        attribute="delegation", column_name="代表团", widget=ForeignKeyWidget(Delegation, field="name")
    )
    phone = fields.Field(attribute="phone", column_name="联系电话")
    occupation = fields.Field(attribute="occupation", column_name="工作单位及职务")

    class Meta:
        model = Deputy
        fields = ("name", "delegation", "phone", "occupation")
        import_id_fields = ("name", "delegation")
        skip_unchanged = True

    def before_import_row(self, row, **kwargs):
        name = (row.get("代表团") or "").strip()
        if name:
            Delegation.objects.get_or_create(name=name)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("name", "year", "kind", "opened_on")
    list_filter = ("kind", "year")
    search_fields = ("name",)


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Deputy)
class DeputyAdmin(ImportExportModelAdmin):
    resource_classes = [DeputyResource]
    list_display = ("name", "delegation", "phone", "user", "active")
    list_filter = ("active", "delegation")
    search_fields = ("name", "phone")
    autocomplete_fields = ("user",)
    list_select_related = ("delegation", "user")
