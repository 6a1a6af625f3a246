"""Qt item models over the directory: thin, read-only views of what the core returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.geo import REGION_LABELS, country_name
from smwg_desktop.core.model import Organisation, Person

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

ID_ROLE = Qt.ItemDataRole.UserRole
"""The role under which every cell gives the id of its row's record."""

DEFAULT_PAGE_SIZE = 100


def _tr(text: str) -> str:
    return QCoreApplication.translate("OrganisationTableModel", text)


def _region(organisation: Organisation) -> str:
    region = organisation.region
    return _tr(REGION_LABELS[region]) if region is not None else ""


def _status(organisation: Organisation) -> str:
    return _tr(organisation.status.replace("_", " ").capitalize())


def _yes_no(value: bool) -> str:
    return _tr("Yes") if value else _tr("No")


@dataclass(frozen=True)
class Column:
    title: str
    """The English header; translated when shown."""
    text: Callable[[Organisation], str]


ORGANISATION_COLUMNS: tuple[Column, ...] = (
    Column("Name", lambda o: o.name),
    Column("Acronym", lambda o: o.acronym),
    Column("Country", lambda o: country_name(o.country)),
    Column("Region", _region),
    Column("Status", _status),
    Column("Women-led", lambda o: _yes_no(o.women_led)),
)


class OrganisationTableModel(QAbstractTableModel):
    """Organisations, one per row, read from the directory a page at a time.

    Without a filter the rows follow the directory's name order; with one they are
    the core's full-text matches, best first. Views pull further pages through
    ``canFetchMore``/``fetchMore`` as they scroll, so a large directory opens quickly.
    """

    def __init__(
        self,
        directory: Directory,
        parent: QObject | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        self._directory = directory
        self._page_size = page_size
        self._filter_text = ""
        self._matching_ids: list[str] | None = None
        self._rows: list[Organisation] = []
        # Position of the next page in the source (the whole table or the list of
        # matching ids) and the size of that source, as last counted.
        self._next_offset = 0
        self._source_size = 0
        self.reset()

    @property
    def directory(self) -> Directory:
        return self._directory

    @property
    def filter_text(self) -> str:
        return self._filter_text

    @property
    def total(self) -> int:
        """How many organisations the model shows once every page is loaded."""
        return len(self._rows) + max(0, self._source_size - self._next_offset)

    def organisation(self, row: int) -> Organisation:
        """The organisation shown in ``row`` (a row already loaded)."""
        return self._rows[row]

    def set_filter(self, text: str) -> None:
        """Show only organisations matching ``text`` by full-text search; empty shows all.

        Matching is the core's: every word is a prefix, accents and case are ignored.
        """
        text = text.strip()
        if text == self._filter_text:
            return
        self._filter_text = text
        self.reset()

    def reset(self) -> None:
        """Read the directory again (after a change) and load the first page."""
        self.beginResetModel()
        try:
            self._rows = []
            self._next_offset = 0
            if self._filter_text:
                self._matching_ids = self._search(self._filter_text)
                self._source_size = len(self._matching_ids)
            else:
                self._matching_ids = None
                self._source_size = self._directory.count(Organisation)
            self._rows = self._read_page()
        finally:
            self.endResetModel()

    def _search(self, text: str) -> list[str]:
        # Directory.search ranks people and organisations together and cuts at
        # ``limit``: a limit of everything keeps every matching organisation.
        everything = self._directory.count(Organisation) + self._directory.count(Person)
        hits = self._directory.search(text, limit=max(1, everything))
        return [hit.id for hit in hits if hit.kind == Organisation.kind]

    def _read_page(self) -> list[Organisation]:
        """The next page from the source, advancing past it."""
        start = self._next_offset
        if start >= self._source_size:
            return []
        if self._matching_ids is None:
            page = self._directory.list(Organisation, limit=self._page_size, offset=start)
            self._next_offset = start + len(page)
            if len(page) < self._page_size:
                # Fewer rows than counted: the table shrank since. Stop here.
                self._source_size = self._next_offset
            return page
        ids = self._matching_ids[start : start + self._page_size]
        found = {o.id: o for o in self._directory.list(Organisation, where={"id": ids})}
        if len(found) < len(ids):
            # Deleted since the search: forget them.
            self._matching_ids[start : start + len(ids)] = [i for i in ids if i in found]
            self._source_size = len(self._matching_ids)
        page = [found[i] for i in ids if i in found]
        self._next_offset = start + len(page)
        return page

    # QAbstractTableModel

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(ORGANISATION_COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        organisation = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return ORGANISATION_COLUMNS[index.column()].text(organisation)
        if role == ID_ROLE:
            return organisation.id
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
            and 0 <= section < len(ORGANISATION_COLUMNS)
        ):
            return _tr(ORGANISATION_COLUMNS[section].title)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._next_offset < self._source_size

    def fetchMore(self, parent: AnyIndex) -> None:
        page: list[Organisation] = []
        while not page and self.canFetchMore(parent):
            page = self._read_page()
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(_ROOT, first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()
