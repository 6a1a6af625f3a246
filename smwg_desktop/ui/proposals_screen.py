"""The Proposals screen: concept notes, and each one's review by the working groups.

A list of proposals on the left; on the right the one chosen: how its review
stands ("5 of 7 working groups answered; ..."), the deadline, the working groups
that have not answered (in red), the grid of answers by working group with each
answer recorded in one action, the comments of the answer chosen, the note's own
fields and its versions. Every edit is one undoable command through the same core
calls as ``smwg proposal ...``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QFont, QUndoStack
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import (
    PROPOSAL_STATUSES,
    Body,
    Organisation,
    Person,
    Proposal,
    Review,
    Revision,
)
from smwg_desktop.core.proposals import (
    ReviewLine,
    ReviewProgress,
    default_review_bodies,
    review_changes,
    review_progress,
    revisions,
)
from smwg_desktop.core.text import fold
from smwg_desktop.i18n import (
    PROPOSAL_STATUS_LABELS,
    REVIEW_STATE_LABELS,
    _,
    deadline_text,
    label,
    review_progress_text,
)
from smwg_desktop.ui import labels
from smwg_desktop.ui.commands import RecordEdits
from smwg_desktop.ui.dialogs import (
    EditDialog,
    PickerEditor,
    confirm_delete,
    show_refusal,
)
from smwg_desktop.ui.directory_screen import RecordTable, fit_columns, fit_rows, heading
from smwg_desktop.ui.forms import (
    ChecksEditor,
    ChoiceEditor,
    LineEditor,
    NotesEditor,
    hint_label,
)
from smwg_desktop.ui.governance_commands import SendForReviewCommand
from smwg_desktop.ui.models import ID_ROLE, Line, LinesModel
from smwg_desktop.ui.record_forms import RecordForm
from smwg_desktop.ui.widgets import SideBySide, chain_tab_order

WARNING = "#b3261e"
MISSING_BACKGROUND = "#fce8e6"
SOON_DAYS = 7
"""Within this many days of the deadline, with answers missing, the deadline turns red."""


def _date_editor(name: str) -> LineEditor:
    return LineEditor(name, labels.day, placeholder=_("YYYY-MM-DD"))


class ReviewGridModel(LinesModel):
    """The answers by working group: rows still waiting for an answer stand out."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < self.rowCount():
            waiting = not self.line(index.row()).extra.get("answered", True)
            if waiting and role == Qt.ItemDataRole.BackgroundRole:
                return QColor(MISSING_BACKGROUND)
            if waiting and role == Qt.ItemDataRole.ForegroundRole:
                return QColor(WARNING)
        return super().data(index, role)


