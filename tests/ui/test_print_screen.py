"""The print screen: a document previewed inside the screen, saved, and printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from smwg_desktop.core.demo import load_demo
from smwg_desktop.core.directory import Directory
from smwg_desktop.ui.print_screen import PrintScreen
from tests.ui.conftest import Answers


@pytest.fixture
def screen(qtbot: QtBot, directory: Directory) -> PrintScreen:
    load_demo(directory, organisations=6, people=15)
    opened = PrintScreen(directory)
    qtbot.addWidget(opened)
    return opened


def test_the_preview_shows_the_member_directory(screen: PrintScreen, answers: Answers) -> None:
    screen.choose_document("directory")
    screen.preview_button.click()
    assert answers.shown == []
    assert screen.pdf.status() == QPdfDocument.Status.Ready
    assert screen.pdf.pageCount() > 0
    assert not screen.pdf.render(0, QSize(400, 560)).isNull()


@pytest.mark.parametrize("document", ["agenda", "signin", "badges"])
def test_each_meeting_document_previews_for_an_activity(
    screen: PrintScreen, answers: Answers, document: str
) -> None:
    screen.choose_document(document)
    assert screen.activity_box.isEnabled() and screen.activity_box.count() > 0
    assert not screen.group_box.isEnabled()
    screen.language_box.setCurrentIndex(screen.language_box.findData("fr"))
    screen.paper_box.setCurrentIndex(screen.paper_box.findData("letter"))
    assert screen.preview()
    assert screen.pdf.pageCount() > 0
    assert answers.shown == []


def test_the_review_status_of_a_proposal_and_the_outreach_summary_preview(
    screen: PrintScreen, answers: Answers, tmp_path: Path
) -> None:
    from tests.reports import pdfs

    screen.choose_document("review")
    assert screen.proposal_box.isEnabled() and screen.proposal_box.count() == 1
    assert not screen.activity_box.isEnabled() and not screen.group_box.isEnabled()
    screen.language_box.setCurrentIndex(screen.language_box.findData("es"))
    assert screen.preview()
    assert screen.save_to(tmp_path / "revision")
    assert "Respuestas por grupo de trabajo" in pdfs.text(tmp_path / "revision.pdf")

    screen.choose_document("outreach")
    assert not screen.proposal_box.isEnabled()
    assert screen.preview() and screen.pdf.pageCount() > 0
    assert answers.shown == []


def test_without_a_proposal_the_review_report_waits_for_one(qtbot: QtBot, directory: Directory) -> None:
    empty = PrintScreen(directory)
    qtbot.addWidget(empty)

    empty.choose_document("review")

    assert not empty.preview_button.isEnabled()
    assert empty.status_label.text() == (
        "There is no proposal yet: add one on the Proposals screen first."
    )


def test_save_writes_a_pdf(screen: PrintScreen, tmp_path: Path, answers: Answers) -> None:
    screen.choose_document("directory")
    screen.group_box.setCurrentIndex(screen.group_box.findData("country"))
    screen.prospects_check.setChecked(True)
    assert screen.save_to(tmp_path / "members")
    written = tmp_path / "members.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert answers.shown == []


def test_the_closed_meeting_override_warns_when_chosen(screen: PrintScreen) -> None:
    screen.show()
    assert not screen.closed_warning.isVisible()
    screen.closed_check.setChecked(True)
    assert screen.closed_warning.isVisible()
    assert "at risk" in screen.closed_warning.text()


def test_printing_renders_every_previewed_page(screen: PrintScreen, tmp_path: Path) -> None:
    screen.choose_document("directory")
    assert screen.preview()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert screen.print_to(printer) == screen.pdf.pageCount()
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


def test_closing_removes_the_previews(screen: PrintScreen) -> None:
    assert screen.preview()
    preview = screen.preview_path
    assert preview is not None and preview.exists()
    screen.close()
    assert not preview.parent.exists()


def test_a_refusal_is_a_message(screen: PrintScreen, tmp_path: Path, answers: Answers) -> None:
    assert not screen.save_to(tmp_path / "no-such-folder" / "members.pdf")
    assert len(answers.shown) == 1
    assert "Traceback" not in answers.shown[0][1]
