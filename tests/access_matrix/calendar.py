from django.urls import reverse

from tests.access_matrix import STAFF_ONLY, Entry

ENTRIES = [
    Entry("workbench:calendar", lambda w: reverse("workbench:calendar"), STAFF_ONLY),
    Entry("workbench:calendar_year", lambda w: reverse("workbench:calendar_year", args=[2026]), STAFF_ONLY),
]
