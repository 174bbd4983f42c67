from django.urls import path

from units import views

app_name = "unitportal"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("units/search/", views.unit_search, name="unit_search"),
    path("followups/", views.followups, name="followups"),
    path("followups/<int:pk>/report/", views.followup_report, name="followup_report"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment"),
    path("assignments/<int:pk>/sign/", views.sign, name="sign"),
    path("assignments/<int:pk>/adjustment/", views.request_adjustment, name="adjustment"),
    path("assignments/<int:pk>/extension/", views.request_extension, name="extension"),
    path("assignments/<int:pk>/contacts/", views.log_contact, name="contact"),
    path("assignments/<int:pk>/progress/", views.add_progress, name="progress"),
    path("assignments/<int:pk>/opinion/", views.send_opinion, name="opinion"),
    path("assignments/<int:pk>/reply/", views.submit_reply, name="reply"),
    path(
        "assignments/<int:pk>/supervision/<int:action_pk>/acknowledge/",
        views.acknowledge_supervision,
        name="acknowledge",
    ),
    path("assignments/<int:pk>/replies/<int:reply_pk>/file/", views.reply_file, name="reply_file"),
    path("assignments/<int:pk>/replies/<int:reply_pk>/letter/", views.reply_letter, name="reply_letter"),
    path("assignments/<int:pk>/opinions/<int:opinion_pk>/file/", views.opinion_file, name="opinion_file"),
    path("assignments/<int:pk>/attachments/<int:attachment_pk>/", views.attachment_file, name="attachment"),
]
