"""Browsing organisations and people a page at a time: which ones, in what order.

A screen or a command asks ``Directory.browse`` for one page of records that
pass a ``BrowseFilter``, sorted by one column, and gets back the records and a
cursor; the next page starts after the cursor. Pages cost the same at the end
of 100,000 people as at the start, and no page loads more than it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from smwg_desktop.core.model import Organisation, Person, Record

R = TypeVar("R", bound=Record)

SORT_COLUMNS: dict[str, tuple[str, ...]] = {
    Organisation.kind: (
        "sort_key", "acronym", "country", "region", "status", "women_led", "at_risk",
    ),
    Person.kind: ("sort_key", "country", "at_risk"),
}
"""The columns each kind may be sorted by; ``sort_key`` is the name as people sort it.

Ties are broken by the name, then the id, so the order is total and pages never
overlap or skip.
"""


@dataclass(frozen=True)
class BrowseFilter:
    """Which organisations or people to show; an empty value does not filter.

    For organisations every criterion is about the organisation itself. For people,
    ``region`` and ``country`` are about the person's own country, while
    ``constituency``, ``women_led`` and ``status`` are about the organisations they
    belong to today. ``body_id`` keeps people who hold a seat in that body today
    (for organisations: on whose behalf someone holds one).
    """

    text: str = ""
    """Full-text search: every word must start a word of the record, accents ignored."""
    region: str = ""
    country: str = ""
    constituency: str = ""
    women_led: bool | None = None
    status: str = ""
    body_id: str = ""

    @property
    def is_empty(self) -> bool:
        return self == BrowseFilter()


@dataclass(frozen=True)
class Page(Generic[R]):
    """One page of a browse; ``cursor`` is None when nothing follows it."""

    records: list[R] = field(default_factory=list)
    cursor: tuple[Any, ...] | None = None
