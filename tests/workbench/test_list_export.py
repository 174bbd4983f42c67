"""导出列表: the list as shown — its rows in its order, its columns and more, and a heading naming the filters."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from tests import factories as f

from . import builders as b
from .support import messages_of

pytestmark = pytest.mark.django_db
URL = reverse("workbench:export_list")
HEADING_ROWS = 3


def sheet_of(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''%E8%AE%AE%E6%A1%88%E5%BB%BA%E8%AE%AE%E5%88%97%E8%A1%A8_" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def rows_of(cells: list[tuple]) -> list[dict]:
    header = cells[HEADING_ROWS]
    return [dict(zip(header, row, strict=False)) for row in cells[HEADING_ROWS + 1 :]]


@pytest.fixture
def items(staff, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
    water = f.unit(name="市水务局")
    return {
        "handling": f.assigned(
            staff=staff,
            units=[water],
            co=[f.unit(name="市财政局")],
            mode="lead_co",
            title="关于河道治理的建议",
            on=dt.date(2026, 1, 5),
        ),
        "unsatisfied": b.evaluated_unsatisfied(staff=staff, units=[water], title="关于学校午餐的建议"),
        "submitted": b.submitted(title="关于增设社区养老服务站的建议"),
        "motion": f.registered(staff=staff, kind="motion", title="关于制定条例的议案"),
        "water": water,
    }


def test_the_export_has_every_listed_item_in_the_lists_order_even_those_not_yet_registered(staff_client, items):
    listed = staff_client.get(reverse("workbench:list"), {"sort": "number"}).context["page"].rows
    rows = rows_of(sheet_of(staff_client.get(URL, {"sort": "number"})))
    assert [r["标题"] for r in rows] == [p.title for p in listed]
    assert "关于增设社区养老服务站的建议" in [r["标题"] for r in rows]  # the ledger export leaves it out


def test_the_export_has_the_screens_columns_and_the_state_due_days_left_category_and_rating(staff_client, items):
    cells = sheet_of(staff_client.get(URL))
    assert cells[HEADING_ROWS] == (
        "编号",
        "标题",
        "会议",
        "领域",
        "重点督办",
        "类型",
        "领衔代表",
        "代表团",
        "承办单位",
        "协办单位",
        "提出日期",
        "答复期限",
        "剩余天数",
        "状态",
        "答复类别",
        "评价",
    )
    rows = {r["标题"]: r for r in rows_of(cells)}
    handling = rows["关于河道治理的建议"]
    assert (handling["承办单位"], handling["协办单位"], handling["状态"]) == ("市水务局", "市财政局", "已交办")
    assert handling["答复期限"] == dt.datetime(2026, 4, 5)
    assert handling["剩余天数"] == 34
    unsatisfied = rows["关于学校午餐的建议"]
    assert (unsatisfied["状态"], unsatisfied["答复类别"], unsatisfied["评价"]) == ("重新办理", "B", "不满意")
    assert rows["关于增设社区养老服务站的建议"]["状态"] == "已提交"
    assert rows["关于增设社区养老服务站的建议"]["剩余天数"] is None


def test_the_heading_names_the_filters_the_sort_and_the_date(staff_client, items):
    params = {"unit": items["water"].pk, "kind": "suggestion", "overdue": "", "unsatisfied": "1", "q": "午餐"}
    cells = sheet_of(staff_client.get(URL, params))
    assert cells[0][0] == "议案建议列表（导出日期：2026-03-02）"
    assert cells[1][0] == "筛选条件：搜索：午餐；类型：建议；承办单位：市水务局；快捷筛选：不满意"
    assert cells[2][0].startswith("排序：提出日期（从晚到早）；共 1 件。")
    assert [r["标题"] for r in rows_of(cells)] == ["关于学校午餐的建议"]
    assert sheet_of(staff_client.get(URL))[1][0] == "筛选条件：无（全部件）"


def test_the_list_shows_both_exports_as_named_buttons_with_its_filters(staff_client, items):
    page = staff_client.get(reverse("workbench:list"), {"kind": "motion"}).content.decode()
    assert f'href="{URL}?kind=motion"' in page and ">导出列表</a>" in page
    assert f'href="{reverse("workbench:export")}?kind=motion"' in page and ">导出台账</a>" in page
    assert "导出 Excel" not in page


def test_wrong_filters_export_nothing_and_say_so(staff_client, items):
    response = staff_client.get(URL, {"unit": "abc"})
    assert response.status_code == 302
    assert "筛选条件有误，未导出。请修正筛选条件后再导出" in messages_of(response)


def test_a_list_too_long_for_one_file_asks_to_narrow_the_filters(staff_client, items, monkeypatch):
    from proposals.views import list as list_views

    monkeypatch.setattr(list_views, "EXPORT_MAX_ROWS", 2)
    response = staff_client.get(URL)
    assert response.status_code == 302
    assert "导出结果超过2条，请缩小筛选范围后再导出" in messages_of(response)


@pytest.mark.parametrize("role", ["deputy", "unit", "leader"])
def test_only_the_office_may_export_the_list(client, items, role):
    users = {
        "deputy": lambda: items["handling"].lead_deputy.user,
        "unit": lambda: f.handler_of(items["water"]),
        "leader": f.leader_user,
    }
    client.force_login(users[role]())
    assert client.get(URL).status_code == 403
