"""The main window as a person meets it: the sidebar, the menus, the status bar."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Body, Organisation, Person
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
    # Go: one action per screen, in sidebar order, each once on the window (for its shortcut).
    assert [a.text() for a in window.go_menu.actions()] == titles
    assert [a.shortcut().toString() for a in window.go_actions] == [f"Ctrl+{n}" for n in range(1, 10)]
    assert [a for a in window.actions() if a in window.go_actions] == window.go_actions
    widest = max(window.sidebar.fontMetrics().horizontalAdvance(t) for t in titles)
    assert window.sidebar.width() > widest


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
    first.show_screen("bodies")
    # The offscreen screen is 800 pixels wide: pick a width that fits it and the window
    # with the screens built so far (each one built adds its own minimum).
    wide = first.minimumSizeHint().width() + 4
    first.resize(wide, 560)
    qtbot.waitUntil(lambda: first.size().width() == wide)
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


# Screens built when first shown


def keyboard_in_the_table(qtbot: QtBot, window: MainWindow) -> QWidget:
    """The window active with the keyboard in the Organisations table, as a person starts."""
    qtbot.waitExposed(window)
    window.activateWindow()
    table: QWidget = window.screen_for("organisations").table  # type: ignore[attr-defined]
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    return table


def test_a_new_window_builds_only_the_screen_it_shows(open_window: OpenWindow, demo: object) -> None:
    window = open_window()

    assert window.current_key == "organisations"
    assert [key for key in window.screen_keys() if window.is_built(key)] == ["organisations"]
    assert window.stack.count() == 1


def test_a_screen_is_built_the_first_time_it_is_shown_and_works(
    open_window: OpenWindow, directory: Directory, demo: object
) -> None:
    window = open_window()
    assert not window.is_built("bodies")

    screen = window.show_screen("bodies")

    assert window.is_built("bodies")
    assert screen.isVisible()
    assert screen.bodies_model.rowCount() == 9  # type: ignore[attr-defined]
    assert window.show_screen("organisations") is window.screen_for("organisations")
    assert window.show_screen("bodies") is screen, "built once, then kept"


def test_go_shortcuts_reach_screens_not_built_yet(
    qtbot: QtBot, open_window: OpenWindow, demo: object
) -> None:
    window = open_window()
    table = keyboard_in_the_table(qtbot, window)
    assert not window.is_built("people")

    qtbot.keyClick(table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)

    assert window.current_key == "people"
    assert window.screen_for("people").count_label.text() == "120 people"  # type: ignore[attr-defined]


def test_ctrl_n_on_a_screen_shown_for_the_first_time_opens_its_new_record_dialog(
    qtbot: QtBot, open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    table = keyboard_in_the_table(qtbot, window)
    opened: list[str] = []
    monkeypatch.setattr(
        "smwg_desktop.ui.dialogs.EditDialog.exec", lambda self: opened.append(self.windowTitle()) or 0
    )

    qtbot.keyClick(table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.screen_for("people"), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    assert window.current_key == "people"
    assert opened == ["New person"]


def test_a_screen_not_built_is_left_alone_when_the_data_changes(
    open_window: OpenWindow, directory: Directory, some_organisations: list[Organisation]
) -> None:
    window = open_window()
    screen = window.screen_for("organisations")
    assert isinstance(screen, OrganisationsScreen)

    screen.edits.update(Organisation, some_organisations[0].id, {"acronym": "AN"}, "Edit")
    directory.create(Person, {"name": "Rosa Mamani"})
    window.data_changed()

    assert [key for key in window.screen_keys() if window.is_built(key)] == ["organisations"]
    people = window.show_screen("people")
    assert people.count_label.text() == "1 person"  # type: ignore[attr-defined]


def test_a_screen_that_failed_to_build_is_built_when_next_shown(
    qtbot: QtBot, directory: Directory, settings: QSettings
) -> None:
    window = MainWindow(directory, settings=settings, install_screens=False)
    qtbot.addWidget(window)
    attempts: list[int] = []
    built = FakeScreen("Print")

    def printing() -> QWidget:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("the PDF library could not be loaded")
        return built

    window.add_screen("dashboard", "Dashboard", FakeScreen("Dashboard"))
    window.add_screen("print", "Print", printing)

    with pytest.raises(RuntimeError):
        window.show_screen("print")
    assert not window.is_built("print")

    assert window.show_screen("print") is built
    assert window.stack.currentWidget() is built


def test_a_screen_that_fails_to_build_from_the_sidebar_leaves_the_shown_one_chosen(
    qtbot: QtBot, directory: Directory, settings: QSettings
) -> None:
    window = MainWindow(directory, settings=settings, install_screens=False)
    qtbot.addWidget(window)
    dashboard = FakeScreen("Dashboard")
    attempts: list[int] = []

    def printing() -> QWidget:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("the PDF library could not be loaded")
        return FakeScreen("Print")

    window.add_screen("dashboard", "Dashboard", dashboard)
    window.add_screen("print", "Print", printing)
    window.sidebar.setCurrentRow(0)

    with qtbot.capture_exceptions() as raised:
        window.sidebar.setCurrentRow(1)

    assert [type(e[1]) for e in raised] == [RuntimeError]
    assert window.current_key == "dashboard"
    assert window.stack.currentWidget() is dashboard
    window.sidebar.setCurrentRow(1)
    assert window.current_key == "print"
    assert window.stack.currentWidget() is window.screen_for("print")


# One refresh-on-show, in the window


def test_a_change_made_while_a_screen_is_hidden_shows_when_it_is_shown(
    open_window: OpenWindow, directory: Directory, demo: object
) -> None:
    window = open_window()
    people = window.show_screen("people")
    dashboard = window.show_screen("dashboard")
    organisations = window.show_screen("organisations")
    assert isinstance(organisations, OrganisationsScreen)
    org = next(o for o in directory.list(Organisation) if directory.affiliations(organisation_id=o.id))
    link = directory.affiliations(organisation_id=org.id)[0]
    members_before = dashboard.composition.members  # type: ignore[attr-defined]
    assert org.status == "member"

    organisations.edits.update(Organisation, org.id, {"name": "Renamed Union", "status": "former"}, "Edit")

    # Hidden, both still show the data as it was: nothing is read while no one looks.
    assert dashboard.composition.members == members_before  # type: ignore[attr-defined]
    window.show_screen("people")
    people.show_record(link.person_id)  # type: ignore[attr-defined]
    assert "Renamed Union" in [line.cells[0] for line in people.form.links.lines()]  # type: ignore[attr-defined]
    window.show_screen("dashboard")
    assert dashboard.composition.members == members_before - 1  # type: ignore[attr-defined]


def test_undoing_from_another_screen_shows_on_the_screen_of_the_edit_when_shown_again(
    open_window: OpenWindow, directory: Directory, demo: object
) -> None:
    window = open_window()
    bodies = window.show_screen("bodies")
    board = next(b for b in directory.list(Body) if b.body_kind == "board")
    bodies.edits.update(Body, board.id, {"name": "Renamed Board"}, "Rename")  # type: ignore[attr-defined]
    assert "Renamed Board" in [line.cells[0] for line in bodies.bodies_model.lines()]  # type: ignore[attr-defined]
    window.show_screen("organisations")

    window.undo_action.trigger()

    assert directory.get(Body, board.id).name == board.name
    window.show_screen("bodies")
    names = [line.cells[0] for line in bodies.bodies_model.lines()]  # type: ignore[attr-defined]
    assert board.name in names and "Renamed Board" not in names


def test_the_screen_shown_reads_a_change_made_elsewhere_at_once(
    open_window: OpenWindow, directory: Directory, demo: object
) -> None:
    window = open_window()
    bodies = window.show_screen("bodies")
    board = next(b for b in directory.list(Body) if b.body_kind == "board")

    directory.update(Body, board.id, {"name": "Board, after a sync"})
    window.data_changed()

    assert "Board, after a sync" in [line.cells[0] for line in bodies.bodies_model.lines()]  # type: ignore[attr-defined]


def test_no_screen_keeps_a_refresh_of_its_own() -> None:
    """The window alone decides when a screen reads its data again (its stale set)."""
    from smwg_desktop.ui import (
        bodies_screen,
        dashboard_screen,
        directory_screen,
        outreach_screen,
        proposals_screen,
        record_forms,
    )

    for module in (
        bodies_screen, dashboard_screen, directory_screen, outreach_screen, proposals_screen, record_forms
    ):
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert "_stale" not in source and "def showEvent" not in source, module.__name__
