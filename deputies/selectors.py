"""Reads of the deputy portal: the deputy's own items, the sessions they can file under, co-signer search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, F, Prefetch, Q, QuerySet, Value
from django.utils import timezone

from common.constants_sql import Constant
from common.counting import COUNT_CAP, CountOf
from common.sql_shapes import QueryShape, fetch_row
from deputies.models import Deputy, Session
from proposals.choices import ReviewStatus, Role
from proposals.models import Assignment, CoSignerListing, LeadListing, Proposal
from proposals.models.assignment import AssignmentState
from proposals.models.proposal import ProposalState
from proposals.text_search import text_contains

# A congress session takes items for this many days from its opening day; after that, items
# go to the year's 闭会期间 pseudo-session.
SESSION_SUBMISSION_DAYS = 7

SCOPES = {
    "all": "全部",
    "led": "我领衔的",
    "cosigned": "我附议的",
    "to_rate": "待评价",
}
SEARCH_LIMIT = 20
# Newest first: the latest session year, then the latest submission (unsent drafts, which have no date
# yet, lead their year), then the latest created. Every key is a column of the row or its session, so a
# page can also be cut by keyset on these values.
ITEM_ORDER = (
    F("session__year").desc(),
    F("submitted_on").desc(nulls_first=True),
    F("pk").desc(),
)


def open_congress_session(*, on: dt.date) -> Session | None:
    """This year's congress session being held on ``on`` (opened within the submission days), if any."""
    return (
        Session.objects.filter(
            kind=Session.Kind.CONGRESS,
            year=on.year,
            opened_on__lte=on,
            opened_on__gt=on - dt.timedelta(days=SESSION_SUBMISSION_DAYS),
        )
        .order_by("-opened_on", "-pk")
        .first()
    )


def sessions_open_for_filing(*, on: dt.date) -> QuerySet[Session]:
    """Sessions a deputy may file a new item under: this year's opened congress sessions and 闭会期间."""
    return Session.objects.filter(year=on.year).filter(
        Q(kind=Session.Kind.RECESS) | Q(kind=Session.Kind.CONGRESS, opened_on__lte=on)
    )


def _led(deputy: Deputy | int) -> QuerySet[Proposal]:
    return Proposal.objects.filter(lead_deputy=deputy)


def _cosigned(deputy: Deputy | int) -> QuerySet[Proposal]:
    """Others' items the deputy co-signed, once submitted (the lead's unsent draft stays private)."""
    return Proposal.objects.filter(co_signers=deputy).exclude(state=ProposalState.DRAFT).exclude(lead_deputy=deputy)


def _listed_cosigned(deputy: Deputy | int) -> QuerySet:
    """The same items as ``_cosigned``, as the deputy's rows of the co-signers' link table (PostgreSQL, where
    triggers keep each link's sort keys; see ``proposals.models.cosigner_listing``)."""
    return CoSignerListing.objects.filter(deputy=deputy, listed=True)


def _cosigned_stream(deputy: Deputy | int) -> QuerySet:
    return _listed_cosigned(deputy) if connection.vendor == "postgresql" else _cosigned(deputy)


def _led_stream(deputy: Deputy | int) -> QuerySet:
    """The deputy's led items, as rows carrying their session's year where triggers keep it (PostgreSQL; see
    ``proposals.models.lead_listing``), so that the page's order is one index's order."""
    return LeadListing.objects.filter(lead_deputy=deputy) if connection.vendor == "postgresql" else _led(deputy)


def _streams(deputy: Deputy | int, scope: str) -> list[QuerySet]:
    """The scope's items as disjoint streams, each found from an index on the deputy."""
    if scope == "led":
        return [_led_stream(deputy)]
    if scope == "cosigned":
        return [_cosigned_stream(deputy)]
    if scope == "to_rate":
        return [_led_stream(deputy).filter(state=Constant(ProposalState.REPLIED))]
    return [_led_stream(deputy), _cosigned_stream(deputy)]


# The columns a stream is ordered and paged by: the item's own, or the link table's copies of them.
_ITEM_KEYS = ("pk", "session__year", "submitted_on")
_LEAD_KEYS = ("pk", "list_year", "submitted_on")
_LINK_KEYS = ("proposal_id", "list_year", "list_submitted")
_KEYS_OF = {CoSignerListing: _LINK_KEYS, LeadListing: _LEAD_KEYS}


