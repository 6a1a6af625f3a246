"""The agenda of one activity as a table: items in order with their computed times.

Start and end times are never stored: they come from the core's ``timetable`` each
time the agenda changes, so a reordered item or a changed duration moves every
time after it at once. Edits (a title, a duration, a day, a new place by drag and
drop or by keys) go through ``ActivityEdits`` as undoable commands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from smwg_desktop.core.agenda import Slot
from smwg_desktop.core.errors import NotFoundError, UserError
from smwg_desktop.core.model import Activity, AgendaItem, Person
from smwg_desktop.i18n import N_, _
from smwg_desktop.ui.activity_commands import ActivityEdits, user_message
from smwg_desktop.ui.activity_models import format_day

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

ID_ROLE = Qt.ItemDataRole.UserRole
"""Every cell gives the id of its row's agenda item under this role."""

AGENDA_ITEM_MIME = "application/x-smwg-agenda-item"
"""What a dragged agenda item carries: its id, as UTF-8."""

ITEM_KIND_LABELS: dict[str, str] = {"session": N_("Session"), "break": N_("Break")}


class Column(IntEnum):
    DAY = 0
    START = 1
    END = 2
    MINUTES = 3
    TITLE = 4
    KIND = 5
    FACILITATOR = 6
    SPEAKERS = 7


HEADERS: dict[Column, str] = {
    Column.DAY: N_("Day"),
    Column.START: N_("Starts"),
    Column.END: N_("Ends"),
    Column.MINUTES: N_("Duration"),
    Column.TITLE: N_("Item"),
    Column.KIND: N_("Kind"),
    Column.FACILITATOR: N_("Facilitator"),
    Column.SPEAKERS: N_("Speakers"),
}

EDITABLE = {Column.DAY, Column.MINUTES, Column.TITLE, Column.KIND}


def clock(slot_time: Any) -> str:
    """A time of day as the agenda prints it: 24-hour, "09:00"."""
    return str(slot_time.strftime("%H:%M"))


def minutes_text(minutes: int) -> str:
    return _("{minutes} min").format(minutes=minutes)


def day_text(day: int, slot: Slot | None) -> str:
    """ "Day 2 · Fri 11 Nov" (the date in the activity's own calendar)."""
    if slot is None:
        return _("Day {number}").format(number=day)
    when = format_day(slot.date, "ddd d MMM")
    return _("Day {number} · {date}").format(number=day, date=when)


@dataclass(frozen=True)
class Placement:
    """Where an item goes: ``place`` (1 = first) within ``day``."""

    day: int
    place: int


