from django.urls import path  # noqa: F401

app_name = "deputy"

urlpatterns: list = []
