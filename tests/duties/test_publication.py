import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from duties import points, services
from duties.models import DutyKind, Publication
from proposals.errors import DomainError
from tests import factories as f
from tests.duties.support import item

pytestmark = pytest.mark.django_db


def test_a_rule_change_recomputes_the_scores_and_a_published_quarter_stays_as_published(clock):
    staff = f.staff_user()
    a = f.deputy(name="甲", delegation="城关区代表团")
    b = f.deputy(name="乙", delegation="城关区代表团")
    c = f.deputy(name="丙", delegation="七里河区代表团")
    clock.move_to(dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC))
    item(lead=a, title="关于加快老旧小区加装电梯的建议")
    item(lead=b, title="关于增设社区养老服务站的建议")
    item(lead=c, co_signers=[a], title="关于优化公交线路的建议")
    clock.move_to(dt.datetime(2026, 6, 15, 2, tzinfo=dt.UTC))
    item(lead=b, title="关于第二季度提出的建议")  # after the first quarter: not in its publication

    q1 = services.publication_publish(by=staff, year=2026, quarter=1)

    rows = {r["deputy"]: r for r in q1.rows}
    assert (rows["甲"]["total"], rows["乙"]["total"], rows["丙"]["total"]) == ("4", "3", "3")
    assert (rows["甲"]["rank"], rows["乙"]["rank"], rows["丙"]["rank"]) == (1, 2, 1)  # ranked within each delegation

    services.point_rules_update(
        by=staff, values={DutyKind.LEAD: (Decimal("5"), None), DutyKind.COSIGN: (Decimal("1"), None)}
    )

    assert points.duty_record(deputy_id=b.pk, year=2026).total == Decimal("10")  # two items at 5 now
    q1.refresh_from_db()
    assert {r["deputy"]: r["total"] for r in q1.rows} == {"甲": "4", "乙": "3", "丙": "3"}
    assert next(r for r in q1.rules if r["kind"] == "lead")["points"] == "3"
    with pytest.raises(DomainError, match="已发布"):
        services.publication_publish(by=staff, year=2026, quarter=1)


def test_a_quarter_that_has_not_ended_cannot_be_published():
    with pytest.raises(DomainError, match="尚未结束"):
        services.publication_publish(by=f.staff_user(), year=2026, quarter=2)


def test_the_publication_downloads_as_pdf_and_excel(client):
    staff = f.staff_user()
    item(lead=f.deputy(name="甲"), title="关于加快老旧小区加装电梯的建议")
    publication = Publication.objects.create(
        year=2026,
        quarter=1,
        as_of=dt.date(2026, 3, 31),
        rows=[
            {
                "deputy_id": 1,
                "deputy": "甲",
                "delegation": "城关区代表团",
                "points": {"lead": "3"},
                "total": "3",
                "rank": 1,
            }
        ],
        rules=[{"kind": "lead", "label": "领衔提出议案建议", "points": "3", "cap": None}],
    )
    client.force_login(staff)
    pdf = client.get(reverse("duties:publication_file", args=[publication.pk, "pdf"]))
    xlsx = client.get(reverse("duties:publication_file", args=[publication.pk, "xlsx"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    client.force_login(f.deputy().user)
    assert client.get(reverse("duties:publication_file", args=[publication.pk, "pdf"])).status_code == 403
