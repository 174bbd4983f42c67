"""The Excel export of the list: the 台账 columns, with the list's filters applied."""

import io

import openpyxl
import pytest
from django.urls import reverse

from proposals import services
from tests import factories as f

from . import builders as b

pytestmark = pytest.mark.django_db
URL = reverse("workbench:export")


def rows_of(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    header = values[0]
    return [dict(zip(header, row, strict=False)) for row in values[1:]]


@pytest.fixture
def items(staff):
    water, roads = f.unit(name="市水务局"), f.unit(name="市交通委")
    return {
        "water": f.assigned(staff=staff, units=[water], title="关于河道治理的建议", field="生态环境"),
        "roads": f.assigned(staff=staff, units=[roads], title="关于公交线路的建议", field="交通"),
        "motion": f.registered(staff=staff, kind="motion", title="关于制定条例的议案", field="法制"),
        "unsatisfied": b.evaluated_unsatisfied(staff=staff, units=[water], title="关于学校午餐的建议"),
        "water_unit": water,
    }


def test_the_export_has_the_ledger_columns_and_every_listed_item(staff_client, items):
    rows = rows_of(staff_client.get(URL))
    assert {r["标题"] for r in rows} == {
        "关于河道治理的建议",
        "关于公交线路的建议",
        "关于制定条例的议案",
        "关于学校午餐的建议",
    }
    first = rows[0]
    for column in ("会议", "编号", "类型", "标题", "领衔代表", "代表团", "提出日期", "主办单位", "交办日期"):
        assert column in first


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "motion"}, {"关于制定条例的议案"}),
        ({"field": "交通"}, {"关于公交线路的建议"}),
        ({"unsatisfied": "1"}, {"关于学校午餐的建议"}),
        ({"q": "河道"}, {"关于河道治理的建议"}),
    ],
)
def test_the_export_applies_the_lists_filters(staff_client, items, params, expected):
    assert {r["标题"] for r in rows_of(staff_client.get(URL, params))} == expected


def test_the_export_by_unit_gives_that_units_items_with_its_name(staff_client, items):
    rows = rows_of(staff_client.get(URL, {"unit": items["water_unit"].pk}))
    assert {r["标题"] for r in rows} == {"关于河道治理的建议", "关于学校午餐的建议"}
    assert {r["主办单位"] for r in rows} == {"市水务局"}


def test_the_key_supervision_export_marks_the_items(staff_client, items, staff):
    services.key_supervision_set(proposal=items["roads"], by=staff, selected=True, supervisor="财经委")
    rows = rows_of(staff_client.get(URL, {"key": "1"}))
    assert [(r["标题"], r["重点督办"]) for r in rows] == [("关于公交线路的建议", "是")]


def test_the_list_page_links_its_export_with_the_same_filters(staff_client, items):
    page = staff_client.get(reverse("workbench:list"), {"kind": "motion", "q": "条例"}).content.decode()
    assert f'href="{URL}?kind=motion&amp;q=%E6%9D%A1%E4%BE%8B"' in page


def test_an_empty_result_exports_just_the_header(staff_client, items):
    response = staff_client.get(URL, {"q": "没有这样的标题"})
    assert rows_of(response) == []


def test_an_export_too_large_for_one_download_asks_to_narrow_the_filters(staff_client, items, monkeypatch):
    from proposals.views import list as list_views

    from .support import messages_of

    monkeypatch.setattr(list_views, "EXPORT_MAX_ROWS", 2)
    response = staff_client.get(URL, {"kind": "suggestion"})
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:list") + "?kind=suggestion"
    assert "导出结果超过2条，请缩小筛选范围后再导出" in messages_of(response)
    assert len(rows_of(staff_client.get(URL, {"kind": "motion"}))) == 1
