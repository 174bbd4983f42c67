"""File builders of the reports: ``build_pdf(kind, data)`` and ``build_xlsx(kind, data)``.

``kind`` is ``"annual"`` or ``"monthly"``; ``data`` is the dict that ``reports.statistics`` returns
for it (``annual_report`` / ``monthly_report``). Both return the file's bytes.
"""

from __future__ import annotations

from reports.builders import pdf, xlsx

KINDS = ("annual", "monthly")


def report_title(kind: str, data: dict) -> str:
    if kind == "annual":
        return f"{data['year']}年度议案建议办理情况 年度报告"
    if kind == "monthly":
        year, month = str(data["month"]).split("-")
        return f"{int(year)}年{int(month)}月 月度督办报告"
    raise ValueError(f"unknown report kind: {kind}")


def build_pdf(kind: str, data: dict) -> bytes:
    return pdf.build_pdf(kind, data, title=report_title(kind, data))


def build_xlsx(kind: str, data: dict) -> bytes:
    return xlsx.build_xlsx(kind, data, title=report_title(kind, data))


__all__ = ["KINDS", "build_pdf", "build_xlsx", "report_title"]
