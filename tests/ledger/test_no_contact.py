"""沟通方式 `无` (no contact with the deputy) and an empty cell (not recorded) stay apart through import and export."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts import roles
from ledger.report import LedgerInvalid
from proposals import services
from proposals.models import Assignment, Contact, Proposal
from tests import factories
from tests.ledger.conftest import ASSIGNED, REPLIED, do_import, item
from tests.ledger.test_round_trip import cells_to_rows, empty_the_database, export_cells
from units.models import UnitHandler

pytestmark = pytest.mark.django_db


def contact_cells() -> dict[str, str | None]:
    return {row["编号"]: row["沟通方式"] for row in cells_to_rows(export_cells())}


def rows() -> list[dict]:
    return [
        item(REPLIED, 编号="0001", 沟通方式="无"),
        item(REPLIED, 编号="0002"),
        item(ASSIGNED, 编号="0003", 沟通方式="电话"),
        item(ASSIGNED, 编号="0004", 沟通方式="无"),
    ]


def test_an_imported_none_comes_back_as_none_and_an_empty_cell_as_empty():
    do_import(rows())

    assert contact_cells() == {"0001": "无", "0002": None, "0003": "电话", "0004": "无"}
    assert Proposal.objects.get(number="0001").no_contact is True
    assert Proposal.objects.get(number="0002").no_contact is False
    assert Contact.objects.count() == 1  # `无` is not a contact: it adds nothing to the contact records


def test_an_exported_none_re_imports_into_an_empty_database_unchanged():
    do_import(rows())
    first = export_cells()
    empty_the_database()

    do_import(cells_to_rows(first))

    assert export_cells() == first


def test_a_contact_logged_later_replaces_the_ledgers_none():
    do_import([item(ASSIGNED, 编号="0001", 沟通方式="无")])
    assignment = Assignment.objects.get()
    handler = factories.user(role=roles.UNIT_HANDLER)
    UnitHandler.objects.create(user=handler, unit=assignment.unit)
    services.contact_log(
        assignment=assignment, by=handler, method="phone", contacted_on=dt.date(2025, 3, 10), summary="电话沟通办理思路"
    )

    assert contact_cells() == {"0001": "电话"}


def test_a_contact_value_outside_the_list_is_refused_and_nothing_is_written():
    with pytest.raises(LedgerInvalid) as refused:
        do_import([item(REPLIED, 编号="0001", 沟通方式="没有")])

    assert [(e.column, e.value) for e in refused.value.report.errors] == [("沟通方式", "没有")]
    assert not Proposal.objects.exists()
