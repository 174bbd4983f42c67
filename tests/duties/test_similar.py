import pytest
from django.urls import reverse

from proposals import services
from similar.models import RepeatLink
from similar.selectors import review_candidates, similar_items
from tests import factories as f
from tests.duties.support import item

pytestmark = pytest.mark.django_db


@pytest.fixture
def earlier_years():
    last_year = f.session(name="市十七届人大四次会议", year=2025)
    this_year = f.session(name="市十七届人大五次会议", year=2026)
    author = f.deputy(name="王强")
    planted = item(lead=author, session=last_year, title="关于加快推进老旧小区加装电梯工作的建议")
    unrelated = item(lead=author, session=last_year, title="关于加强校园周边交通安全管理的建议")
    return last_year, this_year, author, planted, unrelated


def titles(found):
    return [s.proposal.title for s in found]


def test_staff_see_the_planted_near_duplicate_of_last_year_and_not_the_unrelated_item(earlier_years):
    _, _, _, planted, unrelated = earlier_years
    found = similar_items(
        f.staff_user(), title="关于老旧小区加装电梯的建议", content="多层住宅没有电梯，老人上下楼难。"
    )
    assert planted.title in titles(found)
    assert unrelated.title not in titles(found)


def test_a_deputy_never_sees_another_deputys_unpublished_item_among_the_suggestions(earlier_years, client):
    _, _, author, planted, _ = earlier_years
    someone_else = f.deputy(name="赵敏")
    assert similar_items(someone_else.user, title="关于老旧小区加装电梯的建议") == []
    assert titles(similar_items(author.user, title="关于老旧小区加装电梯的建议")) == [planted.title]
    client.force_login(someone_else.user)
    response = client.get(reverse("similar:suggest"), {"title": "关于老旧小区加装电梯的建议"})
    assert response.status_code == 200 and planted.title not in response.content.decode()


def test_a_co_signer_sees_the_item_they_co_signed(earlier_years):
    last_year, _, author, _, _ = earlier_years
    co = f.deputy(name="钱多")
    joined = item(lead=author, co_signers=[co], session=last_year, title="关于增设社区养老服务站点的建议")
    assert joined.title in titles(similar_items(co.user, title="关于增设社区养老服务站的建议"))


def test_drafts_are_never_suggested_even_to_staff():
    lead = f.deputy()
    services.proposal_create(
        by=lead.user, session=f.session(), kind="suggestion", title="关于加快老旧小区加装电梯的建议", lead_deputy=lead
    )
    assert similar_items(f.staff_user(), title="关于老旧小区加装电梯的建议") == []


def test_intake_review_shows_duplicates_in_the_session_and_earlier_years_and_staff_mark_a_repeat(earlier_years, client):
    _, this_year, _, planted, _ = earlier_years
    twin = item(lead=f.deputy(), session=this_year, title="关于老旧小区加装电梯的建议")
    new = item(lead=f.deputy(), session=this_year, title="关于推进老旧小区加装电梯的建议")
    staff = f.staff_user()

    found = review_candidates(staff, new)
    assert titles(found["same_session"]) == [twin.title]
    assert titles(found["earlier_years"]) == [planted.title]

    client.force_login(staff)
    panel = client.get(reverse("similar:review", args=[new.pk]), headers={"X-Requested-With": "fetch"})
    assert planted.title in panel.content.decode()
    client.post(reverse("similar:mark_repeat", args=[new.pk]), {"earlier": [planted.pk], "note": "连续两年提出"})
    assert RepeatLink.objects.filter(proposal=new, earlier=planted).exists()
    # An item of the same year is not an earlier one.
    client.post(reverse("similar:mark_repeat", args=[new.pk]), {"earlier": [twin.pk]})
    assert not RepeatLink.objects.filter(proposal=new, earlier=twin).exists()


def test_units_and_deputies_cannot_open_the_review_panel_or_mark_repeats(earlier_years, client):
    _, this_year, author, planted, _ = earlier_years
    new = item(lead=author, session=this_year, title="关于推进老旧小区加装电梯的建议")
    for user in (author.user, f.handler_of(f.unit())):
        client.force_login(user)
        assert client.get(reverse("similar:review", args=[new.pk])).status_code == 403
        assert client.post(reverse("similar:mark_repeat", args=[new.pk]), {"earlier": [planted.pk]}).status_code == 403
    assert not RepeatLink.objects.exists()


def test_a_deputy_sees_another_deputys_item_once_it_is_published_and_reads_it_on_the_public_page(earlier_years):
    import datetime as dt

    from proposals.choices import Disclosure
    from proposals.models import Proposal
    from publicsite.models import Publication

    _, _, _, planted, _ = earlier_years
    someone_else = f.deputy(name="赵敏")
    Proposal.objects.filter(pk=planted.pk).update(disclosure=Disclosure.AGREE)
    publication = Publication.objects.create(proposal=planted, publish_on=dt.date(2026, 6, 1))

    found = similar_items(someone_else.user, title="关于老旧小区加装电梯的建议")
    assert titles(found) == [planted.title]
    assert found[0].url == reverse("publicsite:item", args=[publication.slug])

    publication.withdrawn_at = dt.datetime(2026, 6, 2, tzinfo=dt.UTC)
    publication.save(update_fields=["withdrawn_at"])
    assert similar_items(someone_else.user, title="关于老旧小区加装电梯的建议") == []
