"""File ▸ Import… and File ▸ Export… in the main window; exports of what a screen lists."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import vobject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from smwg_desktop.core.browse import BrowseFilter
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import Organisation, Person
from smwg_desktop.ui import import_wizard
from smwg_desktop.ui.directory_screen import DirectoryScreen
from smwg_desktop.ui.export_dialog import ExportDialog
from smwg_desktop.ui.import_wizard import ImportEdits, ImportWizard
from smwg_desktop.ui.main_window import MainWindow
from smwg_desktop.ui.tasks import wait_for_tasks
from tests.interop.conftest import SHARED_INTEROP, changes, snapshot
from tests.ui.conftest import Answers
from tests.ui.wizard_steps import pause_after_first_row, preview, run_import

OpenWindow = Callable[[], MainWindow]


@pytest.fixture
def people(directory: Directory) -> Directory:
    """Three Mamanis (one at risk, one not listed) and one Quispe, in two organisations."""
    red = directory.create(Organisation, {"name": "Red Andina (muestra)", "country": "PE"})
    secret = directory.create(
        Organisation, {"name": "Colectivo Reservado", "country": "HN", "at_risk": True}
    )
    directory.add_person(
        {"name": "Rosa Mamani", "emails": "rosa@example.org", "phones": "+51 984 555 123"},
        organisation_id=red.id, role="Coordinadora",
    )
    directory.add_person(
        {"name": "Berta Mamani", "emails": "berta@example.org", "at_risk": True},
        organisation_id=secret.id, role="Vocera",
    )
    directory.add_person({"name": "Lucho Mamani", "listed": False}, organisation_id=red.id)
    directory.add_person({"name": "Ana Quispe", "emails": "ana@example.org"},
                         organisation_id=red.id)
    return directory


def people_screen(window: MainWindow, search: str) -> DirectoryScreen:
    screen = window.show_screen("people")
    assert isinstance(screen, DirectoryScreen)
    screen.search_field.setText(search)
    screen.apply_search()
    return screen


class Exports:
    """ExportDialog.exec replaced: the dialog is filled in as a person would, then accepted."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.dialogs: list[ExportDialog] = []
        self.path = Path()
        self.fmt = "csv"
        self.include_at_risk = False
        monkeypatch.setattr(ExportDialog, "exec", lambda dialog: self.exec(dialog))

    def exec(self, dialog: ExportDialog) -> int:
        self.dialogs.append(dialog)
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(self.fmt))
        dialog.path_edit.setText(str(self.path))
        dialog.override_box.setChecked(self.include_at_risk)
        finish_export(self.qtbot, dialog)
        return int(dialog.result())


def finish_export(qtbot: QtBot, dialog: ExportDialog) -> None:
    """Press Export, and wait for the file to be written when it is (in the background)."""
    dialog.accept()
    if dialog.busy:
        assert not dialog.buttons.isEnabled()
        with qtbot.waitSignal(dialog.task_finished, timeout=30_000):
            pass


