"""File ▸ Import…: organisations and people from a spreadsheet or an address book.

Four pages: the file; what its columns become (CSV and XLSX only: a vCard says
what each value is); a preview, which is the core's dry run row by row; and the
import itself with what it did. The wizard only drives the core: the file is read
by ``interop.read_file``, the preview is ``interop.plan.planning`` and the import
``interop.apply.applying``, exactly as ``smwg import`` does.

Reading, the dry run and the import run as background tasks (``ui.tasks``) on
a connection of their own to the window's open directory, so the window goes on
answering and shows progress. The import is one transaction from its first row
to its last: stopping it (Cancel, or the data being locked, which stops every
task), or a row that fails, writes nothing. Once done it is one command on the
window's undo stack: Edit ▸ Undo deletes what it created and puts back what it
changed, through the window's own connection.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError, ValidationError
from smwg_desktop.i18n import N_, _, ngettext
from smwg_desktop.interop import FORMATS, file_format, read_file
from smwg_desktop.interop.apply import (
    ImportJournal,
    ImportRefused,
    ImportReport,
    applying,
    redo_import,
    undo_import,
)
from smwg_desktop.interop.columns import (
    EMAIL_KINDS,
    HANDLE_KINDS,
    PHONE_KINDS,
    TARGETS,
    Target,
    load_mapping,
    save_mapping,
)
from smwg_desktop.interop.plan import Action, Plan, RowPlan, Step, Steps, planning, run_to_end
from smwg_desktop.interop.refused import refused_rows_file, refused_suffix
from smwg_desktop.interop.rows import ColumnUse, Incoming
from smwg_desktop.ui import labels
from smwg_desktop.ui.commands import CoreCommand
from smwg_desktop.ui.dialogs import ask
from smwg_desktop.ui.errors import message_for
from smwg_desktop.ui.tasks import Cancelled, Progress, Task, Work, run_task
from smwg_desktop.ui.widgets import ErrorLabel, chain_tab_order, tie

FOLDER_KEY = "interop/folder"
"""Where the last file was chosen: the file dialogs open there next time."""
REPORT_SECONDS = 0.05
"""How often a task reports its progress: often enough to look smooth, no more."""
RESIZE_PRECISION = 200
"""Rows a table measures to size its columns."""

ACTION_ORDER = (Action.CREATE, Action.UPDATE, Action.MERGE, Action.UNCHANGED, Action.REFUSED)
ACTION_LABELS: dict[Action, str] = {
    Action.CREATE: N_("New"),
    Action.UPDATE: N_("Updated"),
    Action.MERGE: N_("Merged as a duplicate"),
    Action.UNCHANGED: N_("Already there"),
    Action.REFUSED: N_("Refused"),
}
KIND_LABELS = {
    "organisation": N_("organisation"),
    "person": N_("person"),
    "affiliation": N_("place in an organisation"),
}
CONTACT_KIND_LABELS = {"work": N_("work"), "home": N_("home"), "mobile": N_("mobile"),
                       "other": N_("other")}

T = TypeVar("T")


class _ClosesWithWindow(QObject):
    """Watches the window under a dialog and closes the dialog when the window closes."""

    def __init__(self, dialog: QDialog, window: QWidget) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and self._dialog.isVisible():
            # Not reject(): nothing to ask, the window and its data are going.
            self._dialog.done(QDialog.DialogCode.Rejected)
        return False


def close_with_window(dialog: QDialog, window: QWidget) -> None:
    """Close ``dialog`` when ``window`` closes: a lock closes the window and then its data,
    and a dialog left open over closed data could only fail."""
    _ClosesWithWindow(dialog, window)


def run_steps(steps: Steps[T], progress: Progress, what: str, total: int) -> T:
    """The core's steps inside a task: a stop is looked for at every row, progress reported
    now and then. A stop (``Cancelled``) closes the steps, which rolls an import back."""
    reported = 0.0
    try:
        while True:
            progress.check()
            try:
                done = next(steps)
            except StopIteration as end:
                return cast(T, end.value)
            now = time.monotonic()
            if now - reported >= REPORT_SECONDS:
                progress(what, done, total)
                reported = now
    finally:
        steps.close()


# What a column can become


def target_label(target: str) -> str:
    """A column target in words: "Person: e-mail (work)", "Not imported"."""
    if not target:
        return _("Not imported")
    parsed = Target.parse(target)
    text = _(TARGETS[parsed.field])
    if parsed.kind:
        kind = CONTACT_KIND_LABELS.get(parsed.kind)
        text += f" ({_(kind) if kind else parsed.kind.capitalize()})"
    if parsed.group:
        text += " " + _("(numbered column {n})").format(n=parsed.group)
    return text


def target_choices() -> list[str]:
    """Every target a person can pick for a column, "" (not imported) first."""
    kinds = {"person.email": EMAIL_KINDS, "organisation.email": EMAIL_KINDS,
             "person.phone": PHONE_KINDS, "organisation.phone": PHONE_KINDS,
             "person.handle": HANDLE_KINDS}
    choices = [""]
    for name in TARGETS:
        if name.endswith("_label"):
            # Only meaningful beside a numbered value column, which recognition finds.
            continue
        choices.append(name)
        choices.extend(f"{name}:{kind}" for kind in kinds.get(name, ()))
    return choices


# What the preview and the result say


def step_text(step: Step) -> str:
    """One record's part in a row, in a sentence: "new person “Ana Quispe”"."""
    kind = _(KIND_LABELS.get(step.kind, step.kind))
    names = {"kind": kind, "name": step.label}
    if step.action is Action.CREATE:
        text = _("new {kind} “{name}”").format(**names)
    elif step.action is Action.UNCHANGED:
        text = _("{kind} “{name}” already there").format(**names)
    else:
        fields = ", ".join(labels.field_label(n).lower() for n in step.changes)
        if step.action is Action.MERGE:
            text = _("merged into {kind} “{name}”, which gains: {fields}").format(
                fields=fields, **names
            )
        else:
            text = _("{kind} “{name}” gains: {fields}").format(fields=fields, **names)
    if step.reason:
        text += f" ({step.reason})"
    return text


