from django.urls import path

from duties.views import office, records

app_name = "duties"

urlpatterns = [
    path("mine/", records.mine, name="mine"),
    path("mine/report.pdf", records.mine_pdf, name="mine_pdf"),
    path("deputies/", records.deputy_list, name="list"),
    path("deputies/<int:pk>/", records.deputy_record, name="deputy"),
    path("deputies/<int:pk>/report.pdf", records.deputy_record_pdf, name="deputy_pdf"),
    path("deputies/<int:pk>/activities/", records.activity_create, name="activity_create"),
    path("activities/<int:pk>/delete/", records.activity_delete, name="activity_delete"),
    path("rules/", office.point_rules, name="rules"),
    path("publications/", office.publications, name="publications"),
    path("publications/new/", office.publication_create, name="publication_create"),
    path("publications/<int:pk>/<str:fmt>/", office.publication_file, name="publication_file"),
    path("excellent/", office.excellent_list, name="excellent"),
    path("excellent/list.xlsx", office.excellent_xlsx, name="excellent_xlsx"),
    path("excellent/nominate/<int:pk>/", office.excellent_nominate, name="excellent_nominate"),
    path("excellent/<int:pk>/decide/", office.excellent_decide, name="excellent_decide"),
    path("units/", office.unit_assessment, name="units"),
]
