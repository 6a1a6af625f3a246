"""Item models for the activities screen: the calendar-like list and the participants.

Dates and times are shown as the activity keeps them: wall-clock times in the
activity's own time zone, with the zone named beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.figures import activity_instant
from smwg_desktop.core.model import (
    PARTICIPANT_ROLES,
    PARTICIPANT_STATUSES,
    Activity,
    Affiliation,
    Organisation,
    Participant,
    Person,
)
from smwg_desktop.core.text import sort_key
from smwg_desktop.i18n import ACTIVITY_KIND_LABELS, N_, PARTICIPANT_ROLE_LABELS, _, label
from smwg_desktop.ui.activity_commands import ActivityEdits, user_message

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

ID_ROLE = Qt.ItemDataRole.UserRole
"""Rows that stand for a record give its id under this role."""

ROW_KIND_ROLE = Qt.ItemDataRole.UserRole + 1
"""In the activity list: "section", "month" or "activity"."""

PARTICIPANT_STATUS_LABELS: dict[str, str] = {
    "invited": N_("Invited"),
    "confirmed": N_("Confirmed"),
    "attended": N_("Attended"),
    "declined": N_("Declined"),
}


# Dates and time zones


_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Zulu", "GMT", "Etc/GMT", "Zulu", "UCT"})


def utc_offset(tz: str, at: datetime | None = None) -> str:
    """ "UTC−03:00": the zone's offset at ``at`` (now when None); "UTC" for UTC itself."""
    if tz in _UTC_NAMES:
        return "UTC"
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return ""
    offset = (at or datetime.now()).replace(tzinfo=zone).utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def zone_label(tz: str, at: datetime | None = None) -> str:
    """ "Buenos Aires (UTC−03:00)": the zone's place and its offset at ``at``; "UTC"."""
    if not tz:
        return ""
    if tz in _UTC_NAMES:
        return "UTC"
    place = tz.rsplit("/", 1)[-1].replace("_", " ")
    offset = utc_offset(tz, at)
    return f"{place} ({offset})" if offset else place


def format_day(day: date, pattern: str) -> str:
    """A date in the interface's language, with a Qt date pattern ("ddd d MMM yyyy")."""
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def format_dates(activity: Activity) -> str:
    """The days an activity runs, compactly: "Thu 10 – Sat 12 Nov 2016", "Wed 15 Jun 2016"."""
    if activity.start is None:
        return ""
    first = activity.start.date()
    last = activity.end.date() if activity.end is not None else first
    if first == last:
        return format_day(first, "ddd d MMM yyyy")
    if (first.year, first.month) == (last.year, last.month):
        return f"{format_day(first, 'ddd d')} – {format_day(last, 'ddd d MMM yyyy')}"
    if first.year == last.year:
        return f"{format_day(first, 'ddd d MMM')} – {format_day(last, 'ddd d MMM yyyy')}"
    return f"{format_day(first, 'ddd d MMM yyyy')} – {format_day(last, 'ddd d MMM yyyy')}"


def format_times(activity: Activity) -> str:
    """ "09:00–17:30" on a day of the activity (or from the start to the end)."""
    if activity.start is None:
        return ""
    start = activity.start.strftime("%H:%M")
    return f"{start}–{activity.end.strftime('%H:%M')}" if activity.end else start


def format_when(activity: Activity) -> str:
    """Dates, hours and zone in one line, as on an invitation."""
    parts = [
        format_dates(activity),
        format_times(activity),
        zone_label(activity.tz, activity.start),
    ]
    return " · ".join(p for p in parts if p)


def kind_label(activity: Activity) -> str:
    return label(ACTIVITY_KIND_LABELS, activity.activity_kind, _)


def where_label(activity: Activity) -> str:
    if activity.venue and activity.link:
        return _("{venue} and online").format(venue=activity.venue)
    return activity.venue or (_("Online") if activity.link else "")


def has_ended(activity: Activity, today: date) -> bool:
    """Past: its last day (in its own calendar) is before ``today``."""
    end = activity.end or activity.start
    return end is not None and end.date() < today


# The calendar-like list


class ActivityListColumn(IntEnum):
    WHEN = 0
    ACTIVITY = 1


LIST_HEADERS = (N_("When"), N_("Activity"))


