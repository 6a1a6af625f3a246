"""Activities and meetings: the calendar-like list, and one activity's details,
participants and agenda.

Every edit is committed as it is made, as one command on the window's undo stack
(see ``activity_commands``); there is no Save button. A refusal from the core is
shown beside the field it names, in words, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any, ClassVar
from zoneinfo import available_timezones

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QEvent,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTime,
    QTimer,
    QTimeZone,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QAction,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QTimeEdit,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import NotFoundError, UserError, ValidationError
from smwg_desktop.core.model import (
    ACTIVITY_KINDS,
    AGENDA_ITEM_KINDS,
    OBJECTIVES,
    PARTICIPANT_ROLES,
    PARTICIPANT_STATUSES,
    Activity,
    AgendaItem,
    Participant,
    Person,
)
from smwg_desktop.i18n import (
    ACTIVITY_KIND_LABELS,
    LANGUAGES,
    OBJECTIVE_LABELS,
    PARTICIPANT_ROLE_LABELS,
    _,
    label,
    language_name,
)
from smwg_desktop.ui.activity_commands import FIELD_LABELS, ActivityEdits, reason, user_message
from smwg_desktop.ui.activity_models import (
    ID_ROLE,
    PARTICIPANT_STATUS_LABELS,
    ROW_KIND_ROLE,
    ActivityFilterModel,
    ActivityListModel,
    ParticipantColumn,
    ParticipantTableModel,
    format_when,
    organisation_names,
    utc_offset,
    where_label,
)
from smwg_desktop.ui.agenda_model import ITEM_KIND_LABELS, AgendaTableModel, Column, clock
from smwg_desktop.ui.dialogs import ask
from smwg_desktop.ui.widgets import SideBySide

AnyIndex = QModelIndex | QPersistentModelIndex

# Long enough to wait out a burst of typing, short enough to feel immediate.
SEARCH_DELAY_MS = 150
PICKER_RESULTS = 20
NEW_ITEM_MINUTES = 60
NEW_BREAK_MINUTES = 15


def _error_label() -> QLabel:
    """Where a refusal is explained, beside its field; hidden while all is well."""
    error = QLabel()
    error.setWordWrap(True)
    error.setTextFormat(Qt.TextFormat.PlainText)
    error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    palette = error.palette()
    # A red that reads on light and dark themes alike (as the other screens' errors).
    palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.red)
    error.setPalette(palette)
    error.hide()
    return error


def _show_message(target: QLabel, text: str) -> None:
    target.setText(text)
    target.setVisible(bool(text))


def _to_qdatetime(moment: datetime) -> QDateTime:
    # Wall-clock times of the activity's zone: kept in UTC so that the machine's own
    # daylight-saving gaps never shift them.
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute),
        QTimeZone.utc(),
    )


def _from_qdatetime(value: QDateTime) -> datetime:
    day, clock_time = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), clock_time.hour(), clock_time.minute())


def _ui_language() -> str:
    code = QLocale().name()[:2]
    return code if code in LANGUAGES else "en"


def _system_time_zone() -> str:
    zone = bytes(QTimeZone.systemTimeZoneId().data()).decode()
    return zone if zone in available_timezones() else "UTC"


def _action(
    parent: QObject, short: str, long: str, slot: Callable[[], Any], keys: str = ""
) -> QAction:
    """An action for a button (``short``) and a context menu (``long``, with its keys).

    The keys are only written: the view handles them itself (see ``AgendaView``), so
    they never compete with the window's shortcuts.
    """
    native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
    action = QAction(f"{long}\t{native}" if native else long, parent)
    action.setIconText(short)
    action.setToolTip(f"{long} ({native})" if native else long)
    action.triggered.connect(lambda _checked=False: slot())
    return action


# Small widgets


class CommittingTextEdit(QPlainTextEdit):
    """A multi-line field that says when a person has finished with it (focus leaves)."""

    editing_finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


class SpinDelegate(QStyledItemDelegate):
    """Edits a whole number in place (a duration in minutes, a day)."""

    def __init__(
        self,
        parent: QObject,
        minimum: int,
        maximum: Callable[[], int],
        *,
        step: int = 1,
        prefix: str = "",
        suffix: str = "",
    ) -> None:
        super().__init__(parent)
        self._minimum, self._maximum = minimum, maximum
        self._step, self._prefix, self._suffix = step, prefix, suffix

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(self._minimum, self._maximum())
        editor.setSingleStep(self._step)
        editor.setPrefix(self._prefix)
        editor.setSuffix(self._suffix)
        editor.setAccessibleName(
            str(index.model().headerData(index.column(), Qt.Orientation.Horizontal))
        )
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QSpinBox)
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 0))

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        assert isinstance(editor, QSpinBox)
        editor.interpretText()
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a coded value in place with a list of its labels."""

    def __init__(self, parent: QObject, choices: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = QComboBox(parent)
        for value, text in self._choices:
            editor.addItem(text, value)
        editor.setAccessibleName(
            str(index.model().headerData(index.column(), Qt.Orientation.Horizontal))
        )
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class AgendaView(QTableView):
    """The agenda table: rows dragged to a new place, and moved by keys.

    Ctrl+Up/Down move the selected item within its day, Ctrl+Shift+Up/Down to the
    day before or after, Delete removes it.
    """

    move_requested = Signal(str)
    """"up", "down", "previous_day" or "next_day"."""
    delete_requested = Signal()

    KEYS: ClassVar[dict[tuple[Qt.Key, bool], str]] = {
        (Qt.Key.Key_Up, False): "up",
        (Qt.Key.Key_Down, False): "down",
        (Qt.Key.Key_Up, True): "previous_day",
        (Qt.Key.Key_Down, True): "next_day",
    }

    def _command_for(self, event: QKeyEvent) -> str | None:
        modifiers = event.modifiers()
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        key = Qt.Key(event.key())
        if control and (key, shift) in self.KEYS:
            return self.KEYS[(key, shift)]
        if key == Qt.Key.Key_Delete and not control and self.state() != self.State.EditingState:
            return "delete"
        return None

    def event(self, event: QEvent) -> bool:
        # Our keys win over any window shortcut while the agenda has the focus.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._command_for(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        command = self._command_for(event)
        if command == "delete":
            self.delete_requested.emit()
        elif command:
            self.move_requested.emit(command)
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class ParticipantView(QTableView):
    """The participants table: Space checks the selected person in (or out), Delete removes."""

    toggle_requested = Signal()
    delete_requested = Signal()

    def _command_for(self, event: QKeyEvent) -> SignalInstance | None:
        if (
            event.modifiers() != Qt.KeyboardModifier.NoModifier
            or self.state() == self.State.EditingState
        ):
            return None
        if event.key() == Qt.Key.Key_Space:
            return self.toggle_requested
        if event.key() == Qt.Key.Key_Delete:
            return self.delete_requested
        return None

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._command_for(event) is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        signal = self._command_for(event)
        if signal is None:
            super().keyPressEvent(event)
            return
        signal.emit()
        event.accept()


class PersonPicker(QWidget):
    """Search-as-you-type over the directory's people; Enter or a double click picks one.

    People already on the list show, greyed, so nobody wonders where they went.
    """

    picked = Signal(str)

    def __init__(self, directory: Directory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._directory = directory
        self.excluded: set[str] = set()

        self.field = QLineEdit()
        self.field.setPlaceholderText(_("Invite someone: type a name, an e-mail or a country"))
        self.field.setAccessibleName(_("Find a person to invite"))
        self.field.setClearButtonEnabled(True)
        self.results_model = QStandardItemModel(self)
        self.results = QListView()
        self.results.setModel(self.results_model)
        self.results.setAccessibleName(_("People found"))
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setUniformItemSizes(True)
        self.results.hide()
        self.status = QLabel()
        self.status.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addWidget(self.results)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        # A lambda, not the bound slot: textChanged's argument would pick start(msec).
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self.pick_current)
        self.field.installEventFilter(self)
        self.results.activated.connect(lambda index: self.pick(index.data(ID_ROLE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.results_model.rowCount()
        ):
            self.results.setFocus(Qt.FocusReason.TabFocusReason)
            self.results.setCurrentIndex(self.results_model.index(0, 0))
            return True
        return super().eventFilter(watched, event)

    def search_now(self) -> None:
        """Show the people matching the field now, without waiting for typing to pause."""
        self._timer.stop()
        text = self.field.text().strip()
        self.results_model.clear()
        if not text:
            self.results.hide()
            _show_message(self.status, "")
            return
        hits = self._directory.search(text, limit=PICKER_RESULTS, kinds=(Person.kind,))
        organisations = organisation_names(self._directory, [h.id for h in hits])
        for hit in hits:
            details = ", ".join(p for p in (organisations.get(hit.id, ""), hit.country) if p)
            text_shown = f"{hit.name} — {details}" if details else hit.name
            item = QStandardItem(text_shown)
            item.setData(hit.id, ID_ROLE)
            item.setEditable(False)
            if hit.id in self.excluded:
                item.setText(_("{person} (already on the list)").format(person=text_shown))
                item.setEnabled(False)
            self.results_model.appendRow(item)
        self.results.setVisible(bool(hits))
        if hits:
            rows = min(len(hits), 6)
            row_height = self.results.sizeHintForRow(0)
            self.results.setFixedHeight(row_height * rows + 2 * self.results.frameWidth())
        _show_message(self.status, "" if hits else _("No one found. Add people in the directory."))

    def pick_current(self) -> None:
        """Pick the highlighted person, or the first one that can be invited."""
        if self._timer.isActive():
            self.search_now()
        current = self.results.currentIndex()
        if current.isValid() and current.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.pick(current.data(ID_ROLE))
            return
        for row in range(self.results_model.rowCount()):
            item = self.results_model.item(row)
            if item.isEnabled():
                self.pick(item.data(ID_ROLE))
                return

    def pick(self, person_id: str | None) -> None:
        if not person_id or person_id in self.excluded:
            return
        self.picked.emit(person_id)
        self.field.clear()
        self.search_now()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)


# The details form


class FormField:
    """One field of the activity form: its input, how to read and show it, its error."""

    def __init__(
        self,
        name: str,
        widget: QWidget,
        read: Callable[[], Any],
        show: Callable[[Any], None],
    ) -> None:
        self.name = name
        self.widget = widget
        self.read = read
        self.show = show
        self.error = _error_label()
        self.error.setObjectName(f"error_{name}")

    def set_error(self, text: str) -> None:
        _show_message(self.error, text)
        self.widget.setAccessibleDescription(text)

    @property
    def has_error(self) -> bool:
        return bool(self.error.text())


class ActivityForm(QWidget):
    """The details of one activity; each field is committed when a person leaves it."""

    def __init__(self, edits: ActivityEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self.activity: Activity | None = None
        self.fields: dict[str, FormField] = {}
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.title = QLineEdit()
        self._line("title", _("&Title"), self.title, form)

        self.kind = QComboBox()
        for value in ACTIVITY_KINDS:
            self.kind.addItem(label(ACTIVITY_KIND_LABELS, value, _), value)
        self._choice("activity_kind", _("&Kind"), self.kind, form)

        self.start = self._datetime_edit()
        self._add(
            form,
            _("&Starts"),
            FormField(
                "start",
                self.start,
                lambda: _from_qdatetime(self.start.dateTime()),
                lambda v: self.start.setDateTime(_to_qdatetime(v)),
            ),
        )
        self.start.editingFinished.connect(lambda: self.commit("start"))

        self.end = self._datetime_edit()
        self._add(
            form,
            _("&Ends"),
            FormField(
                "end",
                self.end,
                lambda: _from_qdatetime(self.end.dateTime()),
                lambda v: self.end.setDateTime(_to_qdatetime(v)),
            ),
        )
        self.end.editingFinished.connect(lambda: self.commit("end"))

        self.tz = QComboBox()
        self.tz.setEditable(True)
        self.tz.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.tz.addItems(sorted(available_timezones()))
        completer = QCompleter(self.tz.model(), self.tz)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tz.setCompleter(completer)
        self.tz_offset = QLabel()
        self._add(
            form,
            _("Time &zone"),
            FormField("tz", self.tz, lambda: self.tz.currentText().strip(), self.tz.setCurrentText),
            beside=self.tz_offset,
        )
        self.tz.activated.connect(lambda _row: self.commit("tz"))
        line = self.tz.lineEdit()
        assert line is not None
        line.editingFinished.connect(lambda: self.commit("tz"))

        self.day_start = QTimeEdit()
        self.day_start.setDisplayFormat("HH:mm")
        self._add(
            form,
            _("Later &days start at"),
            FormField(
                "day_start",
                self.day_start,
                lambda: self.day_start.time().toPython(),
                lambda v: self.day_start.setTime(QTime(v.hour, v.minute)),
            ),
        )
        self.day_start.editingFinished.connect(lambda: self.commit("day_start"))

        self.venue = QLineEdit()
        self.venue.setPlaceholderText(_("Place and address, for an in-person meeting"))
        self._line("venue", _("&Venue"), self.venue, form)

        self.link = QLineEdit()
        self.link.setPlaceholderText(_("Web address, for an online meeting"))
        self._line("link", _("Online &link"), self.link, form)

        self.languages = QLineEdit()
        self.languages.setPlaceholderText(_("Codes or names, separated by commas: es, en, fr"))
        self.language_names = QLabel()
        self.language_names.setWordWrap(True)
        self._add(
            form,
            _("L&anguages"),
            FormField(
                "languages",
                self.languages,
                self.languages.text,
                lambda v: self.languages.setText(", ".join(v)),
            ),
            beside=self.language_names,
        )
        self.languages.editingFinished.connect(lambda: self.commit("languages"))

        self.interpretation = QLineEdit()
        self.interpretation.setPlaceholderText(_("Which languages, how, and when"))
        self._line("interpretation", _("&Interpretation"), self.interpretation, form)

        self.objective = QComboBox()
        self.objective.addItem(_("(none)"), "")
        for value in OBJECTIVES:
            self.objective.addItem(label(OBJECTIVE_LABELS, value, _), value)
        self.objective.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._choice("objective", _("&Objective"), self.objective, form)

        self.description = CommittingTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._add(
            form,
            _("Descri&ption"),
            FormField(
                "description",
                self.description,
                self.description.toPlainText,
                self.description.setPlainText,
            ),
        )
        self.description.editing_finished.connect(lambda: self.commit("description"))

        self.general_error = _error_label()
        form.addRow(self.general_error)

    def _datetime_edit(self) -> QDateTimeEdit:
        edit = QDateTimeEdit()
        edit.setTimeZone(QTimeZone.utc())
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        return edit

    def _line(self, name: str, text: str, edit: QLineEdit, form: QFormLayout) -> None:
        self._add(form, text, FormField(name, edit, edit.text, edit.setText))
        edit.editingFinished.connect(lambda: self.commit(name))

    def _choice(self, name: str, text: str, combo: QComboBox, form: QFormLayout) -> None:
        def show(value: Any) -> None:
            combo.setCurrentIndex(max(combo.findData(value), 0))

        self._add(form, text, FormField(name, combo, combo.currentData, show))
        combo.activated.connect(lambda _row: self.commit(name))

    def _add(
        self, form: QFormLayout, text: str, field: FormField, beside: QWidget | None = None
    ) -> None:
        caption = QLabel(text)
        caption.setBuddy(field.widget)
        field.widget.setAccessibleName(text.replace("&", ""))
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if beside is None:
            column.addWidget(field.widget)
        else:
            row = QHBoxLayout()
            row.addWidget(field.widget, 1)
            row.addWidget(beside)
            column.addLayout(row)
        column.addWidget(field.error)
        form.addRow(caption, holder)
        self.fields[field.name] = field

    # Showing and committing

    def show_activity(self, activity: Activity | None, *, keep_errors: bool = False) -> None:
        """Fill the fields from the record; fields showing an error keep what was typed."""
        self.activity = activity
        if not keep_errors:
            for field in self.fields.values():
                field.set_error("")
            _show_message(self.general_error, "")
        if activity is None:
            return
        for name, field in self.fields.items():
            if field.has_error:
                continue
            value = getattr(activity, name)
            if value is None:
                continue
            field.widget.blockSignals(True)
            try:
                if field.read() != value:
                    field.show(value)
            finally:
                field.widget.blockSignals(False)
        self.tz_offset.setText(utc_offset(activity.tz, activity.start))
        self.day_start.setEnabled(activity.days > 1)
        lang = _ui_language()
        self.language_names.setText(
            ", ".join(language_name(code, lang) for code in activity.languages)
        )

    def commit(self, name: str) -> None:
        """Save one field now, as one undoable edit, or say beside it why not."""
        if self.activity is None:
            return
        field = self.fields[name]
        changes: dict[str, Any] = {name: field.read()}
        if name == "start" and self.activity.start and self.activity.end:
            # Moving the start moves the whole activity: it keeps its length.
            changes["end"] = self.activity.end + (changes["start"] - self.activity.start)
        try:
            self._edits.update(
                Activity,
                self.activity.id,
                changes,
                activity_id=self.activity.id,
                text=_("Change {field} of “{title}”").format(
                    field=field_label(name), title=self.activity.title
                ),
            )
        except ValidationError as error:
            target = self.fields.get(error.field, field)
            target.set_error(reason(error))
            return
        except UserError as error:
            field.set_error(reason(error))
            return
        field.set_error("")
        if name in ("start", "end"):
            for other in ("start", "end"):
                self.fields[other].set_error("")


def field_label(name: str) -> str:
    return _(FIELD_LABELS.get(name, name)).lower()


# The screen


class ActivitiesScreen(QWidget):
    """Activities and meetings, and for the one chosen its details, participants and agenda.

    ``changed`` is emitted after each edit made here, and after each undo or redo
    of one, once the directory has it.
    """

    changed = Signal()
    open_requested = Signal(str, str)
    """A record to show on its own screen: kind ("person") and id."""

    def __init__(
        self,
        directory: Directory,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.undo_stack = undo_stack
        self.edits = ActivityEdits(directory, undo_stack, self)
        self.confirm: Callable[[str, str], bool] = partial(ask, self)
        """Asks a yes-or-no question before a deletion (tests replace it)."""
        self.today = today
        """Where "coming up" ends and "past" begins."""
        self._current_id: str | None = None
        self._reloading = False

        self.list_model = ActivityListModel(self)
        self.list_filter = ActivityFilterModel(self)
        self.list_filter.setSourceModel(self.list_model)
        self.agenda_model = AgendaTableModel(self.edits, self)
        self.participant_model = ParticipantTableModel(self.edits, self)
        self.participant_filter = QSortFilterProxyModel(self)
        self.participant_filter.setSourceModel(self.participant_model)
        self.participant_filter.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.participant_filter.setFilterKeyColumn(-1)
        self.participant_filter.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.splitter = SideBySide(self._build_list(), self._build_editor(), (2, 3))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.edits.applied.connect(self._after_edit)
        self.edits.refused.connect(lambda text: _show_message(self.message, text))
        self.agenda_model.refused.connect(lambda text: _show_message(self.agenda_message, text))
        self.participant_model.refused.connect(
            lambda text: _show_message(self.participant_message, text)
        )
        self.agenda_model.modelReset.connect(self._update_agenda_summary)
        self.agenda_model.layoutChanged.connect(self._update_agenda_summary)
        self.participant_model.modelReset.connect(self._update_participant_summary)
        self.participant_model.dataChanged.connect(self._update_participant_summary)
        self.refresh()

    # What the main window calls (see ``main_window``)

    def new_record(self) -> None:
        """File ▸ New: a new activity."""
        self.new_activity()

    def delete_selected(self) -> None:
        """Edit ▸ Delete: the agenda item or participant in hand, else the activity."""
        focus = self.focusWidget()
        if focus is self.agenda_view and self.selected_agenda_row() is not None:
            self.remove_agenda_item()
        elif focus is self.participant_view and self.selected_participant_row() is not None:
            self.remove_participant()
        else:
            self.delete_activity()

    def show_record(self, activity_id: str) -> None:
        """Show one activity (for a link from another screen)."""
        self.select_activity(activity_id)

    # Building

    def _build_list(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(_("Filter activities"))
        self.search_field.setAccessibleName(_("Filter activities"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.textChanged.connect(self._apply_filter)
        self.new_button = QPushButton(_("&New activity"))
        self.new_button.clicked.connect(self.new_activity)
        top.addWidget(self.search_field, 1)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        self.list_view = QTreeView()
        self.list_view.setModel(self.list_filter)
        self.list_view.setAccessibleName(_("Activities by month"))
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setRootIsDecorated(False)
        self.list_view.setItemsExpandable(False)
        self.list_view.setUniformRowHeights(False)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.setIndentation(self.fontMetrics().horizontalAdvance("M"))
        header = self.list_view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        selection = self.list_view.selectionModel()
        selection.currentRowChanged.connect(self._current_row_changed)
        self.list_view.installEventFilter(self)
        layout.addWidget(self.list_view)
        return panel

    def _build_editor(self) -> QWidget:
        self.editor_stack = QStackedWidget()
        empty_hint = QLabel(_("Choose an activity in the list, or make a new one."))
        empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_hint.setWordWrap(True)
        self.editor_stack.addWidget(empty_hint)

        editor = QWidget()
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.4)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subheading = QLabel()
        self.subheading.setWordWrap(True)
        self.subheading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = _error_label()
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.message)

        self.tabs = QTabWidget()
        self.form = ActivityForm(self.edits)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        details_layout.addWidget(scroll)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.delete_button = QPushButton(_("Delete activity…"))
        self.delete_button.clicked.connect(self.delete_activity)
        buttons.addWidget(self.delete_button)
        details_layout.addLayout(buttons)
        self.tabs.addTab(details, _("Details"))
        self.tabs.addTab(self._build_participants(), _("Participants"))
        self.tabs.addTab(self._build_agenda(), _("Agenda"))
        layout.addWidget(self.tabs, 1)
        self.editor_stack.addWidget(editor)
        return self.editor_stack

    def _build_participants(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.picker = PersonPicker(self.directory)
        self.picker.picked.connect(self.invite)
        layout.addWidget(self.picker)

        self.participant_summary = QLabel()
        self.participant_summary.setWordWrap(True)
        layout.addWidget(self.participant_summary)

        row = QHBoxLayout()
        self.participant_search = QLineEdit()
        self.participant_search.setPlaceholderText(
            _("Find in this list (then Down, and Space to check in)")
        )
        self.participant_search.setAccessibleName(_("Find a participant"))
        self.participant_search.setClearButtonEnabled(True)
        self.participant_search.textChanged.connect(self.participant_filter.setFilterFixedString)
        self.participant_search.returnPressed.connect(self._focus_participants)
        self.participant_search.installEventFilter(self)
        row.addWidget(self.participant_search, 1)
        layout.addLayout(row)

        self.participant_view = ParticipantView()
        view = self.participant_view
        view.setModel(self.participant_filter)
        view.setAccessibleName(_("Participants"))
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.setSortingEnabled(True)
        view.sortByColumn(ParticipantColumn.NAME, Qt.SortOrder.AscendingOrder)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ParticipantColumn.NAME, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        view.setItemDelegateForColumn(
            ParticipantColumn.ROLE,
            ChoiceDelegate(
                view, [(r, label(PARTICIPANT_ROLE_LABELS, r, _)) for r in PARTICIPANT_ROLES]
            ),
        )
        view.setItemDelegateForColumn(
            ParticipantColumn.STATUS,
            ChoiceDelegate(
                view, [(s, label(PARTICIPANT_STATUS_LABELS, s, _)) for s in PARTICIPANT_STATUSES]
            ),
        )
        view.doubleClicked.connect(self._participant_double_clicked)
        view.toggle_requested.connect(self.toggle_check_in)
        view.delete_requested.connect(self.remove_participant)
        layout.addWidget(view, 1)

        buttons = QHBoxLayout()
        self.check_in_button = QPushButton(_("Check &in / out (Space)"))
        self.check_in_button.clicked.connect(self.toggle_check_in)
        self.confirm_button = QPushButton(_("&Confirm"))
        self.confirm_button.clicked.connect(lambda: self.set_participant_status("confirmed"))
        self.decline_button = QPushButton(_("Dec&line"))
        self.decline_button.clicked.connect(lambda: self.set_participant_status("declined"))
        self.remove_participant_button = QPushButton(_("&Remove from the list…"))
        self.remove_participant_button.clicked.connect(self.remove_participant)
        for button in (self.check_in_button, self.confirm_button, self.decline_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_participant_button)
        layout.addLayout(buttons)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.addActions(
            [
                _action(self, "", _("Check in or out"), self.toggle_check_in, "Space"),
                _action(self, "", _("Confirm"), lambda: self.set_participant_status("confirmed")),
                _action(self, "", _("Declined"), lambda: self.set_participant_status("declined")),
                _action(
                    self, "", _("Not answered yet"), lambda: self.set_participant_status("invited")
                ),
                _action(self, "", _("Remove from the list…"), self.remove_participant, "Del"),
            ]
        )
        self.participant_message = _error_label()
        layout.addWidget(self.participant_message)
        return page

    def _build_agenda(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        tools = QHBoxLayout()

        self.agenda_actions: list[QAction] = []

        def tool(short: str, long: str, slot: Callable[[], Any], keys: str = "") -> QToolButton:
            action = _action(self, short, long, slot, keys)
            self.agenda_actions.append(action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            tools.addWidget(button)
            return button

        self.add_item_button = tool(
            _("Add item"), _("Add a session after the selected item"), self.add_agenda_item
        )
        self.add_break_button = tool(
            _("Add break"), _("Add a break after the selected item"), self.add_break
        )
        self.remove_item_button = tool(
            _("Remove…"), _("Remove the selected item…"), self.remove_agenda_item, "Del"
        )
        tools.addSpacing(self.fontMetrics().horizontalAdvance("MM"))
        tool(_("Up"), _("Move earlier in the day"), lambda: self.move_agenda_item("up"), "Ctrl+Up")
        tool(
            _("Down"),
            _("Move later in the day"),
            lambda: self.move_agenda_item("down"),
            "Ctrl+Down",
        )
        tool(
            _("Day before"),
            _("Move to the end of the day before"),
            lambda: self.move_agenda_item("previous_day"),
            "Ctrl+Shift+Up",
        )
        tool(
            _("Day after"),
            _("Move to the start of the day after"),
            lambda: self.move_agenda_item("next_day"),
            "Ctrl+Shift+Down",
        )
        tools.addStretch(1)
        layout.addLayout(tools)

        self.agenda_view = AgendaView()
        view = self.agenda_view
        view.setModel(self.agenda_model)
        view.setAccessibleName(_("Agenda"))
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        view.setDragEnabled(True)
        view.setAcceptDrops(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setDragDropOverwriteMode(False)
        view.setDropIndicatorShown(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        # Who speaks matters less than what is said: names get a fair width, cut
        # with "…" (the full list is in the tooltip), and the title gets the rest.
        for column in (Column.FACILITATOR, Column.SPEAKERS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self.fontMetrics().averageCharWidth() * 18)
        header.setHighlightSections(False)
        view.setItemDelegateForColumn(
            Column.MINUTES,
            SpinDelegate(view, 0, lambda: 24 * 60, step=5, suffix=_(" min")),
        )
        view.setItemDelegateForColumn(
            Column.DAY, SpinDelegate(view, 1, lambda: self.agenda_model.days, prefix=_("Day "))
        )
        view.setItemDelegateForColumn(
            Column.KIND,
            ChoiceDelegate(view, [(k, _(ITEM_KIND_LABELS[k])) for k in AGENDA_ITEM_KINDS]),
        )
        view.move_requested.connect(self.move_agenda_item)
        view.delete_requested.connect(self.remove_agenda_item)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.addActions(self.agenda_actions)
        layout.addWidget(view, 1)
        self.agenda_summary = QLabel()
        self.agenda_summary.setWordWrap(True)
        layout.addWidget(self.agenda_summary)
        self.agenda_message = _error_label()
        layout.addWidget(self.agenda_message)
        hint = QLabel(
            _(
                "Drag items to reorder them, or use Ctrl+Up and Ctrl+Down; Ctrl+Shift moves "
                "to another day. Double-click a duration or a title to change it."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)
        return page

    # Loading

    def refresh(self) -> None:
        """Read everything again from the directory (after a sync, say), keeping the selection."""
        self._reload_list()
        current = self._current_id
        self._current_id = None
        self.show_activity(current if current and self._exists(current) else None)

    def focus_search(self) -> None:
        """Put the cursor in the activity filter (the window's Ctrl+F)."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    @property
    def current_activity_id(self) -> str | None:
        return self._current_id

    def _exists(self, activity_id: str) -> bool:
        return self.directory.find(Activity, activity_id) is not None

    def _reload_list(self, *, only_if_changed: bool = False) -> None:
        activities = self.directory.list(Activity)
        if only_if_changed and activities == self.list_model.activities:
            return
        self._reloading = True
        try:
            self.list_model.reload(activities, self.today())
            self._span_headings()
            self.list_view.expandAll()
            self.list_view.resizeColumnToContents(0)
            self._select_in_list(self._current_id)
        finally:
            self._reloading = False

    def _span_headings(self) -> None:
        for row in range(self.list_filter.rowCount()):
            self.list_view.setFirstColumnSpanned(row, QModelIndex(), True)

    def _apply_filter(self, text: str) -> None:
        self._reloading = True
        try:
            self.list_filter.setFilterFixedString(text.strip())
            self._span_headings()
            self.list_view.expandAll()
            self._select_in_list(self._current_id)
        finally:
            self._reloading = False

    def _select_in_list(self, activity_id: str | None) -> None:
        selection = self.list_view.selectionModel()
        if not activity_id:
            selection.clearSelection()
            return
        index = self.list_filter.mapFromSource(self.list_model.index_of(activity_id))
        if index.isValid():
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.list_view.scrollTo(index)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reloading or not current.isValid():
            return
        if current.data(ROW_KIND_ROLE) == "activity":
            self.show_activity(current.data(ID_ROLE))

    def select_activity(self, activity_id: str | None) -> None:
        """Show this activity (and select it in the list)."""
        self._reloading = True
        try:
            self._select_in_list(activity_id)
        finally:
            self._reloading = False
        self.show_activity(activity_id)

    def show_activity(self, activity_id: str | None) -> None:
        if activity_id == self._current_id and activity_id is not None:
            return
        self._current_id = activity_id
        activity = self.directory.find(Activity, activity_id) if activity_id else None
        self.editor_stack.setCurrentIndex(1 if activity else 0)
        self.form.show_activity(activity)
        _show_message(self.message, "")
        _show_message(self.agenda_message, "")
        _show_message(self.participant_message, "")
        self.agenda_model.set_activity(activity.id if activity else None)
        self.participant_model.set_activity(activity.id if activity else None)
        self._show_heading(activity)

    def _show_heading(self, activity: Activity | None) -> None:
        if activity is None:
            return
        self.heading.setText(activity.title)
        where = where_label(activity)
        self.subheading.setText(" — ".join(p for p in (format_when(activity), where) if p))

    def _after_edit(self, activity_id: str) -> None:
        """After an edit, its undo or its redo: show where it happened, as it now is."""
        self._reload_list(only_if_changed=True)
        if activity_id and activity_id != self._current_id and self._exists(activity_id):
            self.select_activity(activity_id)
        elif self._current_id and not self._exists(self._current_id):
            self.select_activity(None)
        elif self._current_id:
            activity = self.directory.get(Activity, self._current_id)
            self.form.show_activity(activity, keep_errors=True)
            self._show_heading(activity)
        self._update_participant_summary()
        self._update_agenda_summary()
        self.changed.emit()

    # Activities

    def new_activity(self) -> None:
        """Make an activity next Monday morning, in this computer's time zone, and edit it."""
        today = self.today()
        monday = today + timedelta(days=7 - today.weekday())
        start = datetime.combine(monday, time(9, 0))
        values = {
            "title": _("New activity"),
            "start": start,
            "end": start + timedelta(hours=3),
            "tz": _system_time_zone(),
        }
        try:
            activity_id = self.edits.create_activity(values)
        except UserError as error:
            _show_message(self.message, user_message(error))
            return
        self.select_activity(activity_id)
        self.tabs.setCurrentIndex(0)
        self.form.title.setFocus(Qt.FocusReason.OtherFocusReason)
        self.form.title.selectAll()

    def delete_activity(self) -> None:
        if not self._current_id:
            return
        activity = self.directory.get(Activity, self._current_id)
        question = _(
            "Delete “{title}” with its participants' list and its agenda? "
            "Edit ▸ Undo brings it back."
        ).format(title=activity.title)
        if not self.confirm(_("Delete activity"), question):
            return
        try:
            self.edits.delete(
                Activity,
                activity.id,
                activity_id=activity.id,
                text=_("Delete “{title}”").format(title=activity.title),
            )
        except UserError as error:
            _show_message(self.message, user_message(error))

    # Participants

    def _update_participant_summary(self) -> None:
        counts = self.participant_model.counts()
        total = sum(counts.values())
        parts = [
            _("{count} on the list").format(count=total),
            _("{count} confirmed").format(count=counts["confirmed"]),
            _("{count} checked in").format(count=counts["attended"]),
            _("{count} declined").format(count=counts["declined"]),
            _("{count} not answered").format(count=counts["invited"]),
        ]
        self.participant_summary.setText(" · ".join(parts))
        self.picker.excluded = self.participant_model.person_ids()
        self.tabs.setTabText(1, _("Participants ({count})").format(count=total))

    def _focus_participants(self) -> None:
        view = self.participant_view
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.participant_filter.rowCount() and not view.currentIndex().isValid():
            view.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.participant_search and event.key() == Qt.Key.Key_Down:
                self._focus_participants()
                return True
            if watched is self.list_view and event.key() == Qt.Key.Key_Delete:
                self.delete_activity()
                return True
            if watched is self.list_view and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
        return super().eventFilter(watched, event)

    def open_current(self) -> None:
        """Enter in the list: go to the activity's open tab, ready to work."""
        if self._current_id is None:
            return
        page = self.tabs.currentIndex()
        target: QWidget = {1: self.participant_search, 2: self.agenda_view}.get(
            page, self.form.title
        )
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_participant_row(self) -> int | None:
        index = self.participant_view.currentIndex()
        if not index.isValid():
            return None
        return self.participant_filter.mapToSource(index).row()

    def invite(self, person_id: str) -> None:
        """Put a person on the list of the activity shown, as invited participant."""
        if not self._current_id:
            return
        person = self.directory.get(Person, person_id)
        try:
            participant_id = self.edits.create(
                Participant,
                {
                    "activity_id": self._current_id,
                    "person_id": person_id,
                    "status": "invited",
                    "role": "participant",
                },
                activity_id=self._current_id,
                text=_("Invite {name}").format(name=person.name),
            )
        except UserError as error:
            _show_message(self.participant_message, user_message(error))
            return
        _show_message(self.participant_message, "")
        row = self.participant_model.row_of(participant_id)
        if row is not None:
            index = self.participant_filter.mapFromSource(self.participant_model.index(row, 0))
            self.participant_view.scrollTo(index)

    def _participant_double_clicked(self, index: QModelIndex) -> None:
        # Role and answer are edited in place; a double click on the name opens the person.
        source = self.participant_filter.mapToSource(index)
        if source.column() in (ParticipantColumn.NAME, ParticipantColumn.ORGANISATION):
            person_id = self.participant_model.participant(source.row()).person_id
            self.open_requested.emit(Person.kind, person_id)

    def toggle_check_in(self) -> None:
        row = self.selected_participant_row()
        if row is not None:
            self.participant_model.toggle_checked_in(row)

    def set_participant_status(self, status: str) -> None:
        row = self.selected_participant_row()
        if row is not None:
            self.participant_model.set_status(row, status)

    def remove_participant(self) -> None:
        row = self.selected_participant_row()
        if row is None or not self._current_id:
            return
        participant = self.participant_model.participant(row)
        name = self.participant_model.index(row, ParticipantColumn.NAME).data()
        if not self.confirm(
            _("Remove from the list"),
            _("Take {name} off the list of this activity?").format(name=name),
        ):
            return
        try:
            self.edits.delete(
                Participant,
                participant.id,
                activity_id=self._current_id,
                text=_("Remove {name}").format(name=name),
            )
        except UserError as error:
            _show_message(self.participant_message, user_message(error))

    # Agenda

    def selected_agenda_row(self) -> int | None:
        index = self.agenda_view.currentIndex()
        return index.row() if index.isValid() else None

    def move_agenda_item(self, direction: str) -> None:
        row = self.selected_agenda_row()
        if row is None:
            return
        _show_message(self.agenda_message, "")
        move = {
            "up": self.agenda_model.move_up,
            "down": self.agenda_model.move_down,
            "previous_day": self.agenda_model.move_to_previous_day,
            "next_day": self.agenda_model.move_to_next_day,
        }[direction]
        move(row)

    def add_agenda_item(self) -> None:
        index = self._add_to_agenda(
            {"title": _("New item"), "minutes": NEW_ITEM_MINUTES, "item_kind": "session"},
            _("Add agenda item"),
        )
        if index is not None:
            self.agenda_view.edit(index.siblingAtColumn(Column.TITLE))

    def add_break(self) -> None:
        self._add_to_agenda(
            {"title": _("Break"), "minutes": NEW_BREAK_MINUTES, "item_kind": "break"},
            _("Add break"),
        )

    def _add_to_agenda(self, values: dict[str, Any], text: str) -> QModelIndex | None:
        """Add after the selected item (or at the end of the first day) and select it."""
        if not self._current_id:
            return None
        row = self.selected_agenda_row()
        day, place = 1, None
        if row is not None:
            here = self.agenda_model.placement(row)
            day, place = here.day, here.place + 1
        try:
            item_id = self.edits.add_agenda_item(
                self._current_id, {**values, "day": day}, place, text=text
            )
        except UserError as error:
            _show_message(self.agenda_message, user_message(error))
            return None
        _show_message(self.agenda_message, "")
        new_row = self.agenda_model.row_of(item_id)
        if new_row is None:
            return None
        index = self.agenda_model.index(new_row, Column.TITLE)
        self.agenda_view.setCurrentIndex(index)
        self.agenda_view.setFocus(Qt.FocusReason.OtherFocusReason)
        return index

    def remove_agenda_item(self) -> None:
        row = self.selected_agenda_row()
        if row is None or not self._current_id:
            return
        item = self.agenda_model.item(row)
        if not self.confirm(
            _("Remove agenda item"),
            _("Remove “{title}” from the agenda?").format(title=item.title),
        ):
            return
        try:
            self.edits.delete(
                AgendaItem,
                item.id,
                activity_id=self._current_id,
                text=_("Remove “{title}”").format(title=item.title),
            )
        except (UserError, NotFoundError) as error:
            _show_message(self.agenda_message, user_message(error))
            return
        if self.agenda_model.rowCount():
            self.agenda_view.selectRow(min(row, self.agenda_model.rowCount() - 1))

    def _update_agenda_summary(self) -> None:
        slots = self.agenda_model.slots
        activity = self.agenda_model.activity
        self.tabs.setTabText(2, _("Agenda ({count})").format(count=len(slots)))
        if activity is None or not slots:
            self.agenda_summary.setText(_("No items yet.") if activity else "")
            return
        days: dict[int, list[Any]] = {}
        for slot in slots:
            days.setdefault(slot.item.day, []).append(slot)
        parts = [
            _("Day {number}: {start}–{end}").format(
                number=day, start=clock(day_slots[0].start), end=clock(day_slots[-1].end)
            )
            for day, day_slots in sorted(days.items())
        ]
        text = " · ".join(parts)
        last = slots[-1]
        if activity.end is not None and last.end > activity.end:
            text += "\n" + _("The agenda runs past the end of the activity ({end}).").format(
                end=clock(activity.end)
            )
        self.agenda_summary.setText(text)