@dataclass(frozen=True)
class ItemCursor:
    """Where the next page starts: the last row's ``ITEM_ORDER`` values (session year, submitted date, id)."""

    year: int
    submitted_on: dt.date | None
    pk: int

    def encode(self) -> str:
        return f"{self.year}-{self.submitted_on:%Y%m%d}-{self.pk}" if self.submitted_on else f"{self.year}-x-{self.pk}"

    @classmethod
    def decode(cls, raw: str | None) -> ItemCursor | None:
        try:
            year, day, pk = (raw or "").split("-")
            submitted = None if day == "x" else dt.datetime.strptime(day, "%Y%m%d").date()  # noqa: DTZ007
            cursor = cls(year=int(year), submitted_on=submitted, pk=int(pk))
        except ValueError:
            return None
        return cursor if 0 < cursor.year < 10000 and 0 < cursor.pk < 2**62 else None

    def after(self, keys: tuple[str, str, str] = ("pk", "session__year", "submitted_on")) -> Q:
        """Rows that come after this one in ``ITEM_ORDER`` (undated drafts come first within their year);
        ``keys`` names the id, year and date columns of the rows compared."""
        pk, year, day = keys
        same_year = Q(**{year: self.year})
        if self.submitted_on is None:
            later = Q(**{f"{day}__isnull": True, f"{pk}__lt": self.pk}) | Q(**{f"{day}__isnull": False})
        else:
            later = Q(**{f"{day}__lt": self.submitted_on}) | Q(**{day: self.submitted_on, f"{pk}__lt": self.pk})
        return Q(**{f"{year}__lt": self.year}) | (same_year & later)

    @staticmethod
    def sort_key(values: tuple) -> tuple:
        pk, year, submitted_on = values
        return (year, submitted_on is None, submitted_on or dt.date.min, pk)


@dataclass
class DeputyPage:
    rows: list[Proposal]
    next_cursor: str | None
    is_first: bool


Groups = dict[str, tuple[list[QuerySet], "ItemCursor | None", int]]


def _groups(deputy: Deputy | int, scope: str, cursor: ItemCursor | None, size: int, preview: int) -> Groups:
    """The page's streams after the cursor and, with ``preview``, the first items awaiting a rating."""
    groups = {"page": (_streams(deputy, scope), cursor, size)}
    if preview:
        groups["preview"] = (_streams(deputy, "to_rate"), None, preview)
    return groups


def _key_parts(groups: Groups) -> list[QuerySet]:
    """Each stream's first ``size + 1`` keys after its group's cursor, read in ``ITEM_ORDER`` from its index."""
    parts = []
    for tag, (streams, cursor, size) in groups.items():
        for rows in streams:
            keys = _KEYS_OF.get(rows.model, _ITEM_KEYS)
            if cursor is not None:
                rows = rows.filter(cursor.after(keys))
            pk, year, day = keys
            order = (F(year).desc(), F(day).desc(nulls_first=True), F(pk).desc())
            rows = rows.order_by(*order).annotate(stream=Value(tag, output_field=CharField()))
            parts.append(rows.values_list(*keys, "stream")[: size + 1])
    return parts


def _keys_query(
    *, scope: str, size: int, preview: int, cursor_dated: bool | None, deputy_id: int, year=None, day=None, pk=None
) -> QuerySet:
    """Every stream's keys as one UNION (PostgreSQL), for ``QueryShape``: the cursor's values are its own."""
    cursor = None
    if cursor_dated is not None:
        cursor = ItemCursor(year=year, submitted_on=day if cursor_dated else None, pk=pk)
    parts = _key_parts(_groups(deputy_id, scope, cursor, size, preview))
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


_KEYS = QueryShape(_keys_query)


def _read_keys(*, deputy: Deputy, scope: str, cursor: ItemCursor | None, size: int, preview: int) -> list[tuple]:
    """(id, session year, submitted date, group) of the first rows of every stream, in one statement where
    the database can limit the parts of a UNION (compiled once per process for each scope and cursor form)."""
    if connection.features.supports_slicing_ordering_in_compound:
        options = {
            "scope": scope,
            "size": size,
            "preview": preview,
            "cursor_dated": None if cursor is None else cursor.submitted_on is not None,
        }
        values = {"deputy_id": deputy.pk}
        if cursor is not None:
            values.update(year=cursor.year, pk=cursor.pk)
            if cursor.submitted_on is not None:
                values["day"] = cursor.submitted_on
        sql, params = _KEYS.sql(options=options, values=values)
        with connection.cursor() as db:
            db.execute(sql, params)
            return db.fetchall()
    # SQLite cannot limit the parts of a UNION: read them one by one
    return [key for part in _key_parts(_groups(deputy, scope, cursor, size, preview)) for key in part]


