from django.urls import reverse

from tests.access_matrix import LEADERS_AND_STAFF, STAFF_ONLY, Entry


def _on(name, obj="item"):
    return lambda w: reverse(f"workbench:{name}", args=[getattr(w, obj).pk])


def _version(obj):
    return lambda w: {"version": getattr(w, obj).version}


def _page(name, suffix=""):
    return Entry(f"workbench:{name}", lambda w: reverse(f"workbench:{name}") + suffix, STAFF_ONLY)


ENTRIES = [
    _page("list"),
    _page("export"),
    _page("export_list"),
    _page("key_list"),
    _page("create"),
    _page("adjustments"),
    _page("extensions"),
    _page("ledger_upload"),
    _page("ledger_template"),
    _page("search_deputies", "?q=张"),
    _page("search_units", "?q=局"),
    _page("search_proposals", "?q=电梯"),
    Entry("workbench:detail", _on("detail", "submitted"), STAFF_ONLY),
    Entry("workbench:register", _on("register", "submitted"), STAFF_ONLY, "post", _version("submitted")),
    Entry(
        "workbench:reject",
        _on("reject", "submitted"),
        STAFF_ONLY,
        "post",
        lambda w: {"version": w.submitted.version, "reason": "不属于本级人大职权范围"},
    ),
    Entry("workbench:merge", _on("merge", "submitted"), STAFF_ONLY, "post", _version("submitted")),
    Entry("workbench:motion_decide", _on("motion_decide", "submitted"), STAFF_ONLY, "post", _version("submitted")),
    Entry("workbench:assign", _on("assign", "registered"), STAFF_ONLY),
    Entry("workbench:close", _on("close"), STAFF_ONLY, "post", _version("item")),
    Entry("workbench:supervise", _on("supervise"), STAFF_ONLY, "post", _version("item")),
    Entry("workbench:key_supervision", _on("key_supervision"), STAFF_ONLY, "post", _version("item")),
    Entry("workbench:reply_file", _on("reply_file", "reply"), STAFF_ONLY),
    Entry(
        "workbench:attachment",
        lambda w: reverse("workbench:attachment", args=[w.item.pk, w.attachment.pk]),
        LEADERS_AND_STAFF,
    ),
    Entry("workbench:opinion_file", _on("opinion_file", "opinion"), STAFF_ONLY),
    Entry(
        "workbench:adjustment_approve",
        _on("adjustment_approve", "adjustment"),
        STAFF_ONLY,
        "post",
        lambda w: {"note": "同意"},
    ),
    Entry(
        "workbench:adjustment_deny",
        _on("adjustment_deny", "adjustment"),
        STAFF_ONLY,
        "post",
        lambda w: {"note": "不同意"},
    ),
    Entry(
        "workbench:extension_approve",
        _on("extension_approve", "extension"),
        STAFF_ONLY,
        "post",
        lambda w: {"note": "同意"},
    ),
    Entry(
        "workbench:extension_deny", _on("extension_deny", "extension"), STAFF_ONLY, "post", lambda w: {"note": "不同意"}
    ),
    Entry("workbench:ledger_preview", _on("ledger_preview", "upload"), STAFF_ONLY),
    Entry("workbench:ledger_confirm", _on("ledger_confirm", "upload"), STAFF_ONLY, "post"),
]
