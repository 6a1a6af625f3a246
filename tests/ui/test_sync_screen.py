"""The sync screen: two devices syncing through a folder, and a conflict settled by a person."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.sync import keys
from smwg_desktop.sync.network import (
    export_bundle,
    init_network,
    join_network,
    network_key,
    network_of,
)
from smwg_desktop.ui.network_dialogs import NetworkDialog
from smwg_desktop.ui.sync_screen import SyncScreen
from tests.keyrings import MemoryKeyring
from tests.ui.conftest import Answers
from tests.webdav_server import PASSWORD as DAV_PASSWORD
from tests.webdav_server import USER, dav_server

PASSPHRASE = "a long passphrase"


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[tuple[Directory, Directory]]:
    a = Directory.open(tmp_path / "a")
    b = Directory.open(tmp_path / "b")
    init_network(a, "N", PASSPHRASE)
    bundle = tmp_path / "first.smwgbundle"
    export_bundle(a, bundle, network_key(a, PASSPHRASE), full=True)
    join_network(b, bundle, PASSPHRASE)
    yield a, b
    a.close()
    b.close()


def sync_through(qtbot: QtBot, screen: SyncScreen, folder: Path) -> None:
    screen.folder_edit.setText(str(folder))
    qtbot.keyClicks(screen.passphrase_edit, PASSPHRASE)
    with qtbot.waitSignal(screen.changed, timeout=10_000):
        screen.sync_button.click()
    assert not screen.syncing


def screen_for(qtbot: QtBot, directory: Directory) -> SyncScreen:
    screen = SyncScreen(directory)
    qtbot.addWidget(screen)
    return screen


def test_a_new_organisation_reaches_the_other_device_through_the_folder(
    qtbot: QtBot, tmp_path: Path, devices: tuple[Directory, Directory], answers: Answers
) -> None:
    a, b = devices
    folder = tmp_path / "shared"
    folder.mkdir()
    org = a.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    screen_a, screen_b = screen_for(qtbot, a), screen_for(qtbot, b)
    assert "N" in screen_a.network_label.text()
    sync_through(qtbot, screen_a, folder)
    sync_through(qtbot, screen_b, folder)
    assert b.get(Organisation, org.id).name == "Red Andina (sample)"
    assert "1 record changed" in screen_b.status_label.text()
    assert answers.shown == []


def test_the_passphrase_field_hides_what_is_typed(qtbot: QtBot, directory: Directory) -> None:
    screen = screen_for(qtbot, directory)
    assert screen.passphrase_edit.echoMode() == QLineEdit.EchoMode.Password


def test_without_a_network_the_screen_says_how_to_make_one(
    qtbot: QtBot, directory: Directory
) -> None:
    screen = screen_for(qtbot, directory)
    assert "smwg init" in screen.network_label.text()
    assert "smwg join" in screen.network_label.text()
    assert not screen.sync_button.isEnabled()
    assert not screen.start_network_button.isHidden()
    assert not screen.join_network_button.isHidden()


def test_a_wrong_passphrase_is_a_message_not_a_traceback(
    qtbot: QtBot, tmp_path: Path, devices: tuple[Directory, Directory], answers: Answers
) -> None:
    a, _b = devices
    screen = screen_for(qtbot, a)
    screen.folder_edit.setText(str(tmp_path))
    screen.passphrase_edit.setText("not the passphrase at all")
    with qtbot.waitSignal(screen.task_finished, timeout=10_000):
        screen.sync_button.click()
    assert not screen.syncing
    assert any("wrong passphrase" in text.lower() for _title, text in answers.shown)


def test_a_missing_folder_is_a_message(
    qtbot: QtBot, tmp_path: Path, devices: tuple[Directory, Directory], answers: Answers
) -> None:
    a, _b = devices
    screen = screen_for(qtbot, a)
    screen.folder_edit.setText(str(tmp_path / "not-mounted"))
    screen.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(screen.task_finished, timeout=10_000):
        screen.sync_button.click()
    assert not screen.syncing
    assert any("does not exist" in text.lower() for _title, text in answers.shown)


def test_a_conflict_is_shown_and_settled_through_the_screen(
    qtbot: QtBot, tmp_path: Path, devices: tuple[Directory, Directory], answers: Answers
) -> None:
    a, b = devices
    folder = tmp_path / "shared"
    folder.mkdir()
    org = a.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    screen_a, screen_b = screen_for(qtbot, a), screen_for(qtbot, b)
    sync_through(qtbot, screen_a, folder)
    sync_through(qtbot, screen_b, folder)
    a.update(Organisation, org.id, {"acronym": "RA"})
    b.update(Organisation, org.id, {"acronym": "REDAN"})
    sync_through(qtbot, screen_a, folder)
    sync_through(qtbot, screen_b, folder)

    model = screen_b.conflict_model
    assert model.rowCount() == 1
    shown = {model.index(0, column).data() for column in range(model.columnCount())}
    assert {"RA", "REDAN"} <= shown
    assert "Red Andina (sample)" in model.index(0, 0).data()
    assert not screen_b.use_button.isEnabled()
    column = next(c for c in range(2, model.columnCount()) if model.index(0, c).data() == "REDAN")
    screen_b.choose_value(0, column - 2)
    assert screen_b.use_button.isEnabled()
    with qtbot.waitSignal(screen_b.changed):
        screen_b.use_button.click()
    assert b.conflicts() == []
    assert b.get(Organisation, org.id).acronym == "REDAN"
    assert screen_b.conflict_model.rowCount() == 0

    sync_through(qtbot, screen_b, folder)
    sync_through(qtbot, screen_a, folder)
    assert a.get(Organisation, org.id).acronym == "REDAN"
    assert a.conflicts() == []


def test_a_bundle_exported_on_one_device_imports_on_the_other(
    qtbot: QtBot, tmp_path: Path, devices: tuple[Directory, Directory], answers: Answers
) -> None:
    a, b = devices
    org = a.create(Organisation, {"name": "Kenya Peasants League (sample)", "country": "KE"})
    screen_a, screen_b = screen_for(qtbot, a), screen_for(qtbot, b)
    screen_a.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(screen_a.task_finished, timeout=10_000):
        screen_a.export_to(tmp_path / "by-hand")
    screen_b.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(screen_b.changed):
        screen_b.import_from(tmp_path / "by-hand.smwgbundle")
    assert b.get(Organisation, org.id).country == "KE"
    assert answers.shown == []


def test_two_devices_sync_through_a_webdav_server_from_the_screen(
    qtbot: QtBot,
    tmp_path: Path,
    devices: tuple[Directory, Directory],
    answers: Answers,
    memory_keyring: MemoryKeyring,
    settings: QSettings,
) -> None:
    a, b = devices
    org = a.create(Organisation, {"name": "Rede de Mulheres (sample)", "country": "MZ"})
    with dav_server(tmp_path / "dav") as server:
        for device in (a, b):
            screen = SyncScreen(device, settings=settings)
            qtbot.addWidget(screen)
            screen.server_radio.setChecked(True)
            assert screen.place_pages.currentIndex() == 1
            screen.server_edit.setText(server.url)
            screen.user_edit.setText(USER)
            screen.password_edit.setText(DAV_PASSWORD)
            screen.passphrase_edit.setText(PASSPHRASE)
            with qtbot.waitSignal(screen.task_finished, timeout=20_000):
                screen.sync_button.click()
        assert any(r.startswith("PUT ") for r in server.requests)
    assert b.get(Organisation, org.id).country == "MZ"
    assert answers.shown == []
    assert keys.recall_server_password(server.url, USER) == DAV_PASSWORD
    again = SyncScreen(b, settings=settings)
    qtbot.addWidget(again)
    assert again.server_radio.isChecked()
    assert (again.server_edit.text(), again.user_edit.text()) == (server.url, USER)
    assert again.password_edit.text() == ""


def test_a_refused_server_password_is_a_message(
    qtbot: QtBot, tmp_path: Path, devices: tuple[Directory, Directory], answers: Answers
) -> None:
    a, _b = devices
    with dav_server(tmp_path / "dav") as server:
        screen = screen_for(qtbot, a)
        screen.server_radio.setChecked(True)
        screen.server_edit.setText(server.url)
        screen.user_edit.setText(USER)
        screen.password_edit.setText("not the password")
        screen.passphrase_edit.setText(PASSPHRASE)
        with qtbot.waitSignal(screen.task_finished, timeout=20_000):
            screen.sync_button.click()
    assert any("user name or password" in text for _title, text in answers.shown)
    assert not list((tmp_path / "dav").rglob("*.smwgbundle"))


def test_an_internet_server_over_plain_http_is_refused_before_anything_is_sent(
    qtbot: QtBot, devices: tuple[Directory, Directory], answers: Answers
) -> None:
    a, _b = devices
    screen = screen_for(qtbot, a)
    screen.server_radio.setChecked(True)
    screen.server_edit.setText("http://cloud.example.org/dav")
    screen.user_edit.setText(USER)
    screen.password_edit.setText(DAV_PASSWORD)
    screen.sync_button.click()
    assert not screen.syncing
    assert any("https" in text for _title, text in answers.shown)


def test_a_network_is_started_from_the_screen_and_another_device_joins_it(
    qtbot: QtBot, tmp_path: Path, answers: Answers
) -> None:
    with Directory.open(tmp_path / "first") as first, Directory.open(tmp_path / "second") as second:
        org = first.create(Organisation, {"name": "Frente Campesino (sample)", "country": "PE"})
        screen = screen_for(qtbot, first)
        dialog = NetworkDialog(join=False)
        qtbot.addWidget(dialog)
        dialog.name_edit.setText("Campaign network")
        dialog.passphrase_edit.setText(PASSPHRASE)
        dialog.repeat_edit.setText(PASSPHRASE + " typo")
        dialog.accept()
        assert dialog.error.isVisibleTo(dialog) and "differ" in dialog.error.text()
        dialog.repeat_edit.setText(PASSPHRASE)
        with qtbot.waitSignal(screen.task_finished, timeout=20_000):
            screen.run_network_request(dialog)
        assert "Campaign network" in screen.network_label.text()
        assert screen.sync_button.isEnabled()
        screen.passphrase_edit.setText(PASSPHRASE)
        with qtbot.waitSignal(screen.task_finished, timeout=20_000):
            screen.export_to(tmp_path / "seed")

        joining = screen_for(qtbot, second)
        dialog = NetworkDialog(join=True)
        qtbot.addWidget(dialog)
        dialog.bundle_edit.setText(str(tmp_path / "seed.smwgbundle"))
        dialog.passphrase_edit.setText(PASSPHRASE)
        with qtbot.waitSignal(joining.task_finished, timeout=20_000):
            joining.run_network_request(dialog)
        assert second.get(Organisation, org.id).name == "Frente Campesino (sample)"
        assert "Campaign network" in joining.network_label.text()
    assert answers.shown == []


def test_joining_with_a_wrong_passphrase_changes_nothing(
    qtbot: QtBot, tmp_path: Path, devices: tuple[Directory, Directory], answers: Answers
) -> None:
    a, _b = devices
    bundle = tmp_path / "seed.smwgbundle"
    export_bundle(a, bundle, network_key(a, PASSPHRASE), full=True)
    with Directory.open(tmp_path / "new") as fresh:
        screen = screen_for(qtbot, fresh)
        dialog = NetworkDialog(join=True)
        qtbot.addWidget(dialog)
        dialog.bundle_edit.setText(str(bundle))
        dialog.passphrase_edit.setText("a wrong passphrase here")
        with qtbot.waitSignal(screen.task_finished, timeout=20_000):
            screen.run_network_request(dialog)
        assert any("wrong passphrase" in text.lower() for _title, text in answers.shown)
        assert network_of(fresh) is None
        assert fresh.export_canonical() == Directory.open(tmp_path / "empty").export_canonical()


def test_stop_ends_a_sync_between_files_and_keeps_what_was_taken(
    qtbot: QtBot, tmp_path: Path, devices: tuple[Directory, Directory], answers: Answers
) -> None:
    a, b = devices
    folder = tmp_path / "shared"
    folder.mkdir()
    a.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    screen_a, screen_b = screen_for(qtbot, a), screen_for(qtbot, b)
    sync_through(qtbot, screen_a, folder)
    screen_b.folder_edit.setText(str(folder))
    screen_b.passphrase_edit.setText(PASSPHRASE)
    screen_b.sync_button.click()
    assert screen_b.syncing and screen_b.stop_button.isVisibleTo(screen_b)
    with qtbot.waitSignal(screen_b.task_finished, timeout=20_000):
        screen_b.stop()
    assert not screen_b.syncing
    text = screen_b.status_label.text()
    assert text.startswith(("Stopped", "Sync done")), text
    assert not any("Stopped" in shown for _title, shown in answers.shown)