@pytest.fixture
def exports(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> Exports:
    return Exports(monkeypatch, qtbot)


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as source:
        return list(csv.DictReader(source))


# The menu


def test_the_file_menu_offers_import_and_export(open_window: OpenWindow) -> None:
    window = open_window()

    file_menu = window.menuBar().actions()[0].menu()
    assert window.import_action in file_menu.actions()
    assert window.export_action in file_menu.actions()
    assert window.import_action.shortcut() == QKeySequence("Ctrl+I")
    assert window.import_action.text() == "&Import…"
    window.show_screen("people")
    assert window.export_action.isEnabled()
    window.show_screen("dashboard")
    assert not window.export_action.isEnabled(), "only the directory screens export"
    window.show_screen("organisations")
    assert window.export_action.isEnabled()


def test_an_import_from_the_menu_refreshes_the_screens_and_undoes_as_one_edit(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window()
    screen = window.show_screen("people")
    assert isinstance(screen, DirectoryScreen)
    before = snapshot(directory)
    opened: list[ImportWizard] = []

    def run(wizard: ImportWizard) -> int:
        opened.append(wizard)
        wizard.show()
        preview(qtbot, wizard, SHARED_INTEROP / "google-contacts.csv")
        run_import(qtbot, wizard)
        wizard.accept()
        return 1

    monkeypatch.setattr(ImportWizard, "exec", run)

    window.import_action.trigger()

    assert len(opened) == 1 and opened[0].parent() is window
    assert screen.model.total == 4 and screen.count_label.text() == "4 people"
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Import “google-contacts.csv”"

    window.undo_action.trigger()

    assert snapshot(directory) == before
    assert screen.model.total == 0
    window.redo_action.trigger()
    assert screen.model.total == 4


# Exports of what a screen lists


def test_a_filtered_people_screen_exports_exactly_its_rows_without_those_at_risk(
    open_window: OpenWindow, people: Directory, exports: Exports, tmp_path: Path,
    answers: Answers,
) -> None:
    window = open_window()
    screen = people_screen(window, "mamani")
    assert screen.model.total == 3
    exports.path = tmp_path / "mamanis.csv"

    window.export_action.trigger()

    dialog = exports.dialogs[0]
    assert dialog.intro.text() == (
        "The 3 people the list shows now (with its search and filters), each with their "
        "organisations."
    )
    assert "2 people are at risk or not listed, and are left out." in dialog.consent_label.text()
    rows = csv_rows(tmp_path / "mamanis.csv")
    assert [(r["Name"], r["Organisation"], r["Role"]) for r in rows] == [
        ("Rosa Mamani", "Red Andina (muestra)", "Coordinadora")
    ]
    assert rows[0]["Work e-mail"] == "rosa@example.org"
    assert answers.shown[-1][1].startswith(f"Wrote 1 person to {tmp_path / 'mamanis.csv'}.")
    assert "2 at risk or not listed were left out." in answers.shown[-1][1]


@pytest.mark.parametrize("fmt", ["xlsx", "vcf"])
def test_a_people_screen_exports_the_same_rows_as_xlsx_and_vcard(
    open_window: OpenWindow, people: Directory, exports: Exports, tmp_path: Path,
    answers: Answers, fmt: str,
) -> None:
    window = open_window()
    people_screen(window, "mamani")
    exports.fmt, exports.path = fmt, tmp_path / "mamanis"

    window.export_action.trigger()

    written = tmp_path / f"mamanis.{fmt}"
    if fmt == "xlsx":
        workbook = openpyxl.load_workbook(written, read_only=True)
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()
        names = [row[1] for row in rows[1:]]
    else:
        cards = list(vobject.readComponents(written.read_text(encoding="utf-8")))
        names = [card.fn.value for card in cards]
    assert names == ["Rosa Mamani"]


def test_people_at_risk_are_exported_only_when_chosen_and_confirmed(
    open_window: OpenWindow, people: Directory, exports: Exports, tmp_path: Path,
    answers: Answers,
) -> None:
    window = open_window()
    screen = people_screen(window, "mamani")
    exports.path = tmp_path / "closed-meeting.csv"
    exports.include_at_risk = True
    answers.reply = QMessageBox.StandardButton.No

    screen.export_records()

    assert not (tmp_path / "closed-meeting.csv").exists(), "No: nothing is written"
    dialog = exports.dialogs[0]
    assert dialog.isVisible() is False and dialog.result() == 0
    assert dialog.warning.isVisibleTo(dialog)
    assert "human-rights defenders" in dialog.warning.findChild(type(dialog.intro)).text()
    assert "Write the records at risk or not listed" in answers.asked[0]

    answers.reply = QMessageBox.StandardButton.Yes
    screen.export_records()

    rows = csv_rows(tmp_path / "closed-meeting.csv")
    assert sorted(r["Name"] for r in rows) == ["Berta Mamani", "Lucho Mamani", "Rosa Mamani"]
    assert "keep it safe" in answers.shown[-1][1]


def test_an_organisations_screen_exports_its_organisations_alone(
    open_window: OpenWindow, people: Directory, exports: Exports, tmp_path: Path,
    answers: Answers,
) -> None:
    window = open_window()
    people.create(Organisation, {"name": "Kenya Sample Forum", "country": "KE"})
    screen = window.show_screen("organisations")
    assert isinstance(screen, DirectoryScreen)
    screen.refresh()
    screen.filters.choose(screen.filters.region, "latin_america_caribbean")
    assert screen.model.total == 2
    exports.path = tmp_path / "organisations.csv"

    window.export_action.trigger()

    rows = csv_rows(tmp_path / "organisations.csv")
    assert [(r["Organisation"], r["Name"]) for r in rows] == [("Red Andina (muestra)", "")]
    assert "1 organisation is at risk or not listed" in exports.dialogs[0].consent_label.text()


def test_an_export_that_cannot_be_written_says_why_and_stays_open(
    open_window: OpenWindow, people: Directory, exports: Exports, tmp_path: Path,
    answers: Answers,
) -> None:
    window = open_window()
    people_screen(window, "")
    exports.path = tmp_path / "no-such-folder" / "people.csv"
    before = snapshot(people), changes(people)

    window.export_action.trigger()

    dialog = exports.dialogs[0]
    assert dialog.result() == 0
    assert dialog.error.text().startswith("Cannot write")
    assert (snapshot(people), changes(people)) == before
    assert answers.shown == []


def test_the_export_dialog_follows_the_format_and_asks_before_replacing(
    qtbot: QtBot, people: Directory, tmp_path: Path, answers: Answers,
) -> None:
    dialog = ExportDialog(people, Person, BrowseFilter(text="mamani"))
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "people.csv"))

    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("vcf"))

    assert dialog.path_edit.text() == str(tmp_path / "people.vcf")
    (tmp_path / "people.vcf").write_text("old", encoding="utf-8")
    answers.reply = QMessageBox.StandardButton.No
    dialog.accept()
    assert (tmp_path / "people.vcf").read_text(encoding="utf-8") == "old"
    assert "people.vcf already exists" in answers.asked[-1]
    dialog.path_edit.setText("")
    dialog.accept()
    assert dialog.error.text() == "Choose the file to write."


