"""The main window as a person meets it: the sidebar, the menus, the status bar."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.ui.directory_screen import OrganisationsScreen
from smwg_desktop.ui.main_window import GEOMETRY_KEY, MainWindow

OpenWindow = Callable[[], MainWindow]


class FakeScreen(QLabel):
    """A screen from elsewhere: what the window asks of any screen, and no more."""

    changed = Signal()

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


def test_sidebar_lists_the_screens_that_exist_in_the_product_order(open_window: OpenWindow) -> None:
    window = open_window()

    assert window.windowTitle() == "SMWG Desktop"
    assert window.screen_keys() == [
        "dashboard", "organisations", "people", "bodies", "activities", "proposals", "outreach",
        "sync", "print",
    ]
    titles = [window.sidebar.item(n).text() for n in range(window.sidebar.count())]
    assert titles == [
        "Dashboard", "Organisations", "People", "Bodies and roles", "Activities", "Proposals",
        "Outreach", "Sync", "Print",
    ]
    assert window.current_key == "organisations"


def test_screens_added_later_take_their_place_in_the_sidebar(
    qtbot: QtBot, directory: Directory, settings: QSettings
) -> None:
    window = MainWindow(directory, settings=settings, install_screens=False)
    qtbot.addWidget(window)
    printing = FakeScreen("Print")
    syncing = FakeScreen("Sync")

    window.add_screen("print", "Print", printing)
    window.add_screen("extra", "Extra", FakeScreen("Extra"))
    window.add_screen("sync", "Sync", syncing)
    window.add_screen("dashboard", "Dashboard", FakeScreen("Dashboard"))

    assert window.screen_keys() == ["dashboard", "sync", "print", "extra"]
    assert window.show_screen("print") is printing
    assert window.stack.currentWidget() is printing
    assert [a.shortcut().toString() for a in window.go_actions][:2] == ["Ctrl+1", "Ctrl+2"]


def test_an_edit_on_one_screen_refreshes_the_others_when_they_are_shown(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    other = FakeScreen("Extra")
    window.add_screen("extra", "Extra", other)
    window.show_screen("organisations")

    window.screen_for("bodies").changed.emit()  # type: ignore[attr-defined]
    assert other.refreshed == 0

    window.show_screen("extra")
    assert other.refreshed == 1
    other.changed.emit()
    window.show_screen("extra")
    assert other.refreshed == 1


def test_a_record_of_another_kind_opens_on_its_screen(
    open_window: OpenWindow, some_organisations: list[Organisation]
) -> None:
    window = open_window()
    window.show_screen("people")

    window.open_record("organisation", some_organisations[2].id)

    screen = window.current_screen
    assert isinstance(screen, OrganisationsScreen)
    assert screen.form.record_id == some_organisations[2].id


def test_ctrl_f_puts_the_cursor_in_the_search_field_of_the_screen_shown(
    qtbot: QtBot, open_window: OpenWindow, some_organisations: list[Organisation]
) -> None:
    window = open_window()
    qtbot.waitExposed(window)
    window.activateWindow()
    screen = window.show_screen("people")
    screen.table.setFocus()  # type: ignore[attr-defined]
    qtbot.waitUntil(screen.table.hasFocus)  # type: ignore[attr-defined]

    qtbot.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]

    qtbot.waitUntil(screen.search_field.hasFocus)  # type: ignore[attr-defined]


def test_menus_offer_the_shortcuts_a_desktop_program_has(open_window: OpenWindow) -> None:
    window = open_window()

    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [k.toString() for k in window.redo_action.shortcuts()]
    assert window.delete_action.shortcut().toString() == "Del"
    # Shown in the menu only: the Delete key keeps deleting text in fields.
    assert window.delete_action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut


def test_file_quit_closes_the_window(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()

    window.quit_action.trigger()

    qtbot.waitUntil(lambda: not window.isVisible())


def test_status_bar_shows_the_data_directory_and_that_nothing_was_synced(
    open_window: OpenWindow, directory: Directory
) -> None:
    window = open_window()

    assert window.data_dir_label.text() == str(directory.store.data_dir)
    assert window.unsent_label.text() == "Not synced yet"
    assert window.conflicts_label.text() == "No conflicts"
    assert window.last_sync_label.text() == "Never synced"


def test_status_bar_counts_changes_not_sent_after_each_edit(
    open_window: OpenWindow, directory: Directory, some_organisations: list[Organisation]
) -> None:
    seen = directory.log.seen()[directory.device_id]
    directory.conn.execute(
        "INSERT INTO peer (device, name, seen, last_sync) VALUES (?, ?, ?, ?)",
        ("laptop", "Laptop", json.dumps({directory.device_id: seen}), "2026-05-01T10:00:00+00:00"),
    )
    window = open_window()
    assert window.unsent_label.text() == "0 changes not sent"
    assert window.last_sync_label.text().startswith("Last sync: ")
    screen = window.screen_for("organisations")
    assert isinstance(screen, OrganisationsScreen)

    screen.edits.update(Organisation, some_organisations[0].id, {"acronym": "AN"}, "Edit")

    assert window.unsent_label.text() == "1 change not sent"
    window.undo_action.trigger()
    assert window.unsent_label.text() == "2 changes not sent"


def test_window_size_and_screen_are_remembered_between_runs(
    qtbot: QtBot, directory: Directory, settings: QSettings
) -> None:
    first = MainWindow(directory, settings=settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    # The offscreen screen is 800 pixels wide: pick a width that fits it and the window.
    wide = first.minimumSizeHint().width() + 4
    first.resize(wide, 560)
    qtbot.waitUntil(lambda: first.size().width() == wide)
    first.show_screen("bodies")
    first.close()
    assert settings.value(GEOMETRY_KEY) is not None

    second = MainWindow(directory, settings=settings)
    qtbot.addWidget(second)

    assert (second.width(), second.height()) == (wide, 560)
    assert second.current_key == "bodies"


def test_every_screen_opens_on_the_demo_network(
    open_window: OpenWindow, demo: object
) -> None:
    window = open_window()

    for key in window.screen_keys():
        screen: QWidget = window.show_screen(key)
        assert screen.isVisible()
    assert window.screen_for("organisations").model.rowCount() == 40  # type: ignore[attr-defined]
    assert window.screen_for("people").count_label.text() == "120 people"  # type: ignore[attr-defined]
    assert window.screen_for("bodies").bodies_model.rowCount() == 9  # type: ignore[attr-defined]


@pytest.mark.parametrize("key", ["people", "organisations", "bodies", "proposals"])
def test_the_divider_of_a_screen_is_where_the_person_left_it(
    qtbot: QtBot, directory: Directory, settings: QSettings, key: str
) -> None:
    first = MainWindow(directory, settings=settings)
    qtbot.addWidget(first)
    first.resize(1200, 700)
    first.show()
    splitter = first.show_screen(key).splitter
    total = sum(splitter.sizes())
    splitter.setSizes([total // 4, total - total // 4])
    moved = splitter.sizes()
    first.close()

    second = MainWindow(directory, settings=settings)
    qtbot.addWidget(second)
    second.resize(1200, 700)
    second.show()
    assert second.show_screen(key).splitter.sizes() == moved
