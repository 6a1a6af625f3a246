"""The desktop app in the language chosen: menus, screens and the refusals of the core."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt

from smwg_desktop.core.demo import DemoSummary
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import Organisation
from smwg_desktop.i18n import set_language
from smwg_desktop.ui import labels
from smwg_desktop.ui.main_window import MainWindow

OpenWindow = Callable[[], MainWindow]


@pytest.fixture
def in_spanish() -> Iterator[None]:
    set_language("es")
    try:
        yield
    finally:
        set_language("en")


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _sidebar(window: MainWindow) -> list[str]:
    return [window.sidebar.item(row).text() for row in range(window.sidebar.count())]


def test_the_main_window_speaks_spanish_when_the_language_is_spanish(
    demo: DemoSummary, open_window: OpenWindow, in_spanish: None
) -> None:
    window = open_window()

    assert _menu_titles(window) == ["&Archivo", "&Edición", "&Ir", "Ay&uda"]
    assert _sidebar(window)[:3] == ["Panel", "Organizaciones", "Personas"]
    assert window.new_action.text() == "&Nuevo…"


def test_and_english_again_once_the_language_is_back(
    demo: DemoSummary, open_window: OpenWindow
) -> None:
    window = open_window()

    assert _menu_titles(window) == ["&File", "&Edit", "&Go", "&Help"]
    assert _sidebar(window)[:3] == ["Dashboard", "Organisations", "People"]


def test_country_names_follow_the_language(in_spanish: None) -> None:
    assert labels.country("PE") == "Perú"
    assert labels.country("DE") == "Alemania"


def test_a_refusal_of_the_core_reads_in_spanish_beside_the_field(
    directory: Directory, in_spanish: None
) -> None:
    with pytest.raises(UserError) as refused:
        directory.create(Organisation, {"name": "Red Andina", "country": "Narnia"})

    assert labels.user_message(refused.value) == (
        "País: 'Narnia' no es un código de país ISO 3166"
    )


def test_screens_built_after_the_window_opened_speak_its_language(
    demo: DemoSummary, open_window: OpenWindow, in_spanish: None
) -> None:
    window = open_window()
    assert not window.is_built("bodies") and not window.is_built("people")

    bodies = window.show_screen("bodies")
    people = window.show_screen("people")

    assert bodies.new_body_button.text() == "Nuevo ó&rgano…"  # type: ignore[attr-defined]
    assert people.count_label.text() == "120 personas"  # type: ignore[attr-defined]
    assert people.model.headerData(0, Qt.Orientation.Horizontal) == "Nombre"  # type: ignore[attr-defined]
