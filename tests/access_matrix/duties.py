from django.urls import reverse

from tests.access_matrix import ANY_DEPUTY, LEADERS_AND_STAFF, STAFF_ONLY, Entry

DEPUTIES_AND_OFFICE = LEADERS_AND_STAFF | ANY_DEPUTY


def _deputy(w):
    return w.item.lead_deputy_id


ENTRIES = [
    Entry("duties:mine", lambda w: reverse("duties:mine"), ANY_DEPUTY),
    Entry("duties:mine_pdf", lambda w: reverse("duties:mine_pdf"), ANY_DEPUTY),
    Entry("duties:list", lambda w: reverse("duties:list"), LEADERS_AND_STAFF),
    Entry("duties:deputy", lambda w: reverse("duties:deputy", args=[_deputy(w)]), LEADERS_AND_STAFF),
    Entry("duties:deputy_pdf", lambda w: reverse("duties:deputy_pdf", args=[_deputy(w)]), LEADERS_AND_STAFF),
    Entry(
        "duties:activity_create",
        lambda w: reverse("duties:activity_create", args=[_deputy(w)]),
        STAFF_ONLY,
        "post",
        lambda w: {"kind": "research", "held_on": "2026-02-20", "title": "调研", "evidence": "通知"},
    ),
    Entry(
        "duties:activity_delete", lambda w: reverse("duties:activity_delete", args=[w.activity.pk]), STAFF_ONLY, "post"
    ),
    Entry("duties:rules", lambda w: reverse("duties:rules"), LEADERS_AND_STAFF),
    Entry("duties:publications", lambda w: reverse("duties:publications"), LEADERS_AND_STAFF),
    Entry(
        "duties:publication_create",
        lambda w: reverse("duties:publication_create"),
        STAFF_ONLY,
        "post",
        lambda w: {"year": "2025", "quarter": "3"},
    ),
    Entry(
        "duties:publication_file",
        lambda w: reverse("duties:publication_file", args=[w.publication.pk, "xlsx"]),
        LEADERS_AND_STAFF,
    ),
    Entry("duties:excellent", lambda w: reverse("duties:excellent"), LEADERS_AND_STAFF),
    Entry("duties:excellent_xlsx", lambda w: reverse("duties:excellent_xlsx"), LEADERS_AND_STAFF),
    Entry(
        "duties:excellent_nominate",
        lambda w: reverse("duties:excellent_nominate", args=[w.registered.pk]),
        STAFF_ONLY,
        "post",
        lambda w: {"reason": "办理成效显著"},
    ),
    Entry(
        "duties:excellent_decide",
        lambda w: reverse("duties:excellent_decide", args=[w.nomination.pk]),
        LEADERS_AND_STAFF,
        "post",
        lambda w: {"decision": "select", "version": str(w.nomination.version)},
    ),
    Entry("duties:units", lambda w: reverse("duties:units"), LEADERS_AND_STAFF),
    Entry(
        "similar:suggest",
        lambda w: reverse("similar:suggest") + "?title=关于老旧小区加装电梯的建议",
        DEPUTIES_AND_OFFICE,
    ),
    Entry("similar:review", lambda w: reverse("similar:review", args=[w.item.pk]), STAFF_ONLY),
    Entry(
        "similar:mark_repeat",
        lambda w: reverse("similar:mark_repeat", args=[w.item.pk]),
        STAFF_ONLY,
        "post",
        lambda w: {"earlier": [str(w.registered.pk)]},
    ),
    Entry("similar:unmark_repeat", lambda w: reverse("similar:unmark_repeat", args=[w.repeat.pk]), STAFF_ONLY, "post"),
]
