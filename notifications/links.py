"""Where a notification takes its reader: the page of the item in that reader's own portal."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def first_url(candidates: list[tuple[str, dict]], fallback: str) -> str:
    """The first of ``candidates`` (url name, kwargs) that resolves, else ``fallback`` (a url name)."""
    for name, kwargs in candidates:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    try:
        return reverse(fallback)
    except NoReverseMatch:
        return ""


def unit_assignment(assignment_id: int) -> str:
    return first_url(
        [
            ("unitportal:assignment", {"pk": assignment_id}),
            ("unitportal:detail", {"pk": assignment_id}),
        ],
        "unitportal:inbox",
    )


def unit_supervision(assignment_id: int | None) -> str:
    if assignment_id is None:
        return first_url([], "unitportal:inbox")
    return unit_assignment(assignment_id)


def deputy_proposal(proposal_id: int) -> str:
    return first_url(
        [("deputy:proposal", {"pk": proposal_id}), ("deputy:detail", {"pk": proposal_id})],
        "deputy:home",
    )


def deputy_invitation(invitation_id: int) -> str:
    return first_url([("deputy:invitation", {"pk": invitation_id})], "deputy:home")


def deputy_evaluate(proposal_id: int) -> str:
    return first_url(
        [
            ("deputy:rate", {"pk": proposal_id}),
            ("deputy:proposal", {"pk": proposal_id}),
            ("deputy:detail", {"pk": proposal_id}),
        ],
        "deputy:home",
    )


def staff_proposal(proposal_id: int) -> str:
    return first_url(
        [("workbench:detail", {"pk": proposal_id}), ("workbench:proposal", {"pk": proposal_id})],
        "workbench:list",
    )


def staff_adjustments() -> str:
    return first_url([("workbench:adjustments", {})], "workbench:list")


def staff_extensions() -> str:
    return first_url([("workbench:extensions", {})], "workbench:list")


def staff_overdue() -> str:
    url = first_url([], "workbench:list")
    return f"{url}?overdue=1" if url else ""


def report_archive() -> str:
    return first_url([("dashboard:archive_list", {})], "accounts:home")


def staff_calendar(year: int) -> str:
    return first_url([("workbench:calendar_year", {"year": year})], "workbench:calendar")
