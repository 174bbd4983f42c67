"""Printed forms of the duty record: the annual 履职报告 (PDF, one page) and the quarterly publication (PDF, Excel)."""

from __future__ import annotations

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from duties.models import Publication
from duties.points import DutyRecord


def office_name() -> str:
    return getattr(settings, "OFFICE_NAME", "人大常委会代表工作机构")


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, {**context, "office": office_name(), "generated_at": timezone.localtime()})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def record_pdf(*, deputy, record: DutyRecord) -> bytes:
    lines = [line for line in record.lines if line.count]
    return _pdf(
        "duties/pdf/record.html",
        {
            "title": f"{deputy.name} {record.year}年度履职报告",
            "data": {"as_of": record.until.isoformat()},
            "deputy": deputy,
            "record": record,
            "lines": lines,
        },
    )


def publication_columns(publication: Publication) -> list[dict]:
    """The kinds that brought anyone points, in the rules' order."""
    used = {kind for row in publication.rows for kind in row["points"]}
    return [rule for rule in publication.rules if rule["kind"] in used]


def publication_groups(publication: Publication) -> list[tuple[str, list[dict]]]:
    kinds = [c["kind"] for c in publication_columns(publication)]
    groups: dict[str, list[dict]] = {}
    for row in publication.rows:
        cells = [row["points"].get(kind, "0") for kind in kinds]
        groups.setdefault(row["delegation"], []).append({**row, "cells": cells})
    return list(groups.items())


def publication_pdf(publication: Publication) -> bytes:
    return _pdf(
        "duties/pdf/publication.html",
        {
            "title": str(publication),
            "data": {"as_of": publication.as_of.isoformat()},
            "publication": publication,
            "columns": publication_columns(publication),
            "groups": publication_groups(publication),
        },
    )


def publication_xlsx(publication: Publication) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "constant_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    title = book.add_format({"bold": True, "font_size": 14})
    number = book.add_format({"num_format": "0.0", "border": 1})
    cell = book.add_format({"border": 1})
    sheet = book.add_worksheet("积分公示")
    columns = publication_columns(publication)
    sheet.write(0, 0, f"{publication}（统计截至 {publication.as_of:%Y-%m-%d}）", title)
    header = ["代表团", "团内排名", "代表", *[c["label"] for c in columns], "合计"]
    for col, text in enumerate(header):
        sheet.write(2, col, text, head)
    for r, row in enumerate(publication.rows, start=3):
        sheet.write(r, 0, row["delegation"], cell)
        sheet.write_number(r, 1, row["rank"], cell)
        sheet.write(r, 2, row["deputy"], cell)
        for c, column in enumerate(columns, start=3):
            sheet.write_number(r, c, float(row["points"].get(column["kind"], 0)), number)
        sheet.write_number(r, 3 + len(columns), float(row["total"]), number)
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 9)
    sheet.set_column(2, 2, 12)
    sheet.set_column(3, 3 + len(columns), 12)
    rules = book.add_worksheet("积分规则")
    for col, text in enumerate(["履职事项", "每项积分", "年度上限"]):
        rules.write(0, col, text, head)
    for r, rule in enumerate(publication.rules, start=1):
        rules.write(r, 0, rule["label"], cell)
        rules.write_number(r, 1, float(rule["points"]), number)
        rules.write(r, 2, "不设上限" if rule["cap"] is None else float(rule["cap"]), number)
    rules.set_column(0, 0, 26)
    rules.set_column(1, 2, 12)
    book.close()
    return out.getvalue()
