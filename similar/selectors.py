"""Similar earlier items: what a deputy drafting, or staff reviewing, should see before going on.

On PostgreSQL the candidates are found by pg_trgm similarity of the titles, answered from the trigram
index on ``UPPER(title::text)`` that the workbench search already has (``proposals.0004``), and ranked
by title and content similarity together. On SQLite (the embedded default) candidates are the items
sharing a two-character fragment of the title, ranked by the share of fragments in common.

Who sees what: staff and leaders every filed item; a deputy their own and co-signed items, and the items
published on the public pages. Drafts are never candidates: a draft belongs to its deputy alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Exists, F, FloatField, Func, Lookup, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Left

from accounts.roles import deputy_of, is_leader, is_office_staff
from proposals.models import Proposal, Reply
from proposals.models.proposal import ProposalState as S
from similar.models import RepeatLink

LIMIT = 5
CANDIDATES = 60
TITLE_THRESHOLD = 0.3  # the index look-up on core titles; the ranking below decides
MIN_SCORE = 0.3
NOT_CANDIDATES = (S.DRAFT, S.WITHDRAWN)
CONTENT_CHARS = 600  # the content compared: enough to tell two items apart, bounded for speed


@dataclass(frozen=True)
class Similar:
    proposal: Proposal
    score: float
    reply: Reply | None
    url: str = ""  # where this user reads the item: the workbench, the deputy's own page, or the public page


def visible_filter(user) -> Q | None:
    """Which filed items ``user`` may be shown as similar; None when none."""
    if is_office_staff(user) or is_leader(user):
        return Q()
    deputy = deputy_of(user)
    if deputy is None:
        return None
    cosigned = Proposal.co_signers.through.objects.filter(proposal_id=OuterRef("pk"), deputy_id=deputy.pk)
    own = Q(lead_deputy_id=deputy.pk) | Q(Exists(cosigned))
    public = published_filter()
    return own | public if public is not None else own


def published_filter() -> Q | None:
    """Items the public pages show, when the public site is installed."""
    try:
        from publicsite.selectors import published_q  # type: ignore[import-not-found]
    except ImportError:
        return None
    return published_q()


LEADING = "^(关于|对于)"
TRAILING = "(的|之)?(建议|议案|意见|提案)$"
# The core title in SQL, exactly as the index ``proposal_core_title_trgm`` (similar.0002) is built on it.
CORE_TITLE_SQL = f"REGEXP_REPLACE(REGEXP_REPLACE(UPPER(%(expressions)s::text), '{LEADING}', ''), '{TRAILING}', '')"
RANKED_AT_MOST = 500  # index hits ranked per look-up: all of them unless hundreds of titles are alike


def core_title(title: str) -> str:
    """The title without the words every title has (关于……的建议), which would make any two look alike.

    The same rule as ``CORE_TITLE_SQL``: one leading and one trailing phrase removed."""
    text = re.sub(TRAILING, "", re.sub(LEADING, "", title.strip().upper()))
    return text or title.strip().upper()


def _bigrams(text: str) -> set[str]:
    text = "".join(text.split())
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


class CoreTitle(Func):
    """The core title (``CORE_TITLE_SQL``), the expression the trigram index is built on (PostgreSQL)."""

    template = CORE_TITLE_SQL
    output_field = TextField()


class TrigramMatch(Lookup):
    """``lhs % rhs``: similar above ``pg_trgm.similarity_threshold``, answered from a trigram index."""

    lookup_name = "trigram_match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} %% {rhs}", (*lhs_params, *rhs_params)


def _rerank(rows, title: str, content: str) -> list[tuple[int, float]]:
    """Core-title and content similarity (bigram Dice) of the candidates; those above ``MIN_SCORE``, best first.

    Without content to compare, the title alone decides."""
    wanted_title = _bigrams(core_title(title))
    wanted_content = _bigrams(content[:CONTENT_CHARS])
    scored = []
    for pk, other_title, other_content in rows:
        t = _dice(wanted_title, _bigrams(core_title(other_title)))
        if wanted_content and other_content:
            score = 0.6 * t + 0.4 * _dice(wanted_content, _bigrams(other_content[:CONTENT_CHARS]))
        else:
            score = t
        if score >= MIN_SCORE:
            scored.append((pk, round(score, 4)))
    scored.sort(key=lambda r: (-r[1], -r[0]))
    return scored[:LIMIT]


def _candidates_pg(qs: QuerySet, title: str, content: str) -> list[tuple[int, float]]:
    """Items whose core title is trigram-similar to the draft's, found by the core-title index.

    At most ``RANKED_AT_MOST`` index hits are taken (a bounded scan, whatever the table's size), the best
    ``CANDIDATES`` of them by similarity are ranked with their content."""
    query = Value(core_title(title), output_field=TextField())
    hits = qs.filter(TrigramMatch(CoreTitle(F("title")), query)).order_by().values("pk")[:RANKED_AT_MOST]
    rows = (
        Proposal.objects.filter(pk__in=Subquery(hits))
        .annotate(title_sim=Func(CoreTitle(F("title")), query, function="similarity", output_field=FloatField()))
        .annotate(head=Left("content", CONTENT_CHARS))
        .order_by("-title_sim", "-id")
        .values_list("id", "title", "head")[:CANDIDATES]
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(TITLE_THRESHOLD)])
        found = list(rows)
    return _rerank(found, title, content)


def _candidates_fallback(qs: QuerySet, title: str, content: str) -> list[tuple[int, float]]:
    grams = sorted(_bigrams(core_title(title)))[:12]
    if not grams:
        return []
    match = Q()
    for gram in grams:
        match |= Q(title__contains=gram)
    rows = qs.filter(match).order_by("-id").values_list("id", "title", "content")[:500]
    return _rerank(rows, title, content)


def similar_items(
    user, *, title: str, content: str = "", exclude_pk: int | None = None, within: Q | None = None
) -> list[Similar]:
    """The most similar filed items ``user`` may see, best first, with each one's latest reply."""
    title = title.strip()[:200]
    if len(title) < 4:
        return []
    visible = visible_filter(user)
    if visible is None:
        return []
    qs = Proposal.objects.exclude(state__in=NOT_CANDIDATES).filter(visible)
    if within is not None:
        qs = qs.filter(within)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    finder = _candidates_pg if connection.vendor == "postgresql" else _candidates_fallback
    ranked = finder(qs, title, content or "")
    if not ranked:
        return []
    ids = [pk for pk, _ in ranked]
    items = Proposal.objects.select_related("session", "lead_deputy").in_bulk(ids)
    urls = _urls(user, items.values())
    replies: dict[int, Reply] = {}
    for reply in (
        Reply.objects.filter(proposal_id__in=ids)
        .select_related("unit")
        .order_by("proposal_id", "round", "replied_on", "id")
    ):
        replies[reply.proposal_id] = reply  # the latest one wins
    return [Similar(items[pk], score, replies.get(pk), urls.get(pk, "")) for pk, score in ranked if pk in items]


def _urls(user, proposals) -> dict[int, str]:
    from django.urls import reverse

    proposals = list(proposals)
    if is_office_staff(user) or is_leader(user):
        return {p.pk: reverse("workbench:detail", args=[p.pk]) for p in proposals}
    deputy = deputy_of(user)
    ids = [p.pk for p in proposals]
    cosigned = set(
        Proposal.co_signers.through.objects.filter(proposal_id__in=ids, deputy_id=deputy.pk).values_list(
            "proposal_id", flat=True
        )
    )
    own = {p.pk for p in proposals if p.lead_deputy_id == deputy.pk} | cosigned
    urls = {pk: reverse("deputy:detail", args=[pk]) for pk in own}
    others = [pk for pk in ids if pk not in own]
    if others:
        try:
            from publicsite.models import Publication
        except ImportError:
            return urls
        for pk, slug in Publication.objects.filter(proposal_id__in=others).values_list("proposal_id", "slug"):
            urls[pk] = reverse("publicsite:item", args=[slug])
    return urls


def review_candidates(user, proposal: Proposal) -> dict[str, list[Similar]]:
    """For intake review: likely duplicates in the same session (并案) and items of earlier years (多年重复)."""
    same = similar_items(
        user, title=proposal.title, content=proposal.content, exclude_pk=proposal.pk, within=Q(session=proposal.session)
    )
    earlier = similar_items(
        user,
        title=proposal.title,
        content=proposal.content,
        exclude_pk=proposal.pk,
        within=Q(session__year__lt=proposal.session.year),
    )
    links = list(
        RepeatLink.objects.filter(proposal=proposal)
        .select_related("earlier__session")
        .order_by("earlier__session__year")
    )
    linked = {link.earlier_id for link in links}
    return {
        "same_session": same,
        "earlier_years": [s for s in earlier if s.proposal.pk not in linked],
        "links": links,
    }
