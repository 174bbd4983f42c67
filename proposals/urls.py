from django.urls import path

from proposals.views import (
    assign,
    calendar,
    close,
    detail,
    intake,
    ledger_upload,
    requests,
    review,
    search,
    supervision,
)
from proposals.views import list as list_views

app_name = "workbench"

urlpatterns = [
    path("", list_views.proposal_list, name="list"),
    path("export/", list_views.proposal_export, name="export"),
    path("export/list/", list_views.proposal_list_export, name="export_list"),
    path("key/", list_views.key_supervision_list, name="key_list"),
    path("new/", intake.proposal_new, name="create"),
    path("<int:pk>/", detail.proposal_detail, name="detail"),
    path("<int:pk>/register/", review.register, name="register"),
    path("<int:pk>/reject/", review.reject, name="reject"),
    path("<int:pk>/merge/", review.merge, name="merge"),
    path("<int:pk>/motion/", review.motion_decide, name="motion_decide"),
    path("<int:pk>/assign/", assign.assign, name="assign"),
    path("<int:pk>/close/", close.close, name="close"),
    path("<int:pk>/supervise/", supervision.supervise, name="supervise"),
    path("<int:pk>/key/", supervision.key_supervision, name="key_supervision"),
    path("replies/<int:pk>/file/", detail.reply_file, name="reply_file"),
    path("opinions/<int:pk>/file/", detail.opinion_file, name="opinion_file"),
    path("requests/adjustments/", requests.adjustments, name="adjustments"),
    path("requests/adjustments/<int:pk>/approve/", requests.adjustment_approve, name="adjustment_approve"),
    path("requests/adjustments/<int:pk>/deny/", requests.adjustment_deny, name="adjustment_deny"),
    path("requests/extensions/", requests.extensions, name="extensions"),
    path("requests/extensions/<int:pk>/approve/", requests.extension_approve, name="extension_approve"),
    path("requests/extensions/<int:pk>/deny/", requests.extension_deny, name="extension_deny"),
    path("ledger/", ledger_upload.upload, name="ledger_upload"),
    path("ledger/template/", ledger_upload.template, name="ledger_template"),
    path("ledger/<int:pk>/", ledger_upload.preview, name="ledger_preview"),
    path("ledger/<int:pk>/import/", ledger_upload.confirm, name="ledger_confirm"),
    path("calendar/", calendar.calendar_years, name="calendar"),
    path("calendar/<int:year>/", calendar.calendar_year, name="calendar_year"),
    path("search/deputies/", search.deputies, name="search_deputies"),
    path("search/units/", search.units, name="search_units"),
    path("search/proposals/", search.proposals, name="search_proposals"),
]
