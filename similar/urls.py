from django.urls import path

from similar import views

app_name = "similar"

urlpatterns = [
    path("", views.suggest, name="suggest"),
    path("items/<int:pk>/", views.review, name="review"),
    path("items/<int:pk>/repeat/", views.mark_repeat, name="mark_repeat"),
    path("repeats/<int:pk>/remove/", views.unmark_repeat, name="unmark_repeat"),
]
