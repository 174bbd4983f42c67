"""The server-side SVG charts: valid markup, one bar per datum, escaped labels, empty states."""

import xml.etree.ElementTree as ET

from reports import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def bars(root: ET.Element) -> list[ET.Element]:
    return [el for el in root.iter(f"{SVG}rect") if el.get("class") == "bar"]


def texts(root: ET.Element) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]


def test_the_field_chart_draws_one_bar_per_field_with_the_counts():
    root = parse(charts.fields_chart({"城乡建设": 12, "教育": 5, "未分类": 2, "医疗卫生": 8}))
    drawn = bars(root)
    assert len(drawn) == 4
    tooltips = [el.find(f"{SVG}title").text for el in drawn]
    assert tooltips == ["城乡建设：12件", "医疗卫生：8件", "教育：5件", "未分类：2件"]
    assert {"12", "8", "5", "2"} <= set(texts(root))


def test_bar_heights_follow_the_values():
    root = parse(charts.fields_chart({"甲": 10, "乙": 5}))
    heights = [float(el.get("height")) for el in bars(root)]
    assert heights[0] == 2 * heights[1] > 0


def test_labels_from_data_are_escaped():
    svg = charts.fields_chart({'教育<script>alert("x")</script>&科技': 3})
    assert "<script>" not in svg
    root = parse(svg)
    assert any("<script>" in t for t in texts(root))
    unit_svg = charts.unit_satisfaction_chart(
        [{"unit": "市<b>交通</b>局 & '港口'", "satisfaction_rate": 0.8, "rank": 1, "evaluated": 5}]
    )
    assert "<b>" not in unit_svg
    assert any("<b>交通</b>" in t for t in texts(parse(unit_svg)))


def test_the_svg_names_a_chinese_font():
    root = parse(charts.categories_chart({"A": 1, "B": 0, "C": 0, "D": 0}))
    assert "Noto Sans CJK SC" in root.get("font-family")
    assert root.find(f"{SVG}title").text == "答复类别分布"


def test_the_category_chart_always_has_four_bars_a_to_d():
    root = parse(charts.categories_chart({"A": 3, "B": 4, "C": 1, "D": 0}))
    drawn = bars(root)
    assert len(drawn) == 4
    assert [el.find(f"{SVG}title").text.split("：")[0][0] for el in drawn] == ["A", "B", "C", "D"]
    assert float(drawn[3].get("height")) == 0


def test_the_unit_chart_leaves_out_units_without_a_rate_and_keeps_the_report_order():
    units = [
        {"unit": "市交通运输局", "satisfaction_rate": 0.9, "rank": 1, "evaluated": 10},
        {"unit": "市教育局", "satisfaction_rate": None, "rank": None, "evaluated": 0},
        {"unit": "市水务局", "satisfaction_rate": 0.5, "rank": None, "evaluated": 2},
    ]
    root = parse(charts.unit_satisfaction_chart(units))
    drawn = bars(root)
    assert len(drawn) == 2
    assert float(drawn[0].get("width")) > float(drawn[1].get("width")) > 0
    assert "90%" in texts(root) and "50%" in texts(root)
    assert "市教育局" not in "".join(texts(root))


def ranked_units(count: int) -> list[dict]:
    return [
        {"unit": f"单位{i + 1}", "satisfaction_rate": round(1 - i / 100, 4), "rank": i + 1, "evaluated": 9}
        for i in range(count)
    ]


def test_the_unit_chart_draws_every_unit_with_a_rate_however_many_fit():
    small = {"unit": "小单位", "satisfaction_rate": 0.5, "rank": None, "evaluated": 2}
    units = [*ranked_units(charts.UNIT_CHART_ROWS - 1), small]  # 40 rows: all drawn
    root = parse(charts.unit_satisfaction_chart(units))
    assert len(bars(root)) == charts.UNIT_CHART_ROWS
    assert "小单位" in "".join(texts(root))
    assert charts.unit_chart_note(units).startswith("按排名顺序列出全部 40 个有评价的单位")