class ActivityListModel(QStandardItemModel):
    """Activities by month: those coming up first (soonest first), the past below (latest first).

    Top-level rows are the two section headings and the months; each month holds
    its activities. Headings are not selectable.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.activities: list[Activity] = []

    def reload(self, activities: Sequence[Activity], today: date) -> None:
        self.clear()
        self.setHorizontalHeaderLabels([_(h) for h in LIST_HEADERS])
        self.activities = list(activities)
        dated = [a for a in activities if a.start is not None]
        coming = sorted((a for a in dated if not has_ended(a, today)), key=_chronological)
        past = sorted((a for a in dated if has_ended(a, today)), key=_chronological, reverse=True)
        self._section(_("Coming up"), _("Nothing planned yet"), coming, today)
        self._section(_("Past"), _("No past activities"), past, today)

    def _section(self, title: str, empty: str, activities: Sequence[Activity], today: date) -> None:
        heading = _heading(title if activities else f"{title} — {empty}", "section", 2)
        self.appendRow(heading)
        month_row: QStandardItem | None = None
        month_key: tuple[int, int] | None = None
        for activity in activities:
            assert activity.start is not None
            key = (activity.start.year, activity.start.month)
            if key != month_key or month_row is None:
                month_key = key
                month_row = _heading(format_day(activity.start.date(), "MMMM yyyy"), "month", 1)
                self.appendRow(month_row)
            month_row.appendRow(_activity_row(activity, today))

    def index_of(self, activity_id: str) -> QModelIndex:
        """The index of the activity's row (first column), or an invalid index."""
        for top in range(self.rowCount()):
            month = self.index(top, 0)
            for row in range(self.rowCount(month)):
                child = self.index(row, 0, month)
                if child.data(ID_ROLE) == activity_id:
                    return child
        return QModelIndex()


def _chronological(activity: Activity) -> tuple[date, datetime, str]:
    assert activity.start is not None
    return (activity.start.date(), activity_instant(activity, activity.start), activity.title)


def _heading(text: str, kind: str, size_step: int) -> QStandardItem:
    item = QStandardItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setData(kind, ROW_KIND_ROLE)
    font = QFont()
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() + size_step)
    item.setFont(font)
    item.setAccessibleText(text)
    return item


def _activity_row(activity: Activity, today: date) -> list[QStandardItem]:
    """Two lines a row, as in a diary: the days and hours; the title, kind and zone."""
    under_way = (
        activity.start is not None
        and activity.start.date() <= today
        and not has_ended(activity, today)
    )
    times = format_times(activity)
    if under_way:
        times = _("{times} · under way").format(times=times)
    details = " · ".join(
        p for p in (kind_label(activity), zone_label(activity.tz, activity.start)) if p
    )
    texts = {
        ActivityListColumn.WHEN: f"{format_dates(activity)}\n{times}",
        ActivityListColumn.ACTIVITY: f"{activity.title}\n{details}",
    }
    tooltip = "\n".join(
        p
        for p in (
            activity.title,
            kind_label(activity),
            format_when(activity),
            where_label(activity),
        )
        if p
    )
    row = []
    for column in ActivityListColumn:
        item = QStandardItem(texts[column])
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        item.setData(activity.id, ID_ROLE)
        item.setData("activity", ROW_KIND_ROLE)
        item.setToolTip(tooltip)
        item.setAccessibleText(texts[column].replace("\n", ", "))
        if under_way:
            font = QFont()
            font.setBold(True)
            item.setFont(font)
        row.append(item)
    return row


