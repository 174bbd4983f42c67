import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # MD5 first makes the many test logins fast; the default hasher stays so that users created
    # outside this fixture (class-level seeds) can still log in.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _office_name_cached(settings):
    # As on a running site, the office's name is already cached, so query counts are the same on every request.
    from django.core.cache import cache

    from common.office import CACHE_KEY

    cache.set(CACHE_KEY, settings.OFFICE_NAME, 600)
    yield
    cache.delete(CACHE_KEY)


@pytest.fixture(autouse=True)
def _replies_reach_the_deputy_at_once(request, monkeypatch):
    """Tests of other things submit replies with 答复审查 off, so a submitted reply is the reply of record.

    The product default is on; tests about the review (and the demo and whole-path tests, which go
    through it) are marked ``reply_review`` and keep the default.
    """
    if request.node.get_closest_marker("reply_review"):
        return
    from proposals.models import HandlingRules

    monkeypatch.setattr(HandlingRules._meta.get_field("reply_review"), "default", False)
