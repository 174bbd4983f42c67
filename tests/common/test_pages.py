"""The pages around the portals: titles, the office's name, error pages, logging out, the admin."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from proposals.models import HandlingRules
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_page_titles_separate_the_page_from_the_site_name(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "<title>登录 · 议案建议办理平台</title>" in page


def test_the_office_name_set_by_the_office_shows_in_the_header_and_the_login_page(client, settings):
    page = client.get(reverse("accounts:login")).content.decode()
    assert settings.OFFICE_NAME in page
    assert "人大常委会代表工作机构" not in page
    rules = HandlingRules.current()
    rules.office_name = "朝天市人大常委会代表工作委员会"
    rules.save(update_fields=["office_name"])
    assert "朝天市人大常委会代表工作委员会" in client.get(reverse("accounts:login")).content.decode()
    client.force_login(f.staff_user())
    page = client.get(reverse("workbench:list")).content.decode()
    assert page.count("朝天市人大常委会代表工作委员会") == 2, "header and footer"


def test_the_office_name_falls_back_to_the_deployment_setting_when_left_blank():
    rules = HandlingRules.current()
    rules.office_name = "  "
    assert rules.display_office_name == "某某市人大常委会代表工作委员会"


def test_an_unknown_address_gets_the_chinese_not_found_page_in_the_site_layout(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in page and "议案建议办理平台" in page and "返回首页" in page
    assert "Resolver404" not in page and "URLconf" not in page


def test_a_refused_page_gets_the_chinese_forbidden_page(client):
    client.force_login(f.deputy().user)
    response = client.get(reverse("workbench:list"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "无权访问" in page and "PermissionDenied" not in page


def test_a_server_error_gets_the_chinese_error_page(settings):
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "服务器出错了" in page and "<title>服务器出错 · 议案建议办理平台</title>" in page


def test_a_form_posted_without_its_security_token_is_refused_in_chinese(settings):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()


def test_the_settings_run_without_debug_unless_it_is_asked_for(monkeypatch):
    import importlib

    import config.settings as module

    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    reloaded = importlib.reload(module)
    try:
        assert reloaded.DEBUG is False
        assert reloaded.SECRET_KEY and reloaded.SECRET_KEY != "dev-only-insecure-key-change-me"
        assert "whitenoise.middleware.WhiteNoiseMiddleware" in reloaded.MIDDLEWARE
        monkeypatch.setenv("DEBUG", "true")
        assert importlib.reload(module).DEBUG is True
    finally:
        monkeypatch.delenv("DEBUG", raising=False)
        importlib.reload(module)


def test_logging_out_by_get_shows_a_page_with_the_logout_button(client):
    user = f.staff_user()
    client.force_login(user)
    response = client.get(reverse("accounts:logout"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "确定要退出吗" in page and 'method="post"' in page
    assert "_auth_user_id" in client.session, "a GET does not log out"
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and "_auth_user_id" not in client.session
    assert "您已退出登录" in client.get(reverse("accounts:logout")).content.decode()


def test_every_portal_logs_out_by_post(client):
    for user in (f.staff_user(), f.deputy().user, f.handler_of(f.unit()), f.leader_user()):
        client.force_login(user)
        page = client.get(reverse("accounts:home"), follow=True).content.decode()
        assert f'<form method="post" action="{reverse("accounts:logout")}"' in page
        assert f'href="{reverse("accounts:logout")}"' not in page


def test_the_system_administrator_lands_on_the_admin_and_staff_do_not(client):
    admin = f.user(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(reverse("accounts:home"))["Location"] == reverse("admin:index")
    client.force_login(f.staff_user())
    assert client.get(reverse("accounts:home"))["Location"] == reverse("workbench:list")


def test_staff_with_admin_rights_have_a_link_to_the_admin_and_others_do_not(client):
    office_admin = f.staff_user(is_staff=True)
    client.force_login(office_admin)
    assert "管理后台" in client.get(reverse("workbench:list")).content.decode()
    client.force_login(f.staff_user())
    assert "管理后台" not in client.get(reverse("workbench:list")).content.decode()


def test_the_public_pages_separate_their_titles_and_name_the_office(client, settings):
    page = client.get(reverse("publicsite:search")).content.decode()
    assert "<title>代表建议办理公开查询 · 人大代表议案建议公开</title>" in page
    assert page.count(settings.OFFICE_NAME) == 2, "header and footer"
    assert "人大常委会代表工作机构" not in page
