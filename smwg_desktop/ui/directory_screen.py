"""The Organisations and People screens: find a record, read it, change it.

Each screen is a table (search as you type, filters, sortable columns, rows
loaded as they scroll into view) beside the form of the record chosen. A form
field is committed when it is left, as one undoable command; a value the core
refuses stays in the field with the core's reason under it, and the data does
not change. Nothing waits for a Save button, so a crash loses nothing.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.browse import BrowseFilter
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.geo import Region
from smwg_desktop.core.model import (
    CONSTITUENCIES,
    MEMBERSHIP_STATUSES,
    Body,
    Organisation,
    Person,
    Record,
)
from smwg_desktop.i18n import _, ngettext
from smwg_desktop.ui import labels
from smwg_desktop.ui.commands import RecordEdits
from smwg_desktop.ui.models import (
    DEFAULT_PAGE_SIZE,
    ID_ROLE,
    LinesModel,
    OrganisationTableModel,
    PersonTableModel,
    RecordTableModel,
)
from smwg_desktop.ui.widgets import (
    TYPING_DELAY_MS,
    ChoicesOnDemand,
    FlowLayout,
    SideBySide,
    chain_tab_order,
    tie,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

    # Imported when the first record is opened, with the field editors and dialogs.
    from smwg_desktop.ui.record_forms import RecordForm

LINK_ROWS = 6
"""How many rows a table inside a form shows before it scrolls."""


class RecordTable(QTableView):
    """A table of records: Enter opens the row, Delete asks to delete it."""

    open_requested = Signal()
    delete_requested = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.doubleClicked.connect(lambda _index: self.open_requested.emit())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            return
        if event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)

    def selected_id(self) -> str | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        if not rows:
            return None
        value = rows[0].data(ID_ROLE)
        return str(value) if value else None


def fit_rows(view: QTableView, rows: int = LINK_ROWS) -> None:
    """Make a small table as tall as its rows (two to ``rows``), measured, not in pixels."""
    model = view.model()
    shown = min(max(model.rowCount() if model is not None else 0, 2), rows)
    row_height = view.verticalHeader().defaultSectionSize()
    header = view.horizontalHeader().sizeHint().height()
    scroll_bar = view.horizontalScrollBar().sizeHint().height()
    view.setFixedHeight(header + row_height * shown + view.frameWidth() * 2 + scroll_bar)


def fit_columns(view: QTableView, stretch: int, *, widest_em: int = 0) -> None:
    """Columns as wide as their contents, but one takes the room left (and elides).

    With ``widest_em`` the other columns start at their contents' width, at most that
    many em wide, and a person may resize them.
    """
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    if not widest_em:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    widest = view.fontMetrics().horizontalAdvance("M") * widest_em
    for column in range(header.count()):
        if column != stretch:
            header.resizeSection(column, min(contents_width(view, column, widest), widest))
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


_SIZE_ROLES = (
    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.SizeHintRole,
)
"""Roles besides the text that change how wide the delegate makes a cell."""

_SLACK = 3
"""Pixels by which the font's advance and the delegate's laid-out width of a text may differ."""


def contents_width(view: QTableView, column: int, enough: int) -> int:
    """The width ``resizeColumnToContents`` gives a column of a view not yet shown, or
    ``enough`` when the column would be at least that wide.

    Qt asks the delegate to lay out every loaded cell of the column (a hundred
    rows, a dozen roles each): 12 ms of a start for the organisations table. The
    text that measures widest in the view's font is the one the delegate makes
    widest, so only the cells within a few pixels of it, and those with an icon,
    a font, a check box, a size or characters such as line breaks, go through the
    delegate.
    """
    model = view.model()
    if view.isVisible() or model is None:
        # Shown, Qt measures the rows in sight, not every row loaded.
        view.resizeColumnToContents(column)
        return view.horizontalHeader().sectionSize(column)
    rows = model.rowCount()
    limit = view.horizontalHeader().resizeContentsPrecision()
    if limit > 0:
        rows = min(rows, limit)
    metrics = view.fontMetrics()
    plain: dict[str, int] = {}
    """A row of each plain text: cells with the same text are as wide."""
    special: list[int] = []
    for row, text in enumerate(_plain_texts(model, column, rows)):
        if text is None or not text.isprintable():
            special.append(row)
        elif text not in plain:
            plain[text] = row
    advances = [(metrics.horizontalAdvance(text), row) for text, row in plain.items()]
    longest = max((advance for advance, _row in advances), default=0)
    if longest - _SLACK >= enough:
        return enough
    candidates = [row for advance, row in advances if advance >= longest - _SLACK] + special
    hint = max(
        (view.sizeHintForIndex(model.index(row, column)).width() for row in candidates), default=0
    )
    if view.showGrid():
        hint += 1  # as QTableView.sizeHintForColumn counts the grid line
    header = view.horizontalHeader()
    return max(hint, 0 if header.isHidden() else header.sectionSizeHint(column))


def _plain_texts(model: QAbstractItemModel, column: int, rows: int) -> list[str | None]:
    """The text of each of the column's first ``rows`` cells, None for a cell that is not
    text alone (an icon, a font, a check box, a size).

    A record table says so from its records: asking ``data`` for five roles of each
    cell, through Qt, took 4 ms of a start for the organisations table.
    """
    if isinstance(model, RecordTableModel):
        return model.plain_texts(column, rows)
    texts: list[str | None] = []
    for row in range(rows):
        index = model.index(row, column)
        text = model.data(index, Qt.ItemDataRole.DisplayRole)
        plain = isinstance(text, str) and all(model.data(index, role) is None for role in _SIZE_ROLES)
        texts.append(text if plain else None)
    return texts


def link_table(name: str, headers: Sequence[str], stretch: int = 0) -> tuple[RecordTable, LinesModel]:
    model = LinesModel(headers)
    view = RecordTable(name)
    view.setModel(model)
    model.setParent(view)
    fit_columns(view, stretch)
    fit_rows(view)
    model.modelReset.connect(lambda: fit_rows(view))
    return view, model


def empty_note(text: str = "") -> QLabel:
    """What a form says while no record is chosen."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def heading(text: str, scale: float = 1.4) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class FilterBar(QWidget):
    """The filters above a table: each a labelled list; the bar wraps when narrow.

    The lists of what the directory holds (countries, constituencies, bodies) are
    read when a person first reaches them (``ChoicesOnDemand``), not with the screen.
    """

    changed = Signal()

    def __init__(
        self, directory: Directory, record_class: type[Record], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._directory = directory
        self._class = record_class
        self._flow = FlowLayout(self)
        self._flow.setContentsMargins(0, 0, 0, 0)
        people = record_class is Person
        self.region = self._combo(_("Re&gion"))
        self.country = self._combo(_("Co&untry"), self._countries)
        self.constituency = self._combo(
            _("Organisation's constituency") if people else _("Cons&tituency"), self._constituencies
        )
        self.women_led = self._combo(_("&Women-led"))
        self.status = self._combo(_("Organisation's membership") if people else _("&Membership"))
        self.body = self._combo(_("Holds a seat in") if people else _("Has a seat in"), self._bodies)
        self.clear_button = QPushButton(_("Clear filters"))
        self.clear_button.clicked.connect(self.clear)
        self._flow.add(self.clear_button)
        self.women_led.addItem(_("Women-led organisations") if people else _("Women-led"), "yes")
        self.women_led.addItem(_("Other organisations") if people else _("Not women-led"), "no")
        for region in Region:
            self.region.addItem(labels.region(region.value), region.value)
        for status in MEMBERSHIP_STATUSES:
            self.status.addItem(labels.status(status), status)

    def _combo(
        self, text: str, read: Callable[[], list[tuple[str, str]]] | None = None
    ) -> QComboBox:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(text, box)
        combo = QComboBox(box) if read is None else ChoicesOnDemand(read, box)
        combo.addItem(_("All"), "")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # Characters, not pixels: the width follows the font and the scale.
        combo.setMinimumContentsLength(12)
        tie(label, combo)
        combo.activated.connect(lambda _index: self.changed.emit())
        row.addWidget(label)
        row.addWidget(combo)
        self._flow.add(box)
        return combo

    def _countries(self) -> list[tuple[str, str]]:
        return _in_reading_order(
            [(labels.country(c), c) for c in self._directory.countries_in_use(self._class)]
        )

    def _constituencies(self) -> list[tuple[str, str]]:
        known = list(CONSTITUENCIES)
        extra = [c for c in self._directory.constituencies_in_use() if c not in known]
        return _in_reading_order([(labels.constituency(c), c) for c in known + extra])

    def _bodies(self) -> list[tuple[str, str]]:
        return _in_reading_order([(b.name, b.id) for b in self._directory.list(Body)])

    def reload_choices(self) -> None:
        """Offer the countries, constituencies and bodies the directory has now."""
        for combo in (self.country, self.constituency, self.body):
            assert isinstance(combo, ChoicesOnDemand)
            combo.reload()

    def filter(self, text: str = "") -> BrowseFilter:
        women = self.women_led.currentData()
        return BrowseFilter(
            text=text,
            region=str(self.region.currentData() or ""),
            country=str(self.country.currentData() or ""),
            constituency=str(self.constituency.currentData() or ""),
            women_led=None if not women else women == "yes",
            status=str(self.status.currentData() or ""),
            body_id=str(self.body.currentData() or ""),
        )

    def choose(self, combo: QComboBox, value: str) -> None:
        """Set one filter as if a person had picked ``value`` in it."""
        if isinstance(combo, ChoicesOnDemand):
            combo.ensure_loaded()
        combo.setCurrentIndex(max(combo.findData(value), 0))
        self.changed.emit()

    def clear(self) -> None:
        for combo in (
            self.region,
            self.country,
            self.constituency,
            self.women_led,
            self.status,
            self.body,
        ):
            combo.setCurrentIndex(0)
        self.changed.emit()

    def widgets(self) -> list[QWidget]:
        return [
            self.region,
            self.country,
            self.constituency,
            self.women_led,
            self.status,
            self.body,
            self.clear_button,
        ]


def _in_reading_order(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(items, key=lambda item: labels.sort_text(item[0]))


class DirectoryScreen(QWidget):
    """A table of organisations or people beside the form of the one chosen.

    Offers what every screen offers the window: ``changed`` after each edit made
    here (and its undo or redo), ``refresh`` after the data changed elsewhere,
    ``focus_search``, ``new_record`` and ``delete_selected``, and
    ``export_records`` for File ▸ Export…. ``open_requested`` asks the window to
    show a record of another kind.
    """

    changed = Signal()
    open_requested = Signal(str, str)

    record_class: type[Record] = Record
    title_text = ""
    search_hint = ""

    def __init__(
        self,
        directory: Directory,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.undo_stack = undo_stack
        self.edits = RecordEdits(directory, undo_stack, self)
        self._settings = settings
        self.model = self.make_model(page_size)
        self._form: RecordForm | None = None

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.search_hint)
        self.search_field.setAccessibleName(self.search_hint)
        self.search_field.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.new_text())
        self.export_button = QPushButton(_("Export…"))
        self.export_button.setToolTip(_("Write what the list shows to a CSV, Excel or vCard file"))
        self.filters = FilterBar(directory, self.record_class)
        self.table = RecordTable(self.title_text)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        fit_columns(self.table, 0, widest_em=12)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("How many are shown"))

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search_field, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.export_button)
        column.addLayout(top)
        column.addWidget(self.filters)
        column.addWidget(self.table, 1)
        column.addWidget(self.count_label)

        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        # Until a record is opened, what the empty form says: the form comes with it.
        waiting = QWidget()
        waiting.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        column = QVBoxLayout(waiting)
        column.addWidget(empty_note(self.empty_text()))
        column.addStretch(1)
        self.form_scroll.setWidget(waiting)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.splitter = SideBySide(
            left, self.form_scroll, (3, 2), self._settings, f"{self.record_class.kind}_screen/splitter"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(TYPING_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        # A lambda, not the bound slot: textChanged's argument would pick start(msec).
        self.search_field.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_field.returnPressed.connect(self._search_entered)
        self.filters.changed.connect(self.apply_search)
        self.new_button.clicked.connect(self.new_record)
        self.export_button.clicked.connect(self.export_records)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.open_requested.connect(self.open_selected)
        self.table.delete_requested.connect(self.delete_selected)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.edits.applied.connect(self._after_edit)
        self.edits.refused.connect(self._refused)
        chain_tab_order([
            self.search_field, self.new_button, self.export_button, *self.filters.widgets(),
            self.table,
        ])
        self._update_count()

    def _refused(self, text: str) -> None:
        from smwg_desktop.ui.dialogs import show_refusal

        show_refusal(self, UserError(text))

    # What subclasses give

    @abc.abstractmethod
    def make_model(self, page_size: int) -> RecordTableModel:
        """The table model over this screen's kind of record."""

    @abc.abstractmethod
    def make_form(self) -> RecordForm:
        """The form that shows and edits one record of this kind."""

    @abc.abstractmethod
    def new_text(self) -> str:
        """The label of the button that adds a record."""

    @abc.abstractmethod
    def empty_text(self) -> str:
        """What the form says while no record is chosen."""

    @abc.abstractmethod
    def new_dialog(self) -> tuple[QWidget, list[str]]:
        """The dialog that adds a record, and the list it puts the new id in."""

    @abc.abstractmethod
    def count_text(self, shown: int, total: int, filtered: bool) -> str:
        """The line under the table: how many records are shown, of how many."""

    @property
    def form(self) -> RecordForm:
        """The form of the record chosen, built when the first record is opened.

        Some thirty field editors: the screen shows its rows without them.
        """
        if self._form is None:
            form = self.make_form()
            form.empty.setText(self.empty_text())
            form.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            form.open_requested.connect(self.open_requested)
            self.form_scroll.setWidget(form)
            self._form = form
        return self._form

    @property
    def record_in_form(self) -> str | None:
        """The record the form shows (None before any was opened), without building the form."""
        return self._form.record_id if self._form is not None else None

    # The window's protocol

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def refresh(self) -> None:
        """Read the directory again (the data changed elsewhere): list, filters and form."""
        self.filters.reload_choices()
        chosen = self.record_in_form
        self.model.refresh()
        self._select(chosen)
        if self._form is not None:
            self._form.load(chosen)
        self._update_count()

    def new_record(self) -> None:
        dialog, created = self.new_dialog()
        dialog.setParent(self.window(), Qt.WindowType.Dialog)
        dialog.exec()  # type: ignore[attr-defined]
        if created:
            self.show_record(created[0])
            first = self.form.first_field()
            if first is not None:
                first.setFocus()

    def delete_selected(self) -> None:
        """Ask, naming the record and what goes with it; then delete (undoable)."""
        record_id = self.table.selected_id() or self.record_in_form
        record = self.directory.find(self.record_class, record_id) if record_id else None
        if record is None:
            return
        name = str(getattr(record, "name", record.id))
        # The dialogs, with the field editors, load when first needed: a start shows none.
        from smwg_desktop.ui.dialogs import confirm_delete, show_refusal

        if not confirm_delete(
            self.window(), name, self.directory.dependents(self.record_class, record.id)
        ):
            return
        try:
            self.edits.delete(self.record_class, record.id, _("Delete “{name}”").format(name=name))
        except UserError as error:
            show_refusal(self, error)

    def erase_selected(self) -> None:
        """Ask, saying that erasure is final and reaches every device; then erase for good."""
        record_id = self.table.selected_id() or self.record_in_form
        record = self.directory.find(self.record_class, record_id) if record_id else None
        if record is None:
            return
        name = str(getattr(record, "name", record.id))
        from smwg_desktop.ui.dialogs import confirm_erase, describe_erasure, show_refusal

        if not confirm_erase(self.window(), name):
            return
        try:
            report = self.directory.erase(self.record_class, record.id)
        except UserError as error:
            show_refusal(self, error)
            return
        # Earlier edits of the session could only try to bring the record back.
        self.edits.undo_stack.clear()
        if self._form is not None:
            self._form.load(None)
        self.refresh()
        self.changed.emit()
        from PySide6.QtWidgets import QMessageBox  # its enums are made when first imported

        QMessageBox.information(self, _("Erased"), describe_erasure(report))

    def export_records(self) -> None:
        """File ▸ Export…: exactly what the list shows now, as consent allows."""
        # Here, not at the top: the writers of every format load only for an export.
        from smwg_desktop.ui.export_dialog import run_export_dialog

        self.apply_search()
        run_export_dialog(
            self.directory, self.record_class, self.model.filter, self.window(),
            settings=self._settings,
        )

    def show_record(self, record_id: str) -> None:
        """Open a record in the form, and select its row when the list shows it."""
        self.form.load(record_id)
        if self.model.row_of(record_id) is None and not self.model.filter.is_empty:
            self.search_field.blockSignals(True)
            self.search_field.clear()
            self.search_field.blockSignals(False)
            self.filters.blockSignals(True)
            self.filters.clear()
            self.filters.blockSignals(False)
            self.model.set_filter(BrowseFilter())
        self._select(record_id)

    # Searching and filtering

    def apply_search(self) -> None:
        """Filter the table now, without waiting for typing to pause."""
        self._search_timer.stop()
        self.model.set_filter(self.filters.filter(self.search_field.text()))
        self._select(self.record_in_form)

    def _search_entered(self) -> None:
        self.apply_search()
        if self.model.rowCount() > 0:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.selected_id():
                self.table.selectRow(0)

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if not self.model.is_sortable(column):
            # Only columns the core can sort by a page at a time are sortable.
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column, self.model.sort_order)
            header.blockSignals(False)
            return
        self._select(self.record_in_form)

    def _update_count(self, *_args: object) -> None:
        shown = self.model.total
        total = shown if self.model.filter.is_empty else self.directory.count(self.record_class)
        self.count_label.setText(self.count_text(shown, total, not self.model.filter.is_empty))

    # Choosing and opening

    def _select(self, record_id: str | None) -> None:
        row = self.model.row_of(record_id) if record_id else None
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            if row is None:
                self.table.clearSelection()
            else:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
        finally:
            selection.blockSignals(False)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.form.load(str(current.data(ID_ROLE)))

    def open_selected(self) -> None:
        """Enter on a row: its form takes the keyboard."""
        record_id = self.table.selected_id()
        if record_id is None:
            return
        if record_id != self.form.record_id:
            self.form.load(record_id)
        first = self.form.first_field()
        if first is not None:
            self.form_scroll.ensureWidgetVisible(first)
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # After an edit

    def _after_edit(self, _kind: str, _record_id: str) -> None:
        # Hidden (an undo from another screen), the window refreshes it when shown.
        if self.isVisible():
            self.refresh()
        self.changed.emit()

    # Layout remembered

    def save_layout(self) -> None:
        self.splitter.remember()


class OrganisationsScreen(DirectoryScreen):
    record_class = Organisation

    def __init__(
        self,
        directory: Directory,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> None:
        self.title_text = _("Organisations")
        self.search_hint = _("Search organisations")
        super().__init__(directory, undo_stack, parent, settings=settings, page_size=page_size)

    def make_model(self, page_size: int) -> RecordTableModel:
        return OrganisationTableModel(self.directory, self, page_size=page_size)

    def make_form(self) -> RecordForm:
        from smwg_desktop.ui.record_forms import OrganisationForm

        return OrganisationForm(self.edits)

    def new_text(self) -> str:
        return _("New organisation…")

    def empty_text(self) -> str:
        return _("Choose an organisation in the list, or add one with File ▸ New.")

    def new_dialog(self) -> tuple[QWidget, list[str]]:
        from smwg_desktop.ui.dialogs import new_organisation_dialog

        return new_organisation_dialog(self.edits)

    def count_text(self, shown: int, total: int, filtered: bool) -> str:
        if filtered:
            return ngettext(
                "{shown} of {total} organisation", "{shown} of {total} organisations", total
            ).format(shown=shown, total=total)
        return ngettext("{total} organisation", "{total} organisations", total).format(total=total)


class PeopleScreen(DirectoryScreen):
    record_class = Person

    def __init__(
        self,
        directory: Directory,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> None:
        self.title_text = _("People")
        self.search_hint = _("Search people")
        super().__init__(directory, undo_stack, parent, settings=settings, page_size=page_size)

    def make_model(self, page_size: int) -> RecordTableModel:
        return PersonTableModel(self.directory, self, page_size=page_size)

    def make_form(self) -> RecordForm:
        from smwg_desktop.ui.record_forms import PersonForm

        return PersonForm(self.edits)

    def new_text(self) -> str:
        return _("New person…")

    def empty_text(self) -> str:
        return _("Choose a person in the list, or add one with File ▸ New.")

    def new_dialog(self) -> tuple[QWidget, list[str]]:
        from smwg_desktop.ui.dialogs import new_person_dialog

        return new_person_dialog(self.edits)

    def count_text(self, shown: int, total: int, filtered: bool) -> str:
        if filtered:
            return ngettext("{shown} of {total} person", "{shown} of {total} people", total).format(
                shown=shown, total=total
            )
        return ngettext("{total} person", "{total} people", total).format(total=total)