def _first_keys(found: list[tuple], sizes: dict[str, int]) -> dict[str, list]:
    """For each group, the ``ITEM_ORDER`` keys of its first ``size + 1`` rows among those ``found``."""
    keys: dict[str, set] = {tag: set() for tag in sizes}
    for pk, year, submitted_on, tag in found:
        keys[tag].add((pk, year, submitted_on))
    return {tag: sorted(keys[tag], key=ItemCursor.sort_key, reverse=True)[: size + 1] for tag, size in sizes.items()}


# What a row of the home page shows of an item (its title, number, state, session, lead and due dates).
LISTED_FIELDS = (
    "kind",
    "number",
    "title",
    "state",
    "round",
    "submitted_on",
    "reply_due",
    "extended_to",
    "rehandle_due",
    "evaluation_due",
    "session__name",
    "session__year",
    "lead_deputy__name",
)


def _load(pks: set[int]) -> dict[int, Proposal]:
    """The rows of these items with their session, lead deputy and live assignments (two queries)."""
    if not pks:
        return {}
    live = (
        Assignment.objects.exclude(state=AssignmentState.WITHDRAWN)
        .select_related("unit")
        .only("proposal_id", "role", "state", "unit__name")
        .order_by("id")
    )
    rows = (
        Proposal.objects.filter(pk__in=pks)
        .select_related("session", "lead_deputy")
        .only(*LISTED_FIELDS)
        .prefetch_related(Prefetch("assignments", queryset=live, to_attr="live_assignments"))
    )
    loaded = {}
    for proposal in rows:
        proposal.live_assignments.sort(key=lambda a: a.role == Role.CO)  # answering units first, then co-units
        loaded[proposal.pk] = proposal
    return loaded


def deputy_page(
    *, deputy: Deputy, scope: str = "all", cursor: ItemCursor | None = None, size: int = 20, preview: int = 0
) -> tuple[DeputyPage, list[Proposal]]:
    """One keyset page of the items the deputy leads or co-signed, in ``ITEM_ORDER``, with live assignments;
    and with ``preview``, the first items awaiting the deputy's rating (read together with the page).

    Each stream (led, co-signed) gives its first ``size + 1`` rows after the cursor, read from the index on
    the deputy; the page is the first of those. Nothing reads rows of other deputies, and a deep page costs
    what the first one does.
    """
    found = _read_keys(deputy=deputy, scope=scope, cursor=cursor, size=size, preview=preview)
    keys = _first_keys(found, {"page": size, "preview": preview} if preview else {"page": size})
    found, waiting = keys["page"], keys.get("preview", [])[:preview]
    next_cursor = None
    if len(found) > size:
        found = found[:size]
        pk, year, submitted_on = found[-1]
        next_cursor = ItemCursor(year=year, submitted_on=submitted_on, pk=pk).encode()
    loaded = _load({k[0] for k in found} | {k[0] for k in waiting})
    page = DeputyPage(rows=[loaded[k[0]] for k in found], next_cursor=next_cursor, is_first=cursor is None)
    return page, [loaded[k[0]] for k in waiting]


def _counts_query(*, cap: int, deputy_id: int, now: dt.datetime) -> QuerySet:
    def count(rows: QuerySet) -> CountOf:
        # The deputy's whole history is counted to at most cap + 1 (shown as "1000+").
        return CountOf(rows.order_by().values("pk")[: cap + 1])

    return (
        Deputy.objects.filter(pk=deputy_id)
        .order_by()
        .values(
            led=count(_led(deputy_id)),
            cosigned=count(_cosigned_stream(deputy_id)),
            to_rate=count(_led(deputy_id).filter(state=Constant(ProposalState.REPLIED))),
            invitations=count(_open_invitations(deputy_id, now=now)),
            delegation_name=F("delegation__name"),
        )
    )


_COUNTS = QueryShape(_counts_query)