def test_with_too_many_units_the_chart_shows_the_best_and_the_worst_and_the_gap_between():
    units = [*ranked_units(100), {"unit": "小单位", "satisfaction_rate": 0.1, "rank": None, "evaluated": 2}]
    root = parse(charts.unit_satisfaction_chart(units))
    drawn = bars(root)
    assert len(drawn) == charts.UNIT_CHART_ROWS
    labels = "".join(texts(root))
    assert "1. 单位1" in labels and "100. 单位100" in labels  # the best and the worst
    assert not any(t.endswith(". 单位50") for t in texts(root))
    assert "…… 中间 60 个单位从略，见单位统计表 ……" in texts(root)
    note = charts.unit_chart_note(units)
    assert note == (
        "有评价的排名单位共 100 个，图中列出满意率最高的 20 个和最低的 20 个，中间 60 个见单位统计表；"
        "另有 1 个单位主办件不足 5 件、不参与排名，未画出，见单位统计表"
    )


def test_the_evaluation_donut_has_a_segment_per_rating_given():
    totals = {"satisfied_final": 5, "basically_satisfied_final": 2, "unsatisfied_final": 1, "evaluated_final": 8}
    root = parse(charts.evaluations_chart(totals))
    segments = [el for el in root.iter() if el.get("class") == "segment"]
    assert len(segments) == 3
    assert "8" in texts(root) and "5件" in texts(root)


def test_a_single_rating_draws_a_full_ring():
    root = parse(charts.evaluations_chart({"satisfied_final": 3, "evaluated_final": 3}))
    segments = [el for el in root.iter() if el.get("class") == "segment"]
    assert [el.tag for el in segments] == [f"{SVG}circle"]


def test_charts_with_nothing_to_draw_say_so():
    empties = [
        charts.fields_chart({}),
        charts.categories_chart({"A": 0, "B": 0, "C": 0, "D": 0}),
        charts.unit_satisfaction_chart([]),
        charts.evaluations_chart({"evaluated_final": 0}),
    ]
    for svg in empties:
        root = parse(svg)
        assert bars(root) == []
        assert any(t in ("暂无数据", "暂无评价数据") for t in texts(root))


def test_rates_are_written_as_percentages_and_null_as_a_dash():
    assert charts.format_rate(0.9355) == "93.55%"
    assert charts.format_rate(1) == "100%"
    assert charts.format_rate(0.5) == "50%"
    assert charts.format_rate(0) == "0%"
    assert charts.format_rate(None) == "—"


def test_long_labels_are_shortened_and_kept_whole_in_the_tooltip():
    name = "市住房和城乡建设管理委员会城市更新与历史风貌保护处"
    root = parse(charts.fields_chart({name: 3, **{f"领域{i}": 1 for i in range(11)}}))
    labels = [t for t in texts(root) if t.startswith("市住房")]
    assert labels and labels[0].endswith("…") and len(labels[0]) < len(name)
    assert bars(root)[0].find(f"{SVG}title").text == f"{name}：3件"


def test_axis_ticks_are_round_numbers_covering_the_maximum():
    assert charts.axis_ticks(4) == [0, 1, 2, 3, 4]
    assert charts.axis_ticks(12) == [0, 5, 10, 15]
    assert charts.axis_ticks(20) == [0, 5, 10, 15, 20]
    assert charts.axis_ticks(0) == [0, 1]


def test_every_chart_can_be_drawn_for_a_phone():
    units = [{"unit": "市人力资源和社会保障局", "satisfaction_rate": 0.75, "rank": 1, "evaluated": 8}]
    totals = {"satisfied_final": 5, "basically_satisfied_final": 2, "unsatisfied_final": 1, "evaluated_final": 8}
    drawn = [
        charts.fields_chart({"城乡建设": 3, "教育": 2}, width=charts.NARROW_WIDTH),
        charts.categories_chart({"A": 1, "B": 2, "C": 0, "D": 0}, width=charts.NARROW_WIDTH),
        charts.unit_satisfaction_chart(units, width=charts.NARROW_WIDTH),
        charts.evaluations_chart(totals, width=charts.NARROW_WIDTH),
    ]
    for svg in drawn:
        root = parse(svg)
        assert root.get("viewBox").split()[2] == str(charts.NARROW_WIDTH)
    donut = parse(drawn[3])
    keys = [el for el in donut.iter(f"{SVG}rect") if el.get("class") == "legend-key"]
    ring_bottom = 110 + 92
    assert len(keys) == 3 and all(float(k.get("y")) > ring_bottom for k in keys)
