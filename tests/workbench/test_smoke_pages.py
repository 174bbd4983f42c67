import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_list_and_detail_pages_render_for_staff(staff_client, staff):
    p = f.assigned(staff=staff, mode="lead_co")
    r = staff_client.get(reverse("workbench:list"))
    assert r.status_code == 200, r.content.decode()[:3000]
    assert p.title in r.content.decode()
    r = staff_client.get(reverse("workbench:detail", args=[p.pk]))
    assert r.status_code == 200
    r = staff_client.get(reverse("workbench:assign", args=[p.pk]))
    assert r.status_code == 200
    for name in ("create", "key_list", "adjustments", "extensions"):
        r = staff_client.get(reverse(f"workbench:{name}"))
        assert r.status_code == 200, name