class AgendaTableModel(QAbstractTableModel):
    """The items of one activity's agenda, in order, one per row.

    ``refused`` carries the reason, fit to show, when an edit could not be made.
    """

    refused = Signal(str)

    def __init__(self, edits: ActivityEdits, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self._directory = edits.directory
        self._activity: Activity | None = None
        self._slots: list[Slot] = []
        self._names: dict[str, str] = {}
        edits.applied.connect(self._after_edit)

    # Loading

    @property
    def activity(self) -> Activity | None:
        return self._activity

    @property
    def slots(self) -> Sequence[Slot]:
        return tuple(self._slots)

    def set_activity(self, activity_id: str | None) -> None:
        """Show the agenda of this activity (None: show nothing)."""
        self.beginResetModel()
        try:
            self._activity = None
            self._slots = []
            if activity_id:
                self._load(activity_id)
        finally:
            self.endResetModel()

    def reload(self) -> None:
        """Read the agenda again; rows keep their selection when only the order changed."""
        if self._activity is None:
            return
        old_ids = [s.item.id for s in self._slots]
        try:
            activity = self._directory.get(Activity, self._activity.id)
        except NotFoundError:
            self.set_activity(None)
            return
        slots = self._directory.timetable(activity.id) if activity.start else []
        new_ids = [s.item.id for s in slots]
        if sorted(old_ids) != sorted(new_ids):
            self.beginResetModel()
            self._activity, self._slots = activity, slots
            self._load_names()
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        row_of = {item_id: row for row, item_id in enumerate(new_ids)}
        persistent = self.persistentIndexList()
        moved = [
            self.createIndex(row_of[old_ids[i.row()]], i.column()) if i.isValid() else i
            for i in persistent
        ]
        self._activity, self._slots = activity, slots
        self._load_names()
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        if self._slots:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._slots) - 1, len(Column) - 1)
            )

    def _load(self, activity_id: str) -> None:
        try:
            self._activity = self._directory.get(Activity, activity_id)
        except NotFoundError:
            return
        self._slots = self._directory.timetable(activity_id) if self._activity.start else []
        self._load_names()

    def _load_names(self) -> None:
        ids = {s.item.facilitator_id for s in self._slots if s.item.facilitator_id}
        ids |= {p for s in self._slots for p in s.item.speaker_ids}
        people = self._directory.list(Person, where={"id": sorted(ids)}) if ids else []
        self._names = {p.id: p.name for p in people}

    def _after_edit(self, activity_id: str) -> None:
        if self._activity is not None and activity_id == self._activity.id:
            self.reload()

    # Reading rows

    def item(self, row: int) -> AgendaItem:
        return self._slots[row].item

    def row_of(self, item_id: str) -> int | None:
        return next((r for r, s in enumerate(self._slots) if s.item.id == item_id), None)

    def day_items(self, day: int) -> list[AgendaItem]:
        return [s.item for s in self._slots if s.item.day == day]

    def placement(self, row: int) -> Placement:
        item = self.item(row)
        return Placement(item.day, [i.id for i in self.day_items(item.day)].index(item.id) + 1)

    @property
    def days(self) -> int:
        """How many days the activity has, or the agenda if it runs longer."""
        if self._activity is None:
            return 1
        return max([self._activity.days, *(s.item.day for s in self._slots)])

    # Moving: by keys, by a day field, by drag and drop

    def move_up(self, row: int) -> bool:
        """One place earlier within its day."""
        here = self.placement(row)
        return here.place > 1 and self._move(row, Placement(here.day, here.place - 1))

    def move_down(self, row: int) -> bool:
        """One place later within its day."""
        here = self.placement(row)
        last = len(self.day_items(here.day))
        return here.place < last and self._move(row, Placement(here.day, here.place + 1))

    def move_to_previous_day(self, row: int) -> bool:
        """To the end of the day before."""
        day = self.item(row).day - 1
        return day >= 1 and self._move(row, Placement(day, len(self.day_items(day)) + 1))

    def move_to_next_day(self, row: int) -> bool:
        """To the start of the day after (within the activity's days)."""
        day = self.item(row).day + 1
        if day > self.days:
            self.refused.emit(
                _("This activity has {days} days; change its end to add a day.").format(
                    days=self.days
                )
            )
            return False
        return self._move(row, Placement(day, 1))

    def move_to_day(self, row: int, day: int) -> bool:
        """To the end of ``day``."""
        if day == self.item(row).day:
            return False
        others = [i for i in self.day_items(day) if i.id != self.item(row).id]
        return self._move(row, Placement(day, len(others) + 1))

    def placement_before(self, source_row: int, target_row: int) -> Placement | None:
        """Where an item lands when put just before ``target_row`` (the row count: at the end).

        Dropped before an item, it takes that item's day and place; dropped after
        the last row, it goes to the end of the last day. None when it would not move.
        """
        if not self._slots or target_row == source_row:
            return None
        moving = self.item(source_row)
        if 0 <= target_row < len(self._slots):
            anchor = self.item(target_row)
            others = [i.id for i in self.day_items(anchor.day) if i.id != moving.id]
            wanted = Placement(anchor.day, others.index(anchor.id) + 1)
        else:
            day = self._slots[-1].item.day
            others = [i.id for i in self.day_items(day) if i.id != moving.id]
            wanted = Placement(day, len(others) + 1)
        return None if wanted == self.placement(source_row) else wanted

    def _move(self, row: int, to: Placement) -> bool:
        if to == self.placement(row):
            return False
        return self._try(lambda: self._edits.move_agenda_item(self.item(row), to.place, to.day))

    def _try(self, edit: Callable[[], bool]) -> bool:
        try:
            return edit()
        except UserError as error:
            self.refused.emit(user_message(error))
            return False

    # QAbstractTableModel

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._slots)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[Column(section)])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._slots):
            return None
        slot = self._slots[index.row()]
        item = slot.item
        column = Column(index.column())
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(item, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), slot, column)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == Column.DAY:
                return day_text(item.day, slot)
            return self._display(index.row(), slot, column)
        if role == Qt.ItemDataRole.FontRole and item.item_kind == "break":
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.START,
            Column.END,
            Column.MINUTES,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _edit_value(self, item: AgendaItem, column: Column) -> Any:
        return {
            Column.DAY: item.day,
            Column.MINUTES: item.minutes,
            Column.TITLE: item.title,
            Column.KIND: item.item_kind,
        }.get(column)

    def _display(self, row: int, slot: Slot, column: Column) -> str:
        item = slot.item
        if column == Column.DAY:
            # The day is written once, on its first row; the rows below belong to it.
            first_of_day = row == 0 or self._slots[row - 1].item.day != item.day
            return day_text(item.day, slot) if first_of_day else ""
        if column == Column.START:
            return clock(slot.start)
        if column == Column.END:
            return clock(slot.end)
        if column == Column.MINUTES:
            return minutes_text(item.minutes)
        if column == Column.TITLE:
            return item.title
        if column == Column.KIND:
            return _(ITEM_KIND_LABELS.get(item.item_kind, item.item_kind))
        if column == Column.FACILITATOR:
            return self._names.get(item.facilitator_id, "")
        return ", ".join(self._names.get(p, "") for p in item.speaker_ids)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops go between rows, never onto an item.
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._activity is None:
            return False
        row, column = index.row(), Column(index.column())
        item = self.item(row)
        if column == Column.DAY:
            try:
                day = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= day <= self.days:
                self.refused.emit(_("Choose a day from 1 to {days}.").format(days=self.days))
                return False
            return self.move_to_day(row, day)
        field, text = {
            Column.MINUTES: ("minutes", _("Change duration")),
            Column.TITLE: ("title", _("Rename agenda item")),
            Column.KIND: ("item_kind", _("Change kind of agenda item")),
        }.get(column, ("", ""))
        if not field:
            return False
        activity_id = self._activity.id
        return self._try(
            lambda: self._edits.update(
                AgendaItem, item.id, {field: value}, activity_id=activity_id, text=text
            )
        )

    # Drag and drop: the view drags rows inside itself; the core does the moving.

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [AGENDA_ITEM_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(AGENDA_ITEM_MIME, QByteArray(self.item(rows[0]).id.encode()))
        return data

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(AGENDA_ITEM_MIME):
            return False
        source = self.row_of(bytes(data.data(AGENDA_ITEM_MIME).data()).decode())
        if source is None:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._slots)
        return self.moveRows(_ROOT, source, 1, _ROOT, row)

    def moveRows(
        self,
        sourceParent: AnyIndex,
        sourceRow: int,
        count: int,
        destinationParent: AnyIndex,
        destinationChild: int,
    ) -> bool:
        """Move one item to just before ``destinationChild`` (Qt's meaning), through the core."""
        if sourceParent.isValid() or destinationParent.isValid() or count != 1:
            return False
        if not 0 <= sourceRow < len(self._slots):
            return False
        placement = self.placement_before(sourceRow, destinationChild)
        return placement is not None and self._move(sourceRow, placement)

    def removeRows(self, row: int, count: int, parent: AnyIndex = _ROOT) -> bool:
        # After a move by drag and drop the view asks to remove the dragged rows:
        # the move already happened in the core, so there is nothing to remove.
        return False
