import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from proposals.models import Assignment, Proposal
from units.models import Unit


@pytest.fixture
def seeded(db):
    call_command("seed_scale", items=400, years=2, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_seed_scale_writes_the_items_and_their_handling_rows(seeded):
    assert Proposal.objects.count() == 400
    assert Assignment.objects.count() > 300
    assert Proposal.objects.filter(state="closed").exists()
    assert Proposal.objects.filter(state="handling").exists() or Proposal.objects.filter(state="replied").exists()


def test_seed_scale_creates_the_bench_logins(seeded):
    for username in ("bench-staff", "bench-leader", "bench-unit", "bench-deputy"):
        assert User.objects.get(username=username).check_password("bench-12345")


def test_the_bench_unit_handles_the_busiest_unit(seeded):
    unit = User.objects.get(username="bench-unit").unit_handler.unit
    busiest = max(Unit.objects.all(), key=lambda u: u.assignments.count())
    assert unit == busiest


def test_the_bench_deputy_leads_and_co_signs_items(seeded):
    deputy = User.objects.get(username="bench-deputy").deputy
    assert deputy.led_proposals.count() >= 1
    assert deputy.cosigned_proposals.count() >= 2


def test_seed_scale_refuses_a_database_that_already_has_items(seeded):
    with pytest.raises(CommandError, match="已有议案建议"):
        call_command("seed_scale", items=10)


@pytest.mark.django_db
def test_seed_scale_refuses_more_than_a_million_items():
    with pytest.raises(CommandError, match="1 至 1,000,000"):
        call_command("seed_scale", items=1_000_001)
