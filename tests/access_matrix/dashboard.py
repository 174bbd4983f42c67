from django.urls import reverse

from tests.access_matrix import LEADERS_AND_STAFF, Entry

ENTRIES = [
    Entry("dashboard:home", lambda w: reverse("dashboard:home"), LEADERS_AND_STAFF),
    Entry("dashboard:archive_list", lambda w: reverse("dashboard:archive_list"), LEADERS_AND_STAFF),
    Entry(
        "dashboard:archive_request",
        lambda w: reverse("dashboard:archive_request"),
        LEADERS_AND_STAFF,
        "post",
        lambda w: {"kind": "annual", "year": "2025", "format": "xlsx"},
    ),
    Entry(
        "dashboard:archive_download",
        lambda w: reverse("dashboard:archive_download", args=[w.report.pk]),
        LEADERS_AND_STAFF,
    ),
    Entry(
        "dashboard:archive_rebuild",
        lambda w: reverse("dashboard:archive_rebuild", args=[w.report.pk]),
        LEADERS_AND_STAFF,
        "post",
    ),
]
