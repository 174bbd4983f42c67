import pytest

from tests.opinions.support import build_world


@pytest.fixture(autouse=True)
def _own_cache(settings, request):
    """A fresh in-memory cache per test: rate-limit counters and used challenge tokens start at zero."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": request.node.nodeid}
    }
    settings.OPINIONS_FORM_MIN_SECONDS = 0


@pytest.fixture
def world(db):
    return build_world()


def client_for(client, user):
    client.force_login(user)
    return client
