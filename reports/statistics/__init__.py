"""The one statistics module: every figure of the dashboard, the year-end and the monthly reports.

Definitions follow ``contracts/annual-report.md``. Every figure is an SQL aggregate; a report costs a
fixed number of queries whatever the number of items. A report describes the state of things as of the
end of the day ``as_of``: anything dated after it does not count, so a report for a past date is
reproducible. Rates are rounded half up to 4 decimal places and are null when the denominator is 0.

- ``annual_report(year=, as_of=)`` — the year-end report (``contracts/annual-report.md``, "Shape");
- ``monthly_report(year=, month=)`` — the monthly supervision report, as of the month's last day;
- ``open_item_lists(as_of=, year=, limit=)`` — its overdue, near-due and 重点督办 lists as of any day
  (the leaders' dashboard reads them on its own day), with ``counts`` of each list and, under
  ``counts["overdue_parts"]``, the overdue items split as ``overdue.overdue_counts`` says (the contract's
  first-round figure, the 重新办理 ones and earlier years'); ``overdue.overdue_today`` is the same
  definition read from the stored columns, for the workbench's 超期 filter.

All return plain dicts ready for ``json.dumps`` (dates as ``YYYY-MM-DD`` text).
"""

from reports.statistics.annual import annual_report
from reports.statistics.item_lists import open_item_lists
from reports.statistics.monthly import monthly_report

__all__ = ["annual_report", "monthly_report", "open_item_lists"]
