"""Server-side SVG charts.

Pure functions from report figures to SVG markup strings, so the dashboard and the PDF reports draw
the same charts from the same numbers. Every text that comes from data (field names, unit names) is
escaped here; the markup returned is safe to insert into HTML as is. Charts compute no figures: they
draw the counts and rates they are given.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape as _xml_escape

FONT_FAMILY = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
EMPTY_TEXT = "暂无数据"
WIDTH = 520  # the viewBox width; charts scale to their box, so this sets the text's relative size
DONUT_WIDTH = 440
NARROW_WIDTH = 340  # for phones: the same charts drawn for a narrow box
FONT_SIZE = 13
SMALL = 12
NULL_TEXT = "—"

BRAND = "#a4161a"
INK = "#343a40"
MUTED = "#6c757d"
GRID = "#e9ecef"
CATEGORY_COLORS = {"A": "#2f9e44", "B": "#1c7ed6", "C": "#f08c00", "D": "#868e96"}
CATEGORY_SHORT = {"A": "A 已解决", "B": "B 正在解决", "C": "C 待以后解决", "D": "D 留作参考"}
CATEGORY_LONG = {
    "A": "A 已经解决或基本解决",
    "B": "B 正在解决或列入规划逐步解决",
    "C": "C 因目前条件限制或其他原因需待以后解决",
    "D": "D 留作参考",
}
RATING_COLORS = {"satisfied": "#2f9e44", "basic": "#74b816", "unsatisfied": "#e03131"}


@dataclass(frozen=True)
class Datum:
    """One bar or one segment: its label, its value and how the value is written."""

    label: str
    value: float | None
    text: str
    color: str = BRAND
    tooltip: str = ""


# --- formatting ---------------------------------------------------------------------------------


def format_rate(rate: float | Decimal | None) -> str:
    """A rate of the contract (0..1, four decimals) as a percentage, e.g. 0.9355 → "93.55%"; null → "—"."""
    if rate is None:
        return NULL_TEXT
    percent = (Decimal(str(rate)) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{percent:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def format_count(count: float | None, unit: str = "件") -> str:
    if count is None:
        return NULL_TEXT
    return f"{int(count)}{unit}" if float(count).is_integer() else f"{count}{unit}"


def _esc(text: object) -> str:
    return _xml_escape(str(text), {'"': "&quot;", "'": "&#39;"})


def _num(value: float) -> str:
    """A coordinate, short and locale-free."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def text_width(text: str, size: float) -> float:
    """Approximate width of a text: CJK and full-width characters one em, others about 0.6 em."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in text)


def fit_text(text: str, max_width: float, size: float) -> str:
    """The text, shortened with "…" so it fits in max_width."""
    if text_width(text, size) <= max_width:
        return text
    ellipsis = "…"
    budget = max_width - text_width(ellipsis, size)
    out = ""
    for ch in text:
        if text_width(out + ch, size) > budget:
            break
        out += ch
    return out + ellipsis


def nice_step(raw: float, *, integer: bool) -> float:
    """The smallest 'round' step ≥ raw: 1, 2, 2.5 (not for whole numbers) or 5 × 10^n."""
    if raw <= 0:
        return 1
    exponent = math.floor(math.log10(raw))
    base = 10**exponent
    steps = (1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10)
    step = next(s * base for s in steps if raw <= s * base)
    return max(1, step) if integer else step


def axis_ticks(maximum: float, *, integer: bool = True, count: int = 4) -> list[float]:
    """Axis ticks from 0 to a round number ≥ maximum, at most count + 1 of them."""
    maximum = maximum if maximum > 0 else 1
    step = nice_step(maximum / count, integer=integer)
    n = max(1, math.ceil(maximum / step - 1e-9))
    return [step * i for i in range(n + 1)]


# --- the SVG frame ------------------------------------------------------------------------------


def _svg_open(*, width: float, height: float, title: str, css_class: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" role="img" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'font-family="{_esc(FONT_FAMILY)}" font-size="{FONT_SIZE}" aria-label="{_esc(title)}">'
        f"<title>{_esc(title)}</title>"
    )


def empty_chart(*, title: str, width: float = WIDTH, height: float = 160, message: str = EMPTY_TEXT) -> str:
    """The chart's frame with a centred "暂无数据", for a year or a selection with nothing to draw."""
    return (
        _svg_open(width=width, height=height, title=title, css_class="chart-empty")
        + f'<rect x="0.5" y="0.5" width="{_num(width - 1)}" height="{_num(height - 1)}" rx="6" fill="#fafafa" '
        f'stroke="{GRID}"/>' + f'<text class="empty" x="{_num(width / 2)}" y="{_num(height / 2)}" text-anchor="middle" '
        f'dominant-baseline="middle" fill="{MUTED}" font-size="15">{_esc(message)}</text>' + "</svg>"
    )


