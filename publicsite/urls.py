"""The pages anyone can open without logging in, under ``/public/``."""

app_name = "publicsite"

urlpatterns: list = []
