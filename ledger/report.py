"""What a check or an import of a ledger found: its errors and its summary."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from proposals.errors import DomainError


@dataclass(frozen=True)
class LedgerError:
    """One problem: ``row`` as Excel numbers it (header = 1; 0 = the file itself), ``column`` its header text."""

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"第{self.row}行" if self.row else "文件"
        column = f"【{self.column}】" if self.column else ""
        value = f"“{self.value}”" if self.value else ""
        return f"{where}{column}{value}：{self.reason}"


@dataclass
class LedgerReport:
    errors: list[LedgerError] = field(default_factory=list)
    rows: int = 0
    imported: int = 0
    sessions_created: list[str] = field(default_factory=list)
    deputies_created: int = 0
    units_created: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        data["error_count"] = len(self.errors)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LedgerReport:
        return cls(
            errors=[LedgerError(**error) for error in data.get("errors", [])],
            rows=data.get("rows", 0),
            imported=data.get("imported", 0),
            sessions_created=list(data.get("sessions_created", [])),
            deputies_created=data.get("deputies_created", 0),
            units_created=data.get("units_created", 0),
            ignored_columns=list(data.get("ignored_columns", [])),
        )

    def summary(self, *, dry_run: bool = False) -> str:
        """One paragraph in Chinese, for the command line and the upload page."""
        sessions = f"{len(self.sessions_created)}个" + (
            f"（{'、'.join(self.sessions_created)}）" if self.sessions_created else ""
        )
        ignored = "、".join(self.ignored_columns) if self.ignored_columns else "无"
        if dry_run:
            head = f"校验通过（试运行，未写入任何数据）：可导入{self.rows}行"
            verb = "将新建"
        else:
            head = f"导入完成：共导入{self.imported}行"
            verb = "新建"
        return (
            f"{head}；{verb}会议{sessions}，{verb}代表{self.deputies_created}名，"
            f"{verb}承办单位{self.units_created}个；忽略的列：{ignored}"
        )


class LedgerInvalid(DomainError):
    """The ledger has errors; nothing was written. ``report`` lists every error."""

    def __init__(self, report: LedgerReport) -> None:
        super().__init__(f"台账校验未通过，共{len(report.errors)}处错误，未导入任何数据")
        self.report = report
