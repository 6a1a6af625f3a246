"""The main window as a person meets it: the list, the search field, the status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.ui.main_window import GEOMETRY_KEY, MainWindow

OpenWindow = Callable[[], MainWindow]


def names_shown(window: MainWindow) -> list[str]:
    model = window.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_window_lists_the_organisations_in_the_directory(
    open_window: OpenWindow, some_organisations: list[Organisation]
) -> None:
    window = open_window()

    assert window.windowTitle() == "SMWG Desktop"
    assert sorted(names_shown(window)) == sorted(o.name for o in some_organisations)


def test_typing_without_accents_finds_the_accented_name(
    qtbot: QtBot, open_window: OpenWindow, some_organisations: list[Organisation]
) -> None:
    window = open_window()

    qtbot.keyClicks(window.search_field, "asociacion")

    qtbot.waitUntil(lambda: names_shown(window) == ["Asociación Nacional de Mujeres Rurales"])


def test_clearing_the_search_shows_every_organisation_again(
    qtbot: QtBot, open_window: OpenWindow, some_organisations: list[Organisation]
) -> None:
    window = open_window()
    qtbot.keyClicks(window.search_field, "kenya")
    qtbot.waitUntil(lambda: names_shown(window) == ["Kenya Peasants League"])

    window.search_field.clear()

    qtbot.waitUntil(lambda: len(names_shown(window)) == len(some_organisations))


def test_search_matching_nothing_empties_the_table(
    qtbot: QtBot, open_window: OpenWindow, some_organisations: list[Organisation]
) -> None:
    window = open_window()

    qtbot.keyClicks(window.search_field, "zzzz")
    window.apply_search()

    assert names_shown(window) == []
    assert window.count_label.text() == "0 of 3 organisations"


def test_ctrl_f_puts_the_cursor_in_the_search_field(
    qtbot: QtBot, open_window: OpenWindow, some_organisations: list[Organisation]
) -> None:
    window = open_window()
    window.activateWindow()
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)

    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(window.search_field.hasFocus)


def test_search_field_is_named_for_screen_readers(open_window: OpenWindow) -> None:
    window = open_window()

    assert window.search_field.accessibleName() == "Search organisations"
    assert window.search_field.placeholderText() == "Search organisations"


def test_status_bar_shows_the_data_directory_and_the_count(
    qtbot: QtBot,
    open_window: OpenWindow,
    directory: Directory,
    some_organisations: list[Organisation],
) -> None:
    window = open_window()

    assert window.data_dir_label.text() == str(directory.store.data_dir)
    assert window.count_label.text() == "3 organisations"

    qtbot.keyClicks(window.search_field, "rurais")
    window.apply_search()

    assert window.count_label.text() == "1 of 3 organisations"


def test_count_of_one_organisation_is_singular(
    open_window: OpenWindow, directory: Directory
) -> None:
    directory.create(Organisation, {"name": "La Via Campesina", "country": "ZW"})

    assert open_window().count_label.text() == "1 organisation"


def test_file_quit_closes_the_window(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()

    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.quit_action.trigger()

    qtbot.waitUntil(lambda: not window.isVisible())


def test_window_size_is_remembered_between_runs(
    qtbot: QtBot, directory: Directory, settings: QSettings
) -> None:
    first = MainWindow(directory, settings=settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(700, 500)
    qtbot.waitUntil(lambda: first.size().width() == 700)
    first.close()
    assert settings.value(GEOMETRY_KEY) is not None

    second = MainWindow(directory, settings=settings)
    qtbot.addWidget(second)

    assert (second.width(), second.height()) == (700, 500)


def test_table_is_read_only_and_selects_whole_rows(
    open_window: OpenWindow, some_organisations: list[Organisation]
) -> None:
    window = open_window()
    window.table.selectRow(0)

    selected = window.table.selectionModel().selectedIndexes()
    assert {index.row() for index in selected} == {0}
    assert len(selected) == window.table.model().columnCount()
    assert not window.table.model().flags(selected[0]) & Qt.ItemFlag.ItemIsEditable


def test_scrolling_to_the_end_loads_the_next_page(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory
) -> None:
    with directory.store.transaction():
        for number in range(250):
            directory.create(Organisation, {"name": f"Grupo {number:03d}", "country": "PE"})
    window = open_window()
    loaded_first = window.model.rowCount()
    assert loaded_first < 250
    assert window.count_label.text() == "250 organisations"

    scroll_bar = window.table.verticalScrollBar()
    scroll_bar.setValue(scroll_bar.maximum())

    qtbot.waitUntil(lambda: window.model.rowCount() > loaded_first)