def test_an_undo_of_an_import_that_cannot_be_done_says_why(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory,
    monkeypatch: pytest.MonkeyPatch, answers: Answers,
) -> None:
    window = open_window()

    def run(wizard: ImportWizard) -> int:
        wizard.show()
        preview(qtbot, wizard, SHARED_INTEROP / "outlook-contacts.csv")
        run_import(qtbot, wizard)
        wizard.accept()
        return 1

    monkeypatch.setattr(ImportWizard, "exec", run)
    window.import_action.trigger()
    after = snapshot(directory)

    def refused(*_args: object) -> None:
        raise UserError("a record it changed was erased on another device")

    monkeypatch.setattr(import_wizard, "undo_import", refused)
    window.undo_action.trigger()

    assert answers.shown == [("Not done", "A record it changed was erased on another device")]
    assert snapshot(directory) == after
    assert window.undo_stack.count() == 0, "the import that cannot be undone leaves the stack"


def test_a_lock_during_an_import_stops_it_and_closes_the_wizard(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window()
    first_row_written = pause_after_first_row(monkeypatch)
    wizard = ImportWizard(directory, ImportEdits(directory, window.undo_stack), window)
    wizard.show()
    exporting = ExportDialog(directory, Person, BrowseFilter(), window)
    exporting.show()
    preview(qtbot, wizard, SHARED_INTEROP / "google-contacts.csv")
    before = snapshot(directory), changes(directory)
    wizard.next()
    qtbot.waitUntil(first_row_written.is_set, timeout=20_000)
    assert wizard.importing

    # What ui.session's lock does: stop every task, then close the window, then the data.
    wait_for_tasks()
    window.close()

    assert not wizard.isVisible() and not exporting.isVisible()
    assert (snapshot(directory), changes(directory)) == before
    assert window.undo_stack.count() == 0
