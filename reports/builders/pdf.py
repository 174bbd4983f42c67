"""The reports as PDF: the HTML templates ``reports/pdf/<kind>.html`` rendered by WeasyPrint.

The templates use the CJK font installed with the system (Noto Sans CJK SC); A4 pages carry the
report's title and page numbers. Charts come from ``reports.charts`` when that module is present.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from common.office import office_name
from reports.builders.tables import DATE, INT, RATE, Table, tables_for

logger = logging.getLogger("reports.pdf")
# WeasyPrint reports each layout step at INFO; keep worker logs to what matters.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
NULL = "—"


def format_cell(value, kind: str) -> str:
    if value is None or value == "":
        return NULL
    if kind == RATE:
        from decimal import ROUND_HALF_UP, Decimal

        percent = (Decimal(str(value)) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return f"{percent}%"
    if kind == DATE and isinstance(value, dt.date):
        return value.isoformat()
    if kind == INT:
        return str(int(value))
    return str(value)


# The monthly PDF is a leader's summary whatever the number of items: each list shows its most urgent
# rows (the statistics module orders them: oldest overdue first, soonest due first, most overdue unit
# first) with its full count; the complete lists are in the Excel file built with it.
SUMMARY_ROWS = {
    "overdue": 30,
    "near_due": 30,
    "key_supervision": 30,
    "units": 40,
    "rehandled": 20,
    "pending_requests": 20,
    "committee_suggestions": 20,
    "followups": 30,
}


def _display(table: Table, *, limit: int | None = None) -> dict:
    shown = table.rows if limit is None else table.rows[:limit]
    return {
        "title": table.title,
        "empty": table.empty,
        "columns": table.columns,
        "rows": [
            [(format_cell(v, c.type), c.type in (INT, RATE)) for v, c in zip(row, table.columns, strict=True)]
            for row in shown
        ],
        "count": len(table.rows),
        "shown": len(shown),
        "truncated": len(shown) < len(table.rows),
    }


HEADLINE = (
    ("totals", "items", "议案建议总数", INT),
    ("totals", "assigned", "已交办", INT),
    ("totals", "replied", "已答复", INT),
    ("totals", "overdue_open", "超期未答复（首次办理）", INT),
    ("rates", "reply_rate", "办复率", RATE),
    ("rates", "on_time_rate", "按期办复率", RATE),
    ("rates", "satisfaction_rate", "满意率", RATE),
    ("rates", "closure_rate", "办结率", RATE),
    ("rates", "face_to_face_rate", "见面率", RATE),
)


def headline(data: dict) -> list[tuple[str, str]]:
    """The key figures shown large at the top of the report."""
    return [
        (label, format_cell(data.get(group, {}).get(key), kind) + ("件" if kind == INT else ""))
        for group, key, label, kind in HEADLINE
        if key in data.get(group, {})
    ]


def _img(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


# The unit chart on paper: wider and with lower rows than on screen, so that 30 units fit on one page.
PDF_UNIT_ROWS = 30
PDF_UNIT_WIDTH = 720
PDF_UNIT_ROW_HEIGHT = 22


def _charts(kind: str, data: dict) -> list[dict]:
    """The report's charts: ``src`` (an SVG data URL), ``wide`` (a full-width one, else half a page)
    and ``note`` (what the chart shows, when it does not show everything)."""
    try:
        from reports import charts
    except ImportError:
        return []
    drawn = []
    if kind == "annual":
        drawn.append({"src": _img(charts.fields_chart(data.get("fields", {}))), "wide": False, "note": ""})
    drawn.append({"src": _img(charts.categories_chart(data.get("categories", {}))), "wide": False, "note": ""})
    drawn.append({"src": _img(charts.evaluations_chart(data.get("totals", {}))), "wide": False, "note": ""})
    if kind == "annual":
        units = data.get("units", [])
        svg = charts.unit_satisfaction_chart(
            units, max_rows=PDF_UNIT_ROWS, width=PDF_UNIT_WIDTH, row_height=PDF_UNIT_ROW_HEIGHT
        )
        drawn.append({"src": _img(svg), "wide": True, "note": charts.unit_chart_note(units, max_rows=PDF_UNIT_ROWS)})
    return drawn


def render_html(kind: str, data: dict, *, title: str) -> str:
    limits = SUMMARY_ROWS if kind == "monthly" else {}
    tables = {key: _display(table, limit=limits.get(key)) for key, table in tables_for(kind, data).items()}
    context = {
        "title": title,
        "data": data,
        "tables": tables,
        "headline": headline(data),
        "charts": _charts(kind, data),
        "generated_at": timezone.localtime(),
        "office": office_name(),
        "summary": bool(limits),
        "truncated": any(t["truncated"] for t in tables.values()),
    }
    return render_to_string(f"reports/pdf/{kind}.html", context)


def build_pdf(kind: str, data: dict, *, title: str) -> bytes:
    from weasyprint import HTML

    html = render_html(kind, data, title=title)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
