"""The sync screen: two devices syncing through a folder, and a conflict settled by a person."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.sync.network import export_bundle, init_network, join_network, network_key
from smwg_desktop.ui.sync_screen import SyncScreen
from tests.ui.conftest import Answers

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


def test_a_wrong_passphrase_is_a_message_not_a_traceback(
    qtbot: QtBot, tmp_path: Path, devices: tuple[Directory, Directory], answers: Answers
) -> None:
    a, _b = devices
    screen = screen_for(qtbot, a)
    screen.folder_edit.setText(str(tmp_path))
    screen.passphrase_edit.setText("not the passphrase at all")
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
    screen_a.export_to(tmp_path / "by-hand")
    screen_b.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(screen_b.changed):
        screen_b.import_from(tmp_path / "by-hand.smwgbundle")
    assert b.get(Organisation, org.id).country == "KE"
    assert answers.shown == []
