"""The public pages (no login) and the office's withdrawal of a publication."""

from django.urls import reverse

from tests.access_matrix import EVERYONE, STAFF_ONLY, Entry

ENTRIES = [
    Entry("publicsite:search", lambda w: reverse("publicsite:search") + "?q=建议", EVERYONE),
    Entry("publicsite:item", lambda w: reverse("publicsite:item", args=[w.public_item.slug]), EVERYONE),
    Entry(
        "publication_admin:withdraw",
        lambda w: reverse("publication_admin:withdraw", args=[w.public_item.pk]),
        STAFF_ONLY,
        "post",
        lambda w: {"reason": "核对后撤回"},
    ),
]
