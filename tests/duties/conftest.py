import datetime as dt

import pytest

from tests.core.support import at


@pytest.fixture(autouse=True)
def clock(time_machine):
    """Mid-June 2026 in Beijing: the first quarter has ended, the year is under way."""
    time_machine.move_to(at(dt.date(2026, 6, 15)), tick=False)
    return time_machine
