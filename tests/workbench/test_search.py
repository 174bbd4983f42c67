"""The workbench's text search: by number, title fragment, lead deputy and co-signer, found by index on PostgreSQL."""

import pytest
from django.db import connection
from django.db.models import Q
from django.urls import reverse

from proposals import services
from proposals.models import Proposal
from proposals.models.proposal import ProposalState
from proposals.selectors_filters import ListFilters, filtered_proposals
from tests import factories as f

from .conftest import TODAY

pytestmark = pytest.mark.django_db
URL = reverse("workbench:list")


def titles(response) -> set[str]:
    return {p.title for p in response.context["page"].rows}


def registered(staff, *, title: str, lead, co=(), number: str | None = None, kind: str = "suggestion") -> Proposal:
    p = f.proposal(title=title, lead=lead, kind=kind)
    p.co_signers.add(*co)
    # A deputy's motion needs the office's number of co-signers; staff enter this paper motion.
    services.proposal_submit(proposal=p, by=staff if kind == "motion" else lead.user)
    return services.proposal_register(proposal=p, by=staff, number=number)


@pytest.fixture
def items(staff):
    ouyang, zhang, sima = f.deputy(name="欧阳娜娜"), f.deputy(name="张伟"), f.deputy(name="司马光")
    return {
        "elevator": registered(staff, title="关于老旧小区加装电梯的建议", lead=ouyang, number="JY-0007"),
        "bus": registered(staff, title="关于优化公交线路的建议", lead=zhang, co=[sima]),
        "latin": registered(staff, title="关于ABC道路命名的建议", lead=zhang),
        "percent": registered(staff, title="关于降低5%_税率的议案", lead=zhang, co=[ouyang], kind="motion"),
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("JY-0007", {"elevator"}),
        ("jy-0007", {"elevator"}),
        ("梯", {"elevator"}),
        ("电梯", {"elevator"}),
        ("加装电梯", {"elevator"}),
        ("  加装电梯 ", {"elevator"}),
        ("abc", {"latin"}),
        ("bC", {"latin"}),
        ("欧", {"elevator", "percent"}),
        ("欧阳", {"elevator", "percent"}),
        ("欧阳娜娜", {"elevator", "percent"}),
        ("张伟", {"bus", "latin", "percent"}),
        ("司", {"bus"}),
        ("司马", {"bus"}),
        ("司马光", {"bus"}),
        ("建议", {"elevator", "bus", "latin"}),
        ("%", {"percent"}),
        ("%_", {"percent"}),
        ("_税率", {"percent"}),
        ("电%梯", set()),
        ("0007", set()),
        ("诸葛亮", set()),
    ],
)
def test_it_finds_items_by_number_title_fragment_lead_deputy_and_co_signer(staff_client, items, q, expected):
    assert titles(staff_client.get(URL, {"q": q})) == {items[k].title for k in expected}


def test_a_search_never_shows_a_deputys_unsent_draft(staff_client, items):
    draft = f.proposal(title="关于加装电梯补贴的建议")
    assert draft.state == ProposalState.DRAFT
    assert titles(staff_client.get(URL, {"q": "电梯"})) == {items["elevator"].title}


def test_the_search_combines_with_the_other_filters(staff_client, items):
    response = staff_client.get(URL, {"q": "张伟", "kind": "motion"})
    assert titles(response) == {items["percent"].title}


def _plain_search(text: str):
    """The definition the search must keep: an OR of ``icontains`` over the four places."""
    return (
        Proposal.objects.exclude(state=ProposalState.DRAFT)
        .filter(
            Q(number__iexact=text)
            | Q(title__icontains=text)
            | Q(lead_deputy__name__icontains=text)
            | Q(co_signers__name__icontains=text)
        )
        .distinct()
    )


def test_every_fragment_finds_exactly_the_items_a_plain_icontains_finds(staff, items):
    repeated = registered(staff, title="关于笑声哈哈哈与AaB的建议", lead=f.deputy(name="娜娜"))
    texts = {p.title for p in [*items.values(), repeated]} | {"欧阳娜娜", "张伟", "司马光", "娜娜", "JY-0007"}
    fragments = {t[i : i + n] for t in texts for n in (1, 2, 3, 4) for i in range(len(t) - n + 1)}
    fragments |= {"jy", "Jy-0", "ab", "Bc", "aa", "AAB", "娜娜张", "哈哈哈哈", "无此"}
    for text in sorted(fragments):
        found = set(filtered_proposals(ListFilters(q=text), today=TODAY).values_list("pk", flat=True))
        assert found == set(_plain_search(text).values_list("pk", flat=True)), text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram indexes exist on PostgreSQL only")
@pytest.mark.parametrize(
    ("q", "title_index", "name_index"),
    [
        ("梯", "proposal_title_tripled", "deputy_name_tripled"),
        ("电梯", "proposal_title_tripled", "deputy_name_tripled"),
        ("加装电梯", "proposal_title_trgm", "deputy_name_trgm"),
    ],
)
def test_on_postgresql_every_arm_of_the_search_can_use_an_index(items, q, title_index, name_index):
    # With plain scans priced out, any arm the indexes cannot answer would force a sequential scan.
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        # The office list's index holds every listed item: reading it whole is a plain scan by another
        # name, so it is taken away for this test (the test's transaction puts it back).
        cursor.execute("DROP INDEX proposal_listed")
    plan = filtered_proposals(ListFilters(q=q), today=TODAY).order_by().values("pk").explain()
    assert "Seq Scan" not in plan, plan
    for index in (title_index, name_index, "proposal_number_upper"):
        assert index in plan, plan
    # The lead deputy's arm: either index that starts with the lead deputy answers it.
    assert "proposals_proposal_lead_deputy_id" in plan or "proposal_lead_listing" in plan, plan
