"""The year-end report (年度报告) in the contract's JSON shape."""

from __future__ import annotations

import datetime as dt

from reports.statistics.facts_table import item_facts_table
from reports.statistics.promises import follow_up_figures
from reports.statistics.rates import rates
from reports.statistics.sql import without_jit
from reports.statistics.totals import fields, totals_and_categories
from reports.statistics.unit_scores import unit_scores
from reports.statistics.units import unit_counts, units


@without_jit
def annual_report(*, year: int, as_of: dt.date) -> dict:
    """The year-end report, key for key and in the order of the contract; dates are ``YYYY-MM-DD`` text.

    The result can be written with ``json.dumps`` as it is.
    """
    with item_facts_table(year=year, as_of=as_of):  # each item's facts, looked up once for all the figures
        totals, categories = totals_and_categories(year=year, as_of=as_of)
        item_fields = fields(year=year, as_of=as_of)
        counts = unit_counts(year=year, as_of=as_of)  # the units table and the unit scores
    unit_list = units(year=year, as_of=as_of, counts=counts)
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        "totals": totals,
        "rates": rates(totals, categories),
        "categories": categories,
        "fields": item_fields,
        "units": unit_list,
        "unit_scores": unit_scores(year=year, as_of=as_of, units=unit_list, counts=counts),
        "follow_up": follow_up_figures(year=year, as_of=as_of),
    }
