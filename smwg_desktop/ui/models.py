"""Qt item models over the directory: thin, read-only views of what the core returns.

``RecordTableModel`` shows organisations or people a page at a time: the core
filters and sorts in SQL and pages by key (``Directory.browse``), so the first
rows of 100,000 people show at once and sorting never loads them all. Views
pull the next page through ``canFetchMore``/``fetchMore`` as they scroll.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from smwg_desktop.core.browse import SORT_COLUMNS, BrowseFilter
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Affiliation, Organisation, Person, Record
from smwg_desktop.i18n import N_, _
from smwg_desktop.resources import resource_path
from smwg_desktop.ui import labels

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

ID_ROLE = Qt.ItemDataRole.UserRole
"""The role under which every cell gives the id of its row's record."""

_RECORD_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.AccessibleDescriptionRole, ID_ROLE,
})
"""The roles ``RecordTableModel.data`` answers; it answers None to the others."""

DEFAULT_PAGE_SIZE = 100
REFRESH_LIMIT = 2_000
"""After an edit, up to this many loaded rows are read again in place; more start over."""


AT_RISK_SIZES = (16, 32, 64)
"""The sizes of ``resources/icons/at-risk-*.png`` (rendered by ``build/make_icon.py``)."""


@functools.cache
def at_risk_icon() -> QIcon:
    """The mark beside an organisation or person at risk, made once (views ask for it at each paint)."""
    # Our own warning sign, the same on every platform: asking the style for its own
    # made PySide build QStyle and its enums, about 7 ms of a start.
    icon = QIcon()
    for size in AT_RISK_SIZES:
        icon.addFile(str(resource_path("icons", f"at-risk-{size}.png")), QSize(size, size))
    return icon


@dataclass(frozen=True)
class Column:
    """One column of a record table."""

    title: str
    """The English header, marked with ``N_``; translated when shown."""
    text: Callable[[Any], str] | None = None
    """The cell's text, from the record."""
    sort: str | None = None
    """The column the core sorts by (``core.browse.SORT_COLUMNS``); None: not sortable."""
    extra: str = ""
    """Instead of ``text``: a value the model looks up for each page (see ``PersonTableModel``)."""


ORGANISATION_COLUMNS: tuple[Column, ...] = (
    Column(N_("Name"), lambda o: o.name, "sort_key"),
    Column(N_("Acronym"), lambda o: o.acronym, "acronym"),
    Column(N_("Country"), lambda o: labels.country(o.country), "country"),
    Column(N_("Region"), lambda o: labels.region(o.region or ""), "region"),
    Column(N_("Status"), lambda o: labels.status(o.status), "status"),
    Column(N_("Women-led"), lambda o: labels.yes_no(o.women_led), "women_led"),
)

PERSON_COLUMNS: tuple[Column, ...] = (
    Column(N_("Name"), lambda p: p.name, "sort_key"),
    Column(N_("Organisations"), extra="organisations"),
    Column(N_("Country"), lambda p: labels.country(p.country), "country"),
    Column(N_("Languages"), lambda p: ", ".join(p.languages)),
)


