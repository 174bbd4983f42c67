from django.urls import reverse

from tests.access_matrix import ANY_DEPUTY, THE_DEPUTY, Entry


def _version(obj):
    return lambda w: {"version": getattr(w, obj).version}


ENTRIES = [
    Entry("deputy:home", lambda w: reverse("deputy:home"), ANY_DEPUTY),
    Entry("deputy:create", lambda w: reverse("deputy:create"), ANY_DEPUTY),
    Entry("deputy:deputy_search", lambda w: reverse("deputy:deputy_search") + "?q=代表", ANY_DEPUTY),
    Entry("deputy:detail", lambda w: reverse("deputy:detail", args=[w.item.pk]), THE_DEPUTY),
    Entry("deputy:edit", lambda w: reverse("deputy:edit", args=[w.draft.pk]), THE_DEPUTY),
    Entry(
        "deputy:submit",
        lambda w: reverse("deputy:submit", args=[w.draft.pk]),
        THE_DEPUTY,
        "post",
        lambda w: {"version": w.draft.version, "disclosure": "agree"},
    ),
    Entry(
        "deputy:withdraw",
        lambda w: reverse("deputy:withdraw", args=[w.submitted.pk]),
        THE_DEPUTY,
        "post",
        _version("submitted"),
    ),
    Entry("deputy:rate", lambda w: reverse("deputy:rate", args=[w.item.pk]), THE_DEPUTY),
    Entry(
        "deputy:meeting",
        lambda w: reverse("deputy:meeting", args=[w.item.pk]),
        THE_DEPUTY,
        "post",
        lambda w: {"message": "希望当面沟通"},
    ),
    Entry("deputy:reply_file", lambda w: reverse("deputy:reply_file", args=[w.reply.pk]), THE_DEPUTY),
    Entry(
        "deputy:attachment",
        lambda w: reverse("deputy:attachment", args=[w.item.pk, w.attachment.pk]),
        THE_DEPUTY,
    ),
    Entry(
        "deputy:attachment_remove",
        lambda w: reverse("deputy:attachment_remove", args=[w.draft.pk, w.draft_attachment.pk]),
        THE_DEPUTY,
        "post",
    ),
    Entry("deputy:invitation", lambda w: reverse("deputy:invitation", args=[w.invitation.pk]), THE_DEPUTY),
    Entry(
        "deputy:invitation_answer",
        lambda w: reverse("deputy:invitation_answer", args=[w.invitation.pk]),
        THE_DEPUTY,
        "post",
        lambda w: {"answer": "decline"},
    ),
]
