"""Counting the rows of a limited queryset inside a larger statement."""

from __future__ import annotations

from django.db.models import IntegerField, Subquery

# Lists count at most this many rows of a tab (shown as "1000+"), so a count costs the same however long the
# history behind it grows.
COUNT_CAP = 1000


class CountOf(Subquery):
    """``(SELECT COUNT(*) FROM (<rows>) AS counted)``: the number of rows a (possibly limited) queryset gives.

    Counting over the limited rows as a derived table reads at most the limit from the tab's index; an
    ``id IN (... LIMIT n)`` test instead lets the planner scan every assignment and probe the list.
    """

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()
