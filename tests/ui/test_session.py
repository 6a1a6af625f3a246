"""The app's session: the welcome on a new computer, the unlock screen, settings and locking."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation, Person
from smwg_desktop.storage import driver
from smwg_desktop.storage.database import DATABASE_NAME
from smwg_desktop.sync import keys
from smwg_desktop.sync.network import device_name, network_of
from smwg_desktop.ui.first_run import CREATE, SAMPLE, WelcomeChoice, WelcomeDialog
from smwg_desktop.ui.preferences import IDLE_LOCK_KEY, idle_minutes
from smwg_desktop.ui.session import Session
from smwg_desktop.ui.settings_dialog import SettingsDialog
from smwg_desktop.ui.sync_screen import SyncScreen
from tests.keyrings import MemoryKeyring
from tests.ui.conftest import Answers

DB_PASSPHRASE = "mountain letters in the rain"


@pytest.fixture
def session(qtbot: QtBot, data_dir: Path, settings: QSettings) -> Iterator[Session]:
    opened = Session(data_dir, settings)
    yield opened
    opened.close()
    if opened.unlock_dialog is not None:
        opened.unlock_dialog.close()


def encrypted_directory(data_dir: Path) -> str:
    """An encrypted data directory holding one organisation; returns its id."""
    with Directory.open(data_dir) as directory:
        org = directory.create(Organisation, {"name": "Comité de Tierras (sample)", "country": "HN"})
        directory.store.change_key(DB_PASSPHRASE)
    return org.id


def unlock(session: Session) -> None:
    """Type the data's passphrase into the unlock screen the session shows."""
    assert session.unlock_dialog is not None
    session.unlock_dialog.passphrase_edit.setText(DB_PASSPHRASE)
    session.unlock_dialog.accept()


def test_the_welcome_offers_encryption_checked_by_default(qtbot: QtBot) -> None:
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    assert dialog.encrypt_check.isChecked()
    assert dialog.sample_radio.isChecked()
    assert dialog.device_edit.text()
    dialog.passphrase_edit.setText("short")
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog)
    assert "at least" in dialog.error.text()
    dialog.passphrase_edit.setText(DB_PASSPHRASE)
    dialog.repeat_edit.setText(DB_PASSPHRASE + "!")
    dialog.accept()
    assert "differ" in dialog.error.text()
    dialog.repeat_edit.setText(DB_PASSPHRASE)
    dialog.create_radio.setChecked(True)
    assert dialog.choice() == WelcomeChoice(CREATE, dialog.device_edit.text(), DB_PASSPHRASE, False)
    dialog.encrypt_check.setChecked(False)
    assert not dialog.passphrase_form.isEnabled()
    assert dialog.choice().db_passphrase is None


def test_cancelling_the_welcome_leaves_no_data_behind(
    qtbot: QtBot, session: Session, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: 0)
    assert session.first_run
    assert not session.start()
    assert not (data_dir / DATABASE_NAME).exists()
    assert session.window is None


