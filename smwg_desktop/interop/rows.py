"""The neutral shapes every format reads into and writes from.

A reader turns a file into ``IncomingRow`` values: text as a person would type it
into the application, keyed by the field names of ``Person`` and ``Organisation``,
with the row (or card) number where it starts in the file. Nothing here is cleaned
or checked: the core does that when a plan is made (``interop.plan``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from smwg_desktop.core.consent import PrintableAffiliation, PrintableOrganisation, PrintablePerson


@dataclass(frozen=True)
class IncomingRow:
    """One person and/or one organisation as a file gives them, still as text.

    ``person`` and ``organisation`` map field names (``name``, ``emails``,
    ``phones``, ``country`` ...) to text the core's field types accept; contacts
    are written ``kind:value`` and separated by new lines. ``role`` is the
    person's role in the organisation. ``person_ref`` and ``organisation_ref``
    are ids a file of this application carries, to recognise the same record.
    ``problem`` says why the reader could not read the row at all (a ragged
    row, a card that does not parse); such a row is refused whole.
    """

    line: int
    person: Mapping[str, str] = field(default_factory=dict)
    organisation: Mapping[str, str] = field(default_factory=dict)
    role: str = ""
    person_ref: str = ""
    organisation_ref: str = ""
    problem: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.person or self.organisation or self.role or self.problem)


@dataclass(frozen=True)
class ColumnUse:
    """What one column of a table was taken to mean (``target`` "" when ignored)."""

    index: int
    header: str
    target: str
    automatic: bool
    """True when recognised from the header; False when a mapping said so."""


@dataclass(frozen=True)
class Incoming:
    """A file read into rows, with what was learned about its shape on the way."""

    source: str
    format: str
    """``csv``, ``xlsx`` or ``vcard``."""
    rows: tuple[IncomingRow, ...]
    columns: tuple[ColumnUse, ...] = ()
    """How each column was read (tables only): the wizard's mapping page shows it."""
    encoding: str = ""
    delimiter: str = ""
    examples: tuple[str, ...] = ()
    """For each column, the first value the file has in it ("" if none): what the
    mapping page shows beside the header."""

    @property
    def ignored_columns(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns if not c.target and c.header.strip())


@dataclass(frozen=True)
class OutgoingEntry:
    """One person, or one organisation on its own, as consent lets it leave.

    Built by ``interop.export`` from ``core.consent`` only; the writers print
    exactly what is here and nothing else.
    """

    person: PrintablePerson | None = None
    places: tuple[PrintableAffiliation, ...] = ()
    """The person's organisations (and roles) that may be named beside them."""
    organisation: PrintableOrganisation | None = None
    """Set (and ``person`` None) for an organisation exported on its own."""


@dataclass(frozen=True)
class Table:
    """A spreadsheet or CSV file as read: its header and rows of cells with line numbers."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    encoding: str = ""
    delimiter: str = ""
