import pytest
from django.urls import reverse

from tests import factories as f
from tests.duties.support import item

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_deputies():
    a = f.deputy(name="甲")
    b = f.deputy(name="乙")
    item(lead=a, title="关于加快老旧小区加装电梯的建议")
    item(lead=b, title="关于增设社区养老服务站的建议")
    return a, b


def test_a_deputy_sees_their_own_record_and_not_another_deputys(client, two_deputies):
    a, b = two_deputies
    client.force_login(a.user)
    own = client.get(reverse("duties:mine"))
    assert own.status_code == 200
    assert "关于加快老旧小区加装电梯的建议" in own.content.decode()
    assert "关于增设社区养老服务站的建议" not in own.content.decode()
    assert client.get(reverse("duties:deputy", args=[b.pk])).status_code == 403
    assert client.get(reverse("duties:deputy_pdf", args=[b.pk])).status_code == 403
    assert client.get(reverse("duties:list")).status_code == 403


def test_staff_and_leaders_read_every_record_and_units_read_none(client, two_deputies):
    a, b = two_deputies
    for user in (f.staff_user(), f.leader_user()):
        client.force_login(user)
        page = client.get(reverse("duties:deputy", args=[b.pk]))
        assert page.status_code == 200 and "关于增设社区养老服务站的建议" in page.content.decode()
        listing = client.get(reverse("duties:list"), {"delegation": a.delegation_id})
        assert listing.status_code == 200 and "甲" in listing.content.decode()
    handler = f.handler_of(f.unit())
    client.force_login(handler)
    assert client.get(reverse("duties:deputy", args=[b.pk])).status_code == 403
    assert client.get(reverse("duties:mine")).status_code == 403


def test_the_annual_report_prints_as_a_one_page_pdf(client, two_deputies):
    from io import BytesIO

    from pypdf import PdfReader

    a, _ = two_deputies
    client.force_login(a.user)
    response = client.get(reverse("duties:mine_pdf"))
    assert response.status_code == 200
    reader = PdfReader(BytesIO(response.content))
    assert len(reader.pages) == 1
    assert "履职报告" in reader.pages[0].extract_text()


def test_leaders_read_the_rules_but_only_staff_change_them(client):
    client.force_login(f.leader_user())
    assert client.get(reverse("duties:rules")).status_code == 200
    assert client.post(reverse("duties:rules"), {"points_lead": "9"}).status_code == 403
    client.force_login(f.staff_user())
    assert client.post(reverse("duties:activity_create", args=[f.deputy().pk]), {"kind": "training"}).status_code == 400


def test_bad_filters_on_the_list_are_ignored_not_errors(client):
    client.force_login(f.staff_user())
    response = client.get(reverse("duties:list"), {"delegation": "abc", "year": "9" * 30, "after_id": "-1"})
    assert response.status_code == 200
