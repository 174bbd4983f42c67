"""Bounded pagination: offset pages over a capped count.

Counting a filtered list of a million rows on every page view is the slow part of a classic
paginator. The count here stops at ``cap`` (``SELECT COUNT(*) FROM (… LIMIT cap+1)``), and pages
go no further than the cap: a list longer than that tells the user to narrow the filters. A page's
rows are read by id once the ids of the page are known (a deferred join), so the offset walks ids only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

PER_PAGE = 25
COUNT_CAP = 10_000


@dataclass
class Page:
    rows: list
    number: int
    num_pages: int
    count: int
    capped: bool
    per_page: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.rows else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.rows)

    @property
    def window(self) -> list[int | None]:
        """Page numbers to show: first, last and two either side of the current one (None = gap)."""
        shown = {1, self.num_pages, *range(self.number - 2, self.number + 3)}
        pages = sorted(n for n in shown if 1 <= n <= self.num_pages)
        out: list[int | None] = []
        for n in pages:
            if out and n - (out[-1] or 0) > 1:
                out.append(None)
            out.append(n)
        return out


def bounded_page(qs: QuerySet, page: str | int | None, *, per_page: int = PER_PAGE, cap: int = COUNT_CAP) -> Page:
    count = qs.order_by()[: cap + 1].count()
    capped = count > cap
    count = min(count, cap)
    num_pages = max(1, -(-count // per_page))
    try:
        number = int(page or 1)
    except (TypeError, ValueError):
        number = 1
    number = min(max(number, 1), num_pages)
    offset = (number - 1) * per_page
    # The page's ids first, walking only the order's index; then its rows and what they join, for 25 ids.
    # A deep page then skips thousands of ids without reading their rows, and every page costs the same.
    ids = list(qs.values_list("pk", flat=True)[offset : offset + per_page])
    rows = list(qs.filter(pk__in=ids)) if ids else []
    return Page(rows=rows, number=number, num_pages=num_pages, count=count, capped=capped, per_page=per_page)
