"""The reply as a 答复函: a PDF in the office's layout, from the reply's own fields (WeasyPrint)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.template.loader import render_to_string

from proposals.models import Reply

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

NUMERALS = "一二三四五六七八九十"


def _date_cn(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def letter_sections(reply: Reply) -> list[tuple[str, str]]:
    """The numbered headings of the letter that the reply fills (已落实事项, 计划落实事项, 理由)."""
    names = []
    if reply.done_items:
        names.append("已落实事项")
    if reply.planned_actions.all():
        names.append("计划落实事项")
    if reply.not_adopted_reason:
        names.append("未采纳或暂不能落实的理由")
    return [(NUMERALS[n] if n < len(NUMERALS) else str(n + 1), name) for n, name in enumerate(names)]


def reply_letter_html(reply: Reply) -> str:
    proposal = reply.proposal
    kind = proposal.get_kind_display()
    number = f"第{proposal.number}号" if proposal.number else ""
    sections = dict((name, numeral) for numeral, name in letter_sections(reply))
    return render_to_string(
        "proposals/pdf/reply_letter.html",
        {
            "reply": reply,
            "proposal": proposal,
            "subject": f"关于{proposal.session.name}{number}{kind}的答复",
            "actions": list(reply.planned_actions.all()),
            "sections": sections,
            "date_cn": _date_cn(reply.replied_on),
            "office": getattr(settings, "OFFICE_NAME", "人大常委会代表工作机构"),
        },
    )


def reply_letter_pdf(reply: Reply) -> bytes:
    from weasyprint import HTML

    return HTML(string=reply_letter_html(reply), base_url=str(settings.BASE_DIR)).write_pdf()


def reply_letter_filename(reply: Reply) -> str:
    number = reply.proposal.number or f"{reply.proposal_id}"
    return f"答复函_{number}_{reply.unit.name}_第{reply.round}轮.pdf"


def reply_letter_response(reply: Reply):
    """The 答复函 as a downloadable PDF response."""
    from django.http import HttpResponse
    from django.utils.encoding import escape_uri_path

    response = HttpResponse(reply_letter_pdf(reply), content_type="application/pdf")
    name = escape_uri_path(reply_letter_filename(reply))
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response
