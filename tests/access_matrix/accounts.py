from django.urls import reverse

from tests.access_matrix import EVERYONE, LOGGED_IN, Entry

ENTRIES = [
    Entry("accounts:login", lambda w: reverse("accounts:login"), EVERYONE),
    Entry("accounts:logout", lambda w: reverse("accounts:logout"), LOGGED_IN, method="post"),
    Entry("accounts:home", lambda w: reverse("accounts:home"), LOGGED_IN),
]