def row_steps(row: RowPlan) -> list[Step]:
    """The row's steps, the one that decides the row's result first (what a reader looks for)."""
    weight = {a: n for n, a in enumerate((Action.MERGE, Action.CREATE, Action.UPDATE))}
    kinds = {k: n for n, k in enumerate(("person", "organisation", "affiliation"))}
    return sorted(
        row.steps, key=lambda s: (weight.get(s.action, len(weight)), kinds.get(s.kind, len(kinds)))
    )


def row_text(row: RowPlan) -> str:
    """What a row would do, or why it is refused (the core's reason)."""
    if row.action is Action.REFUSED:
        return row.reason
    return "; ".join(step_text(s) for s in row_steps(row))


def plan_summary(plan: Plan) -> str:
    """The counts of a dry run, in a sentence."""
    counts = plan.counts()
    parts = [
        ngettext("{n} new", "{n} new", counts[Action.CREATE]),
        ngettext("{n} updated", "{n} updated", counts[Action.UPDATE]),
        ngettext("{n} merged as a duplicate", "{n} merged as duplicates", counts[Action.MERGE]),
        ngettext("{n} already there", "{n} already there", counts[Action.UNCHANGED]),
        ngettext("{n} refused", "{n} refused", counts[Action.REFUSED]),
    ]
    shown = [p.format(n=counts[a]) for p, a in zip(parts, ACTION_ORDER, strict=True)
             if counts[a]]
    rows = ngettext("{n} row", "{n} rows", len(plan.rows)).format(n=len(plan.rows))
    return f"{rows}: {', '.join(shown)}." if shown else _("The file has no rows to import.")


def report_summary(report: ImportReport) -> str:
    """What an import wrote, in sentences."""
    made = [
        ngettext("{n} organisation", "{n} organisations", report.created.get("organisation", 0)),
        ngettext("{n} person", "{n} people", report.created.get("person", 0)),
        ngettext("{n} place in an organisation", "{n} places in organisations",
                 report.created.get("affiliation", 0)),
    ]
    counts = [report.created.get(k, 0) for k in ("organisation", "person", "affiliation")]
    created = ", ".join(t.format(n=n) for t, n in zip(made, counts, strict=True) if n)
    changed = sum(report.updated.values())
    lines = [
        _("Created: {what}.").format(what=created) if created else _("Nothing new was created."),
    ]
    if changed:
        lines.append(ngettext(
            "{n} record already in the directory was completed.",
            "{n} records already in the directory were completed.", changed,
        ).format(n=changed))
    lines += [
        ngettext("{n} row imported", "{n} rows imported", report.rows_written).format(
            n=report.rows_written
        )
        + ", "
        + ngettext("{n} already there", "{n} already there", report.rows_unchanged).format(
            n=report.rows_unchanged
        )
        + ", "
        + ngettext("{n} not imported.", "{n} not imported.", len(report.refused)).format(
            n=len(report.refused)
        ),
    ]
    return "\n".join(lines)


def said(error: UserError) -> str:
    """The core's refusal as shown here: as ``labels.user_message`` puts it, except that
    a message that starts with a file's name keeps the name as it is spelled."""
    shown = labels.user_message(error)
    if isinstance(error, ValidationError) or shown == error.message:
        return shown
    first = error.message.split(" ", 1)[0]
    return error.message if "." in first else shown


def error_text(error: BaseException) -> str:
    """What stopped a task, in a sentence: the core's refusal, a stop, or a bug (logged)."""
    if isinstance(error, Cancelled):
        return _("Stopped before the end: nothing of it was written.")
    if isinstance(error, UserError):
        return said(error)
    # The task has written the details to the error output.
    return message_for(error)[1]


