"""答复审查, the 答复函 PDF and 跟踪落实 (the world's reply is category B with one planned action)."""

from django.urls import reverse

from tests.access_matrix import ANY_UNIT, STAFF_ONLY, THE_DEPUTY, THE_UNIT, Entry


def _action(w):
    return w.reply.planned_actions.get()


def _review(name):
    return lambda w: reverse(f"workbench:{name}", args=[w.reply.pk])


ENTRIES = [
    Entry("workbench:reply_review", lambda w: reverse("workbench:reply_review"), STAFF_ONLY),
    Entry("workbench:reply_letter", _review("reply_letter"), STAFF_ONLY),
    Entry("workbench:reply_approve", _review("reply_approve"), STAFF_ONLY, "post", lambda w: {}),
    Entry(
        "workbench:reply_return",
        _review("reply_return"),
        STAFF_ONLY,
        "post",
        lambda w: {f"r{w.reply.pk}-reason": "请写明具体措施"},
    ),
    Entry(
        "workbench:reply_category",
        _review("reply_category"),
        STAFF_ONLY,
        "post",
        lambda w: {f"r{w.reply.pk}-category": "C", f"r{w.reply.pk}-reason": "核对更正"},
    ),
    Entry("workbench:followups", lambda w: reverse("workbench:followups"), STAFF_ONLY),
    Entry("deputy:reply_letter", lambda w: reverse("deputy:reply_letter", args=[w.reply.pk]), THE_DEPUTY),
    Entry(
        "unitportal:reply_letter",
        lambda w: reverse("unitportal:reply_letter", args=[w.lead.pk, w.reply.pk]),
        THE_UNIT,
    ),
    Entry("unitportal:followups", lambda w: reverse("unitportal:followups"), ANY_UNIT),
    Entry(
        "unitportal:followup_report",
        lambda w: reverse("unitportal:followup_report", args=[_action(w).pk]),
        THE_UNIT,
        "post",
        lambda w: {f"f{_action(w).pk}-outcome": "done", f"f{_action(w).pk}-note": "已完成立项"},
    ),
]

ENTRIES += [
    # The world's co-signer is not a matrix role: a lead deputy posting here is refused with a message (200).
    Entry(
        "deputy:co_rate",
        lambda w: reverse("deputy:co_rate", args=[w.item.pk]),
        THE_DEPUTY,
        "post",
        lambda w: {"attitude": "satisfied", "result": "satisfied"},
    ),
    Entry(
        "workbench:assisted_rate",
        lambda w: reverse("workbench:assisted_rate", args=[w.item.pk]),
        STAFF_ONLY,
        "post",
        lambda w: {"version": w.item.version, "channel": "phone", "assisted_reason": "代表不使用网络"},
    ),
    Entry(
        "workbench:co_signer_assisted_rate",
        lambda w: reverse("workbench:co_signer_assisted_rate", args=[w.item.pk]),
        STAFF_ONLY,
        "post",
        lambda w: {"channel": "phone", "assisted_reason": "代表不使用网络"},
    ),
]