def _has_values(data: Sequence[Datum]) -> bool:
    return any(d.value for d in data)


# --- generic charts -----------------------------------------------------------------------------


def bar_chart(
    data: Sequence[Datum],
    *,
    title: str,
    width: float = WIDTH,
    height: float = 280,
    integer: bool = True,
    value_format=None,
) -> str:
    """Vertical bars, one per datum, with a value above each bar and its label below."""
    if not data or not _has_values(data):
        return empty_chart(title=title, width=width)
    value_format = value_format or (lambda v: format_count(v, ""))
    size = FONT_SIZE
    slot_guess = (width - 56) / len(data)
    longest = max(text_width(d.label, size) for d in data)
    rotate = longest > slot_guess - 6
    label_room = min(110.0, longest * 0.72 + 14) if rotate else 26.0
    left, right, top, bottom = 44.0, 12.0, 22.0, label_room
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = axis_ticks(max(d.value or 0 for d in data), integer=integer)
    top_value = ticks[-1]
    slot = plot_w / len(data)
    bar_w = min(56.0, slot * 0.62)

    parts = [_svg_open(width=width, height=height, title=title, css_class="chart-bar")]
    for tick in ticks:
        y = top + plot_h - plot_h * tick / top_value
        parts.append(
            f'<line class="grid" x1="{_num(left)}" x2="{_num(width - right)}" y1="{_num(y)}" y2="{_num(y)}" '
            f'stroke="{GRID}"/>'
            f'<text x="{_num(left - 6)}" y="{_num(y)}" text-anchor="end" dominant-baseline="middle" '
            f'fill="{MUTED}" font-size="{SMALL}">{_esc(value_format(tick))}</text>'
        )
    for i, d in enumerate(data):
        value = d.value or 0
        h = plot_h * value / top_value
        x = left + slot * i + (slot - bar_w) / 2
        y = top + plot_h - h
        cx = x + bar_w / 2
        tooltip = d.tooltip or f"{d.label}：{d.text}"
        parts.append(
            f'<rect class="bar" x="{_num(x)}" y="{_num(y)}" width="{_num(bar_w)}" height="{_num(h)}" rx="2" '
            f'fill="{_esc(d.color)}"><title>{_esc(tooltip)}</title></rect>'
            f'<text class="value" x="{_num(cx)}" y="{_num(y - 5)}" text-anchor="middle" fill="{INK}" '
            f'font-size="{SMALL}">{_esc(d.text)}</text>'
        )
        label_y = top + plot_h + 15
        if rotate:
            label = fit_text(d.label, label_room / 0.72 - 14, size)
            parts.append(
                f'<text class="label" x="{_num(cx)}" y="{_num(label_y)}" text-anchor="end" fill="{INK}" '
                f'transform="rotate(-40 {_num(cx)} {_num(label_y)})">{_esc(label)}</text>'
            )
        else:
            parts.append(
                f'<text class="label" x="{_num(cx)}" y="{_num(label_y)}" text-anchor="middle" '
                f'fill="{INK}">{_esc(d.label)}</text>'
            )
    parts.append(
        f'<line x1="{_num(left)}" x2="{_num(width - right)}" y1="{_num(top + plot_h)}" '
        f'y2="{_num(top + plot_h)}" stroke="#adb5bd"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def horizontal_bar_chart(
    data: Sequence[Datum],
    *,
    title: str,
    width: float = WIDTH,
    maximum: float = 1.0,
    row_height: float = 28,
    empty_message: str = EMPTY_TEXT,
) -> str:
    """Horizontal bars on a fixed scale (0..maximum), label on the left, value at the bar's end.

    A datum whose value is None is drawn as a row with its text (else "—") and no bar; without a label
    that row is a gap in the list, its text saying what was left out.
    """
    if not data:
        return empty_chart(title=title, width=width, message=empty_message)
    size = FONT_SIZE
    label_w = min(190.0, width * 0.38, max(text_width(d.label, size) for d in data) + 14)
    left, right, top, bottom = label_w, 58.0, 10.0, 24.0
    plot_w = width - left - right
    height = top + row_height * len(data) + bottom
    bar_h = row_height * 0.62

    parts = [_svg_open(width=width, height=height, title=title, css_class="chart-hbar")]
    for i in range(5):
        x = left + plot_w * i / 4
        tick = maximum * i / 4
        tick_text = format_rate(tick) if maximum == 1.0 else _num(tick)
        parts.append(
            f'<line class="grid" x1="{_num(x)}" x2="{_num(x)}" y1="{_num(top)}" '
            f'y2="{_num(height - bottom)}" stroke="{GRID}"/>'
            f'<text x="{_num(x)}" y="{_num(height - bottom + 15)}" text-anchor="middle" fill="{MUTED}" '
            f'font-size="{SMALL}">{_esc(tick_text)}</text>'
        )
    for i, d in enumerate(data):
        y = top + row_height * i
        cy = y + row_height / 2
        if d.value is None and not d.label:
            parts.append(
                f'<text class="gap" x="{_num(width / 2)}" y="{_num(cy)}" text-anchor="middle" '
                f'dominant-baseline="middle" fill="{MUTED}" font-size="{SMALL}">{_esc(d.text)}</text>'
            )
            continue
        label = fit_text(d.label, label_w - 12, size)
        parts.append(
            f'<text class="label" x="{_num(left - 8)}" y="{_num(cy)}" text-anchor="end" '
            f'dominant-baseline="middle" fill="{INK}"><title>{_esc(d.label)}</title>{_esc(label)}</text>'
        )
        if d.value is None:
            parts.append(
                f'<text class="value" x="{_num(left + 6)}" y="{_num(cy)}" dominant-baseline="middle" '
                f'fill="{MUTED}">{NULL_TEXT}</text>'
            )
            continue
        w = plot_w * min(max(d.value, 0.0), maximum) / maximum
        tooltip = d.tooltip or f"{d.label}：{d.text}"
        parts.append(
            f'<rect class="bar" x="{_num(left)}" y="{_num(cy - bar_h / 2)}" width="{_num(w)}" '
            f'height="{_num(bar_h)}" rx="2" fill="{_esc(d.color)}"><title>{_esc(tooltip)}</title></rect>'
            f'<text class="value" x="{_num(left + w + 6)}" y="{_num(cy)}" dominant-baseline="middle" '
            f'fill="{INK}" font-size="{SMALL}">{_esc(d.text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _arc_path(cx: float, cy: float, r_out: float, r_in: float, start: float, end: float) -> str:
    """A ring segment from angle start to end (radians, clockwise from 12 o'clock)."""

    def point(r: float, a: float) -> tuple[str, str]:
        return _num(cx + r * math.sin(a)), _num(cy - r * math.cos(a))

    large = 1 if end - start > math.pi else 0
    x0, y0 = point(r_out, start)
    x1, y1 = point(r_out, end)
    x2, y2 = point(r_in, end)
    x3, y3 = point(r_in, start)
    return (
        f"M{x0} {y0} A{_num(r_out)} {_num(r_out)} 0 {large} 1 {x1} {y1} "
        f"L{x2} {y2} A{_num(r_in)} {_num(r_in)} 0 {large} 0 {x3} {y3} Z"
    )


def donut_chart(
    data: Sequence[Datum], *, title: str, center_value: str, center_label: str, width: float = DONUT_WIDTH
) -> str:
    """A ring of segments proportional to the values, the total in the middle and a legend beside it
    (below it when the chart is narrower than 400)."""
    if not data or not _has_values(data):
        return empty_chart(title=title, width=width)
    total = sum(d.value or 0 for d in data)
    stacked = width < 400
    if stacked:
        cx, cy, r_out, r_in = width / 2, 110.0, 92.0, 58.0
        height = 2 * cy + 16 + 30 * len(data)
        legend_x, legend_right, legend_top = cx - 100, cx + 100, 2 * cy + 16
    else:
        height = 240.0
        cx, cy, r_out, r_in = 130.0, height / 2, 96.0, 60.0
        legend_x, legend_right, legend_top = 270.0, width - 20, cy - (len(data) * 30) / 2 + 15
    parts = [_svg_open(width=width, height=height, title=title, css_class="chart-donut")]
    nonzero = [d for d in data if d.value]
    angle = 0.0
    for d in nonzero:
        tooltip = d.tooltip or f"{d.label}：{d.text}"
        if len(nonzero) == 1:
            parts.append(
                f'<circle class="segment" cx="{_num(cx)}" cy="{_num(cy)}" r="{_num((r_out + r_in) / 2)}" '
                f'fill="none" stroke="{_esc(d.color)}" stroke-width="{_num(r_out - r_in)}">'
                f"<title>{_esc(tooltip)}</title></circle>"
            )
            break
        sweep = 2 * math.pi * (d.value or 0) / total
        parts.append(
            f'<path class="segment" d="{_arc_path(cx, cy, r_out, r_in, angle, angle + sweep)}" '
            f'fill="{_esc(d.color)}" stroke="#fff" stroke-width="1.5"><title>{_esc(tooltip)}</title></path>'
        )
        angle += sweep
    parts.append(
        f'<text x="{_num(cx)}" y="{_num(cy - 6)}" text-anchor="middle" fill="{INK}" font-size="26" '
        f'font-weight="600">{_esc(center_value)}</text>'
        f'<text x="{_num(cx)}" y="{_num(cy + 18)}" text-anchor="middle" fill="{MUTED}" '
        f'font-size="12">{_esc(center_label)}</text>'
    )
    for i, d in enumerate(data):
        y = legend_top + 30 * i
        parts.append(
            f'<rect class="legend-key" x="{_num(legend_x)}" y="{_num(y - 7)}" width="14" height="14" rx="3" '
            f'fill="{_esc(d.color)}"/>'
            f'<text x="{_num(legend_x + 22)}" y="{_num(y)}" dominant-baseline="middle" fill="{INK}" '
            f'font-size="13">{_esc(d.label)}</text>'
            f'<text x="{_num(legend_right)}" y="{_num(y)}" text-anchor="end" dominant-baseline="middle" '
            f'fill="{INK}" font-size="13" font-weight="600">{_esc(d.text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# --- the report's charts ------------------------------------------------------------------------


def fields_chart(fields: Mapping[str, int], *, width: float = WIDTH) -> str:
    """Items (suggestions) by field, most first, 未分类 last."""
    ordered = sorted(fields.items(), key=lambda kv: (kv[0] == "未分类", -kv[1], kv[0]))
    data = [Datum(label=name, value=count, text=str(count), tooltip=f"{name}：{count}件") for name, count in ordered]
    return bar_chart(data, title="建议领域分布", width=width)


def categories_chart(categories: Mapping[str, int], *, width: float = WIDTH) -> str:
    """Replied items by reply category A–D (always four bars when anything is replied)."""
    data = [
        Datum(
            label=CATEGORY_SHORT[key],
            value=categories.get(key, 0),
            text=str(categories.get(key, 0)),
            color=CATEGORY_COLORS[key],
            tooltip=f"{CATEGORY_LONG[key]}：{categories.get(key, 0)}件",
        )
        for key in ("A", "B", "C", "D")
    ]
    return bar_chart(data, title="答复类别分布", width=width)


UNIT_CHART_ROWS = 40  # beyond this many units the chart shows the best and the worst, and says so
GAP_TEXT = "…… 中间 {n} 个单位从略，见单位统计表 ……"


@dataclass(frozen=True)
class UnitChartRows:
    """What the unit chart draws: ``best`` rows, then (when cut) ``omitted`` units left out, then ``worst``."""

    best: list[Mapping]
    omitted: int
    worst: list[Mapping]
    unranked_omitted: int

    @property
    def shown(self) -> int:
        return len(self.best) + len(self.worst)


def unit_chart_rows(units: Iterable[Mapping], *, max_rows: int = UNIT_CHART_ROWS) -> UnitChartRows:
    """The units with a rate, in the report's order (ranked first). All of them when they fit in
    ``max_rows``; otherwise the best and the worst ranked units, half each, and the number left out
    between them (units too small to be ranked are then left out too, and counted)."""
    rated = [u for u in units if u.get("satisfaction_rate") is not None]
    if len(rated) <= max_rows:
        return UnitChartRows(best=rated, omitted=0, worst=[], unranked_omitted=0)
    ranked = [u for u in rated if u.get("rank")]
    unranked = len(rated) - len(ranked)
    half = max_rows // 2
    if len(ranked) <= max_rows:
        return UnitChartRows(best=ranked, omitted=0, worst=[], unranked_omitted=unranked)
    return UnitChartRows(
        best=ranked[:half], omitted=len(ranked) - 2 * half, worst=ranked[-half:], unranked_omitted=unranked
    )


def unit_chart_note(units: Iterable[Mapping], *, max_rows: int = UNIT_CHART_ROWS) -> str:
    """The sentence under the unit chart that says which units it shows (so that no cut is silent)."""
    rows = unit_chart_rows(units, max_rows=max_rows)
    light = "浅色为主办件不足 5 件、不参与排名的单位"
    if rows.omitted:
        text = (
            f"有评价的排名单位共 {rows.shown + rows.omitted} 个，图中列出满意率最高的 {len(rows.best)} 个和最低的 "
            f"{len(rows.worst)} 个，中间 {rows.omitted} 个见单位统计表"
        )
    elif rows.unranked_omitted:
        text = f"按排名顺序列出全部 {rows.shown} 个排名单位"
    else:
        return f"按排名顺序列出全部 {rows.shown} 个有评价的单位；{light}" if rows.shown else "暂无单位有评价"
    if rows.unranked_omitted:
        text += f"；另有 {rows.unranked_omitted} 个单位主办件不足 5 件、不参与排名，未画出，见单位统计表"
    return text


def _unit_datum(entry: Mapping) -> Datum:
    rate = float(entry["satisfaction_rate"])
    rank = entry.get("rank")
    tooltip = f"{entry['unit']}：满意率 {format_rate(rate)}（已评价 {entry.get('evaluated', 0)} 件" + (
        f"，第 {rank} 名）" if rank else "，未参与排名）"
    )
    label = f"{rank}. {entry['unit']}" if rank else str(entry["unit"])
    return Datum(label=label, value=rate, text=format_rate(rate), color=BRAND if rank else "#c98a8c", tooltip=tooltip)


def unit_satisfaction_chart(
    units: Iterable[Mapping], *, max_rows: int = UNIT_CHART_ROWS, width: float = WIDTH, row_height: float = 28
) -> str:
    """Every unit's satisfaction rate in the report's order (ranked first), as tall as the units need.

    With more than ``max_rows`` units the best and the worst are drawn with a row between them that
    says how many are left out (``unit_chart_rows``); ``unit_chart_note`` words it for the caption.
    """
    rows = unit_chart_rows(units, max_rows=max_rows)
    data = [_unit_datum(u) for u in rows.best]
    if rows.omitted:
        data.append(Datum(label="", value=None, text=GAP_TEXT.format(n=rows.omitted)))
        data += [_unit_datum(u) for u in rows.worst]
    return horizontal_bar_chart(
        data, title="承办单位满意率", width=width, row_height=row_height, empty_message="暂无评价数据"
    )


def evaluations_chart(totals: Mapping[str, int], *, width: float = DONUT_WIDTH) -> str:
    """The deputies' final evaluations: 满意 / 基本满意 / 不满意."""
    rows = [
        ("满意", "satisfied_final", "satisfied"),
        ("基本满意", "basically_satisfied_final", "basic"),
        ("不满意", "unsatisfied_final", "unsatisfied"),
    ]
    data = [
        Datum(
            label=label,
            value=totals.get(key, 0),
            text=format_count(totals.get(key, 0)),
            color=RATING_COLORS[rating],
        )
        for label, key, rating in rows
    ]
    return donut_chart(
        data,
        title="代表评价情况",
        center_value=str(totals.get("evaluated_final", 0)),
        center_label="已评价（件）",
        width=width,
    )
