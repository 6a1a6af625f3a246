"""The Proposals screen: the coordinator sees who has not answered, records two answers that
came by e-mail, each in one undoable action, and reads the comments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from smwg_desktop.core.demo import DemoSummary
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Proposal, Review, Revision
from smwg_desktop.core.proposals import review_progress
from smwg_desktop.i18n import review_progress_text
from smwg_desktop.ui.main_window import MainWindow
from smwg_desktop.ui.proposals_screen import (
    MISSING_BACKGROUND,
    ProposalsScreen,
    new_proposal_dialog,
)

from .conftest import Answers

OpenWindow = Callable[[], MainWindow]
BEFORE_THE_GSM = date(2016, 10, 12)


@pytest.fixture
def screen(
    open_window: OpenWindow, demo: DemoSummary, answers: Answers
) -> tuple[MainWindow, ProposalsScreen]:
    window = open_window()
    found = window.screen_for("proposals")
    assert isinstance(found, ProposalsScreen)
    found.today = lambda: BEFORE_THE_GSM
    window.show_screen("proposals")
    found.refresh()
    return window, found


def concept_note(directory: Directory) -> Proposal:
    (note,) = directory.list(Proposal)
    return note


def grid_row(screen: ProposalsScreen, body: str) -> int:
    return next(n for n, line in enumerate(screen.grid_model.lines()) if line.cells[0] == body)


def test_the_concept_note_opens_with_its_progress_and_the_missing_answers(
    screen: tuple[MainWindow, ProposalsScreen], directory: Directory
) -> None:
    _window, proposals = screen
    progress = review_progress(directory, concept_note(directory).id, BEFORE_THE_GSM)

    assert proposals.proposal_id == concept_note(directory).id
    assert proposals.progress_label.text() == review_progress_text(progress)
    assert proposals.progress_label.text().startswith("5 of 7 working groups answered; ")
    assert proposals.missing_label.text() == (
        "No answer yet from: Monitoring Working Group, Women and ESCR Working Group"
    )
    assert proposals.deadline_label.text() == "Deadline: 2016-10-14 (2 days to the deadline)"
    assert "color: #b3261e" in proposals.deadline_label.styleSheet()
    assert len(proposals.grid_model.lines()) == 7
    waiting = grid_row(proposals, "Monitoring Working Group")
    background = proposals.grid_model.index(waiting, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QColor) and background.name() == MISSING_BACKGROUND
    answered = grid_row(proposals, "Economic Policy Working Group")
    assert proposals.grid_model.index(answered, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_two_answers_that_came_by_email_are_each_one_undoable_action(
    screen: tuple[MainWindow, ProposalsScreen], directory: Directory
) -> None:
    window, proposals = screen
    note = concept_note(directory)

    proposals.grid_view.selectRow(grid_row(proposals, "Monitoring Working Group"))
    proposals.answer_buttons["endorsed"].click()
    proposals.grid_view.selectRow(grid_row(proposals, "Women and ESCR Working Group"))
    proposals.answer_buttons["declined"].click()

    progress = review_progress(directory, note.id, BEFORE_THE_GSM)
    assert (progress.answered, progress.endorsed, progress.declined) == (7, 3, 2)
    assert {line.review.answered_on for line in progress.lines if line.body_name in (
        "Monitoring Working Group", "Women and ESCR Working Group")} == {BEFORE_THE_GSM}
    assert proposals.missing_label.isHidden()
    assert proposals.progress_label.text().startswith("7 of 7 working groups answered")

    window.undo_action.trigger()
    women = review_progress(directory, note.id, BEFORE_THE_GSM).lines[-1].review
    assert (women.state, women.answered_on) == ("pending", None)
    assert women.comments == "On the agenda of the working group's next call."
    window.redo_action.trigger()
    assert directory.get(Review, women.id).state == "declined"


def test_the_comments_of_the_answer_chosen_read_in_full(
    screen: tuple[MainWindow, ProposalsScreen], directory: Directory
) -> None:
    _window, proposals = screen

    proposals.grid_view.selectRow(grid_row(proposals, "Land and Housing Working Group"))

    text = proposals.comments.toPlainText()
    assert text.startswith("Land and Housing Working Group · Commented · 2016-07-07\n")
    assert "name the role of international financial institutions" in text


def test_comments_reviewer_and_version_are_edited_in_one_dialog(
    screen: tuple[MainWindow, ProposalsScreen], directory: Directory
) -> None:
    window, proposals = screen
    note = concept_note(directory)
    row = grid_row(proposals, "Monitoring Working Group")
    proposals.grid_view.selectRow(row)
    line = proposals._selected_line()
    assert line is not None
    second = next(r for r in directory.list(Revision) if r.name.startswith("Second"))

    dialog = proposals.review_dialog(line)
    dialog.rows.editors["comments"].widget.setPlainText("Will answer after the call of 13 October.")  # type: ignore[attr-defined]
    dialog.rows.editors["revision_id"].set_value(second.id)
    dialog.accept()

    review = directory.get(Review, line.review.id)
    assert review.comments == "Will answer after the call of 13 October."
    assert review.revision_id == second.id and review.state == "pending"
    assert "Will answer after the call" in proposals.comments.toPlainText()
    window.undo_action.trigger()
    assert directory.get(Review, line.review.id).comments == "On the agenda of the working group's next call."
    assert review_progress(directory, note.id).total == 7


def test_a_new_note_is_sent_to_every_thematic_working_group_and_undone(
    screen: tuple[MainWindow, ProposalsScreen], directory: Directory
) -> None:
    window, proposals = screen
    dialog, created = new_proposal_dialog(proposals.edits)
    dialog.rows.editors["title"].widget.setText("Proposal on climate justice")  # type: ignore[attr-defined]
    dialog.rows.editors["deadline"].widget.setText("2016-10-30")  # type: ignore[attr-defined]
    dialog.accept()
    (new_id,) = created
    proposals.show_record(new_id)
    assert proposals.progress_label.text().startswith("Not sent for review yet")

    sending = proposals.send_dialog(new_id)
    sending.accept()

    assert directory.get(Proposal, new_id).status == "in_review"
    assert len(directory.list(Review, {"proposal_id": new_id})) == 7
    assert proposals.progress_label.text().startswith("0 of 7 working groups answered")
    window.undo_action.trigger()
    assert directory.list(Review, {"proposal_id": new_id}) == []
    assert directory.get(Proposal, new_id).status == "draft"
    window.redo_action.trigger()
    assert len(directory.list(Review, {"proposal_id": new_id})) == 7


def test_sending_with_no_body_ticked_is_refused_in_the_dialog(
    screen: tuple[MainWindow, ProposalsScreen], directory: Directory
) -> None:
    _window, proposals = screen
    note = concept_note(directory)

    sending = proposals.send_dialog(note.id)
    sending.accept()

    assert sending.general_error.text() == "Tick at least one body."
    assert len(directory.list(Review)) == 7


def test_a_version_of_the_note_is_added(
    screen: tuple[MainWindow, ProposalsScreen], directory: Directory
) -> None:
    _window, proposals = screen
    note = concept_note(directory)

    dialog = proposals.version_dialog(note.id)
    dialog.rows.editors["name"].widget.setText("Version for the GSM")  # type: ignore[attr-defined]
    dialog.rows.editors["location"].widget.setText("concept-note-v3.docx")  # type: ignore[attr-defined]
    dialog.accept()

    assert [line.cells[0] for line in proposals.versions_model.lines()][-1] == "Version for the GSM"
    assert proposals.versions_model.lines()[-1].cells[1] == BEFORE_THE_GSM.isoformat()


def test_deleting_the_note_asks_first_and_takes_its_reviews(
    screen: tuple[MainWindow, ProposalsScreen], directory: Directory, answers: Answers
) -> None:
    window, proposals = screen

    proposals.delete_selected()

    assert "7 reviews of proposals" in answers.asked[0]
    assert directory.list(Proposal) == [] and directory.list(Review) == []
    window.undo_action.trigger()
    assert len(directory.list(Review)) == 7
