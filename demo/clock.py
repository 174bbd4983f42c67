"""The demo's clock: each action happens on a past day, and the timestamps written for it say so.

Services date business facts from the arguments they are given (``on=``, ``replied_on=``…), but the
moments they stamp themselves (audit rows, ``signed_at``, ``requested_at``, ``created_at``…) are "now".
While seeding, every action runs inside ``clock.on(day)``; at the end ``settle()`` moves each moment
stamped during an action to that action's day, so the audit trail reads as the history it represents.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db import models
from django.utils import timezone

# Apps whose rows the services write while the demo is built.
STAMPED_APPS = ("proposals", "django_fsm_log", "notifications", "deputies", "units", "opinions", "publicsite")


class Clock:
    def __init__(self) -> None:
        self._starts: list[dt.datetime] = []
        self._moments: list[dt.datetime] = []
        self._slot = 0
        self._count = 0
        self._day: dt.date | None = None
        self.began = timezone.now()

    @contextmanager
    def on(self, day: dt.date) -> Iterator[None]:
        """Run the enclosed actions as if on ``day`` (at a plausible office hour)."""
        self._starts.append(timezone.now())
        self._moments.append(self._moment(day))
        yield

    def _moment(self, day: dt.date) -> dt.datetime:
        """A time of day that moves on between consecutive actions of the same day."""
        self._count += 1
        if day != self._day:
            self._day, self._slot = day, (self._count * 37) % (7 * 60)
        self._slot += 11
        minutes = 8 * 60 + 30 + self._slot
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60)))
        return min(moment, timezone.now())

    def settle(self) -> int:
        """Move every timestamp written during an action to that action's moment; returns the rows changed."""
        changed = 0
        if not self._starts:
            return 0
        for model, field_names in _stamped_fields():
            for name in field_names:
                rows = model.objects.filter(**{f"{name}__gte": self.began}).values_list("pk", name)
                by_moment: dict[dt.datetime, list] = defaultdict(list)
                for pk, value in rows:
                    index = bisect.bisect_right(self._starts, value) - 1
                    if index >= 0:
                        by_moment[self._moments[index]].append(pk)
                for moment, pks in by_moment.items():
                    for start in range(0, len(pks), 500):
                        changed += model.objects.filter(pk__in=pks[start : start + 500]).update(**{name: moment})
        return changed


def _stamped_fields() -> Iterator[tuple[type[models.Model], list[str]]]:
    for label in STAMPED_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            if not model._meta.managed:  # reads another model's table (or a temporary one): stamped there
                continue
            names = [f.name for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)]
            if names:
                yield model, names
