"""The domain events after which the dashboard's figures are rebuilt (debounced, in the background)."""

from proposals import events
from reports.statistics.snapshots import figures_changed

FIGURE_EVENTS = (
    events.ASSIGNED,
    events.SUPERVISION_ISSUED,
    events.REPLY_SUBMITTED,
    events.REPLY_RELEASED,
    events.REPLY_RETURNED,
    events.CLOSED,
    events.REHANDLING_STARTED,
    events.DUE_CHANGED,
)


def on_figures_event(**payload) -> None:
    figures_changed()


def subscribe_all() -> None:
    for event in FIGURE_EVENTS:
        events.subscribe(event, on_figures_event)
