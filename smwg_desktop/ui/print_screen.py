"""The print screen: choose a document and its options, preview it, save it or print it.

Every document is written by its function in ``smwg_desktop.reports``; the preview
is that same PDF, written to a temporary folder the screen owns (removed when the
screen closes) and shown with Qt PDF, so what is seen is what is saved and printed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import Activity, Proposal
from smwg_desktop.i18n import LANGUAGES, N_, _, current_language
from smwg_desktop.ui.dialogs import show_refusal
from smwg_desktop.ui.errors import show_exception
from smwg_desktop.ui.preferences import LANGUAGE_NAMES, PAPERS, paper
from smwg_desktop.ui.tasks import Progress, Task, Work, run_task, wait_for_tasks

DOCUMENTS: dict[str, str] = {
    "directory": N_("Member directory"),
    "agenda": N_("Agenda"),
    "signin": N_("Sign-in sheet"),
    "badges": N_("Name badges"),
    "review": N_("Review status report"),
    "outreach": N_("Outreach summary"),
}
MEETING_DOCUMENTS = ("agenda", "signin", "badges")
GROUPED_DOCUMENTS = ("directory",)
"""Documents that take the grouping and the prospects option."""
GROUPING_NAMES: dict[str, str] = {
    "region": N_("Region, then country"),
    "country": N_("Country"),
    "constituency": N_("Constituency"),
}
"""The groupings ``reports.directory.GROUPINGS`` offers, in its order, with their names."""
PRINT_DPI = 300
POINTS_PER_INCH = 72


class PrintScreen(QWidget):
    """Documents to print: the member directory and each activity's meeting papers."""

    task_finished = Signal()
    """After a document was written (or refused) in the background."""

    def __init__(
        self,
        directory: Directory,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.settings = settings
        self._paper_setting: str | None = None
        # Made at the first preview, so a screen never used leaves nothing behind.
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._previews = 0
        self._buffer: QBuffer | None = None
        self.preview_path: Path | None = None
        self._task: Task | None = None
        self._then: Callable[[Path], None] = self._saved
        self._print_after_preview = False

        self.document_box = QComboBox()
        for key, title in DOCUMENTS.items():
            self.document_box.addItem(_(title), key)
        self.activity_box = QComboBox()
        # Long activity titles must not push the preview aside: they elide instead.
        self.activity_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.activity_box.setMinimumContentsLength(24)
        self.proposal_box = QComboBox()
        self.proposal_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.proposal_box.setMinimumContentsLength(24)
        self.language_box = QComboBox()
        for code in LANGUAGES:
            self.language_box.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language_box.setCurrentIndex(self.language_box.findData(current_language()))
        self.paper_box = QComboBox()
        for code, name in PAPERS.items():
            self.paper_box.addItem(_(name), code)
        self.group_box = QComboBox()
        for code, name in GROUPING_NAMES.items():
            self.group_box.addItem(_(name), code)
        self.prospects_check = QCheckBox(_("Include prospects and former members"))
        self.closed_check = QCheckBox(_("Closed meeting: print everything, whatever consent says"))
        self.closed_warning = QLabel(
            _(
                "Warning: with this on, people at risk and people who asked not to be listed "
                "are printed with every field. Use it only for a closed meeting, and say so on "
                "the document (it will)."
            )
        )
        self.closed_warning.setWordWrap(True)
        self.closed_warning.setVisible(False)
        self.closed_check.toggled.connect(self.closed_warning.setVisible)

        form = QFormLayout()
        for text, field in (
            (_("&Document:"), self.document_box),
            (_("&Activity:"), self.activity_box),
            (_("P&roposal:"), self.proposal_box),
            (_("&Language:"), self.language_box),
            (_("&Paper:"), self.paper_box),
            (_("&Group by:"), self.group_box),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            field.setAccessibleName(text.replace("&", "").rstrip(": "))
            form.addRow(label, field)
        form.addRow(self.prospects_check)
        form.addRow(self.closed_check)
        form.addRow(self.closed_warning)

        self.preview_button = QPushButton(_("Preview"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton(_("Save as…"))
        self.save_button.clicked.connect(self.save_as)
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(self.print_document)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        options = QGroupBox(_("Document"))
        options_layout = QVBoxLayout(options)
        options_layout.addLayout(form)
        options_layout.addLayout(buttons)
        options_layout.addWidget(self.status_label)
        options_layout.addStretch()

        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setAccessibleName(_("Preview"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)

        layout = QHBoxLayout(self)
        layout.addWidget(options)
        layout.addWidget(self.view, 1)

        for first, second in (
            (self.document_box, self.activity_box),
            (self.activity_box, self.proposal_box),
            (self.proposal_box, self.language_box),
            (self.language_box, self.paper_box),
            (self.paper_box, self.group_box),
            (self.group_box, self.prospects_check),
            (self.prospects_check, self.closed_check),
            (self.closed_check, self.preview_button),
            (self.preview_button, self.save_button),
            (self.save_button, self.print_button),
        ):
            QWidget.setTabOrder(first, second)
        self.document_box.currentIndexChanged.connect(self._update_fields)
        self.refresh()

    # Choices

    @property
    def document(self) -> str:
        return str(self.document_box.currentData())

    def choose_document(self, key: str) -> None:
        self.document_box.setCurrentIndex(self.document_box.findData(key))

    def refresh(self) -> None:
        """Read the activities again, keeping the one chosen if it is still there."""
        # The paper of the settings, when it is new; a choice made here stays otherwise.
        if self.settings is not None and paper(self.settings) != self._paper_setting:
            self._paper_setting = paper(self.settings)
            self.paper_box.setCurrentIndex(self.paper_box.findData(self._paper_setting))
        chosen = self.activity_box.currentData()
        self.activity_box.clear()
        for activity in self.directory.list(Activity):
            when = activity.start.date().isoformat() if activity.start is not None else ""
            self.activity_box.addItem(
                f"{activity.title} ({when})" if when else activity.title, activity.id
            )
        index = self.activity_box.findData(chosen)
        if index >= 0:
            self.activity_box.setCurrentIndex(index)
        chosen_proposal = self.proposal_box.currentData()
        self.proposal_box.clear()
        for proposal in self.directory.list(Proposal):
            self.proposal_box.addItem(proposal.title, proposal.id)
        index = self.proposal_box.findData(chosen_proposal)
        if index >= 0:
            self.proposal_box.setCurrentIndex(index)
        self._update_fields()

    def _update_fields(self, *_args: object, keep_status: bool = False) -> None:
        meeting = self.document in MEETING_DOCUMENTS
        review = self.document == "review"
        self.activity_box.setEnabled(meeting)
        self.proposal_box.setEnabled(review)
        self.group_box.setEnabled(self.document in GROUPED_DOCUMENTS)
        self.prospects_check.setEnabled(self.document in GROUPED_DOCUMENTS)
        missing = ""
        if meeting and self.activity_box.count() == 0:
            missing = _("There is no activity yet: add one on the Activities screen first.")
        elif review and self.proposal_box.count() == 0:
            missing = _("There is no proposal yet: add one on the Proposals screen first.")
        for button in (self.preview_button, self.save_button, self.print_button):
            button.setEnabled(not missing and self._task is None)
        if missing or not keep_status:
            self.status_label.setText(missing)

    # Writing

    @property
    def busy(self) -> bool:
        """True while a document is being written in the background."""
        return self._task is not None

    def _work(self, path: Path) -> Work | None:
        """The chosen document as background work; None (after a message) if it cannot be."""
        lang = str(self.language_box.currentData())
        paper = str(self.paper_box.currentData())
        closed = self.closed_check.isChecked()
        document = self.document
        group_by = str(self.group_box.currentData())
        prospects = self.prospects_check.isChecked()
        activity = self.activity_box.currentData()
        proposal = self.proposal_box.currentData()
        if document in MEETING_DOCUMENTS and activity is None:
            QMessageBox.information(self, _("Activity needed"), _("Choose an activity first."))
            return None
        if document == "review" and proposal is None:
            QMessageBox.information(self, _("Proposal needed"), _("Choose a proposal first."))
            return None

        def work(directory: Directory, progress: Progress) -> Path:
            # The PDF engine loads on the first document, not with the window: that
            # costs a third of a second that the first rows of the window need.
            from smwg_desktop.reports.agenda import write_agenda
            from smwg_desktop.reports.badges import write_badges
            from smwg_desktop.reports.directory import write_directory
            from smwg_desktop.reports.outreach import write_outreach
            from smwg_desktop.reports.review import write_review
            from smwg_desktop.reports.signin import write_signin

            progress(_("Writing the document"), 0, 1)
            try:
                if document == "directory":
                    write_directory(
                        directory, path, lang=lang, paper=paper, group_by=group_by,
                        include_prospects=prospects, closed_meeting=closed,
                    )
                elif document == "review":
                    write_review(
                        directory, str(proposal), path, lang=lang, paper=paper,
                        closed_meeting=closed,
                    )
                elif document == "outreach":
                    write_outreach(directory, path, lang=lang, paper=paper, closed_meeting=closed)
                else:
                    writer = {"agenda": write_agenda, "signin": write_signin, "badges": write_badges}
                    writer[document](
                        directory, str(activity), path, lang=lang, paper=paper,
                        closed_meeting=closed,
                    )
            except OSError as error:
                raise UserError(
                    _("cannot write {path}: {why}").format(path=path, why=error.strerror)
                ) from None
            return path

        return work

    def _write(self, path: Path, then: Callable[[Path], None]) -> bool:
        """Write the document in the background, then ``then(path)``; False if not started."""
        if self._task is not None:
            return False
        work = self._work(path)
        if work is None:
            return False
        self._then = then
        task = Task(self)
        task.succeeded.connect(self._written)
        task.failed.connect(self._failed)
        task.finished.connect(self._task_done)
        self._task = task
        for button in (self.preview_button, self.save_button, self.print_button):
            button.setEnabled(False)
        self.status_label.setText(_("Writing the document…"))
        run_task(self.directory, work, task)
        return True

    def _written(self, path: Path) -> None:
        self._then(path)

    def _failed(self, error: BaseException) -> None:
        self.status_label.setText("")
        if isinstance(error, UserError):
            show_refusal(self, error)
        else:
            show_exception(error, self)

    def _task_done(self) -> None:
        self._task = None
        self._update_fields(keep_status=True)
        self.task_finished.emit()

    def preview(self) -> bool:
        """Write the document to the screen's temporary folder, then show it."""
        if self._scratch is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="smwg-preview-")
            # A screen inside the window gets no closeEvent: remove the folder when it goes.
            self.destroyed.connect(self._scratch.cleanup)
        self._previews += 1
        return self._write(Path(self._scratch.name) / f"preview-{self._previews}.pdf", self._show)

    def _show(self, path: Path) -> None:
        self.pdf.close()
        if self.preview_path is not None:
            self.preview_path.unlink(missing_ok=True)
        self.preview_path = path
        # Read from memory, so no open file keeps the temporary folder (on Windows).
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(path.read_bytes()))
        self._buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)
        if self.pdf.status() != QPdfDocument.Status.Ready:
            self.status_label.setText("")
            QMessageBox.warning(self, _("Not done"), _("The preview could not be shown."))
            return
        self.status_label.setText(_("{n} pages.").format(n=self.pdf.pageCount()))
        if self._print_after_preview:
            self._print_after_preview = False
            self._open_print_dialog()

    def save_as(self) -> None:
        name = f"{self.document}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as"), name, _("PDF documents (*.pdf)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the document to ``path`` in the background; False if it could not start."""
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return self._write(path, self._saved)

    def _saved(self, path: Path) -> None:
        self.status_label.setText(_("Saved to {path}.").format(path=path))

    # Printing

    def print_document(self) -> None:
        """Print the previewed document, previewing it first if there is none yet."""
        if self.pdf.status() != QPdfDocument.Status.Ready:
            self._print_after_preview = self.preview()
            return
        self._open_print_dialog()

    def _open_print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Render the previewed pages on ``printer``; returns how many were printed."""
        pages = self.pdf.pageCount()
        painter = QPainter()
        if pages == 0 or not painter.begin(printer):
            return 0
        try:
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            for page in range(pages):
                if page:
                    printer.newPage()
                points = self.pdf.pagePointSize(page)
                scale = min(
                    PRINT_DPI / POINTS_PER_INCH,
                    area.width() / points.width(),
                    area.height() / points.height(),
                )
                size = QSize(round(points.width() * scale), round(points.height() * scale))
                image = self.pdf.render(page, size)
                fit = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(0, 0, fit.width(), fit.height()), image)
        finally:
            painter.end()
        return pages

    # Closing

    def cleanup(self) -> None:
        """Close the preview and remove the temporary folder."""
        if self._task is not None:
            wait_for_tasks(cancel=False)
        self.pdf.close()
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None
        self.preview_path = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cleanup()
        super().closeEvent(event)
