from django.urls import path

from deputies import views

app_name = "deputy"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.proposal_create, name="create"),
    path("deputies/search/", views.deputy_search, name="deputy_search"),
    path("items/<int:pk>/", views.proposal_detail, name="detail"),
    path("items/<int:pk>/edit/", views.proposal_edit, name="edit"),
    path("items/<int:pk>/submit/", views.proposal_submit, name="submit"),
    path("items/<int:pk>/withdraw/", views.proposal_withdraw, name="withdraw"),
    path("items/<int:pk>/attachments/<int:attachment_pk>/", views.attachment_file, name="attachment"),
    path("items/<int:pk>/attachments/<int:attachment_pk>/remove/", views.attachment_remove, name="attachment_remove"),
    path("items/<int:pk>/rate/", views.proposal_rate, name="rate"),
    path("items/<int:pk>/co-rate/", views.co_signer_rate, name="co_rate"),
    path("items/<int:pk>/meeting/", views.meeting_request, name="meeting"),
    path("replies/<int:pk>/file/", views.reply_file, name="reply_file"),
    path("replies/<int:pk>/letter/", views.reply_letter, name="reply_letter"),
    path("invitations/<int:pk>/", views.invitation_detail, name="invitation"),
    path("invitations/<int:pk>/answer/", views.invitation_answer, name="invitation_answer"),
]
