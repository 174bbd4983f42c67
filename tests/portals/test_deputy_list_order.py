"""The deputy's list runs newest first by session year and date, whatever order the items were entered in."""

import datetime as dt
import importlib
import re

import pytest
from django.urls import reverse

from tests import factories as f

home = importlib.import_module("deputies.views.home")  # the module, not the view of the same name

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy_items(db):
    deputy = f.deputy()
    this_year = f.session(name="市十七届人大五次会议", year=2026)
    recess = f.session(name="2026年闭会期间", year=2026)
    last_year = f.session(name="市十七届人大四次会议", year=2025)
    made = {}
    for key, session, day in (
        ("early_2026", this_year, dt.date(2026, 1, 12)),
        ("late_2026", recess, dt.date(2026, 6, 3)),
        # Imported last: a past year's ledger entered after this year's items.
        ("mid_2025", last_year, dt.date(2025, 5, 20)),
        ("early_2025", last_year, dt.date(2025, 1, 15)),
    ):
        made[key] = f.registered(lead=deputy, session_obj=session, submitted_on=day, title=f"关于{key}的建议")
    made["draft"] = f.proposal(lead=deputy, session_obj=recess, title="关于draft的建议")
    return deputy, made


def titles_in(page: str) -> list[str]:
    return re.findall(r"关于(\w+?)的建议", page)


def test_the_deputys_list_puts_this_years_items_first_and_the_imported_past_year_last(client, deputy_items):
    deputy, _ = deputy_items
    client.force_login(deputy.user)
    page = client.get(reverse("deputy:home")).content.decode()
    order = list(dict.fromkeys(titles_in(page)))
    assert order == ["draft", "late_2026", "early_2026", "mid_2025", "early_2025"]


def test_the_order_holds_across_pages(client, deputy_items, monkeypatch):
    deputy, _ = deputy_items
    monkeypatch.setattr(home, "PAGE_SIZE", 2)
    client.force_login(deputy.user)
    seen, url = [], reverse("deputy:home")
    for _ in range(3):
        page = client.get(url).content.decode()
        seen += list(dict.fromkeys(titles_in(page)))
        after = re.search(r'href="(\?scope=all&after=[\w-]+)"', page)
        if after is None:
            break
        url = reverse("deputy:home") + after.group(1)
    assert seen == ["draft", "late_2026", "early_2026", "mid_2025", "early_2025"]