def deputy_item_counts(*, deputy: Deputy) -> dict[str, int]:
    """How many items fall under each tab of the deputy's home page, how many co-sign invitations wait for
    the deputy's answer, and the deputy's delegation (one query of index counts, compiled once per process).
    Each count stops after ``COUNT_CAP + 1`` (the page shows "1000+"), as the unit's inbox does."""
    values = {"deputy_id": deputy.pk, "now": timezone.now()}
    row = fetch_row(*_COUNTS.sql(options={"cap": COUNT_CAP}, values=values)) or {}
    counts = {key: row.get(key) or 0 for key in ("led", "cosigned", "to_rate", "invitations")}
    return {"all": counts["led"] + counts["cosigned"], **counts, "delegation": row.get("delegation_name") or ""}


def deputy_search(*, query: str, exclude: Deputy | None = None) -> list[Deputy]:
    """Active deputies whose name contains ``query``, for choosing co-signers (bounded)."""
    query = query.strip()
    if not query:
        return []
    qs = Deputy.objects.filter(text_contains("name", query), active=True).select_related("delegation")
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(qs.order_by("name", "pk")[:SEARCH_LIMIT])


def replies_of_record(replies: list) -> list:
    """What a deputy sees of the replies: the approved versions only (答复审查); a pending or returned
    version is not a reply yet."""
    return [r for r in replies if r.is_of_record]


def current_round_replies(*, proposal: Proposal, replies: list) -> list:
    """The replies of record of the item's round being evaluated (the latest answered round)."""
    replies = replies_of_record(replies)
    if not replies:
        return []
    latest = max(r.round for r in replies)
    return [r for r in replies if r.round == latest]


def with_days_left(items, *, today: dt.date) -> list:
    """Attach ``due`` (the date the item is due now) and ``days_left`` to each item on a page."""
    items = list(items)
    for item in items:
        due = None
        if item.state in (ProposalState.ASSIGNED, ProposalState.HANDLING, ProposalState.REHANDLING):
            due = item.effective_due
        elif item.state == ProposalState.REPLIED:
            due = item.evaluation_due
        item.due = due
        item.days_left = (due - today).days if due else None
    return items


def reply_for_user(user, pk: int):
    """A reply whose item the user may see (its lead or co-signing deputies), with a file; else 404."""
    from django.http import Http404

    from proposals.models import Reply
    from proposals.selectors import proposal_for_user

    reply = Reply.objects.filter(pk=pk, review_status=ReviewStatus.APPROVED).only("pk", "proposal_id", "file").first()
    if reply is None or not reply.file:
        raise Http404("未找到该答复函")
    proposal_for_user(user, reply.proposal_id)
    return reply


def letter_reply_for_user(user, pk: int):
    """A reply of record whose item the user may see, for its 答复函 PDF; else 404."""
    from django.http import Http404

    from proposals.models import Reply
    from proposals.selectors import proposal_for_user

    reply = (
        Reply.objects.filter(pk=pk, review_status=ReviewStatus.APPROVED)
        .select_related("proposal__session", "proposal__lead_deputy", "unit")
        .first()
    )
    if reply is None:
        raise Http404("未找到该答复")
    proposal_for_user(user, reply.proposal_id)
    return reply


def _open_invitations(deputy: Deputy | int, *, now: dt.datetime | None = None) -> QuerySet:
    """The deputy's (or the deputy id's) invitations still waiting for an answer at ``now``."""
    from proposals.models import CoSignInvitation, InvitationState

    return CoSignInvitation.objects.filter(
        deputy=deputy, state=InvitationState.PENDING, expires_at__gt=now or timezone.now()
    )


def open_invitations(*, deputy: Deputy, limit: int = 20) -> list:
    """The co-sign invitations waiting for this deputy's answer, soonest deadline first."""
    return list(
        _open_invitations(deputy)
        .select_related("proposal", "proposal__lead_deputy", "proposal__session")
        .order_by("expires_at", "pk")[:limit]
    )


def invitations_of(proposal) -> list:
    """Every invitation of an item (who was asked, and how they answered), for its lead deputy."""
    return list(proposal.cosign_invitations.select_related("deputy", "deputy__delegation").order_by("invited_at", "pk"))


def chosen_co_signers(proposal) -> list[Deputy]:
    """The co-signers a draft's form shows as chosen: those who accepted and those still invited or who answered."""
    from proposals.models import InvitationState

    invited = Deputy.objects.filter(
        cosign_invitations__proposal=proposal,
        cosign_invitations__state__in=[s for s in InvitationState.values if s != "withdrawn"],
    )
    accepted = Deputy.objects.filter(cosigned_proposals=proposal)
    return list((invited | accepted).distinct().select_related("delegation").order_by("name", "pk"))