def test_the_sample_network_opens_encrypted_with_the_device_named(
    qtbot: QtBot, session: Session, data_dir: Path
) -> None:
    session.begin(WelcomeChoice(SAMPLE, "Field laptop, Nairobi", DB_PASSPHRASE, remember=False))
    assert session.window is not None and session.directory is not None
    assert session.directory.list(Person)
    assert session.window.screen_for("people").model.rowCount() > 0
    assert device_name(session.directory) == "Field laptop, Nairobi"
    assert session.window.lock_action.isEnabled()
    database = data_dir / DATABASE_NAME
    assert not driver.is_plain(database)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(database).execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_starting_a_network_from_the_welcome_opens_its_form_on_the_sync_screen(
    qtbot: QtBot, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []
    monkeypatch.setattr(SyncScreen, "set_up_network", lambda self, *, join: asked.append(join))
    session.begin(WelcomeChoice(CREATE, "Office", None, remember=False))
    assert session.window is not None
    assert session.window.current_key == "sync"
    qtbot.waitUntil(lambda: asked == [False])
    assert session.directory is not None and network_of(session.directory) is None


def test_encrypted_data_starts_on_the_unlock_screen_and_refuses_a_wrong_passphrase(
    qtbot: QtBot, session: Session, data_dir: Path
) -> None:
    org_id = encrypted_directory(data_dir)
    assert session.start()
    dialog = session.unlock_dialog
    assert dialog is not None and session.window is None
    dialog.passphrase_edit.setText("not the passphrase of this data")
    dialog.accept()
    assert session.window is None
    assert "wrong passphrase" in dialog.error.text().lower()
    dialog.passphrase_edit.setText(DB_PASSPHRASE)
    dialog.accept()
    assert session.window is not None and session.directory is not None
    assert session.directory.get(Organisation, org_id).country == "HN"
    assert session.unlock_dialog is None


def test_remember_on_this_computer_opens_without_asking_next_time(
    qtbot: QtBot, data_dir: Path, settings: QSettings, memory_keyring: MemoryKeyring
) -> None:
    encrypted_directory(data_dir)
    first = Session(data_dir, settings)
    first.start()
    assert first.unlock_dialog is not None
    assert first.unlock_dialog.remember_check.isEnabled()
    first.unlock_dialog.remember_check.setChecked(True)
    first.unlock_dialog.passphrase_edit.setText(DB_PASSPHRASE)
    first.unlock_dialog.accept()
    first.close()
    assert keys.recall_database_passphrase(data_dir) == DB_PASSPHRASE

    second = Session(data_dir, settings)
    second.start()
    assert second.unlock_dialog is None and second.window is not None
    second.close()


def test_without_a_keyring_remember_is_offered_disabled_and_says_why(
    qtbot: QtBot, session: Session, data_dir: Path
) -> None:
    encrypted_directory(data_dir)
    session.start()
    dialog = session.unlock_dialog
    assert dialog is not None
    assert not dialog.remember_check.isEnabled()


def test_locking_closes_the_data_and_empties_every_model(
    qtbot: QtBot, session: Session, data_dir: Path
) -> None:
    session.begin(WelcomeChoice(SAMPLE, "Office", DB_PASSPHRASE, remember=False))
    window = session.window
    assert window is not None
    window.show_screen("people")
    people_model = window.screen_for("people").model
    organisations_model = window.screen_for("organisations").model
    assert people_model.rowCount() > 0
    store = session.directory.store if session.directory else None
    window.lock_action.trigger()
    assert session.locked and session.window is None
    assert store is not None and store.conn is None
    assert session.unlock_dialog is not None and session.unlock_dialog.isVisible()
    qtbot.waitUntil(lambda: not shiboken6.isValid(people_model))
    assert not shiboken6.isValid(organisations_model)

    session.unlock_dialog.passphrase_edit.setText(DB_PASSPHRASE)
    session.unlock_dialog.accept()
    assert session.window is not None
    assert session.window.current_key == "people"
    assert session.window.screen_for("people").model.rowCount() > 0


def test_locking_drops_the_screens_built_since_the_start_and_unlocking_builds_them_again(
    qtbot: QtBot, session: Session, data_dir: Path
) -> None:
    session.begin(WelcomeChoice(SAMPLE, "Office", DB_PASSPHRASE, remember=False))
    window = session.window
    assert window is not None
    bodies = window.show_screen("bodies")
    dashboard = window.show_screen("dashboard")
    window.show_screen("organisations")
    models = [bodies.bodies_model, bodies.seats_model, dashboard.region_table.table]  # type: ignore[attr-defined]
    assert bodies.bodies_model.rowCount() > 0  # type: ignore[attr-defined]

    window.lock_action.trigger()

    assert session.locked
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(model) for model in models))
    assert not shiboken6.isValid(bodies) and not shiboken6.isValid(dashboard)
    assert session.unlock_dialog is not None
    session.unlock_dialog.passphrase_edit.setText(DB_PASSPHRASE)
    session.unlock_dialog.accept()
    again = session.window
    assert again is not None and again is not window
    assert [key for key in again.screen_keys() if again.is_built(key)] == ["organisations"]
    assert again.show_screen("bodies").bodies_model.rowCount() > 0  # type: ignore[attr-defined]


def test_the_idle_time_locks_the_app(qtbot: QtBot, session: Session, data_dir: Path) -> None:
    encrypted_directory(data_dir)
    session.start()
    unlock(session)
    assert session.idle_timer.isActive()
    assert session.idle_timer.interval() == idle_minutes(session.settings) * 60_000 == 15 * 60_000
    session.idle_timer.start(50)
    qtbot.waitUntil(lambda: session.locked, timeout=5_000)
    assert session.unlock_dialog is not None


