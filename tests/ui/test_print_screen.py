"""The print screen: a document previewed inside the screen, saved, and printed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from smwg_desktop.core.demo import load_demo
from smwg_desktop.core.directory import Directory
from smwg_desktop.reports.directory import GROUPINGS
from smwg_desktop.ui.print_screen import PrintScreen
from tests.ui.conftest import Answers


def finished(qtbot: QtBot, screen: PrintScreen, start: Callable[[], bool]) -> None:
    """Start writing a document and wait for the background task to end."""
    with qtbot.waitSignal(screen.task_finished, timeout=30_000):
        assert start()


@pytest.fixture
def screen(qtbot: QtBot, directory: Directory) -> PrintScreen:
    load_demo(directory, organisations=6, people=15)
    opened = PrintScreen(directory)
    qtbot.addWidget(opened)
    return opened


def test_the_preview_shows_the_member_directory(
    qtbot: QtBot, screen: PrintScreen, answers: Answers
) -> None:
    screen.choose_document("directory")
    with qtbot.waitSignal(screen.task_finished, timeout=30_000):
        screen.preview_button.click()
    assert answers.shown == []
    assert screen.pdf.status() == QPdfDocument.Status.Ready
    assert screen.pdf.pageCount() > 0
    assert not screen.pdf.render(0, QSize(400, 560)).isNull()


@pytest.mark.parametrize("document", ["agenda", "signin", "badges"])
def test_each_meeting_document_previews_for_an_activity(
    qtbot: QtBot, screen: PrintScreen, answers: Answers, document: str
) -> None:
    screen.choose_document(document)
    assert screen.activity_box.isEnabled() and screen.activity_box.count() > 0
    assert not screen.group_box.isEnabled()
    screen.language_box.setCurrentIndex(screen.language_box.findData("fr"))
    screen.paper_box.setCurrentIndex(screen.paper_box.findData("letter"))
    finished(qtbot, screen, screen.preview)
    assert screen.pdf.pageCount() > 0
    assert answers.shown == []


def test_the_review_status_of_a_proposal_and_the_outreach_summary_preview(
    qtbot: QtBot, screen: PrintScreen, answers: Answers, tmp_path: Path
) -> None:
    from tests.reports import pdfs

    screen.choose_document("review")
    assert screen.proposal_box.isEnabled() and screen.proposal_box.count() == 1
    assert not screen.activity_box.isEnabled() and not screen.group_box.isEnabled()
    screen.language_box.setCurrentIndex(screen.language_box.findData("es"))
    finished(qtbot, screen, screen.preview)
    finished(qtbot, screen, lambda: screen.save_to(tmp_path / "revision"))
    assert "Respuestas por grupo de trabajo" in pdfs.text(tmp_path / "revision.pdf")

    screen.choose_document("outreach")
    assert not screen.proposal_box.isEnabled()
    finished(qtbot, screen, screen.preview)
    assert screen.pdf.pageCount() > 0
    assert answers.shown == []


def test_without_a_proposal_the_review_report_waits_for_one(qtbot: QtBot, directory: Directory) -> None:
    empty = PrintScreen(directory)
    qtbot.addWidget(empty)

    empty.choose_document("review")

    assert not empty.preview_button.isEnabled()
    assert empty.status_label.text() == (
        "There is no proposal yet: add one on the Proposals screen first."
    )


def test_save_writes_a_pdf(
    qtbot: QtBot, screen: PrintScreen, tmp_path: Path, answers: Answers
) -> None:
    screen.choose_document("directory")
    screen.group_box.setCurrentIndex(screen.group_box.findData("country"))
    screen.prospects_check.setChecked(True)
    finished(qtbot, screen, lambda: screen.save_to(tmp_path / "members"))
    assert "Saved to" in screen.status_label.text()
    written = tmp_path / "members.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert answers.shown == []


def test_the_closed_meeting_override_warns_when_chosen(screen: PrintScreen) -> None:
    screen.show()
    assert not screen.closed_warning.isVisible()
    screen.closed_check.setChecked(True)
    assert screen.closed_warning.isVisible()
    assert "at risk" in screen.closed_warning.text()


def test_printing_renders_every_previewed_page(
    qtbot: QtBot, screen: PrintScreen, tmp_path: Path
) -> None:
    screen.choose_document("directory")
    finished(qtbot, screen, screen.preview)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert screen.print_to(printer) == screen.pdf.pageCount()
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


def test_closing_removes_the_previews(qtbot: QtBot, screen: PrintScreen) -> None:
    finished(qtbot, screen, screen.preview)
    preview = screen.preview_path
    assert preview is not None and preview.exists()
    screen.close()
    assert not preview.parent.exists()


def test_a_refusal_is_a_message(
    qtbot: QtBot, screen: PrintScreen, tmp_path: Path, answers: Answers
) -> None:
    finished(qtbot, screen, lambda: screen.save_to(tmp_path / "no-such-folder" / "m.pdf"))
    assert len(answers.shown) == 1
    assert "Saved" not in screen.status_label.text()
    assert "Traceback" not in answers.shown[0][1]


def test_the_window_answers_while_a_document_is_written(
    qtbot: QtBot, screen: PrintScreen, tmp_path: Path
) -> None:
    screen.choose_document("directory")
    with qtbot.waitSignal(screen.task_finished, timeout=30_000):
        assert screen.save_to(tmp_path / "members.pdf")
        assert screen.busy
        assert not screen.save_button.isEnabled()
        assert not screen.save_to(tmp_path / "twice.pdf")
    assert not screen.busy and screen.save_button.isEnabled()
    assert not (tmp_path / "twice.pdf").exists()


def test_every_grouping_of_the_directory_is_offered_in_its_order(screen: PrintScreen) -> None:
    offered = [screen.group_box.itemData(n) for n in range(screen.group_box.count())]
    assert offered == list(GROUPINGS)
