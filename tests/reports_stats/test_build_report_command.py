"""python manage.py build_report: JSON to standard output or a file, Chinese errors for bad arguments."""

import io
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command

from proposals.models import HandlingRules
from reports.management.commands import build_report
from tests.reports_stats.conftest import D, Ev, Rep

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_item(build):
    HandlingRules.current()
    build.item(
        submitted_on=D(2025, 1, 10), units=[build.unit("市交通运输局")], assigned_on=D(2025, 2, 1),
        first_replied_on=D(2025, 4, 20), replies=[Rep(D(2025, 4, 20), "A")], evaluations=[Ev(D(2025, 5, 1))],
        closed_on=D(2025, 5, 1),
    )  # fmt: skip


def run(*args) -> str:
    out = io.StringIO()
    call_command("build_report", *args, stdout=out, skip_checks=True)
    return out.getvalue()


def test_it_prints_the_annual_report_as_indented_json_with_chinese_kept(one_item):
    text = run("annual", "--year", "2025", "--as-of", "2025-12-31", "--format", "json")
    data = json.loads(text)
    assert (data["year"], data["as_of"], data["totals"]["replied"]) == (2025, "2025-12-31", 1)
    assert '"unit": "市交通运输局"' in text
    assert '\n  "totals": {\n    "items": 1,' in text


@time_machine.travel("2026-03-05 10:00 +0800", tick=False)
def test_the_as_of_day_defaults_to_today(one_item):
    assert json.loads(run("annual", "--year", "2025"))["as_of"] == "2026-03-05"


def test_it_writes_the_monthly_report_to_a_file(one_item, tmp_path):
    target = tmp_path / "2025-06.json"
    message = run("monthly", "--month", "2025-06", "--output", str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert (data["month"], data["as_of"]) == ("2025-06", "2025-06-30")
    assert "已生成月度督办报告" in message


@time_machine.travel("2026-03-05 10:00 +0800", tick=False)
@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "请指定报告类型"),
        (("weekly", "--year", "2025"), "请指定报告类型"),
        (("annual",), "请用 --year 指定年度"),
        (("annual", "--year", "25"), "格式不正确"),
        (("annual", "--year", "2027"), "年度应在"),
        (("annual", "--year", "2025", "--as-of", "2025-02-30"), "不是有效日期"),
        (("annual", "--year", "2025", "--as-of", "2026-03-06"), "不能晚于今天"),
        (("annual", "--year", "2025", "--as-of", "2024-12-31"), "不能早于 2025 年"),
        (("annual", "--year", "2025", "--month", "2025-06"), "年度报告不使用 --month"),
        (("monthly",), "请用 --month 指定月份"),
        (("monthly", "--month", "2025-13"), "格式不正确"),
        (("monthly", "--month", "2026-04"), "月份应在"),
        (("monthly", "--month", "2025-06", "--year", "2025"), "只用 --month"),
        (("annual", "--year", "2025", "--format", "docx"), "不支持的输出格式"),
        (("annual", "--year", "2025", "--format", "pdf"), "须用 --output 指定输出文件"),
        (("annual", "--year", "2025", "--output", "/no/such/dir/report.json"), "输出目录"),
    ],
)
def test_bad_arguments_get_a_chinese_error(db, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_pdf_and_excel_say_so_clearly_when_the_builders_are_not_installed(db, tmp_path, monkeypatch):
    monkeypatch.setattr(build_report, "BUILDERS_MODULE", "reports.no_such_builders")
    for fmt, label in (("pdf", "PDF"), ("xlsx", "Excel")):
        target = tmp_path / f"report.{fmt}"
        with pytest.raises(CommandError, match=f"{label}格式的报告生成功能尚未安装"):
            run("annual", "--year", "2025", "--as-of", "2025-12-31", "--format", fmt, "--output", str(target))
        assert not target.exists()


def test_other_formats_are_written_by_the_builders_from_the_same_report(one_item, tmp_path, monkeypatch):
    received = {}

    def fake_format(*, kind, report):
        received.update(kind=kind, report=report)
        return b"%PDF-fake"

    monkeypatch.setitem(build_report.FORMATS, "pdf", ("PDF", False, fake_format))
    target = tmp_path / "annual.pdf"
    run("annual", "--year", "2025", "--as-of", "2025-12-31", "--format", "pdf", "--output", str(target))
    assert target.read_bytes() == b"%PDF-fake"
    assert received["kind"] == "annual"
    assert received["report"]["totals"]["closed"] == 1
