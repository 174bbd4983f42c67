"""The demo office's 民意池: stations with staff, receptions, opinions in every state, committees."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from opinions import figures
from opinions.models import Opinion, OpinionState, Reception, Referral, Station, SuggestionSupervision

DEMO_DAY = dt.datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


class SeededOpinions(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = io.StringIO()
        with time_machine.travel(DEMO_DAY):
            call_command("seed_demo", stdout=cls.output)

    def test_every_district_has_a_station_with_its_deputies_and_a_staff_login(self):
        assert Station.objects.count() == 7
        for station in Station.objects.prefetch_related("deputies", "staff"):
            assert station.deputies.count() >= 4 and station.staff.count() == 1, station

    def test_opinions_are_in_every_triage_state_and_some_citizens_rated_the_answer(self):
        states = set(Opinion.objects.values_list("state", flat=True))
        assert states == set(OpinionState.values)
        assert Referral.objects.filter(state="answered").exists() and Referral.objects.filter(state="open").exists()
        assert Opinion.objects.exclude(satisfaction="").exists()
        assert Opinion.objects.filter(received_on__gt=DEMO_DAY.date()).count() == 0
        drafted = Opinion.objects.filter(suggestion__isnull=False).select_related("suggestion__lead_deputy")
        assert {o.suggestion.state for o in drafted} == {"draft", "submitted"}
        assert "张丽华" in {o.suggestion.lead_deputy.name for o in drafted}

    def test_receptions_are_held_every_quarter_and_some_deputies_are_below_the_minimum(self):
        for quarter in (1, 2, 3, 4):
            start, end = figures.quarter_bounds(2026, quarter)
            assert Reception.objects.filter(held_on__range=(start, end)).count() >= 7
        assert figures.receptions_by_deputy(year=2026, quarter=4)["below"]
        assert (
            figures.receptions_by_deputy(year=2026, quarter=1)["below"]
            != figures.receptions_by_deputy(year=2026, quarter=4)["below"]
        )

    def test_the_committee_supervises_opinions_and_a_suggestion(self):
        assert Opinion.objects.filter(supervised_by__name="城乡建设环境保护委员会").exists()
        assert SuggestionSupervision.objects.filter(committee__name="城乡建设环境保护委员会").exists()

    def test_the_station_and_committee_demo_logins_land_on_their_pages(self):
        for username, home in (("station", "opinions:list"), ("committee", "opinions:committee")):
            with self.subTest(username=username):
                login = self.client.post(reverse("accounts:login"), {"username": username, "password": "demo12345"})
                assert login.status_code == 302
                response = self.client.get("/")
                assert response["Location"] == reverse(home)
                assert self.client.get(response["Location"]).status_code == 200
                self.client.logout()
        text = self.output.getvalue()
        assert "station" in text and "committee" in text
