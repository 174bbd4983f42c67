"""The 民意池's create forms (an opinion entered, a reception, a referral) carry a one-time token: a resent
form shows what was created, with a message, and creates nothing more."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from opinions.models import Opinion, Reception, Referral

AGAIN = "已经创建，这次重复提交没有再创建一次"


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _token(page: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def test_a_resent_reception_is_recorded_once(world):
    client = _login(world.staff_user)
    url = reverse("opinions:reception_create")
    data = {
        "form_token": _token(client.get(url).content.decode()),
        "held_on": "2026-01-10",
        "deputies": [world.deputy.pk],
        "visitors": 12,
        "topic": "老旧小区改造",
    }
    client.post(url, data)
    again = client.post(url, data, follow=True)
    assert again.redirect_chain[-1][0] == reverse("opinions:receptions")
    assert f"“2026年01月10日的接待活动”{AGAIN}" in again.content.decode()
    assert Reception.objects.count() == 1


def test_a_resent_opinion_shows_the_opinion_already_entered(world):
    client = _login(world.staff_user)
    url = reverse("opinions:create")
    data = {
        "form_token": _token(client.get(url).content.decode()),
        "content": "菜市场周边占道经营严重。",
        "citizen_phone": "0571-88001234",
        "field": "城乡建设",
        "source": "reception",
        "deputy": world.deputy.pk,
        "received_on": "2026-01-05",
    }
    client.post(url, data)
    again = client.post(url, data, follow=True)
    opinion = Opinion.objects.get()
    assert again.redirect_chain[-1][0] == reverse("opinions:detail", args=[opinion.pk])
    assert AGAIN in again.content.decode()


def test_a_resent_referral_shows_the_opinion_already_referred(world):
    client = _login(world.staff_user)
    create = reverse("opinions:create")
    client.post(
        create,
        {
            "form_token": _token(client.get(create).content.decode()),
            "content": "菜市场周边占道经营严重。",
            "citizen_phone": "0571-88001234",
            "field": "城乡建设",
            "source": "reception",
            "deputy": world.deputy.pk,
            "received_on": "2026-01-05",
        },
    )
    opinion = Opinion.objects.get()
    page = client.get(reverse("opinions:detail", args=[opinion.pk])).content.decode()
    form = re.search(r'action="{}"[^>]*>(.*?)</form>'.format(reverse("opinions:refer", args=[opinion.pk])), page, re.S)
    data = {
        "form_token": _token(form.group(1)),
        "refer-version": opinion.version,
        "refer-unit": world.unit.pk,
        "refer-reason": "属城管职责",
        "refer-on": "2026-01-06",
    }
    client.post(reverse("opinions:refer", args=[opinion.pk]), data)
    again = client.post(reverse("opinions:refer", args=[opinion.pk]), data, follow=True)
    assert f"“转交{world.unit.name}办理”{AGAIN}" in again.content.decode()
    assert Referral.objects.count() == 1