class ActivityFilterModel(QSortFilterProxyModel):
    """Keeps the activities whose text matches, under their month; section headings stay."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        source = self.sourceModel()
        kind = source.index(source_row, 0, source_parent).data(ROW_KIND_ROLE)
        if kind == "section":
            return True
        if kind == "month":
            return False  # shown when one of its activities matches (recursive filtering)
        return super().filterAcceptsRow(source_row, source_parent)


# Participants


class ParticipantColumn(IntEnum):
    CHECKED_IN = 0
    NAME = 1
    ORGANISATION = 2
    ROLE = 3
    STATUS = 4


PARTICIPANT_HEADERS: dict[ParticipantColumn, str] = {
    ParticipantColumn.CHECKED_IN: N_("Here"),
    ParticipantColumn.NAME: N_("Name"),
    ParticipantColumn.ORGANISATION: N_("Organisation"),
    ParticipantColumn.ROLE: N_("Role"),
    ParticipantColumn.STATUS: N_("Status"),
}


@dataclass(frozen=True)
class ParticipantRow:
    participant: Participant
    name: str
    organisation: str


class ParticipantTableModel(QAbstractTableModel):
    """The people invited to one activity, by name, with their role and answer.

    The first column is a check box: ticking it checks the person in (attended).
    ``refused`` carries the reason, fit to show, when an edit could not be made.
    """

    refused = Signal(str)

    def __init__(self, edits: ActivityEdits, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self._directory = edits.directory
        self._activity_id: str | None = None
        self._rows: list[ParticipantRow] = []
        edits.applied.connect(self._after_edit)

    @property
    def activity_id(self) -> str | None:
        return self._activity_id

    def set_activity(self, activity_id: str | None) -> None:
        self.beginResetModel()
        self._activity_id = activity_id
        self._rows = self._read()
        self.endResetModel()

    def reload(self) -> None:
        """Read the list again; rows stay put (and selected) when only answers changed."""
        rows = self._read()
        if [r.participant.id for r in rows] != [r.participant.id for r in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        self._rows = rows
        if rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(rows) - 1, len(ParticipantColumn) - 1)
            )

    def _after_edit(self, activity_id: str) -> None:
        if activity_id == self._activity_id:
            self.reload()

    def _read(self) -> list[ParticipantRow]:
        if not self._activity_id:
            return []
        participants = self._directory.participants(self._activity_id)
        person_ids = sorted({p.person_id for p in participants})
        people = {p.id: p for p in self._directory.list(Person, where={"id": person_ids})}
        organisations = organisation_names(self._directory, person_ids)
        rows = [
            ParticipantRow(
                p,
                people[p.person_id].name if p.person_id in people else "",
                organisations.get(p.person_id, ""),
            )
            for p in participants
        ]
        rows.sort(key=lambda r: (sort_key(r.name), r.participant.id))
        return rows

    def participant(self, row: int) -> Participant:
        return self._rows[row].participant

    def row_of(self, participant_id: str) -> int | None:
        return next(
            (n for n, r in enumerate(self._rows) if r.participant.id == participant_id), None
        )

    def person_ids(self) -> set[str]:
        return {r.participant.person_id for r in self._rows}

    def counts(self) -> dict[str, int]:
        """How many people have each answer (every status, zeros included)."""
        counts = dict.fromkeys(PARTICIPANT_STATUSES, 0)
        for r in self._rows:
            counts[r.participant.status] = counts.get(r.participant.status, 0) + 1
        return counts

    # Edits

    def set_status(self, row: int, status: str) -> bool:
        text = {
            "attended": _("Check in {name}"),
            "confirmed": _("Confirm {name}"),
            "declined": _("Decline for {name}"),
            "invited": _("Mark {name} as invited"),
        }.get(status, _("Change answer of {name}"))
        return self._update(row, {"status": status}, text.format(name=self._rows[row].name))

    def toggle_checked_in(self, row: int) -> bool:
        """Check the person in, or (if already checked in) back to confirmed."""
        attended = self.participant(row).status == "attended"
        return self.set_status(row, "confirmed" if attended else "attended")

    def set_role(self, row: int, role: str) -> bool:
        text = _("Change role of {name}").format(name=self._rows[row].name)
        return self._update(row, {"role": role}, text)

    def _update(self, row: int, changes: dict[str, Any], text: str) -> bool:
        participant = self.participant(row)
        try:
            return self._edits.update(
                Participant,
                participant.id,
                changes,
                activity_id=participant.activity_id,
                text=text,
            )
        except UserError as error:
            self.refused.emit(user_message(error))
            return False

    # QAbstractTableModel

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(ParticipantColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ParticipantColumn):
            return None
        column = ParticipantColumn(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _(PARTICIPANT_HEADERS[column])
        if role == Qt.ItemDataRole.ToolTipRole and column == ParticipantColumn.CHECKED_IN:
            return _("Checked in on the day (Space)")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        participant = row.participant
        column = ParticipantColumn(index.column())
        if role == ID_ROLE:
            return participant.id
        if column == ParticipantColumn.CHECKED_IN:
            attended = participant.status == "attended"
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if attended else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
                return _("Checked in") if attended else _("Not checked in")
            return None
        if role == Qt.ItemDataRole.EditRole:
            if column == ParticipantColumn.ROLE:
                return participant.role
            if column == ParticipantColumn.STATUS:
                return participant.status
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == ParticipantColumn.NAME:
                return row.name
            if column == ParticipantColumn.ORGANISATION:
                return row.organisation
            if column == ParticipantColumn.ROLE:
                return label(PARTICIPANT_ROLE_LABELS, participant.role, _)
            return label(PARTICIPANT_STATUS_LABELS, participant.status, _)
        if role == Qt.ItemDataRole.FontRole and participant.status == "declined":
            font = QFont()
            font.setStrikeOut(True)
            return font if column == ParticipantColumn.NAME else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        column = ParticipantColumn(index.column())
        if column == ParticipantColumn.CHECKED_IN:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if column in (ParticipantColumn.ROLE, ParticipantColumn.STATUS):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        column = ParticipantColumn(index.column())
        if column == ParticipantColumn.CHECKED_IN and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            if checked == (self.participant(index.row()).status == "attended"):
                return False
            return self.toggle_checked_in(index.row())
        if role != Qt.ItemDataRole.EditRole:
            return False
        if column == ParticipantColumn.ROLE and value in PARTICIPANT_ROLES:
            return self.set_role(index.row(), str(value))
        if column == ParticipantColumn.STATUS and value in PARTICIPANT_STATUSES:
            return self.set_status(index.row(), str(value))
        return False


def organisation_names(directory: Directory, person_ids: Sequence[str]) -> dict[str, str]:
    """For each person, the organisations they belong to today (acronym or name), joined."""
    if not person_ids:
        return {}
    affiliations = directory.list(Affiliation, where={"person_id": list(person_ids)})
    today = date.today()
    current = [a for a in affiliations if a.end is None or a.end >= today]
    organisations = {
        o.id: o
        for o in directory.list(
            Organisation, where={"id": sorted({a.organisation_id for a in current})}
        )
    }
    names: dict[str, list[str]] = {}
    for a in current:
        organisation = organisations.get(a.organisation_id)
        if organisation is not None:
            names.setdefault(a.person_id, []).append(organisation.acronym or organisation.name)
    return {person_id: ", ".join(dict.fromkeys(found)) for person_id, found in names.items()}
