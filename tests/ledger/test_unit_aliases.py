"""A ledger that names a unit by its short name or an alias is matched to that unit, not given a new one."""

from __future__ import annotations

import pytest

from proposals.models import Assignment
from tests import factories
from tests.ledger.conftest import ASSIGNED, do_import, item
from units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def housing():
    unit = factories.unit(name="市住房和城乡建设局", with_handler=False)
    unit.short_name, unit.aliases = "住建局", "建委、房管局"
    unit.save(update_fields=["short_name", "aliases"])
    return unit


def test_a_short_name_and_an_alias_find_the_unit(housing):
    report = do_import([item(ASSIGNED, 主办单位="住建局"), item(ASSIGNED, 主办单位="房管局")])

    assert report.units_created == 0
    assert set(Assignment.objects.values_list("unit__name", flat=True)) == {"市住房和城乡建设局"}


def test_a_name_no_unit_is_known_by_creates_a_unit_as_before(housing):
    report = do_import([item(ASSIGNED, 主办单位="市税务局")])

    assert report.units_created == 1
    assert Unit.objects.filter(name="市税务局").exists()


def test_a_short_name_two_units_share_is_not_guessed(housing):
    other = factories.unit(name="区住房和城乡建设局", with_handler=False)
    other.short_name = "住建局"
    other.save(update_fields=["short_name"])

    report = do_import([item(ASSIGNED, 主办单位="住建局")])

    assert report.units_created == 1
    assert Assignment.objects.get().unit.name == "住建局"