def refused_text(refused: Sequence[tuple[int, str]]) -> str:
    """The refused rows as lines of text, for the clipboard."""
    return "\n".join(
        _("Row {line}: {reason}").format(line=line, reason=reason) for line, reason in refused
    )


# The undo command


class ImportEdits(QObject):
    """Puts finished imports on the window's undo stack and says when undo or redo changed data.

    ``applied`` follows an import's undo or redo (the window then reads its data
    again); ``refused`` says that one could not be done.
    """

    applied = Signal()
    refused = Signal(str)

    def __init__(
        self, directory: Directory, undo_stack: QUndoStack, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.undo_stack = undo_stack

    def push_done(self, command: ImportCommand) -> bool:
        """Put an import already carried out (in steps) on the stack; False if it wrote nothing."""
        if command.changes_nothing():
            return False
        command.done_before_push = True
        self.undo_stack.push(command)
        return True

    def _notify(self) -> None:
        # The stack outlives the wizard and may outlive the window's objects.
        if shiboken6.isValid(self):
            self.applied.emit()

    def _report_later_refusal(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            self.refused.emit(labels.user_message(error))


class ImportCommand(CoreCommand):
    """One import as one undoable edit: undo deletes what it created and puts back what it changed."""

    def __init__(self, edits: ImportEdits, plan: Plan, *, skip_bad_rows: bool, text: str) -> None:
        super().__init__(edits, f"{text.replace('&', '&&')}\n{text}")
        self._plan: Plan | None = plan
        self.skip_bad_rows = skip_bad_rows
        self.journal = ImportJournal()
        self.report: ImportReport | None = None

    def steps(self, directory: Directory) -> Steps[ImportReport]:
        """The first doing, a row at a time, in one transaction (see ``interop.apply.applying``).

        ``directory`` is the window's, or a task's connection to the same data.
        """
        plan, self._plan = self._plan, None
        # Once done, the stack keeps the journal only, not the plan of every row.
        assert plan is not None, "an import is done once; redo uses its journal"
        report = yield from applying(
            directory, plan, skip_bad_rows=self.skip_bad_rows, journal=self.journal
        )
        self.report = report
        return report

    def apply(self) -> None:
        run_to_end(self.steps(self.directory))

    def reapply(self) -> None:
        with _busy():
            redo_import(self.directory, self.journal)

    def revert(self) -> None:
        with _busy():
            undo_import(self.directory, self.journal)

    def notify(self) -> None:
        self.edits._notify()

    def changes_nothing(self) -> bool:
        return self.journal.changes_nothing


@contextmanager
def _busy() -> Iterator[None]:
    """The wait cursor while a large import is undone or redone at once."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


# The preview's table


class PlanModel(QAbstractTableModel):
    """The dry run's rows: the file's line, what would happen, and the details."""

    ACTION_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[RowPlan, ...] = ()
        self.declined: set[int] = set()
        self._headers = (_("Row"), _("Result"), _("What would happen"))

    def set_plan(self, plan: Plan | None) -> None:
        self.beginResetModel()
        self._rows = plan.rows if plan is not None else ()
        self.endResetModel()

    def row_plan(self, row: int) -> RowPlan:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == self.ACTION_ROLE:
            return row.action.value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return str(row.line)
            if index.column() == 1:
                text = _(ACTION_LABELS[row.action])
                if row.line in self.declined and row.action is not Action.REFUSED:
                    text += " " + _("(kept separate)")
                return text
            details = row_text(row)
            if role == Qt.ItemDataRole.ToolTipRole:
                kept = [k for s in row.steps for k in s.kept]
                return "\n".join([details, *kept])
            return details
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.action is Action.REFUSED and index.column() == 1:
            font = QApplication.font()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Measure the first rows only: a file of 10,000 rows must not be measured whole.
    header.setResizeContentsPrecision(RESIZE_PRECISION)
    return view


def _progress(name: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setAccessibleName(name)
    bar.hide()
    return bar


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


# The pages


class FilePage(QWizardPage):
    """Which file: its name typed or chosen; Next reads it (a bad file stops here)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Choose a file"))
        self.setSubTitle(
            _("Organisations and people from a spreadsheet (CSV, or Excel .xlsx) or an address "
              "book (vCard .vcf). Nothing is written until you confirm, after a preview.")
        )
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_("for example: contacts.csv"))
        self.choose_button = QPushButton(_("C&hoose…"))
        label = QLabel(_("&File:"))
        tie(label, self.path_edit)
        self.progress = _progress(_("Reading the file"))
        self.status = _wrapped()
        self.status.hide()
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.choose_button.clicked.connect(self.choose)
        self.path_edit.textChanged.connect(self._path_changed)

    def choose(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in FORMATS)
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import a file"), self._wizard.folder(),
            _("Address books and spreadsheets") + f" ({patterns})",
        )
        if path:
            self.path_edit.setText(path)

    def _path_changed(self, _text: str) -> None:
        self.error.show_reason("")
        self.status.hide()
        self._wizard.forget_file()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip()) and not self._wizard.working

    def validatePage(self) -> bool:
        wizard = self._wizard
        if wizard.incoming is not None:
            return True
        path = Path(self.path_edit.text().strip()).expanduser()
        try:
            file_format(path)
        except UserError as error:
            self.error.show_reason(said(error))
            return False
        if not path.is_file():
            self.error.show_reason(_("There is no file {path}.").format(path=path))
            return False
        self.error.show_reason("")
        self.status.setText(_("Reading {name}…").format(name=path.name))
        self.status.show()
        self.progress.setRange(0, 0)
        self.progress.show()
        wizard.read(path, self._read, self._not_read)
        self.completeChanged.emit()
        return False

    def _read(self, incoming: Incoming) -> None:
        self.progress.hide()
        self.status.setText(describe_file(incoming))
        self.status.show()
        self.completeChanged.emit()
        self._wizard.next()

    def _not_read(self, message: str) -> None:
        self.progress.hide()
        self.status.hide()
        self.error.show_reason(message)
        self.completeChanged.emit()

    def nextId(self) -> int:
        incoming = self._wizard.incoming
        if incoming is not None and incoming.format == "vcard":
            return ImportWizard.PREVIEW
        return ImportWizard.COLUMNS


