"""python manage.py build_report annual --year YYYY [--as-of YYYY-MM-DD] --format json [--output PATH]
python manage.py build_report monthly --month YYYY-MM --format json [--output PATH]

The figures come from ``reports.statistics``. JSON goes to standard output unless ``--output`` is given.
PDF and Excel are written by ``reports.builders`` (``build_pdf`` / ``build_xlsx``); each entry of
``FORMATS`` turns the report dict into the file's content.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import json
import re
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.statistics import annual_report, monthly_report

KINDS = {"annual": "年度报告", "monthly": "月度督办报告"}
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
BUILDERS_MODULE = "reports.builders"
FIRST_YEAR = 2000


def render_json(*, kind: str, report: dict) -> bytes:
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _builder(fmt: str, label: str) -> Callable[..., bytes]:
    """A format written by ``reports.builders.build_<fmt>(kind, report) -> bytes``, once that module exists."""

    def render(*, kind: str, report: dict) -> bytes:
        unavailable = f"{label}格式的报告生成功能尚未安装，目前只能生成 JSON 格式（--format json）"
        if importlib.util.find_spec(BUILDERS_MODULE) is None:
            raise CommandError(unavailable)
        build = getattr(importlib.import_module(BUILDERS_MODULE), f"build_{fmt}", None)
        if build is None:
            raise CommandError(unavailable)
        return build(kind, report)

    return render


# format → (label, writes text that may go to standard output, renderer)
FORMATS: dict[str, tuple[str, bool, Callable[..., bytes]]] = {
    "json": ("JSON", True, render_json),
    "pdf": ("PDF", False, _builder("pdf", "PDF")),
    "xlsx": ("Excel", False, _builder("xlsx", "Excel")),
}


def parse_year(value: str | None, today: dt.date) -> int:
    if not value:
        raise CommandError("请用 --year 指定年度，例如 --year 2025")
    if not value.isdigit() or len(value) != 4:
        raise CommandError(f"年度“{value}”格式不正确，应为四位数字，例如 2025")
    year = int(value)
    if not FIRST_YEAR <= year <= today.year:
        raise CommandError(f"年度应在 {FIRST_YEAR} 年至今年（{today.year} 年）之间")
    return year


def parse_date(value: str, label: str) -> dt.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{label}“{value}”不是有效日期，应为 YYYY-MM-DD，例如 2025-12-31")


def parse_month(value: str | None, today: dt.date) -> tuple[int, int]:
    if not value:
        raise CommandError("请用 --month 指定月份，例如 --month 2025-06")
    match = MONTH_PATTERN.match(value)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise CommandError(f"月份“{value}”格式不正确，应为 YYYY-MM，例如 2025-06")
    year, month = int(match.group(1)), int(match.group(2))
    if year < FIRST_YEAR or (year, month) > (today.year, today.month):
        raise CommandError(f"月份应在 {FIRST_YEAR}-01 至本月（{today:%Y-%m}）之间")
    return year, month


class Command(BaseCommand):
    help = "生成年度报告或月度督办报告（JSON；PDF、Excel 由报告生成模块提供）"

    def add_arguments(self, parser):
        parser.add_argument("kind", nargs="?", help="报告类型：annual（年度报告）或 monthly（月度督办报告）")
        parser.add_argument("--year", help="年度报告的年度，例如 2025")
        parser.add_argument("--as-of", dest="as_of", help="年度报告的统计截止日期 YYYY-MM-DD，默认今天")
        parser.add_argument("--month", help="月度报告的月份 YYYY-MM（统计截至该月最后一天）")
        parser.add_argument("--format", dest="fmt", default="json", help="输出格式：json、pdf 或 xlsx，默认 json")
        parser.add_argument("--output", help="输出文件路径；JSON 不指定时输出到标准输出")

    def handle(self, *args, kind=None, year=None, as_of=None, month=None, fmt="json", output=None, **options):
        if kind not in KINDS:
            raise CommandError("请指定报告类型：annual（年度报告）或 monthly（月度督办报告）")
        if fmt not in FORMATS:
            raise CommandError(f"不支持的输出格式“{fmt}”，可选：{'、'.join(FORMATS)}")
        label, text, render = FORMATS[fmt]
        if not text and not output:
            raise CommandError(f"{label}格式须用 --output 指定输出文件")
        target = self._target(output)
        today = timezone.localdate()
        if kind == "annual":
            if month:
                raise CommandError("年度报告不使用 --month，请用 --year 和 --as-of")
            report_year = parse_year(year, today)
            as_of_day = parse_date(as_of, "统计截止日期") if as_of else today
            if as_of_day > today:
                raise CommandError(f"统计截止日期不能晚于今天（{today:%Y-%m-%d}）")
            if as_of_day.year < report_year:
                raise CommandError(f"统计截止日期不能早于 {report_year} 年")
            content = render(kind=kind, report=annual_report(year=report_year, as_of=as_of_day))
        else:
            if year or as_of:
                raise CommandError("月度报告只用 --month 指定月份，不使用 --year 或 --as-of")
            report_year, report_month = parse_month(month, today)
            content = render(kind=kind, report=monthly_report(year=report_year, month=report_month))
        if target is None:
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        target.write_bytes(content)
        self.stdout.write(f"已生成{KINDS[kind]}：{target}")

    @staticmethod
    def _target(output: str | None) -> Path | None:
        if not output:
            return None
        target = Path(output)
        if target.is_dir():
            raise CommandError(f"输出路径“{output}”是一个目录，请给出文件名")
        if not target.parent.is_dir():
            raise CommandError(f"输出目录“{target.parent}”不存在")
        return target