class ProposalForm(RecordForm):
    """A proposal's own fields: title, status, deadline, summary."""

    def __init__(self, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(edits, Proposal, parent)
        self.title.hide()
        self.empty.setText(_("Choose a proposal in the list, or add one with File ▸ New."))
        rows = self.section(_("The note"))
        rows.add(LineEditor("title"), _("&Title"))
        rows.add(
            ChoiceEditor("status", [(s, label(PROPOSAL_STATUS_LABELS, s, _)) for s in PROPOSAL_STATUSES]),
            _("&Status"),
        )
        rows.add(_date_editor("deadline"), _("Review &deadline"))
        rows.add(NotesEditor("summary"), _("S&ummary"))
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.finish()

    def first_field(self) -> QWidget | None:
        editor = self.editor("title")
        return editor.focus_widget() if editor else None


def new_proposal_dialog(edits: RecordEdits, parent: QWidget | None = None) -> tuple[EditDialog, list[str]]:
    """The dialog that adds a proposal (a draft); the list receives the new id on OK."""
    dialog = EditDialog(_("New proposal"), parent)
    created: list[str] = []
    dialog.rows.add(LineEditor("title"), _("&Title"))
    dialog.rows.add(_date_editor("deadline"), _("Review &deadline"))
    dialog.rows.add(NotesEditor("summary"), _("S&ummary"))
    dialog.finish_layout()

    def submit() -> None:
        values = {n: dialog.value(n) for n in ("title", "deadline", "summary")}
        text = _("Add “{name}”").format(name=str(values["title"]).strip())
        created.append(edits.create(Proposal, values, text))

    dialog.submit = submit
    return dialog, created


class ProposalsScreen(QWidget):
    """Proposals on the left; the one chosen, its review grid and its versions on the right.

    Offers the window ``changed``, ``refresh``, ``focus_search``, ``new_record`` (a
    proposal), ``delete_selected`` (the proposal) and ``show_record``.
    """

    changed = Signal()
    open_requested = Signal(str, str)

    def __init__(
        self,
        directory: Directory,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.edits = RecordEdits(directory, undo_stack, self)
        self.today = today
        self._settings = settings
        self._proposal_id: str | None = None
        self.progress: ReviewProgress | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Find a proposal"))
        self.search.setAccessibleName(_("Find a proposal"))
        self.search.setClearButtonEnabled(True)
        self.proposals_model = LinesModel([_("Title"), _("Status"), _("Deadline"), _("Answers")], self)
        self.proposals_view = RecordTable(_("Proposals"))
        self.proposals_view.setModel(self.proposals_model)
        fit_columns(self.proposals_view, 0)
        self.new_button = QPushButton(_("&New proposal…"))

        self.heading = heading("")
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        font = QFont(self.progress_label.font())
        font.setBold(True)
        self.progress_label.setFont(font)
        self.progress_label.setAccessibleName(_("Progress of the review"))
        self.deadline_label = QLabel()
        self.deadline_label.setWordWrap(True)
        self.deadline_label.setAccessibleName(_("Deadline"))
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setAccessibleName(_("Working groups that have not answered"))
        self.missing_label.setStyleSheet(f"color: {WARNING}; font-weight: bold;")
        self.authors_label = QLabel()
        self.authors_label.setWordWrap(True)

        self.grid_model = ReviewGridModel(
            [_("Working group"), _("Answer"), _("Answered on"), _("Reviewer"), _("Version read")], self
        )
        self.grid_view = RecordTable(_("Answers by working group"))
        self.grid_view.setModel(self.grid_model)
        fit_columns(self.grid_view, 4)
        # As tall as its rows: every working group's answer in sight, no scrolling.
        self.grid_model.modelReset.connect(lambda: fit_rows(self.grid_view, 12))
        self.answer_buttons: dict[str, QPushButton] = {
            "endorsed": QPushButton(_("&Endorsed")),
            "commented": QPushButton(_("C&ommented")),
            "declined": QPushButton(_("&Declined")),
            "pending": QPushButton(_("Back to &pending")),
        }
        for state, button in self.answer_buttons.items():
            button.setToolTip(_("Record this answer for the working group chosen, dated today."))
            button.clicked.connect(lambda _checked=False, s=state: self.record_answer(s))
        self.edit_review_button = QPushButton(_("Comments and &reviewer…"))
        self.send_button = QPushButton(_("&Send for review…"))
        self.comments = QTextBrowser()
        self.comments.setAccessibleName(_("Comments of the answer chosen"))
        self.comments.setOpenLinks(False)
        comments_font = QFont(self.comments.font())
        comments_font.setPointSizeF(comments_font.pointSizeF() * 1.1)
        self.comments.setFont(comments_font)
        lines = self.comments.fontMetrics().lineSpacing()
        self.comments.setMinimumHeight(lines * 6)
        self.comments.setMaximumHeight(lines * 12)

        self.form = ProposalForm(self.edits)
        self.versions_model = LinesModel([_("Version"), _("Date"), _("Where it is kept")], self)
        self.versions_view = RecordTable(_("Versions of the note"))
        self.versions_view.setModel(self.versions_model)
        fit_columns(self.versions_view, 2)
        self.add_version_button = QPushButton(_("Add a &version…"))

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.proposals_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addStretch(1)
        column.addLayout(row)

        detail = QWidget()
        self.detail = detail
        right = QVBoxLayout(detail)
        right.addWidget(self.heading)
        right.addWidget(self.progress_label)
        right.addWidget(self.deadline_label)
        right.addWidget(self.missing_label)
        answers = QGroupBox(_("Answers by working group"))
        answers_layout = QVBoxLayout(answers)
        answers_layout.addWidget(self.grid_view)
        answers_layout.addWidget(hint_label(_(
            "Choose a working group, then record its answer with one button. Rows in red "
            "are still waiting for an answer."
        )))
        buttons = QHBoxLayout()
        for button in (*self.answer_buttons.values(), self.edit_review_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        answers_layout.addLayout(buttons)
        answers_layout.addWidget(self.comments)
        sending = QHBoxLayout()
        sending.addWidget(self.send_button)
        sending.addStretch(1)
        answers_layout.addLayout(sending)
        right.addWidget(answers)
        right.addWidget(self.authors_label)
        right.addWidget(self.form)
        versions = QGroupBox(_("Versions of the note"))
        versions_layout = QVBoxLayout(versions)
        versions_layout.addWidget(self.versions_view)
        version_row = QHBoxLayout()
        version_row.addWidget(self.add_version_button)
        version_row.addStretch(1)
        versions_layout.addLayout(version_row)
        right.addWidget(versions)
        right.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)
        self.empty = QLabel(_("Choose a proposal in the list, or add one with File ▸ New."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.empty)
        holder_layout.addWidget(scroll, 1)
        self.scroll = scroll

        self.splitter = SideBySide(left, holder, (2, 5), settings, "proposals_screen/splitter")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.search.textChanged.connect(lambda _text: self._show_list())
        self.proposals_view.selectionModel().currentRowChanged.connect(self._proposal_changed)
        self.proposals_view.delete_requested.connect(self.delete_selected)
        self.proposals_view.open_requested.connect(lambda: self.grid_view.setFocus())
        self.grid_view.selectionModel().selectionChanged.connect(lambda *_a: self._show_comments())
        self.grid_view.open_requested.connect(self.edit_review)
        self.new_button.clicked.connect(self.new_record)
        self.edit_review_button.clicked.connect(self.edit_review)
        self.send_button.clicked.connect(self.send_for_review)
        self.add_version_button.clicked.connect(self.add_version)
        self.edits.applied.connect(self._after_edit)
        self.edits.refused.connect(lambda text: show_refusal(self, UserError(text)))
        chain_tab_order([
            self.search, self.proposals_view, self.new_button, self.grid_view,
            *self.answer_buttons.values(), self.edit_review_button, self.comments,
            self.send_button,
        ])
        self._show_list()

    # The window's protocol

    @property
    def proposal_id(self) -> str | None:
        return self._proposal_id

    def refresh(self) -> None:
        self._show_list()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_record(self) -> None:
        dialog, created = new_proposal_dialog(self.edits)
        dialog.setParent(self.window(), Qt.WindowType.Dialog)
        dialog.exec()
        if created:
            self.show_record(created[0])

    def delete_selected(self) -> None:
        proposal = self.directory.find(Proposal, self._proposal_id) if self._proposal_id else None
        if proposal is None:
            return
        if confirm_delete(self.window(), proposal.title, self.directory.dependents(Proposal, proposal.id)):
            try:
                self.edits.delete(Proposal, proposal.id, _("Delete “{name}”").format(name=proposal.title))
            except UserError as error:
                show_refusal(self, error)

    def show_record(self, record_id: str) -> None:
        self.search.clear()
        row = self.proposals_model.row_of(record_id)
        if row is not None:
            self.proposals_view.selectRow(row)

    def save_layout(self) -> None:
        self.splitter.remember()

    # Showing

    def _show_list(self) -> None:
        wanted = fold(self.search.text().strip())
        today = self.today()
        lines = []
        for proposal in self.directory.list(Proposal):
            if wanted and wanted not in fold(proposal.title):
                continue
            progress = review_progress(self.directory, proposal.id, today)
            lines.append(Line(
                proposal.id,
                (
                    proposal.title,
                    label(PROPOSAL_STATUS_LABELS, proposal.status, _),
                    labels.day(proposal.deadline),
                    _("{answered} of {total}").format(answered=progress.answered, total=progress.total),
                ),
                tooltip=review_progress_text(progress) if progress.total else "",
                strong=progress.overdue,
            ))
        selection = self.proposals_view.selectionModel()
        selection.blockSignals(True)
        self.proposals_model.set_lines(lines)
        row = self.proposals_model.row_of(self._proposal_id) if self._proposal_id else None
        if row is None and lines and not wanted:
            row = 0
        if row is not None:
            self.proposals_view.selectRow(row)
            self._proposal_id = lines[row].id
        else:
            self._proposal_id = None
        selection.blockSignals(False)
        self._show_proposal()

    def _proposal_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._proposal_id = str(current.data(ID_ROLE)) if current.isValid() else None
        self._show_proposal()

    def _show_proposal(self) -> None:
        proposal = self.directory.find(Proposal, self._proposal_id) if self._proposal_id else None
        self.empty.setVisible(proposal is None)
        self.scroll.setVisible(proposal is not None)
        self.form.load(proposal.id if proposal else None)
        if proposal is None:
            self.progress = None
            self.grid_model.set_lines([])
            self.versions_model.set_lines([])
            return
        progress = review_progress(self.directory, proposal.id, self.today())
        self.progress = progress
        self.heading.setText(proposal.title)
        self.progress_label.setText(
            review_progress_text(progress) if progress.total
            else _("Not sent for review yet: use “Send for review…” below.")
        )
        self._show_deadline(progress)
        self._show_grid(progress)
        self._show_versions(proposal)
        authors = [
            self._name_of_organisation(organisation_id) for organisation_id in proposal.author_ids
        ]
        self.authors_label.setText(
            _("Proposed by: {names}").format(names="; ".join(a for a in authors if a))
            if any(authors) else ""
        )
        self.authors_label.setVisible(any(authors))

    def _name_of_organisation(self, organisation_id: str) -> str:
        found = self.directory.find(Organisation, organisation_id)
        return found.name if found else ""

    def _show_deadline(self, progress: ReviewProgress) -> None:
        deadline = progress.proposal.deadline
        left = progress.days_left
        if deadline is None:
            self.deadline_label.setText(_("No review deadline is set."))
            self.deadline_label.setStyleSheet("")
        else:
            self.deadline_label.setText(
                _("Deadline: {day} ({left})").format(day=labels.day(deadline), left=deadline_text(left))
            )
            urgent = bool(progress.missing) and left is not None and left <= SOON_DAYS
            self.deadline_label.setStyleSheet(f"color: {WARNING}; font-weight: bold;" if urgent else "")
        missing = progress.missing
        self.missing_label.setVisible(bool(missing))
        self.missing_label.setText(
            _("No answer yet from: {names}").format(names=", ".join(line.body_name for line in missing))
            if missing else ""
        )

    def _show_grid(self, progress: ReviewProgress) -> None:
        chosen = self.grid_view.selected_id()
        versions = {r.id: r for r in revisions(self.directory, progress.proposal.id)}
        lines = []
        for line in progress.lines:
            review = line.review
            reviewer = self.directory.find(Person, review.reviewer_id) if review.reviewer_id else None
            version = versions.get(review.revision_id)
            lines.append(Line(
                review.id,
                (
                    line.body_name,
                    label(REVIEW_STATE_LABELS, review.state, _),
                    labels.day(review.answered_on),
                    reviewer.name if reviewer else "",
                    version.name if version else "",
                ),
                tooltip="" if line.answered else _("No answer yet"),
                strong=not line.answered,
                extra={"answered": line.answered, "body_id": review.body_id},
            ))
        self.grid_model.set_lines(lines)
        row = self.grid_model.row_of(chosen) if chosen else None
        if row is None and lines:
            row = 0
        if row is not None:
            self.grid_view.selectRow(row)
        self._show_comments()

    def _selected_line(self) -> ReviewLine | None:
        review_id = self.grid_view.selected_id()
        if self.progress is None or not review_id:
            return None
        return next((line for line in self.progress.lines if line.review.id == review_id), None)

    def _show_comments(self) -> None:
        line = self._selected_line()
        for button in (*self.answer_buttons.values(), self.edit_review_button):
            button.setEnabled(line is not None)
        if line is None:
            self.comments.setPlainText("")
            return
        review = line.review
        parts = [line.body_name, label(REVIEW_STATE_LABELS, review.state, _)]
        if review.answered_on:
            parts.append(labels.day(review.answered_on))
        header = " · ".join(parts)
        reviewer = self.directory.find(Person, review.reviewer_id) if review.reviewer_id else None
        body = review.comments or _("No comments recorded.")
        text = header + "\n"
        if reviewer is not None:
            text += _("Reviewer: {name}").format(name=reviewer.name) + "\n"
        self.comments.setPlainText(text + "\n" + body)

    def _show_versions(self, proposal: Proposal) -> None:
        self.versions_model.set_lines([
            Line(r.id, (r.name, labels.day(r.issued_on), r.location))
            for r in revisions(self.directory, proposal.id)
        ])

    # Editing

    def record_answer(self, state: str) -> bool:
        """Record the chosen working group's answer, dated today, in one undoable step."""
        line = self._selected_line()
        if line is None:
            return False
        review = self.directory.get(Review, line.review.id)
        try:
            changes = review_changes(self.directory, review, state, today=self.today())
            return self.edits.update(
                Review, review.id, changes,
                _("{body}: {answer}").format(
                    body=line.body_name, answer=label(REVIEW_STATE_LABELS, state, _)
                ),
            )
        except UserError as error:
            show_refusal(self, error)
            return False

    def edit_review(self) -> None:
        line = self._selected_line()
        if line is not None:
            dialog = self.review_dialog(line)
            dialog.setParent(self.window(), Qt.WindowType.Dialog)
            dialog.exec()

    def review_dialog(self, line: ReviewLine) -> EditDialog:
        """The comments, reviewer, version read and date of one answer."""
        review = line.review
        dialog = EditDialog(_("Answer of {body}").format(body=line.body_name), self)
        rows = dialog.rows
        rows.add(NotesEditor("comments"), _("&Comments"))
        reviewer = rows.add(PickerEditor("reviewer_id", self.directory, Person), _("&Reviewer"))
        versions = revisions(self.directory, review.proposal_id)
        rows.add(
            ChoiceEditor("revision_id", [("", _("Not said")), *((r.id, r.name) for r in versions)]),
            _("&Version read"),
        )
        rows.add(_date_editor("answered_on"), _("&Answered on"))
        for name in ("comments", "revision_id", "answered_on"):
            rows.editors[name].set_value(getattr(review, name))
        reviewer.set_value(review.reviewer_id)
        dialog.finish_layout()

        def submit() -> None:
            values = {n: dialog.value(n) for n in ("comments", "reviewer_id", "revision_id", "answered_on")}
            self.edits.update(Review, review.id, values, _("Edit the answer of {body}").format(body=line.body_name))

        dialog.submit = submit
        return dialog

    def send_for_review(self) -> None:
        if self._proposal_id:
            dialog = self.send_dialog(self._proposal_id)
            dialog.setParent(self.window(), Qt.WindowType.Dialog)
            dialog.exec()

    def send_dialog(self, proposal_id: str) -> EditDialog:
        """Choose the bodies to ask; every thematic working group not yet asked is ticked."""
        proposal = self.directory.get(Proposal, proposal_id)
        asked = {r.body_id for r in self.directory.list(Review, {"proposal_id": proposal.id})}
        bodies = [b for b in self.directory.list(Body) if b.id not in asked]
        bodies.sort(key=lambda b: fold(b.name))
        dialog = EditDialog(_("Send for review"), self)
        choice = ChecksEditor("body_ids", [(b.id, b.name) for b in bodies])
        dialog.rows.add(choice, _("Ask these &bodies"),
                        hint=_("Each gets a pending review to answer before the deadline."))
        choice.set_value([b.id for b in default_review_bodies(self.directory) if b.id not in asked])
        dialog.finish_layout()

        def submit() -> None:
            chosen = [str(v) for v in choice.raw()]
            if not chosen:
                raise UserError(_("Tick at least one body."))
            command = SendForReviewCommand(
                self.edits, proposal.id, chosen,
                _("Send “{name}” for review").format(name=proposal.title),
            )
            self.edits.push(command)

        dialog.submit = submit
        return dialog

    def add_version(self) -> None:
        if self._proposal_id:
            dialog = self.version_dialog(self._proposal_id)
            dialog.setParent(self.window(), Qt.WindowType.Dialog)
            dialog.exec()

    def version_dialog(self, proposal_id: str) -> EditDialog:
        """A new version of the note: its label, date, and a link or file name."""
        dialog = EditDialog(_("New version of the note"), self)
        dialog.rows.add(LineEditor("name"), _("&Label"))
        dialog.rows.add(_date_editor("issued_on"), _("&Date"))
        dialog.rows.add(LineEditor("location"), _("&Where it is kept"),
                        hint=_("A link or a file name: the note itself stays outside the app."))
        dialog.rows.editors["issued_on"].set_value(self.today())
        dialog.finish_layout()

        def submit() -> None:
            values = {n: dialog.value(n) for n in ("name", "issued_on", "location")}
            self.edits.create(
                Revision, {**values, "proposal_id": proposal_id},
                _("Add the version “{name}”").format(name=str(values["name"]).strip()),
            )

        dialog.submit = submit
        return dialog

    def _after_edit(self, kind: str, record_id: str) -> None:
        if kind == Proposal.kind and self.directory.find(Proposal, record_id) is not None:
            self._proposal_id = record_id
        # Hidden (an undo from another screen), the window refreshes it when shown.
        if self.isVisible():
            self.refresh()
        self.changed.emit()