def describe_file(incoming: Incoming) -> str:
    """What was read, in a sentence: the format, the encoding and separator, the rows."""
    rows = ngettext("{n} row", "{n} rows", len(incoming.rows)).format(n=len(incoming.rows))
    if incoming.format == "vcard":
        return _("{name}: vCards, {rows}.").format(name=incoming.source, rows=ngettext(
            "{n} entry", "{n} entries", len(incoming.rows)).format(n=len(incoming.rows)))
    if incoming.format == "xlsx":
        return _("{name}: Excel workbook (first sheet), {rows}.").format(
            name=incoming.source, rows=rows
        )
    separators = {",": _("commas"), ";": _("semicolons"), "\t": _("tabs"), "|": _("bars")}
    return _("{name}: CSV in {encoding}, separated by {separator}, {rows}.").format(
        name=incoming.source,
        encoding=incoming.encoding.upper().removesuffix("-SIG"),
        separator=separators.get(incoming.delimiter, incoming.delimiter),
        rows=rows,
    )


class ColumnsPage(QWizardPage):
    """Each column of a table, its first value, and what it becomes (or "Not imported")."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Match the columns"))
        self.setSubTitle(
            _("Each column of the file and what it becomes in the directory, as recognised "
              "from its header. Change any that is wrong; columns not imported are left out.")
        )
        self.combos: list[QComboBox] = []
        self.columns: tuple[ColumnUse, ...] = ()
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setHorizontalSpacing(self.fontMetrics().horizontalAdvance("M"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.grid_host)
        self.load_button = QPushButton(_("&Use a saved matching…"))
        self.save_button = QPushButton(_("&Save this matching…"))
        self.message = _wrapped()
        self.error = ErrorLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        self.load_button.clicked.connect(self.load)
        self.save_button.clicked.connect(self.save)

    def initializePage(self) -> None:
        incoming = self._wizard.incoming
        assert incoming is not None
        self.columns = incoming.columns
        self.message.setText("")
        self.error.show_reason("")
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = []
        for column, text in enumerate((_("Column"), _("First value"), _("Becomes"))):
            heading = QLabel(f"<b>{text}</b>")
            self.grid.addWidget(heading, 0, column)
        choices = target_choices()
        examples = incoming.examples
        for row, use in enumerate(self.columns, start=1):
            header = QLabel(use.header or _("(no header)"))
            header.setTextFormat(Qt.TextFormat.PlainText)
            value = examples[use.index] if use.index < len(examples) else ""
            example = QLabel(value.splitlines()[0] if value else "")
            example.setTextFormat(Qt.TextFormat.PlainText)
            example.setToolTip(value)
            italic = example.font()
            italic.setItalic(True)
            example.setFont(italic)
            # The value takes the room left and is cut there: the choices must stay in view.
            example.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            combo = QComboBox()
            items = choices if use.target in choices else [*choices, use.target]
            for target in items:
                combo.addItem(target_label(target), target)
            combo.setCurrentIndex(combo.findData(use.target))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)
            header.setBuddy(combo)
            combo.setAccessibleName(_("What column “{header}” becomes").format(header=use.header))
            combo.activated.connect(lambda _i, c=combo, u=use: self._chosen(u, c))
            self.grid.addWidget(header, row, 0)
            self.grid.addWidget(example, row, 1)
            self.grid.addWidget(combo, row, 2)
            self.combos.append(combo)
        self.grid.setColumnStretch(1, 1)
        self.grid.setRowStretch(len(self.columns) + 1, 1)
        chain_tab_order([*self.combos, self.load_button, self.save_button])

    def choose(self, header: str, target: str) -> None:
        """Make every column with this header become ``target`` (as picking it does)."""
        for use, combo in zip(self.columns, self.combos, strict=True):
            if use.header == header:
                combo.setCurrentIndex(combo.findData(target) if target else 0)
                self._chosen(use, combo)

    def _chosen(self, use: ColumnUse, combo: QComboBox) -> None:
        target = str(combo.currentData() or "")
        # The core maps by header: columns that share a header share a target.
        for other, other_combo in zip(self.columns, self.combos, strict=True):
            if other is not use and other.header == use.header:
                other_combo.setCurrentIndex(combo.currentIndex())
        self._wizard.choose_target(use.header, target)

    def current_columns(self) -> list[ColumnUse]:
        return [
            ColumnUse(use.index, use.header, str(combo.currentData() or ""), False)
            for use, combo in zip(self.columns, self.combos, strict=True)
        ]

    def load(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Use a saved matching"), self._wizard.folder(), _("Column matchings (*.json)")
        )
        if path:
            self.load_from(Path(path))

    def load_from(self, path: Path) -> None:
        """Use a matching saved before (``smwg import --mapping`` reads the same file)."""
        self.error.show_reason("")
        try:
            saved = load_mapping(path)
        except UserError as error:
            self.error.show_reason(said(error))
            return
        used = 0
        for use, combo in zip(self.columns, self.combos, strict=True):
            if use.header in saved:
                target = saved[use.header]
                target = "" if target == "ignore" else target
                if combo.findData(target) < 0:
                    combo.addItem(target_label(target), target)
                combo.setCurrentIndex(combo.findData(target))
                self._wizard.choose_target(use.header, target)
                used += 1
        if used:
            self.message.setText(ngettext(
                "The saved matching set {n} column.", "The saved matching set {n} columns.", used
            ).format(n=used))
        else:
            self.error.show_reason(
                _("None of the columns in {name} are in this file.").format(name=path.name)
            )

    def save(self) -> None:
        suggested = str(Path(self._wizard.folder()) / "column-matching.json")
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save this matching"), suggested, _("Column matchings (*.json)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        self.error.show_reason("")
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        try:
            save_mapping(path, self.current_columns())
        except UserError as error:
            self.error.show_reason(said(error))
            return
        self.message.setText(
            _("Saved as {path}. Use it next time, here or with: smwg import --mapping").format(
                path=path
            )
        )


class PreviewPage(QWizardPage):
    """The dry run: every row with what the import would do, before anything is written."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Preview: nothing is written yet"))
        self.setSubTitle(
            _("What importing the file would do, row by row. A row with the e-mail, phone "
              "or a name like a record's is merged into it; keep it separate if it is not.")
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.progress = _progress(_("Checking the rows"))
        self.summary = _wrapped()
        self.model = PlanModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(PlanModel.ACTION_ROLE)
        self.view = _table(_("Rows of the file"))
        self.view.setModel(self.proxy)
        self.show_combo = QComboBox()
        self.show_combo.addItem(_("All rows"), "")
        for action in ACTION_ORDER:
            self.show_combo.addItem(_(ACTION_LABELS[action]), action.value)
        show_label = QLabel(_("Sho&w:"))
        tie(show_label, self.show_combo)
        self.separate_button = QPushButton(_("&Keep separate"))
        self.separate_button.setToolTip(
            _("Import this row as a new record instead of merging it into the one proposed.")
        )
        self.details = _wrapped()
        self.details.setAccessibleName(_("What the row chosen would do"))
        self.skip_box = QCheckBox(_("Import the other rows and &skip the refused ones"))
        self.explain = ErrorLabel()
        self.note = _wrapped()
        self.note.hide()
        self.error = ErrorLabel()
        tools = QHBoxLayout()
        tools.addWidget(show_label)
        tools.addWidget(self.show_combo)
        tools.addStretch(1)
        tools.addWidget(self.separate_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.skip_box)
        layout.addWidget(self.explain)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        self.show_combo.currentIndexChanged.connect(self._show_changed)
        self.separate_button.clicked.connect(self.toggle_separate)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.skip_box.toggled.connect(self._skip_toggled)
        chain_tab_order([self.show_combo, self.separate_button, self.view, self.skip_box])
        self._update_buttons()

    def _show_changed(self, _index: int) -> None:
        """Show the rows of one result only (or all)."""
        wanted = str(self.show_combo.currentData() or "")
        self.proxy.setFilterRegularExpression(f"^{wanted}$" if wanted else "")

    def initializePage(self) -> None:
        self.skip_box.setChecked(self._wizard.skip_bad_rows)
        self.error.show_reason("")
        self._wizard.start_dry_run()

    def cleanupPage(self) -> None:
        self._wizard.stop_work()

    def show_running(self, text: str, total: int) -> None:
        self.model.set_plan(None)
        self.summary.setText(text)
        self.skip_box.hide()
        self.note.hide()
        self.explain.show_reason("")
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress.show()
        self.completeChanged.emit()
        self._update_buttons()

    def show_progress(self, done: int) -> None:
        self.progress.setValue(done)
        self.summary.setText(
            _("Checking row {done} of {total}…").format(done=done, total=self.progress.maximum())
        )

    def show_plan(self, plan: Plan) -> None:
        self.progress.hide()
        self.model.declined = set(self._wizard.declined)
        self.model.set_plan(plan)
        text = plan_summary(plan)
        ignored = len(plan.ignored_columns)
        if ignored:
            text += " " + ngettext(
                "{n} column of the file is not imported.",
                "{n} columns of the file are not imported.",
                ignored,
            ).format(n=ignored)
        self.summary.setText(text)
        self.summary.setToolTip(
            _("Not imported: {names}").format(names=", ".join(plan.ignored_columns))
            if ignored else ""
        )
        self._explain()
        self.completeChanged.emit()
        self._update_buttons()

    def show_failure(self, message: str) -> None:
        self.progress.hide()
        self.summary.setText("")
        self.error.show_reason(message)
        self.completeChanged.emit()

    def _explain(self) -> None:
        plan = self._wizard.plan
        if plan is None:
            self.explain.show_reason("")
            self.note.hide()
            return
        refused = len(plan.refused)
        self.skip_box.setVisible(bool(refused))
        nothing = plan.changes_nothing and bool(plan.rows)
        self.note.setText(
            _("Nothing to import: every row is already in the directory.") if nothing else ""
        )
        self.note.setVisible(nothing)
        if refused and not self.skip_box.isChecked():
            self.explain.show_reason(ngettext(
                "{n} row cannot be imported, so nothing would be. Correct the file and choose "
                "it again, or tick the box above to import the other rows.",
                "{n} rows cannot be imported, so nothing would be. Correct the file and choose "
                "it again, or tick the box above to import the other rows.",
                refused,
            ).format(n=refused))
        else:
            self.explain.show_reason("")

    def _skip_toggled(self, checked: bool) -> None:
        self._wizard.skip_bad_rows = checked
        self._explain()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        plan = self._wizard.plan
        if plan is None or self._wizard.working:
            return False
        if plan.changes_nothing:
            return False
        return not plan.refused or self.skip_box.isChecked()

    def validatePage(self) -> bool:
        # The Import button is disabled then, but Enter or a program may still ask.
        return self.isComplete()

    def selected_row(self) -> RowPlan | None:
        index = self.view.currentIndex()
        if not index.isValid() or self._wizard.plan is None:
            return None
        return self.model.row_plan(self.proxy.mapToSource(index).row())

    def select_line(self, line: int) -> None:
        """Put the cursor on the row of the file's ``line`` (as a click does)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data() == str(line):
                self.view.setCurrentIndex(index)
                return

    def _update_buttons(self) -> None:
        row = self.selected_row()
        if row is None:
            self.details.setText("")
        elif row.action is Action.REFUSED:
            self.details.setText(_("Row {line} is refused: {reason}").format(
                line=row.line, reason=row.reason))
        else:
            lines = [step_text(s) for s in row_steps(row)] + [k for s in row.steps for k in s.kept]
            self.details.setText(_("Row {line}:").format(line=row.line) + "\n• "
                                 + "\n• ".join(lines))
        declined = row is not None and row.line in self._wizard.declined
        self.separate_button.setText(_("&Merge again") if declined else _("&Keep separate"))
        self.separate_button.setEnabled(
            not self._wizard.working
            and row is not None
            and (declined or row.action is Action.MERGE)
        )

    def toggle_separate(self) -> None:
        """Keep the selected row apart from the record proposed (or merge it again), and re-check."""
        row = self.selected_row()
        if row is None:
            return
        self._wizard.declined ^= {row.line}
        line = row.line
        self._wizard.start_dry_run(then=lambda: self.select_line(line))


class ResultPage(QWizardPage):
    """The import itself, with its progress, then what it did and the rows it did not import."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Import"))
        self.progress = _progress(_("Import progress"))
        self.summary = _wrapped()
        self.undo_hint = _wrapped()
        self.refused_label = QLabel(_("Rows not imported:"))
        self.refused_view = _table(_("Rows not imported"))
        self.refused_model = RefusedModel(self)
        self.refused_view.setModel(self.refused_model)
        self.save_button = QPushButton(_("&Save these rows…"))
        self.save_button.setToolTip(
            _("Write these rows as the file has them, with the reason beside each, to correct "
              "them and import them again.")
        )
        self.copy_button = QPushButton(_("&Copy the list"))
        self.message = _wrapped()
        self.error = ErrorLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.undo_hint)
        layout.addWidget(self.refused_label)
        layout.addWidget(self.refused_view, 100)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        # Takes the room when there is no table of refused rows, so the text stays on top.
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.copy_button.clicked.connect(self.copy)
        chain_tab_order([self.refused_view, self.save_button, self.copy_button])
        self.show_refused(())

    def initializePage(self) -> None:
        self._wizard.start_import()

    def show_running(self, total: int) -> None:
        self.setSubTitle(_("Importing {name}…").format(name=self._wizard.source_name))
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress.show()
        self.summary.setText("")

    def show_progress(self, done: int) -> None:
        self.progress.setValue(done)
        self.summary.setText(
            _("Importing row {done} of {total}…").format(done=done, total=self.progress.maximum())
        )

    def show_report(self, report: ImportReport, undoable: bool) -> None:
        self.progress.hide()
        self.setSubTitle(_("{name} is imported.").format(name=self._wizard.source_name))
        self.summary.setText(report_summary(report))
        self.undo_hint.setText(
            _("You can take the whole import back with Edit ▸ Undo.") if undoable else ""
        )
        self.show_refused(report.refused)
        self.completeChanged.emit()

    def show_failure(self, error: BaseException) -> None:
        self.progress.hide()
        self.setSubTitle(_("Nothing was imported."))
        self.summary.setText(error_text(error))
        self.show_refused(error.refused if isinstance(error, ImportRefused) else ())
        self.completeChanged.emit()

    def show_refused(self, refused: Sequence[tuple[int, str]]) -> None:
        self.refused = tuple(refused)
        self.refused_model.set_rows(self.refused)
        for widget in (self.refused_label, self.refused_view, self.save_button, self.copy_button):
            widget.setVisible(bool(self.refused))

    def isComplete(self) -> bool:
        return not self._wizard.working

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(refused_text(self.refused))
        self.message.setText(_("The list is copied: paste it anywhere."))

    def save(self) -> None:
        source = self._wizard.path
        assert source is not None
        suggested = Path(self._wizard.folder()) / (
            source.stem + _("-not-imported") + refused_suffix(source)
        )
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the rows not imported"),
                                                    str(suggested))
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        source = self._wizard.path
        assert source is not None
        self.error.show_reason("")
        try:
            written = refused_rows_file(source, self.refused, path)
        except UserError as error:
            self.error.show_reason(said(error))
            return
        self.message.setText(ngettext(
            "Wrote {n} row to {path}.", "Wrote {n} rows to {path}.", written
        ).format(n=written, path=path))


