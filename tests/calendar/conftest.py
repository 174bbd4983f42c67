import pytest

from tests import factories as f


@pytest.fixture
def staff(db):
    return f.staff_user(username="office")
