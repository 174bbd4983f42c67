from django.urls import reverse

from tests.access_matrix import (
    ANY_UNIT,
    COMMITTEE,
    DEPUTY,
    EVERYONE,
    LEADER,
    OTHER_DEPUTY,
    OTHER_STATION,
    STAFF,
    STAFF_ONLY,
    STATION,
    THE_DEPUTY,
    THE_UNIT,
    Entry,
)

WORKSPACE = frozenset({STAFF, DEPUTY, OTHER_DEPUTY, STATION, OTHER_STATION, COMMITTEE})
ENTERS = frozenset({DEPUTY, OTHER_DEPUTY, STATION, OTHER_STATION})
READS_THE_OPINION = frozenset({STAFF, DEPUTY, STATION, COMMITTEE})
TRIAGES_THE_OPINION = frozenset({DEPUTY, STATION})
THE_COMMITTEE = frozenset({COMMITTEE})
FIGURES = frozenset({STAFF, LEADER, COMMITTEE})


def _op(name):
    return lambda w: reverse(f"opinions:{name}", args=[w.opinions.opinion.pk])


def _triage(prefix, **extra):
    def data(w):
        body = {f"{prefix}-version": w.opinions.opinion.version, f"{prefix}-reason": "属街道职责", f"{prefix}-on": ""}
        body.update({f"{prefix}-{k}": v(w) if callable(v) else v for k, v in extra.items()})
        return body

    return data


ENTRIES = [
    Entry("opinions:list", lambda w: reverse("opinions:list"), WORKSPACE),
    Entry("opinions:create", lambda w: reverse("opinions:create"), ENTERS),
    Entry("opinions:detail", _op("detail"), READS_THE_OPINION),
    Entry("opinions:answer", _op("answer"), TRIAGES_THE_OPINION, "post", _triage("answer", answer="已修复")),
    Entry("opinions:refer", _op("refer"), TRIAGES_THE_OPINION, "post", _triage("refer", unit=lambda w: w.lead.unit_id)),
    Entry("opinions:keep", _op("keep"), TRIAGES_THE_OPINION, "post", _triage("keep")),
    Entry("opinions:decline", _op("decline"), TRIAGES_THE_OPINION, "post", _triage("decline")),
    Entry("opinions:merge", _op("merge"), TRIAGES_THE_OPINION, "post", _triage("merge", others="1")),
    Entry("opinions:release", _op("release"), TRIAGES_THE_OPINION, "post", _triage("release", summary="已答复")),
    Entry("opinions:supervise", _op("supervise"), THE_COMMITTEE, "post"),
    Entry(
        "opinions:suggest",
        lambda w: reverse("opinions:suggest") + f"?ids={w.opinions.opinion.pk}",
        THE_DEPUTY,
        note="only a deputy who may triage the opinions drafts a suggestion from them",
    ),
    Entry("opinions:receptions", lambda w: reverse("opinions:receptions"), WORKSPACE),
    Entry(
        "opinions:reception_create", lambda w: reverse("opinions:reception_create"), frozenset({STATION, OTHER_STATION})
    ),
    Entry("opinions:referrals", lambda w: reverse("opinions:referrals"), ANY_UNIT),
    Entry("opinions:referral", lambda w: reverse("opinions:referral", args=[w.opinions.referral.pk]), THE_UNIT),
    Entry(
        "opinions:referral_answer",
        lambda w: reverse("opinions:referral_answer", args=[w.opinions.referral.pk]),
        THE_UNIT,
        "post",
        lambda w: {"version": w.opinions.referral.version, "answer": "已安排修复人行道。"},
    ),
    Entry("opinions:committee", lambda w: reverse("opinions:committee"), THE_COMMITTEE),
    Entry("opinions:committee_suggestions", lambda w: reverse("opinions:committee_suggestions"), THE_COMMITTEE),
    Entry(
        "opinions:committee_suggestion",
        lambda w: reverse("opinions:committee_suggestion", args=[w.item.pk]),
        THE_COMMITTEE,
    ),
    Entry(
        "opinions:supervise_suggestion",
        lambda w: reverse("opinions:supervise_suggestion", args=[w.item.pk]),
        THE_COMMITTEE,
        "post",
    ),
    Entry(
        "opinions:suggestion_committee",
        lambda w: reverse("opinions:suggestion_committee", args=[w.item.pk]),
        STAFF_ONLY,
        "post",
        lambda w: {"committee": w.opinions.committee.pk, "note": "跟踪落实"},
    ),
    Entry("opinions:figures", lambda w: reverse("opinions:figures"), FIGURES),
    # The citizens' pages: no login.
    Entry("opinions_public:index", lambda w: reverse("opinions_public:index"), EVERYONE),
    Entry(
        "opinions_public:station", lambda w: reverse("opinions_public:station", args=[w.opinions.station.pk]), EVERYONE
    ),
    Entry(
        "opinions_public:station_qr",
        lambda w: reverse("opinions_public:station_qr", args=[w.opinions.station.pk]),
        EVERYONE,
    ),
    Entry(
        "opinions_public:station_submit",
        lambda w: reverse("opinions_public:station_submit", args=[w.opinions.station.pk]),
        EVERYONE,
    ),
    Entry(
        "opinions_public:deputy", lambda w: reverse("opinions_public:deputy", args=[w.item.lead_deputy_id]), EVERYONE
    ),
    Entry(
        "opinions_public:deputy_qr",
        lambda w: reverse("opinions_public:deputy_qr", args=[w.item.lead_deputy_id]),
        EVERYONE,
    ),
    Entry(
        "opinions_public:deputy_submit",
        lambda w: reverse("opinions_public:deputy_submit", args=[w.item.lead_deputy_id]),
        EVERYONE,
    ),
    Entry("opinions_public:query", lambda w: reverse("opinions_public:query"), EVERYONE),
    Entry(
        "opinions_public:query",
        lambda w: reverse("opinions_public:query"),
        EVERYONE,
        "post",
        lambda w: {"code": w.opinions.opinion.query_code},
    ),
    Entry(
        "opinions_public:rate",
        lambda w: reverse("opinions_public:rate"),
        EVERYONE,
        "post",
        lambda w: {"code": w.opinions.opinion.query_code, "result": "satisfied"},
    ),
]
