"""A simple challenge against automated posting on the public form (no external service).

The form carries a signed token holding an arithmetic question's answer, the moment it was issued
and a one-time nonce. A post is accepted only with the right answer, no sooner than
``OPINIONS_FORM_MIN_SECONDS`` after the form was shown (a person needs time to write), no later than
an hour, once per token, and with the hidden ``website`` field left empty (a honeypot bots fill in).
"""

from __future__ import annotations

import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

SALT = "opinions.public-form"
MAX_AGE = 3600


def min_seconds() -> int:
    return int(getattr(settings, "OPINIONS_FORM_MIN_SECONDS", 3))


def issue() -> tuple[str, str]:
    """(question, token) for a fresh form."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps({"s": a + b, "t": int(time.time()), "n": secrets.token_hex(8)}, salt=SALT, compress=True)
    return f"{a} 加 {b} 等于几？", token


def check(*, token: str, answer: str, honeypot: str) -> str | None:
    """None when the post passes, else the Chinese message to show."""
    if honeypot:
        return "提交未通过校验，请刷新页面后重新填写"
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        return "页面停留时间过长，请重新回答验证问题"
    except signing.BadSignature:
        return "提交未通过校验，请刷新页面后重新填写"
    if time.time() - data.get("t", 0) < min_seconds():
        return "提交过快，请核对内容后再提交"
    if str(answer).strip() != str(data.get("s")):
        return "验证问题回答错误，请重新计算"
    if not cache.add(f"opinions:challenge:{data.get('n')}", 1, MAX_AGE):
        return "该表单已提交过，请刷新页面后重新填写"
    return None
