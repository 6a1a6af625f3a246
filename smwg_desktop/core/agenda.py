"""A meeting's timetable: start and end times follow from durations, never stored."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from smwg_desktop.core.model import Activity, AgendaItem


@dataclass(frozen=True)
class Slot:
    """An agenda item placed in time (local to the activity's time zone)."""

    item: AgendaItem
    date: date
    start: datetime
    end: datetime


def ordered(items: Iterable[AgendaItem]) -> list[AgendaItem]:
    """Items in agenda order: by day, then order key, then id so every device agrees."""
    return sorted(items, key=lambda i: (i.day, i.position, i.id))


def timetable(activity: Activity, items: Iterable[AgendaItem]) -> list[Slot]:
    """Each item with its computed times.

    Day 1 starts at the activity's start; every later day starts at its
    ``day_start``. Within a day each item starts when the one before it ends;
    breaks are items like any other.
    """
    if activity.start is None:
        raise ValueError("an activity without a start has no timetable")
    first_day = activity.start.date()
    slots: list[Slot] = []
    clock: datetime | None = None
    current_day = 0
    for item in ordered(items):
        if item.day != current_day:
            current_day = item.day
            day = first_day + timedelta(days=item.day - 1)
            start_time = activity.start.time() if item.day == 1 else activity.day_start
            clock = datetime.combine(day, start_time)
        assert clock is not None
        end = clock + timedelta(minutes=item.minutes)
        slots.append(Slot(item, clock.date(), clock, end))
        clock = end
    return slots
