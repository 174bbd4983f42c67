"""Every response carries the content security policy, and no template needs 'unsafe-inline'.

The browser side — no violation on the main pages of every role — is in test_csp_browser.py.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests import factories as f

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# WeasyPrint renders the templates of any pdf/ folder to PDF on the server; no browser applies a CSP to them.
SERVER_ONLY_FOLDER = "pdf"

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)
JAVASCRIPT_URL = re.compile(r"javascript:", re.I)


def browser_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if SERVER_ONLY_FOLDER not in name.split("/")[:-1]:
            yield name, path.read_text(encoding="utf-8")


def test_no_template_has_an_inline_script_handler_style_or_javascript_url():
    found = []
    for name, text in browser_templates():
        for label, pattern in (
            ("inline <script>", INLINE_SCRIPT),
            ("event handler attribute", EVENT_HANDLER),
            ("style= attribute", STYLE_ATTRIBUTE),
            ("<style> element", STYLE_ELEMENT),
            ("javascript: URL", JAVASCRIPT_URL),
        ):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{name}:{line}: {label}")
    assert not found, "move these into static/js or static/css: " + "; ".join(found)


def test_the_guard_catches_each_kind_of_inline_code():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/site.js"></script>')
    assert EVENT_HANDLER.search('<form method="post" onsubmit="return confirm(1)">')
    assert not EVENT_HANDLER.search('<form data-confirm-submit="确定吗？">')
    assert STYLE_ATTRIBUTE.search('<div class="x" style="width: 5%">')
    assert not STYLE_ATTRIBUTE.search('<div class="bar-w-5">')


@pytest.mark.django_db
def test_every_page_is_sent_with_a_policy_that_allows_no_inline_code():
    client = Client()
    client.force_login(f.staff_user())
    for url in ("/login/", "/staff/", "/leader/", "/notifications/"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert directives["object-src"] == "'none'", url
        assert directives["frame-ancestors"] == "'none'", url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
