"""The report PDFs leave no page nearly empty, and the unit chart shows every ranked unit or says what it leaves out."""

from __future__ import annotations

import copy
import functools
import io
import json
import re
from pathlib import Path

import pypdf
import pytest

from reports import builders

# The demo office's year-end report: its charts used to fill page 5 exactly, leaving the footnote alone on page 6.
DEMO = json.loads((Path(__file__).parent / "data" / "demo_annual_2026.json").read_text(encoding="utf-8"))
FRAME = re.compile(r"^(第 \d+ 页 / 共 \d+ 页|统计截至 .*|.*年度报告)$")  # the running header and footer
FOOTNOTE = "说明：统计口径"
MIN_FILLED = 0.3  # the share of the page height between a page's first and last line of content


def filled(page: pypdf.PageObject) -> float:
    """How much of the page's height its content spans (the running header and footer left out)."""
    ys: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() and not FRAME.match(text.strip()):
            ys.append(cm[1] * tm[4] + cm[3] * tm[5] + cm[5])

    page.extract_text(visitor_text=visit)
    return (max(ys) - min(ys)) / float(page.mediabox.height) if ys else 0.0


def pages(data: dict) -> list[pypdf.PageObject]:
    return pypdf.PdfReader(io.BytesIO(builders.build_pdf("annual", data))).pages


@functools.cache
def demo_pages() -> list[pypdf.PageObject]:
    return pages(DEMO)


def with_units(count: int) -> dict:
    data = copy.deepcopy(DEMO)
    template = data["units"][0]
    data["units"] = [
        {**template, "unit": f"市第{i + 1}局", "rank": i + 1, "satisfaction_rate": round(1 - i / (2 * count), 4)}
        for i in range(count)
    ]
    return data


@pytest.mark.parametrize("units", [None, 3, 80])
def test_no_page_of_the_annual_pdf_is_nearly_empty(units):
    shown = demo_pages() if units is None else pages(with_units(units))
    assert len(shown) > 1
    for number, page in enumerate(shown, start=1):
        assert filled(page) >= MIN_FILLED, f"第{number}页内容过少"


def test_the_footnote_sits_under_the_key_figures_not_alone_at_the_end():
    shown = demo_pages()
    assert FOOTNOTE in shown[0].extract_text()
    assert FOOTNOTE not in shown[-1].extract_text()


def test_the_pdf_unit_chart_draws_every_unit_of_the_demo_year():
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in demo_pages()))
    for unit in ("市自然资源和规划局", "市财政局"):
        assert text.count(unit) >= 2  # in the unit table and in the chart
    assert "按排名顺序列出全部17个有评价的单位" in text


def test_with_many_units_the_pdf_chart_shows_the_best_and_the_worst_and_says_so():
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pages(with_units(80))))
    assert "图中列出满意率最高的15个和最低的15个，中间50个见单位统计表" in text
    assert "中间50个单位从略" in text
    assert "80.市第80局" in text  # the worst is drawn