class RefusedModel(QAbstractTableModel):
    """The rows an import refused: the file's line and the core's reason."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[tuple[int, str], ...] = ()
        self._headers = (_("Row"), _("Why it was not imported"))

    def set_rows(self, rows: Sequence[tuple[int, str]]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        line, reason = self._rows[index.row()]
        return str(line) if index.column() == 0 else reason

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


# The wizard


class ImportWizard(QWizard):
    """File ▸ Import…: file, columns, preview (the dry run), import and its result.

    ``imported`` is emitted after an import that wrote something; the import is
    then on the undo stack ``edits`` serves.
    """

    FILE, COLUMNS, PREVIEW, RESULT = range(4)
    imported = Signal()

    def __init__(
        self,
        directory: Directory,
        edits: ImportEdits,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.edits = edits
        self.settings = settings
        self.setWindowTitle(_("Import"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.path: Path | None = None
        self.incoming: Incoming | None = None
        self.read_mapping: dict[str, str] = {}
        """The matching the file was last read with."""
        self.mapping: dict[str, str] = {}
        """Header to target, as the person set them on the columns page."""
        self.declined: set[int] = set()
        self.skip_bad_rows = False
        self.plan: Plan | None = None
        self.report: ImportReport | None = None
        self._task: Task | None = None
        self._started: list[Task] = []
        """Every task started and not yet seen to end, the stopped ones included."""
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        self.setPage(self.FILE, self.file_page)
        self.setPage(self.COLUMNS, self.columns_page)
        self.setPage(self.PREVIEW, self.preview_page)
        self.setPage(self.RESULT, self.result_page)
        self.finished.connect(lambda _result: self.stop_work(wait=True))
        if parent is not None:
            close_with_window(self, parent)
        # Measured in the font, so it fits translated text at any scale.
        metrics = self.fontMetrics()
        self.resize(metrics.horizontalAdvance("M") * 56, metrics.height() * 34)

    # State

    @property
    def source_name(self) -> str:
        return self.path.name if self.path is not None else ""

    @property
    def working(self) -> bool:
        """Reading, checking or importing: the pages wait."""
        return self._task is not None

    def folder(self) -> str:
        if self.settings is None:
            return ""
        return str(self.settings.value(FOLDER_KEY, "") or "")

    def forget_file(self) -> None:
        """The file name changed: what was read from the old one no longer counts."""
        self.stop_work()
        self.path = None
        self.incoming = None
        self.read_mapping = {}
        self.mapping = {}
        self.declined = set()
        self.plan = None

    def choose_target(self, header: str, target: str) -> None:
        """A column's target, as the person set it (checked again on the preview)."""
        self.mapping[header] = target or "ignore"

    # Background work

    def _start(
        self,
        work: Work,
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        progressed: Callable[[int, int], None] | None = None,
    ) -> None:
        """Run ``work`` as a task; its signals count only while it is the wizard's current one."""
        self.stop_work()
        task = Task(self)
        self._task = task
        self._started = [t for t in self._started if t.running] + [task]

        def on_progress(_what: str, count: int, total: int) -> None:
            if self._task is task and progressed is not None:
                progressed(count, total)

        def on_success(result: object) -> None:
            if self._task is task:
                self._task = None
                done(result)

        def on_failure(error: BaseException) -> None:
            if self._task is task:
                self._task = None
                failed(error)

        task.progress.connect(on_progress)
        task.succeeded.connect(on_success)
        task.failed.connect(on_failure)
        run_task(self.directory, work, task)

    def stop_work(self, *, wait: bool = False) -> None:
        """Stop the reading, dry run or import under way; an import stopped writes nothing.

        With ``wait``, return only once every task of the wizard has ended (an import
        rolled back, each task's connection closed): the data may close next.
        """
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
        if wait:
            for started in self._started:
                started.done.wait()
            self._started = []

    def read(
        self,
        path: Path,
        done: Callable[[Incoming], None],
        failed: Callable[[str], None],
        mapping: Mapping[str, str] | None = None,
    ) -> None:
        """Read ``path`` in the background; ``done`` or ``failed`` (with a sentence) follows."""
        self.path = path
        wanted = dict(mapping or {})

        def work(_own: Directory, _progress: Progress) -> Incoming:
            return read_file(path, wanted or None)

        def read(incoming: Incoming) -> None:
            if self.settings is not None:
                self.settings.setValue(FOLDER_KEY, str(path.parent))
            self.incoming = incoming
            self.read_mapping = wanted
            done(incoming)

        self._start(work, cast(Callable[[Any], None], read), lambda e: failed(error_text(e)))

    # The dry run and the import

    def start_dry_run(self, then: Callable[[], None] | None = None) -> None:
        """Read the file again if its matching changed, then plan it; the preview shows progress."""
        self.stop_work()
        self.plan = None
        page = self.preview_page
        assert self.path is not None and self.incoming is not None
        wanted = self.mapping if self.incoming.format != "vcard" else {}
        if wanted != self.read_mapping:
            page.show_running(_("Reading {name} again with its columns as matched…").format(
                name=self.source_name), 0)
            page.progress.setRange(0, 0)
            self.read(self.path, lambda _incoming: self.start_dry_run(then),
                      page.show_failure, mapping=wanted)
            return
        incoming, declined = self.incoming, frozenset(self.declined)
        page.show_running(_("Checking the rows…"), len(incoming.rows))

        def work(own: Directory, progress: Progress) -> Plan:
            steps = planning(own, incoming, declined=declined)
            return run_steps(steps, progress, "plan", len(incoming.rows))

        def planned(plan: Plan) -> None:
            self.plan = plan
            page.show_plan(plan)
            if then is not None:
                then()

        self._start(work, cast(Callable[[Any], None], planned),
                    lambda e: page.show_failure(error_text(e)),
                    lambda count, _total: page.show_progress(count))

    def start_import(self) -> None:
        """Carry out the plan previewed, in one transaction; the result page shows progress."""
        plan = self.plan
        assert plan is not None
        page = self.result_page
        command = ImportCommand(
            self.edits,
            plan,
            skip_bad_rows=self.skip_bad_rows,
            text=_("Import “{name}”").format(name=self.source_name),
        )
        page.show_running(len(plan.rows))
        # Cancel stays while the import runs (it stops it); Finish alone once it is done.
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)

        def work(own: Directory, progress: Progress) -> ImportReport:
            return run_steps(command.steps(own), progress, "import", len(plan.rows))

        def failed(error: BaseException) -> None:
            self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
            page.show_failure(error)

        self._start(work, lambda report: self._imported(command, report), failed,
                    lambda count, _total: page.show_progress(count))

    def _imported(self, command: ImportCommand, report: ImportReport) -> None:
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.report = report
        pushed = self.edits.push_done(command)
        self.result_page.show_report(report, pushed)
        if pushed:
            self.imported.emit()

    @property
    def importing(self) -> bool:
        return self.currentId() == self.RESULT and self.working

    def reject(self) -> None:
        """Cancel (or Escape, or closing the window): an import under way asks first."""
        if self.importing:
            stop = ask(
                self,
                _("Stop the import?"),
                _("Stop importing {name}? Nothing of it will be imported.").format(
                    name=self.source_name
                ),
            )
            if not stop or not self.importing:
                return
        self.stop_work(wait=True)
        super().reject()


def run_import_wizard(
    directory: Directory,
    edits: ImportEdits,
    parent: QWidget,
    *,
    settings: QSettings | None = None,
    on_imported: Callable[[], None] | None = None,
) -> None:
    """Show the wizard as a modal dialog (File ▸ Import…), until it is closed."""
    wizard = ImportWizard(directory, edits, parent, settings=settings)
    if on_imported is not None:
        wizard.imported.connect(on_imported)
    wizard.exec()
    wizard.deleteLater()
