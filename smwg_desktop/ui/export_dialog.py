"""File ▸ Export… on the Organisations and People screens: what the list shows, as consent allows.

The records are exactly those the screen's search and filters show
(``interop.export.shown_on_screen``), written by the same core functions as
``smwg export``. Consent decides what leaves, as for printing: records at risk or
not listed are left out, and of the others only the fields they consented to are
written. Including the former is a deliberate choice for one file, behind a
warning and a question whose default answer is No.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.browse import BrowseFilter
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import Person, Record
from smwg_desktop.i18n import _, ngettext
from smwg_desktop.interop.export import ExportSummary, entries, export_file, shown_on_screen
from smwg_desktop.ui import labels
from smwg_desktop.ui.dialogs import ask
from smwg_desktop.ui.errors import show_exception
from smwg_desktop.ui.import_wizard import FOLDER_KEY, close_with_window
from smwg_desktop.ui.tasks import Progress, Task, run_task
from smwg_desktop.ui.widgets import ErrorLabel, tie

FORMAT_KEY = "interop/export_format"
FORMATS = (
    ("csv", ".csv", "CSV (*.csv)"),
    ("xlsx", ".xlsx", "Excel (*.xlsx)"),
    ("vcf", ".vcf", "vCard (*.vcf)"),
)
"""The formats offered: the name ``export_file`` takes, the extension, the file filter."""


def _format_label(fmt: str) -> str:
    return {
        "csv": _("CSV: any spreadsheet program"),
        "xlsx": _("Excel workbook (.xlsx)"),
        "vcf": _("vCard 4.0: address books and phones"),
    }[fmt]


class ExportDialog(QDialog):
    """Export the records a directory screen shows: format, file, and what consent allows.

    The file is written in the background (``ui.tasks``); ``task_finished`` follows.
    """

    task_finished = Signal()

    def __init__(
        self,
        directory: Directory,
        record_class: type[Record],
        wanted: BrowseFilter,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.settings = settings
        self.people = record_class is Person
        self.selection = shown_on_screen(directory, record_class, wanted)
        _found, self.preview = entries(directory, self.selection)
        self.summary: ExportSummary | None = None
        self.written_to: Path | None = None
        self._replace_agreed: Path | None = None
        self._task: Task | None = None
        self._writing = Path()
        self.setWindowTitle(_("Export people") if self.people else _("Export organisations"))
        if parent is not None:
            close_with_window(self, parent)

        self.intro = QLabel(self._intro(wanted))
        self.intro.setWordWrap(True)
        self.format_combo = QComboBox()
        for fmt, _suffix, _filter in FORMATS:
            self.format_combo.addItem(_format_label(fmt), fmt)
        self.path_edit = QLineEdit()
        self.choose_button = QPushButton(_("C&hoose…"))
        self.override_box = QCheckBox(
            _("&Include people at risk or not listed, with every field, in this file only")
            if self.people
            else _("&Include organisations at risk or not listed, with every field, in this file only")
        )
        self.warning = self._warning_frame()
        self.error = ErrorLabel()
        self.busy_label = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Export"))

        form = QFormLayout()
        format_label = QLabel(_("F&ormat:"))
        tie(format_label, self.format_combo)
        form.addRow(format_label, self.format_combo)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.choose_button)
        path_label = QLabel(_("&File:"))
        tie(path_label, self.path_edit)
        form.addRow(path_label, path_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        self.consent_label = QLabel(self._consent_text())
        self.consent_label.setWordWrap(True)
        layout.addWidget(self.consent_label)
        layout.addWidget(self.override_box)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        saved = str(settings.value(FORMAT_KEY, "csv") if settings is not None else "csv")
        self.format_combo.setCurrentIndex(max(self.format_combo.findData(saved), 0))
        self.path_edit.setText(str(self._folder() / (self._default_name() + self.suffix)))
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.choose_button.clicked.connect(self.choose)
        self.override_box.toggled.connect(self._override_toggled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)

    # What the dialog says

    def _intro(self, wanted: BrowseFilter) -> str:
        count = len(self.selection.person_ids or ()) if self.people else len(
            self.selection.organisation_ids or ()
        )
        if self.people:
            if wanted.is_empty:
                return ngettext("All {n} person in the directory, each with their organisations.",
                                "All {n} people in the directory, each with their organisations.",
                                count).format(n=count)
            return ngettext(
                "The {n} person the list shows now (with its search and filters), with their "
                "organisations.",
                "The {n} people the list shows now (with its search and filters), each with "
                "their organisations.",
                count,
            ).format(n=count)
        if wanted.is_empty:
            return ngettext("All {n} organisation in the directory.",
                            "All {n} organisations in the directory.", count).format(n=count)
        return ngettext(
            "The {n} organisation the list shows now (with its search and filters).",
            "The {n} organisations the list shows now (with its search and filters).",
            count,
        ).format(n=count)

    def _consent_text(self) -> str:
        text = _("Only what each record consented to is written, as in printed directories.")
        withheld = self.withheld
        if withheld:
            text += " " + (
                ngettext(
                    "{n} person is at risk or not listed, and is left out.",
                    "{n} people are at risk or not listed, and are left out.",
                    withheld,
                )
                if self.people
                else ngettext(
                    "{n} organisation is at risk or not listed, and is left out.",
                    "{n} organisations are at risk or not listed, and are left out.",
                    withheld,
                )
            ).format(n=withheld)
        return text

    @property
    def withheld(self) -> int:
        if self.people:
            return self.preview.withheld_people
        return self.preview.withheld_organisations

    def _warning_frame(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("exportWarning")
        # Dark text on a pale red, as the at-risk banner: readable on light and dark themes.
        frame.setStyleSheet(
            "#exportWarning { background: #fdecea; border: 1px solid #c62828; border-radius: 3px; }"
            "#exportWarning QLabel { color: #7f0000; background: transparent; }"
        )
        text = QLabel(
            _("These are human-rights defenders who may face repression. Anyone who gets this "
              "file can read everything in it, their contacts included. Keep it on an encrypted "
              "disk, give it only to who must have it, and delete it when it has served.")
        )
        text.setWordWrap(True)
        font = text.font()
        font.setBold(True)
        text.setFont(font)
        row = QVBoxLayout(frame)
        row.addWidget(text)
        frame.setAccessibleName(_("Warning"))
        frame.hide()
        return frame

    def _override_toggled(self, checked: bool) -> None:
        self.warning.setVisible(checked)
        # A window does not grow for wrapped text by itself: make room for the warning.
        layout = self.layout()
        assert layout is not None
        layout.activate()
        height = layout.totalHeightForWidth(self.width())
        if height > self.height():
            self.resize(self.width(), height)

    # Format and file

    @property
    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    @property
    def suffix(self) -> str:
        return next(suffix for fmt, suffix, _f in FORMATS if fmt == self.fmt)

    def _default_name(self) -> str:
        return _("people") if self.people else _("organisations")

    def _folder(self) -> Path:
        folder = str(self.settings.value(FOLDER_KEY, "") or "") if self.settings is not None else ""
        return Path(folder) if folder else Path.home()

    def _format_changed(self, _index: int) -> None:
        text = self.path_edit.text().strip()
        if text:
            path = Path(text)
            known = {suffix for _fmt, suffix, _f in FORMATS}
            if path.suffix.lower() in known:
                self.path_edit.setText(str(path.with_suffix(self.suffix)))

    def choose(self) -> None:
        chosen = next(f for fmt, _s, f in FORMATS if fmt == self.fmt)
        path, _filter = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path_edit.text(), chosen
        )
        if path:
            self.path_edit.setText(path)
            # The file dialog has asked already whether to replace it.
            self._replace_agreed = self.target()

    def target(self) -> Path:
        """The file to write, with the format's extension added when it has none."""
        path = Path(self.path_edit.text().strip()).expanduser()
        if path.suffix.lower() != self.suffix:
            path = path.with_name(path.name + self.suffix)
        return path

    # Writing

    def accept(self) -> None:
        self.error.show_reason("")
        if not self.path_edit.text().strip():
            self.error.show_reason(_("Choose the file to write."))
            self.path_edit.setFocus()
            return
        path = self.target()
        override = self.override_box.isChecked()
        if override and not self._confirm_override():
            return
        if path.exists() and path != self._replace_agreed and not self._confirm_replace(path):
            return
        fmt, selection = self.fmt, self.selection

        def work(directory: Directory, progress: Progress) -> ExportSummary:
            progress(_("Writing the file"), 0, 1)
            return export_file(directory, fmt, path, selection, override=override)

        self._writing = path
        task = Task(self)
        task.succeeded.connect(self._written)
        task.failed.connect(self._failed)
        task.finished.connect(self._task_done)
        self._task = task
        self.buttons.setEnabled(False)
        self.busy_label.setText(_("Writing {name}…").format(name=path.name))
        run_task(self.directory, work, task)

    @property
    def busy(self) -> bool:
        """True while the file is being written in the background."""
        return self._task is not None

    def _written(self, summary: ExportSummary) -> None:
        path = self._writing
        self.summary, self.written_to = summary, path
        if self.settings is not None:
            self.settings.setValue(FOLDER_KEY, str(path.parent))
            self.settings.setValue(FORMAT_KEY, self.fmt)
        QMessageBox.information(self, self.windowTitle(), self.report(summary, path))
        QDialog.accept(self)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.error.show_reason(labels.user_message(error))
        else:
            show_exception(error, self)

    def _task_done(self) -> None:
        self._task = None
        self.buttons.setEnabled(True)
        self.busy_label.setText("")
        self.task_finished.emit()

    def reject(self) -> None:
        # The file is being written: it ends whole or not at all, so wait for it.
        if self._task is None or not self._task.running:
            super().reject()

    def _confirm_override(self) -> bool:
        return ask(
            self,
            _("Include records at risk?"),
            _("Write the records at risk or not listed, with every field whatever their consent, "
              "to {name}? Anyone who gets the file can read them.").format(name=self.target().name),
        )

    def _confirm_replace(self, path: Path) -> bool:
        return ask(
            self,
            _("Replace the file?"),
            _("{name} already exists. Replace it?").format(name=path.name),
        )

    def report(self, summary: ExportSummary, path: Path) -> str:
        """What was written, in a sentence or two."""
        if self.people:
            text = ngettext("Wrote {n} person to {path}.", "Wrote {n} people to {path}.",
                            summary.people).format(n=summary.people, path=path)
            withheld = summary.withheld_people
        else:
            text = ngettext("Wrote {n} organisation to {path}.",
                            "Wrote {n} organisations to {path}.",
                            summary.organisations).format(n=summary.organisations, path=path)
            withheld = summary.withheld_organisations
        if withheld:
            text += " " + ngettext("{n} at risk or not listed was left out.",
                                   "{n} at risk or not listed were left out.",
                                   withheld).format(n=withheld)
        if summary.overridden:
            text += " " + _("It holds records at risk or not listed: keep it safe.")
        return text


def run_export_dialog(
    directory: Directory,
    record_class: type[Record],
    wanted: BrowseFilter,
    parent: QWidget,
    *,
    settings: QSettings | None = None,
) -> None:
    """Show the export dialog for a screen's current list, until it is closed."""
    dialog = ExportDialog(directory, record_class, wanted, parent, settings=settings)
    dialog.exec()
    dialog.deleteLater()
