"""Start times follow from the meeting's start, the items before, breaks and days."""

from __future__ import annotations

import itertools
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from smwg_desktop.core.agenda import timetable
from smwg_desktop.core.model import Activity, AgendaItem
from smwg_desktop.core.ordering import key_between, keys_for

GSM = Activity.build(
    "a",
    {"title": "GSM", "start": "2026-12-01T10:00", "end": "2026-12-03T17:00",
     "tz": "America/Bogota", "day_start": "08:30"},
)


def _item(title: str, minutes: int, day: int, position: str, kind: str = "session") -> AgendaItem:
    return AgendaItem.build(
        title, {"activity_id": "a", "title": title, "minutes": minutes, "day": day,
                "position": position, "item_kind": kind},
    )


def test_times_run_on_within_a_day_and_restart_each_day() -> None:
    items = [
        _item("Welcome", 30, 1, "a"),
        _item("Coffee", 15, 1, "b", "break"),
        _item("Panel", 90, 1, "c"),
        _item("Open day 2", 45, 2, "a"),
        _item("Lunch", 60, 2, "b", "break"),
        _item("Closing", 20, 3, "a"),
    ]
    slots = timetable(GSM, reversed(items))
    got = [(s.item.title, s.start, s.end) for s in slots]
    assert got == [
        ("Welcome", datetime(2026, 12, 1, 10, 0), datetime(2026, 12, 1, 10, 30)),
        ("Coffee", datetime(2026, 12, 1, 10, 30), datetime(2026, 12, 1, 10, 45)),
        ("Panel", datetime(2026, 12, 1, 10, 45), datetime(2026, 12, 1, 12, 15)),
        ("Open day 2", datetime(2026, 12, 2, 8, 30), datetime(2026, 12, 2, 9, 15)),
        ("Lunch", datetime(2026, 12, 2, 9, 15), datetime(2026, 12, 2, 10, 15)),
        ("Closing", datetime(2026, 12, 3, 8, 30), datetime(2026, 12, 3, 8, 50)),
    ]


@given(st.lists(st.integers(min_value=0, max_value=240), min_size=1, max_size=20))
def test_each_item_starts_when_the_one_before_ends(durations: list[int]) -> None:
    keys = keys_for(len(durations))
    items = [_item(f"i{n}", m, 1, k) for n, (m, k) in enumerate(zip(durations, keys, strict=True))]
    slots = timetable(GSM, items)
    assert slots[0].start == GSM.start
    for earlier, later in itertools.pairwise(slots):
        assert later.start == earlier.end
    assert slots[-1].end - slots[0].start == sum(
        (s.end - s.start for s in slots), start=slots[0].start - slots[0].start
    )


@given(st.lists(st.integers(min_value=0, max_value=10_000), max_size=80))
def test_order_keys_stay_ordered_wherever_items_are_inserted(places: list[int]) -> None:
    keys: list[str] = []
    for place in places:
        at = place % (len(keys) + 1)
        new = key_between(keys[at - 1] if at else None, keys[at] if at < len(keys) else None)
        keys.insert(at, new)
        assert not new.endswith("0")
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
