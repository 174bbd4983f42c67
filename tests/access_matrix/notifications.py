from django.urls import reverse

from tests.access_matrix import LOGGED_IN, THE_DEPUTY, Entry

ENTRIES = [
    Entry("notifications:list", lambda w: reverse("notifications:list"), LOGGED_IN),
    Entry("notifications:read_all", lambda w: reverse("notifications:read_all"), LOGGED_IN, method="post"),
    Entry("notifications:open", lambda w: reverse("notifications:open", args=[w.notification.pk]), THE_DEPUTY),
    Entry(
        "notifications:read",
        lambda w: reverse("notifications:read", args=[w.notification.pk]),
        THE_DEPUTY,
        method="post",
    ),
]
