from django.contrib import admin
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin

from units.models import Unit, UnitHandler


class UnitResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name="单位名称")
    short_name = fields.Field(attribute="short_name", column_name="简称")
    aliases = fields.Field(attribute="aliases", column_name="别名")
    contact_person = fields.Field(attribute="contact_person", column_name="联系人")
    phone = fields.Field(attribute="phone", column_name="联系电话")
    email = fields.Field(attribute="email", column_name="电子邮箱")

    class Meta:
        model = Unit
        fields = ("name", "short_name", "aliases", "contact_person", "phone", "email")
        import_id_fields = ("name",)
        skip_unchanged = True


class UnitHandlerInline(admin.TabularInline):
    model = UnitHandler
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Unit)
class UnitAdmin(ImportExportModelAdmin):
    resource_classes = [UnitResource]
    list_display = ("name", "short_name", "aliases", "contact_person", "phone", "active")
    list_filter = ("active",)
    search_fields = ("name", "short_name", "aliases")
    fields = ("name", "short_name", "aliases", "contact_person", "phone", "email", "active")
    inlines = [UnitHandlerInline]


@admin.register(UnitHandler)
class UnitHandlerAdmin(admin.ModelAdmin):
    list_display = ("user", "unit", "phone")
    list_select_related = ("user", "unit")
    search_fields = ("user__username", "unit__name")
    autocomplete_fields = ("user", "unit")
