"""The import wizard, driven as a person would: file, columns, preview, import, result.

Every test uses the real wizard on real files: the shared samples (../shared/interop),
the broken rows of tests/data, and broken files made here.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import ValidationError
from smwg_desktop.core.model import Affiliation, Organisation, Person
from smwg_desktop.interop.apply import import_file
from smwg_desktop.interop.plan import Action
from smwg_desktop.interop.refused import REASON_HEADER
from smwg_desktop.ui import import_wizard
from smwg_desktop.ui.import_wizard import ImportEdits, ImportWizard
from tests.interop.conftest import DATA, SHARED_INTEROP, changes, snapshot
from tests.ui.conftest import Answers
from tests.ui.wizard_steps import (
    WAIT_MS,
    choose_file,
    pause_after_first_row,
    preview,
    run_import,
    wait_for_plan,
)

pytestmark = pytest.mark.skipif(
    not SHARED_INTEROP.is_dir(), reason=f"the shared interop samples are not at {SHARED_INTEROP}"
)

@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def wizard(
    qtbot: QtBot, directory: Directory, undo_stack: QUndoStack, settings: QSettings
) -> ImportWizard:
    opened = ImportWizard(directory, ImportEdits(directory, undo_stack), settings=settings)
    qtbot.addWidget(opened)
    opened.show()
    return opened


def combo_for(wizard: ImportWizard, header: str) -> QComboBox:
    page = wizard.columns_page
    for use, combo in zip(page.columns, page.combos, strict=True):
        if use.header == header:
            return combo
    raise AssertionError(f"no column {header!r}")


# The columns page


def test_the_columns_page_shows_what_the_core_recognised(
    qtbot: QtBot, wizard: ImportWizard
) -> None:
    choose_file(qtbot, wizard, SHARED_INTEROP / "google-contacts.csv")

    assert wizard.currentId() == ImportWizard.COLUMNS
    page = wizard.columns_page
    headers = next(csv.reader((SHARED_INTEROP / "google-contacts.csv").open(encoding="utf-8")))
    assert [use.header for use in page.columns] == headers
    assert combo_for(wizard, "First Name").currentData() == "person.first_name"
    assert combo_for(wizard, "E-mail 1 - Value").currentData() == "person.email@1"
    assert combo_for(wizard, "Organization Name").currentText() == "Organisation: name"
    assert combo_for(wizard, "Photo").currentText() == "Not imported"
    shown = [w.text() for w in page.grid_host.findChildren(QLabel)]
    assert "Rosa" in shown and "Mamani" in shown, "each column shows its first value"
    assert "google-contacts.csv: CSV in UTF-8, separated by commas, 4 rows." in (
        wizard.file_page.status.text()
    )


def test_a_changed_matching_changes_what_the_import_would_do(
    qtbot: QtBot, wizard: ImportWizard, directory: Directory
) -> None:
    choose_file(qtbot, wizard, SHARED_INTEROP / "outlook-contacts.csv")
    wizard.next()
    wait_for_plan(qtbot, wizard)
    assert {s.kind for r in wizard.plan.rows for s in r.steps} == {  # type: ignore[union-attr]
        "organisation", "person", "affiliation",
    }

    wizard.back()
    wizard.columns_page.choose("Company", "")
    wizard.next()
    wait_for_plan(qtbot, wizard)

    plan = wizard.plan
    assert plan is not None
    assert {s.kind for r in plan.rows for s in r.steps} == {"person"}
    assert "Company" in plan.ignored_columns
    assert "Company" in wizard.preview_page.summary.toolTip()
    run_import(qtbot, wizard)
    assert directory.count(Organisation) == 0
    assert {p.name for p in directory.list(Person)} == {"Lucía Fernández", "Amina Okafor"}


def test_a_saved_matching_is_used_next_time(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path, directory: Directory,
    undo_stack: QUndoStack, settings: QSettings,
) -> None:
    choose_file(qtbot, wizard, SHARED_INTEROP / "outlook-contacts.csv")
    wizard.columns_page.choose("Company", "")
    wizard.columns_page.save_to(tmp_path / "matching")
    assert (tmp_path / "matching.json").is_file()

    again = ImportWizard(directory, ImportEdits(directory, undo_stack), settings=settings)
    qtbot.addWidget(again)
    again.show()
    choose_file(qtbot, again, SHARED_INTEROP / "outlook-contacts.csv")
    assert combo_for(again, "Company").currentData() == "organisation.name"
    again.columns_page.load_from(tmp_path / "matching.json")

    assert combo_for(again, "Company").currentData() == ""
    assert "set 21 columns" in again.columns_page.message.text()
    again.next()
    wait_for_plan(qtbot, again)
    assert "Company" in again.plan.ignored_columns  # type: ignore[union-attr]


def test_a_matching_that_cannot_be_used_says_why(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path
) -> None:
    choose_file(qtbot, wizard, SHARED_INTEROP / "outlook-contacts.csv")
    (tmp_path / "not-json.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "other.json").write_text(
        '{"format": "smwg-column-mapping", "columns": {"Elsewhere": "person.name"}}',
        encoding="utf-8",
    )

    wizard.columns_page.load_from(tmp_path / "not-json.json")
    assert "is not a JSON column mapping" in wizard.columns_page.error.text()
    wizard.columns_page.load_from(tmp_path / "other.json")
    assert "None of the columns in other.json are in this file." in (
        wizard.columns_page.error.text()
    )
    wizard.columns_page.save_to(tmp_path / "no-such-folder" / "m.json")
    assert "Cannot write" in wizard.columns_page.error.text()


def test_a_vcard_file_needs_no_matching(qtbot: QtBot, wizard: ImportWizard) -> None:
    choose_file(qtbot, wizard, SHARED_INTEROP / "phone-export-v3.vcf")

    assert wizard.currentId() == ImportWizard.PREVIEW
    wait_for_plan(qtbot, wizard)
    assert wizard.plan is not None and len(wizard.plan.rows) == 2


# The preview


@pytest.mark.parametrize(
    "name", ["google-contacts.csv", "excel-es-semicolon-cp1252.csv", "contacts-v4.vcf"]
)
def test_the_preview_writes_nothing(
    qtbot: QtBot, wizard: ImportWizard, directory: Directory, name: str
) -> None:
    before = snapshot(directory), changes(directory)

    preview(qtbot, wizard, SHARED_INTEROP / name)

    page = wizard.preview_page
    assert page.model.rowCount() == len(wizard.plan.rows) > 0  # type: ignore[union-attr]
    assert all(page.model.row_plan(n).action is Action.CREATE for n in range(page.model.rowCount()))
    assert f"{page.model.rowCount()} new" in page.summary.text()
    assert page.isComplete()
    assert (snapshot(directory), changes(directory)) == before
    assert not directory.conn.in_transaction


def test_the_preview_shows_each_refused_row_with_the_cores_reason(
    qtbot: QtBot, wizard: ImportWizard
) -> None:
    preview(qtbot, wizard, DATA / "broken-utf8.csv")

    page = wizard.preview_page
    page.show_combo.setCurrentIndex(page.show_combo.findData(Action.REFUSED.value))
    shown = {
        page.proxy.index(n, 0).data(): page.proxy.index(n, 2).data()
        for n in range(page.proxy.rowCount())
    }
    assert shown == {
        "3": "person emails: 'not-an-address' is not an e-mail address",
        "4": "person name: is required",
        "5": "has 8 cells where the header has 6 columns; a separator may be missing or extra, "
             "or a quote left open",
    }
    page.show_combo.setCurrentIndex(0)
    assert page.proxy.rowCount() == 5
    assert not page.isComplete(), "with refused rows, nothing is imported unless asked"
    assert "3 rows cannot be imported" in page.explain.text()
    wizard.next()
    assert wizard.currentId() == ImportWizard.PREVIEW

    page.skip_box.setChecked(True)

    assert page.isComplete()
    assert not page.explain.isVisibleTo(page)


def test_a_proposed_merge_can_be_kept_separate(
    qtbot: QtBot, wizard: ImportWizard, directory: Directory, tmp_path: Path
) -> None:
    import_file(directory, SHARED_INTEROP / "google-contacts.csv")
    path = tmp_path / "again.csv"
    path.write_text(
        "Name,Email,Phone\nRosa Mamani,rosa.mamani@example.org,+591 2 222 3333\n",
        encoding="utf-8",
    )
    preview(qtbot, wizard, path)
    page = wizard.preview_page
    assert page.model.row_plan(0).action is Action.MERGE
    page.select_line(2)
    assert "same e-mail rosa.mamani@example.org" in page.details.text()

    page.toggle_separate()
    wait_for_plan(qtbot, wizard)

    assert page.model.row_plan(0).action is Action.CREATE
    assert "(kept separate)" in page.model.index(0, 1).data()
    assert page.separate_button.text() == "&Merge again"
    run_import(qtbot, wizard)
    assert len(directory.list(Person, {"name": "Rosa Mamani"})) == 1
    assert directory.count(Person) == 5


def test_going_back_during_the_dry_run_stops_it(
    qtbot: QtBot, wizard: ImportWizard, monkeypatch: pytest.MonkeyPatch
) -> None:
    stopped = threading.Event()

    def endless(*_args: object, **_kwargs: object) -> Iterator[int]:
        try:
            for row in itertools.count(1):
                time.sleep(0.001)
                yield row
        finally:
            stopped.set()
        raise AssertionError("never ends by itself")

    monkeypatch.setattr(import_wizard, "planning", endless)
    choose_file(qtbot, wizard, SHARED_INTEROP / "outlook-contacts.csv")
    wizard.next()
    task = wizard._task
    assert task is not None
    with qtbot.waitSignal(task.progress, timeout=WAIT_MS):
        pass

    wizard.back()

    assert wizard.currentId() == ImportWizard.COLUMNS
    assert not wizard.working and wizard.plan is None
    assert stopped.wait(WAIT_MS / 1000), "the dry run's work was stopped"


# The import


@pytest.mark.parametrize("name", sorted(p.name for p in SHARED_INTEROP.glob("*.*")
                                        if p.suffix in (".csv", ".vcf")))
def test_the_import_creates_the_records_and_a_second_import_creates_nothing(
    qtbot: QtBot, wizard: ImportWizard, directory: Directory, undo_stack: QUndoStack,
    settings: QSettings, name: str,
) -> None:
    imported: list[bool] = []
    wizard.imported.connect(lambda: imported.append(True))
    preview(qtbot, wizard, SHARED_INTEROP / name)
    planned_people = sum(
        1 for r in wizard.plan.rows for s in r.steps  # type: ignore[union-attr]
        if s.kind == "person" and s.action is Action.CREATE
    )

    run_import(qtbot, wizard)

    assert imported == [True]
    assert directory.count(Person) == planned_people > 0
    assert not directory.conn.in_transaction
    assert wizard.result_page.summary.text().startswith("Created: ")
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible(), "Finish alone"
    assert "Edit ▸ Undo" in wizard.result_page.undo_hint.text()
    assert undo_stack.count() == 1
    before = snapshot(directory), changes(directory)

    again = ImportWizard(directory, ImportEdits(directory, undo_stack), settings=settings)
    qtbot.addWidget(again)
    again.show()
    preview(qtbot, again, SHARED_INTEROP / name)

    assert again.plan is not None and again.plan.changes_nothing
    assert again.preview_page.note.text() == (
        "Nothing to import: every row is already in the directory."
    )
    assert not again.preview_page.isComplete()
    again.next()
    assert again.currentId() == ImportWizard.PREVIEW, "Import cannot be pressed"
    assert (snapshot(directory), changes(directory)) == before
    assert undo_stack.count() == 1


def test_an_xlsx_workbook_imports(
    qtbot: QtBot, wizard: ImportWizard, directory: Directory, tmp_path: Path
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Nombre", "Organización", "País", "Correo"])
    sheet.append(["Rosa Mamani", "Red Andina (muestra)", "Bolivia", "rosa@example.org"])
    sheet.append(["Ángel Núñez", "Asociación de Pescadores (muestra)", "HN", "angel@example.org"])
    path = tmp_path / "members.xlsx"
    workbook.save(path)

    choose_file(qtbot, wizard, path)
    assert "Excel workbook (first sheet), 2 rows" in wizard.file_page.status.text()
    wizard.next()
    wait_for_plan(qtbot, wizard)
    run_import(qtbot, wizard)

    assert {p.name for p in directory.list(Person)} == {"Rosa Mamani", "Ángel Núñez"}
    assert directory.count(Affiliation) == 2


def test_the_import_is_one_edit_to_undo_and_redo(
    qtbot: QtBot, wizard: ImportWizard, directory: Directory, undo_stack: QUndoStack
) -> None:
    directory.add_person({"name": "Rosa Elena Mamani", "emails": "rosa.mamani@example.org"})
    before = snapshot(directory)
    preview(qtbot, wizard, SHARED_INTEROP / "google-contacts.csv")
    run_import(qtbot, wizard)
    after = snapshot(directory)
    rosa = directory.list(Person, {"name": "Rosa Elena Mamani"})[0]
    assert rosa.phones, "the import merged her phone in"
    notified: list[bool] = []
    wizard.edits.applied.connect(lambda: notified.append(True))

    assert undo_stack.undoText() == "Import “google-contacts.csv”"
    undo_stack.undo()

    assert snapshot(directory) == before
    assert directory.get(Person, rosa.id).phones == ()
    undo_stack.redo()
    assert snapshot(directory) == after
    assert notified == [True, True]


def test_rows_not_imported_are_listed_saved_and_copied(
    qtbot: QtBot, wizard: ImportWizard, directory: Directory, tmp_path: Path
) -> None:
    preview(qtbot, wizard, DATA / "broken-utf8.csv")
    wizard.preview_page.skip_box.setChecked(True)

    run_import(qtbot, wizard)

    page = wizard.result_page
    assert {p.name for p in directory.list(Person)} == {"Hanna Berhane", "Selam Tesfaye"}
    assert page.refused_model.rowCount() == 3
    assert page.refused_view.isVisibleTo(page) and page.save_button.isVisibleTo(page)
    assert "3 not imported" in page.summary.text()
    page.save_to(tmp_path / "not-imported.csv")
    with (tmp_path / "not-imported.csv").open(encoding="utf-8-sig", newline="") as source:
        saved = list(csv.reader(source))
    assert saved[0][-1] == REASON_HEADER
    assert [row[0] for row in saved[1:]] == ["Bad Email Person", "", "Ragged Row"]
    assert "Wrote 3 rows" in page.message.text()
    page.copy()
    copied = QGuiApplication.clipboard().text()
    assert copied.splitlines()[0] == (
        "Row 3: person emails: 'not-an-address' is not an e-mail address"
    )
    page.save_to(tmp_path / "no-such-folder" / "x.csv")
    assert "Cannot write" in page.error.text()


def test_a_row_that_fails_as_it_is_written_imports_nothing(
    qtbot: QtBot, wizard: ImportWizard, directory: Directory, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview(qtbot, wizard, SHARED_INTEROP / "google-contacts.csv")
    before = snapshot(directory), changes(directory)
    # Another program took the name of the third row's person between preview and import.
    original = Directory.create

    def create(self: Directory, cls, values, *, record_id=None):  # type: ignore[no-untyped-def]
        if cls is Person and "Priya" in str(values.get("name", "")):
            raise ValidationError("name", "is taken")
        return original(self, cls, values, record_id=record_id)

    monkeypatch.setattr(Directory, "create", create)

    run_import(qtbot, wizard)

    page = wizard.result_page
    assert page.subTitle() == "Nothing was imported."
    assert "nothing was imported" in page.summary.text().lower()
    assert page.refused_model.rowCount() == 1
    assert (snapshot(directory), changes(directory)) == before
    assert not directory.conn.in_transaction
    assert wizard.edits.undo_stack.count() == 0


def test_stopping_an_import_part_way_writes_nothing(
    qtbot: QtBot, wizard: ImportWizard, directory: Directory, answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first_row_written = pause_after_first_row(monkeypatch)
    preview(qtbot, wizard, SHARED_INTEROP / "google-contacts.csv")
    before = snapshot(directory), changes(directory)
    wizard.next()
    qtbot.waitUntil(first_row_written.is_set, timeout=WAIT_MS)
    assert wizard.importing
    assert wizard.button(QWizard.WizardButton.CancelButton).isVisible(), "it can be stopped"

    answers.reply = QMessageBox.StandardButton.No
    wizard.reject()
    assert wizard.isVisible() and wizard.importing, "No: the import goes on"
    answers.reply = QMessageBox.StandardButton.Yes
    wizard.reject()

    assert not wizard.isVisible()
    assert len(answers.asked) == 2 and "Nothing of it will be imported" in answers.asked[0]
    assert (snapshot(directory), changes(directory)) == before
    assert not directory.conn.in_transaction
    assert wizard.edits.undo_stack.count() == 0


# Files that cannot be read


def _truncated_xlsx(tmp_path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Name", "Email"])
    sheet.append(["Rosa Mamani", "rosa@example.org"])
    whole = tmp_path / "whole.xlsx"
    workbook.save(whole)
    path = tmp_path / "truncated.xlsx"
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


BROKEN = {
    "wrong encoding": (
        "contacts.csv",
        codecs.BOM_UTF16_LE + "Name,Email\n".encode("utf-16-le") + b"\x00\xd8",
        "contacts.csv starts as UTF-16 text but has bytes that are not",
    ),
    "empty file": ("empty.csv", b"", "empty.csv is empty: a CSV file needs a header row"),
    "empty vcard": ("cards.vcf", b"", "cards.vcf holds no vCard"),
    "open quote": ("quote.csv", b'Name,Email\n"Rosa,rosa@example.org\n', "look for a quote"),
    "old excel": ("old.xls", b"\xd0\xcf\x11\xe0", "old.xls is an old Excel file (.xls)"),
}


@pytest.mark.parametrize("case", [*BROKEN, "truncated xlsx", "missing file"])
def test_a_file_that_cannot_be_read_shows_why_and_changes_nothing(
    qtbot: QtBot, wizard: ImportWizard, directory: Directory, tmp_path: Path, case: str
) -> None:
    if case == "truncated xlsx":
        path, expected = _truncated_xlsx(tmp_path), "truncated.xlsx is not an Excel workbook"
    elif case == "missing file":
        path, expected = tmp_path / "gone.csv", "There is no file"
    else:
        name, content, expected = BROKEN[case]
        path = tmp_path / name
        path.write_bytes(content)
    before = snapshot(directory), changes(directory)

    choose_file(qtbot, wizard, path)

    assert wizard.currentId() == ImportWizard.FILE
    page = wizard.file_page
    assert page.error.isVisibleTo(page)
    assert expected in page.error.text()
    assert wizard.incoming is None
    assert (snapshot(directory), changes(directory)) == before


def test_a_reader_that_breaks_unexpectedly_is_a_message_not_a_traceback_on_screen(
    qtbot: QtBot, wizard: ImportWizard, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("a reader met a shape nobody foresaw")

    monkeypatch.setattr(import_wizard, "read_file", broken)

    choose_file(qtbot, wizard, SHARED_INTEROP / "google-contacts.csv")

    assert wizard.currentId() == ImportWizard.FILE
    assert "unexpected problem (RuntimeError)" in wizard.file_page.error.text()
    assert "nobody foresaw" in capsys.readouterr().err, "the details go to the error output"


def test_a_new_file_name_forgets_the_old_file(qtbot: QtBot, wizard: ImportWizard) -> None:
    choose_file(qtbot, wizard, DATA / "no-such-file.csv")
    assert wizard.file_page.error.isVisibleTo(wizard.file_page)

    wizard.file_page.path_edit.setText(str(SHARED_INTEROP / "outlook-contacts.csv"))

    assert not wizard.file_page.error.isVisibleTo(wizard.file_page)
    assert wizard.file_page.isComplete()
    wizard.file_page.path_edit.setText("")
    assert not wizard.file_page.isComplete()
