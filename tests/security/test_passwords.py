"""Django's password validators are on, and they answer in Chinese."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests import factories as f

pytestmark = pytest.mark.django_db


def messages(password: str, user=None) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_password(password, user)
    return " ".join(caught.value.messages)


def test_a_short_password_is_refused_in_chinese():
    assert "密码太短" in messages("a1b2c3")


def test_an_all_digit_password_is_refused_in_chinese():
    assert "只包含数字" in messages("20260302118")


def test_a_common_password_is_refused_in_chinese():
    assert "太常见" in messages("password123")


def test_a_password_like_the_username_is_refused_in_chinese():
    user = f.user(username="zhangsanfeng")
    assert "相似" in messages("zhangsanfeng1", user)


def test_a_good_password_passes():
    validate_password("人大代表-履职-2026")


def test_the_admin_shows_the_rules_in_chinese():
    from django.contrib.auth.password_validation import password_validators_help_texts

    texts = " ".join(password_validators_help_texts())
    assert "至少需要 8 个字符" in texts
    assert "This password" not in texts and "Your password" not in texts