def test_using_the_window_puts_off_the_idle_lock(
    qtbot: QtBot, session: Session, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted_directory(data_dir)
    session.start()
    unlock(session)
    window = session.window
    assert window is not None and session.idle_timer.isActive()
    restarts: list[tuple[object, ...]] = []
    restart = session.idle_timer.start

    def counted(*args: object) -> None:
        restarts.append(args)
        restart(*args)

    monkeypatch.setattr(session.idle_timer, "start", counted)

    QTest.keyClick(window, Qt.Key.Key_Shift)

    assert restarts  # the timer starts its full time again
    assert session.idle_timer.isActive() and not session.locked


def test_a_new_lock_time_counts_from_when_the_settings_are_saved(
    qtbot: QtBot, session: Session, data_dir: Path
) -> None:
    encrypted_directory(data_dir)
    session.start()
    unlock(session)
    window = session.window
    assert window is not None and session.idle_timer.interval() == 15 * 60_000

    def choose_one_minute() -> None:
        dialog = window.findChild(SettingsDialog)
        assert dialog is not None
        dialog.idle_spin.setValue(1)
        dialog.accept()

    QTimer.singleShot(0, choose_one_minute)
    assert window.open_settings()

    assert session.idle_timer.isActive() and session.idle_timer.interval() == 60_000


def test_plain_data_cannot_lock_and_says_how_to_protect_it(
    qtbot: QtBot, session: Session, data_dir: Path
) -> None:
    Directory.open(data_dir).close()
    session.start()
    window = session.window
    assert window is not None
    assert not window.lock_action.isEnabled()
    assert "smwg encrypt" in window.lock_action.toolTip()
    session.lock()
    assert not session.locked and not session.idle_timer.isActive()


def test_settings_save_the_device_name_paper_language_and_lock_time(
    qtbot: QtBot, directory: Directory, settings: QSettings, answers: Answers
) -> None:
    dialog = SettingsDialog(directory, settings)
    qtbot.addWidget(dialog)
    dialog.device_edit.setText("   ")
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog)
    assert settings.value(IDLE_LOCK_KEY) is None
    dialog.device_edit.setText("Laptop of the secretariat")
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("fr"))
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("letter"))
    dialog.idle_spin.setValue(5)
    dialog.accept()
    assert device_name(directory) == "Laptop of the secretariat"
    assert settings.value("language") == "fr"
    assert settings.value("print/paper") == "letter"
    assert idle_minutes(settings) == 5


def test_the_print_screen_takes_the_paper_of_the_settings(
    qtbot: QtBot, open_window: object, settings: QSettings
) -> None:
    settings.setValue("print/paper", "letter")
    window = open_window()  # type: ignore[operator]
    assert window.screen_for("print").paper_box.currentData() == "letter"


def test_locking_removes_the_print_preview_from_the_temporary_folder(
    qtbot: QtBot, session: Session
) -> None:
    session.begin(WelcomeChoice(SAMPLE, "Office", DB_PASSPHRASE, remember=False))
    assert session.window is not None
    screen = session.window.show_screen("print")
    with qtbot.waitSignal(screen.task_finished, timeout=30_000):
        assert screen.preview()
    preview = screen.preview_path
    assert preview is not None and preview.exists()
    session.lock()
    qtbot.waitUntil(lambda: not preview.parent.exists())


def test_the_settings_file_names_no_one(
    qtbot: QtBot, session: Session, settings: QSettings, tmp_path: Path
) -> None:
    """Settings are written in plain text beside the user's profile: no names, no e-mails."""
    session.begin(WelcomeChoice(SAMPLE, "Office", None, remember=False))
    window = session.window
    assert window is not None and session.directory is not None
    people = session.directory.list(Person)
    for key in window.screen_keys():
        window.show_screen(key)
    window.show_screen("people")
    window.screen_for("people").show_record(people[0].id)
    window.open_record("organisation", session.directory.list(Organisation)[0].id)
    session.close()
    settings.sync()
    written = (tmp_path / "settings.ini").read_bytes()
    assert b"main_window" in written
    for person in people:
        assert person.name.encode() not in written
        for email in person.emails:
            assert email.value.encode() not in written


def test_a_lock_while_a_dialog_is_open_closes_the_dialog_first(
    qtbot: QtBot, session: Session
) -> None:
    session.begin(WelcomeChoice(SAMPLE, "Office", DB_PASSPHRASE, remember=False))
    window = session.window
    assert window is not None
    QTimer.singleShot(100, session.lock)
    assert not window.open_settings()  # the lock closed it, unsaved
    qtbot.waitUntil(lambda: session.locked)
    assert session.unlock_dialog is not None and session.unlock_dialog.isVisible()
