from django.urls import reverse

from tests.access_matrix import ANY_UNIT, THE_UNIT, Entry


def _lead(name):
    return lambda w: reverse(f"unitportal:{name}", args=[w.lead.pk])


def _version(w):
    return {"version": w.lead.version}


ENTRIES = [
    Entry("unitportal:inbox", lambda w: reverse("unitportal:inbox"), ANY_UNIT),
    Entry("unitportal:unit_search", lambda w: reverse("unitportal:unit_search") + "?q=局", ANY_UNIT),
    Entry("unitportal:assignment", _lead("assignment"), THE_UNIT),
    Entry("unitportal:sign", _lead("sign"), THE_UNIT, "post", _version),
    Entry("unitportal:adjustment", _lead("adjustment"), THE_UNIT, "post", _version),
    Entry("unitportal:extension", _lead("extension"), THE_UNIT, "post", _version),
    Entry("unitportal:contact", _lead("contact"), THE_UNIT, "post", _version),
    Entry("unitportal:progress", _lead("progress"), THE_UNIT, "post", _version),
    Entry("unitportal:opinion", _lead("opinion"), THE_UNIT, "post", _version),
    Entry("unitportal:reply", _lead("reply"), THE_UNIT, "post", _version),
    Entry(
        "unitportal:acknowledge",
        lambda w: reverse("unitportal:acknowledge", args=[w.lead.pk, w.supervision.pk]),
        THE_UNIT,
        "post",
        lambda w: {"response": "已收到"},
    ),
    Entry(
        "unitportal:reply_file",
        lambda w: reverse("unitportal:reply_file", args=[w.lead.pk, w.reply.pk]),
        THE_UNIT,
    ),
    Entry(
        "unitportal:opinion_file",
        lambda w: reverse("unitportal:opinion_file", args=[w.lead.pk, w.opinion.pk]),
        THE_UNIT,
    ),
    Entry(
        "unitportal:attachment",
        lambda w: reverse("unitportal:attachment", args=[w.lead.pk, w.attachment.pk]),
        THE_UNIT,
    ),
]
