"""The import_ledger and export_ledger commands: exit codes, output, --dry-run, filters."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from deputies.models import Session
from proposals.models import Proposal
from tests.ledger.conftest import ASSIGNED, REPLIED, csv_bytes, item, xlsx_bytes

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good_file(tmp_path) -> Path:
    path = tmp_path / "2025年台账.xlsx"
    rows = [{**item(REPLIED, 编号="0001", 附议代表="李四"), "备注": "x"}, item(ASSIGNED, 编号="0002")]
    path.write_bytes(xlsx_bytes(rows, headers=[*item().keys(), *REPLIED.keys(), "附议代表", "备注"]))
    return path


@pytest.fixture
def bad_file(tmp_path) -> Path:
    path = tmp_path / "有错的台账.csv"
    path.write_bytes(csv_bytes([item(编号="0001", 类型="提案"), item(ASSIGNED, 编号="0002", 办理方式="")]))
    return path


def test_import_prints_the_summary_on_success(good_file):
    out, err = run("import_ledger", str(good_file))

    assert err == ""
    assert "导入完成：共导入2行" in out
    assert "新建会议1个（市十七届人大四次会议）" in out
    assert "新建代表2名" in out
    assert "新建承办单位1个" in out
    assert "忽略的列：备注" in out
    assert Proposal.objects.count() == 2


def test_import_prints_every_error_and_fails_without_writing(bad_file):
    with pytest.raises(CommandError) as caught:
        run("import_ledger", str(bad_file))

    assert "共2处错误" in str(caught.value)
    assert not Proposal.objects.exists()
    assert not Session.objects.exists()


def test_import_writes_each_error_with_its_row_and_column(bad_file, capsys):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_ledger", str(bad_file), stdout=io.StringIO(), stderr=err)

    lines = err.getvalue().strip().splitlines()
    assert lines[0].startswith("第2行【类型】“提案”：只能填写")
    assert lines[1] == "第3行【办理方式】：填写交办日期时必须填写办理方式"


def test_a_dry_run_validates_and_writes_nothing(good_file):
    out, _ = run("import_ledger", str(good_file), "--dry-run")

    assert "校验通过（试运行，未写入任何数据）：可导入2行" in out
    assert "将新建会议1个" in out
    assert not Proposal.objects.exists()
    assert not Session.objects.exists()


def test_a_dry_run_of_a_bad_file_fails(bad_file):
    with pytest.raises(CommandError):
        run("import_ledger", str(bad_file), "--dry-run")


def test_import_of_a_missing_file_fails(tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        run("import_ledger", str(tmp_path / "没有.xlsx"))


def test_the_command_exits_non_zero_on_errors(tmp_path):
    # A header without its required columns is refused before any table is read,
    # so the separate process can run on an empty scratch database.
    path = tmp_path / "缺列.csv"
    path.write_bytes("会议,标题\n市十七届人大四次会议,关于修路的建议\n".encode())
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'scratch.sqlite3'}", "VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_ledger", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert "第1行【编号】：缺少必填列「编号」" in result.stderr
    assert "未导入任何数据" in result.stderr


def test_export_writes_the_ledger_and_filters_by_year_and_session(tmp_path, good_file):
    run("import_ledger", str(good_file))
    run("import_ledger", str(_recess_file(tmp_path)))

    out, _ = run("export_ledger", str(tmp_path / "全部.xlsx"))
    assert "已导出3行" in out
    run("export_ledger", str(tmp_path / "2024.xlsx"), "--year", "2024")
    run("export_ledger", str(tmp_path / "会议.xlsx"), "--session", "市十七届人大四次会议")

    assert _numbers(tmp_path / "全部.xlsx") == [
        ("2024年闭会期间", "0001"),
        ("市十七届人大四次会议", "0001"),
        ("市十七届人大四次会议", "0002"),
    ]
    assert _numbers(tmp_path / "2024.xlsx") == [("2024年闭会期间", "0001")]
    assert _numbers(tmp_path / "会议.xlsx") == [("市十七届人大四次会议", "0001"), ("市十七届人大四次会议", "0002")]


def test_export_refuses_an_unknown_session_and_a_non_xlsx_path(tmp_path):
    with pytest.raises(CommandError, match="没有名为"):
        run("export_ledger", str(tmp_path / "a.xlsx"), "--session", "不存在的会议")
    with pytest.raises(CommandError, match=r"\.xlsx"):
        run("export_ledger", str(tmp_path / "a.csv"))


def _recess_file(tmp_path) -> Path:
    path = tmp_path / "闭会期间.csv"
    path.write_bytes(csv_bytes([item(编号="0001", 会议="2024年闭会期间", 提出日期="2024-08-01")]))
    return path


def _numbers(path: Path) -> list[tuple[str, str]]:
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    return [tuple(row[:2]) for row in sheet.iter_rows(min_row=2, values_only=True)]
