from django.urls import path

from opinions.views import committee, figures, receptions, referrals, supervision, triage, workspace

app_name = "opinions"

urlpatterns = [
    path("", workspace.opinion_list, name="list"),
    path("new/", workspace.opinion_new, name="create"),
    path("<int:pk>/", workspace.opinion_detail, name="detail"),
    path("<int:pk>/answer/", triage.answer, name="answer"),
    path("<int:pk>/refer/", triage.refer, name="refer"),
    path("<int:pk>/keep/", triage.keep, name="keep"),
    path("<int:pk>/decline/", triage.decline, name="decline"),
    path("<int:pk>/merge/", triage.merge, name="merge"),
    path("<int:pk>/release/", triage.release, name="release"),
    path("<int:pk>/supervise/", committee.supervise_opinion, name="supervise"),
    path("suggest/", triage.suggest, name="suggest"),
    path("receptions/", receptions.reception_list, name="receptions"),
    path("receptions/new/", receptions.reception_new, name="reception_create"),
    path("referrals/", referrals.referral_list, name="referrals"),
    path("referrals/<int:pk>/", referrals.referral_detail, name="referral"),
    path("referrals/<int:pk>/answer/", referrals.referral_answer, name="referral_answer"),
    path("committee/", committee.committee_home, name="committee"),
    path("committee/suggestions/", committee.committee_suggestions, name="committee_suggestions"),
    path("committee/suggestions/<int:pk>/", committee.committee_suggestion, name="committee_suggestion"),
    path("committee/suggestions/<int:pk>/supervise/", committee.supervise_suggestion, name="supervise_suggestion"),
    path("suggestions/<int:pk>/committee/", supervision.suggestion_committee, name="suggestion_committee"),
    path("figures/", figures.figures_page, name="figures"),
]
