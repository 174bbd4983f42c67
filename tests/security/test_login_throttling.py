"""Login throttling (django-axes): wrong passwords lock the username at that address, with a Chinese message."""

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def attempt(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def member():
    return f.staff_user(username="zhouming")


def test_after_the_failure_limit_even_the_right_password_is_refused_with_a_chinese_message(member):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "zhouming", "wrong-guess").status_code == 200
    assert attempt(client, "zhouming", "wrong-guess").status_code == 429
    response = attempt(client, "zhouming", "pass-1234")
    assert response.status_code == 429
    page = response.content.decode()
    assert "账号已暂时锁定" in page
    assert f"连续 {settings.AXES_FAILURE_LIMIT} 次密码错误" in page
    assert "15 分钟后再登录" in page
    assert "联系系统管理员" in page
    assert not logged_in(client)


def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(member):
    client = Client()
    for _ in range(30):
        attempt(client, "zhouming", "wrong-guess")
    attempt(client, "zhouming", "pass-1234")
    assert not logged_in(client)


def test_fewer_failures_than_the_limit_still_let_the_right_password_in_and_reset_the_count(member):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "zhouming", "wrong-guess")
    assert attempt(client, "zhouming", "pass-1234").status_code == 302
    assert logged_in(client)
    assert not AccessAttempt.objects.filter(username="zhouming").exists()


def test_the_lock_holds_the_username_at_that_address_only(member):
    colleague = f.staff_user(username="wangfang")
    attacker = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(attacker, "zhouming", "wrong-guess")
    assert attempt(attacker, "zhouming", "pass-1234").status_code == 429
    # The colleague behind the same address, and the owner at their own desk, still log in.
    same_nat = Client(REMOTE_ADDR="10.0.0.9")
    assert attempt(same_nat, colleague.username, "pass-1234").status_code == 302
    owner = Client(REMOTE_ADDR="10.0.0.20")
    assert attempt(owner, "zhouming", "pass-1234").status_code == 302


def test_an_administrator_unlocks_the_account_and_the_right_password_logs_in_again(member):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "zhouming", "wrong-guess")
    assert attempt(client, "zhouming", "pass-1234").status_code == 429
    call_command("axes_reset_username", "zhouming")
    assert attempt(client, "zhouming", "pass-1234").status_code == 302
    assert logged_in(client)


def test_the_admin_lists_the_lockouts_and_deleting_one_unlocks(member, admin_client):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "zhouming", "wrong-guess")
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    page = changelist.content.decode()
    assert "zhouming" in page
    assert "登录失败记录" in page
    reset(username="zhouming")
    assert attempt(client, "zhouming", "pass-1234").status_code == 302


def test_a_wrong_password_says_so_in_chinese(member):
    page = attempt(Client(), "zhouming", "wrong-guess").content.decode()
    assert "请输入一个正确的" in page