class RecordTableModel(QAbstractTableModel):
    """Organisations or people, one per row, read from the directory a page at a time.

    The rows are those that pass ``filter`` (a search text and field filters),
    sorted by one column; a row at risk shows a warning sign in its first column.
    """

    def __init__(
        self,
        directory: Directory,
        record_class: type[Record],
        columns: Sequence[Column],
        parent: QObject | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        for column in columns:
            if column.sort is not None and column.sort not in SORT_COLUMNS[record_class.kind]:
                raise ValueError(f"{record_class.kind} cannot be sorted by {column.sort!r}")
        self._directory = directory
        self._class = record_class
        self._columns = tuple(columns)
        self._page_size = page_size
        self._filter = BrowseFilter()
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._rows: list[Record] = []
        self._extras: dict[str, dict[str, str]] = {}
        self._cursor: tuple[Any, ...] | None = None
        self._total = 0
        self.reset()

    @property
    def directory(self) -> Directory:
        return self._directory

    @property
    def record_class(self) -> type[Record]:
        return self._class

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    @property
    def filter(self) -> BrowseFilter:
        return self._filter

    @property
    def search_text(self) -> str:
        return self._filter.text

    @property
    def total(self) -> int:
        """How many records pass the filter (counted when the filter or the data changed)."""
        return self._total

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def record(self, row: int) -> Any:
        """The record shown in ``row`` (a row already loaded)."""
        return self._rows[row]

    def row_of(self, record_id: str) -> int | None:
        """The row of a record among those loaded, or None."""
        for row, record in enumerate(self._rows):
            if record.id == record_id:
                return row
        return None

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self._columns) and self._columns[column].sort is not None

    def set_filter(self, wanted: BrowseFilter) -> None:
        """Show only the records that pass ``wanted``; the first page loads at once."""
        wanted = replace(wanted, text=wanted.text.strip())
        if wanted == self._filter:
            return
        self._filter = wanted
        self.reset()

    def set_search_text(self, text: str) -> None:
        """Keep the field filters and search for ``text`` (every word a prefix, accents ignored)."""
        self.set_filter(replace(self._filter, text=text))

    def reset(self) -> None:
        """Read the directory again from the first page (after the filter or sort changed)."""
        self.beginResetModel()
        try:
            self._rows, self._extras, self._cursor = [], {}, None
            self._total = self._directory.browse_count(self._class, self._filter)
            records, self._cursor = self._read(None, self._page_size)
            self._rows = records
            self._extras = self.extras(records)
        finally:
            self.endResetModel()

    def refresh(self) -> None:
        """Read again what is shown, after an edit: rows that stay keep their place.

        When the same records come back in the same order, the view keeps its
        selection and scroll position; otherwise the model resets.
        """
        wanted = len(self._rows)
        if wanted > REFRESH_LIMIT:
            self.reset()
            return
        total = self._directory.browse_count(self._class, self._filter)
        records, cursor = self._read(None, max(wanted, self._page_size))
        extras = self.extras(records)
        if not records or [r.id for r in records] != [r.id for r in self._rows]:
            self.beginResetModel()
            self._rows, self._cursor, self._total, self._extras = records, cursor, total, extras
            self.endResetModel()
            return
        self._rows, self._cursor, self._total, self._extras = records, cursor, total, extras
        last = self.index(len(records) - 1, len(self._columns) - 1)
        self.dataChanged.emit(self.index(0, 0), last)

    def _read(self, after: tuple[Any, ...] | None, limit: int) -> tuple[list[Record], Any]:
        column = self._columns[self._sort_column]
        page = self._directory.browse(
            self._class,
            self._filter,
            order=column.sort or "sort_key",
            descending=self._sort_order == Qt.SortOrder.DescendingOrder,
            after=after,
            limit=limit,
        )
        return list(page.records), page.cursor

    def extras(self, records: Sequence[Record]) -> dict[str, dict[str, str]]:
        """Values beyond the record that a page shows, by record id (none here)."""
        return {}

    # QAbstractTableModel

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # First: a view asks each cell for a dozen roles (font, colours, size...) that
        # this model leaves to the style, thousands of times as the table first shows.
        if role not in _RECORD_ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(record, self._columns[index.column()])
            at_risk = getattr(record, "at_risk", False)
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and at_risk:
                return _("{name} — at risk").format(name=text)
            return text
        if role == ID_ROLE:
            return record.id
        if (
            role == Qt.ItemDataRole.DecorationRole
            and index.column() == 0
            and getattr(record, "at_risk", False)
        ):
            return at_risk_icon()
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and getattr(record, "at_risk", False):
            return _("At risk")
        return None

    def plain_texts(self, column: int, rows: int) -> list[str | None]:
        """What ``data`` shows in the column's first ``rows`` cells, None where it also
        gives an icon (an at-risk record's name); it gives no font, check box or size.
        """
        shown = self._columns[column]
        return [
            None if column == 0 and getattr(record, "at_risk", False) else self._text(record, shown)
            for record in self._rows[:rows]
        ]

    def _text(self, record: Record, column: Column) -> str:
        if column.extra:
            return self._extras.get(record.id, {}).get(column.extra, "")
        assert column.text is not None
        return column.text(record)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self._columns[section].title)
        if role == Qt.ItemDataRole.ToolTipRole and self._columns[section].sort is not None:
            return _("Click to sort by this column")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column the core can sort by; other columns leave the order as it is."""
        if not self.is_sortable(column):
            return
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column, self._sort_order = column, order
        self.reset()

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._cursor is not None

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        records, cursor = self._read(self._cursor, self._page_size)
        self._cursor = cursor
        if not records:
            return
        first = len(self._rows)
        self.beginInsertRows(_ROOT, first, first + len(records) - 1)
        self._rows.extend(records)
        self._extras.update(self.extras(records))
        self.endInsertRows()


class OrganisationTableModel(RecordTableModel):
    """Organisations: name, acronym, country, region, membership status, women's leadership."""

    def __init__(
        self,
        directory: Directory,
        parent: QObject | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> None:
        super().__init__(directory, Organisation, ORGANISATION_COLUMNS, parent, page_size=page_size)

    def organisation(self, row: int) -> Organisation:
        record: Organisation = self.record(row)
        return record


class PersonTableModel(RecordTableModel):
    """People: name, the organisations they belong to today, country, languages."""

    def __init__(
        self,
        directory: Directory,
        parent: QObject | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> None:
        super().__init__(directory, Person, PERSON_COLUMNS, parent, page_size=page_size)

    def person(self, row: int) -> Person:
        record: Person = self.record(row)
        return record

    def extras(self, records: Sequence[Record]) -> dict[str, dict[str, str]]:
        # Two queries a page, whatever its size: the links, then their organisations.
        ids = [r.id for r in records]
        if not ids:
            return {}
        links = self._directory.list(Affiliation, where={"person_id": ids}, order_by=["id"])
        org_ids = sorted({a.organisation_id for a in links})
        names = {
            o.id: o.acronym or o.name
            for o in self._directory.list(Organisation, where={"id": org_ids})
        }
        by_person: dict[str, list[str]] = {}
        for link in links:
            if link.end is None and link.organisation_id in names:
                by_person.setdefault(link.person_id, []).append(names[link.organisation_id])
        return {pid: {"organisations": ", ".join(sorted(set(n)))} for pid, n in by_person.items()}


@dataclass(frozen=True)
class Line:
    """One row of a small table: the cells, the id it stands for, how it looks."""

    id: str
    cells: tuple[str, ...]
    tooltip: str = ""
    strong: bool = False
    """Shown in bold (for example a seat held for a member organisation)."""
    warn: bool = False
    """Shown with the at-risk sign in its first cell."""
    extra: Mapping[str, Any] = field(default_factory=dict)


class LinesModel(QAbstractTableModel):
    """A short list the screen computes in full (a person's organisations, a body's seats)."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._lines: list[Line] = []
        self._bold: QFont | None = None

    def set_lines(self, lines: Sequence[Line]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line(self, row: int) -> Line:
        return self._lines[row]

    def lines(self) -> list[Line]:
        return list(self._lines)

    def row_of(self, line_id: str) -> int | None:
        for row, line in enumerate(self._lines):
            if line.id == line_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.cells[index.column()] if index.column() < len(line.cells) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.tooltip or None
        if role == ID_ROLE:
            return line.id
        if role == Qt.ItemDataRole.FontRole and line.strong:
            if self._bold is None:
                self._bold = QFont(QApplication.font())
                self._bold.setBold(True)
            return self._bold
        if role == Qt.ItemDataRole.DecorationRole and line.warn and index.column() == 0:
            return at_risk_icon()
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
