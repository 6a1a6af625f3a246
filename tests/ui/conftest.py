"""Fixtures for the desktop UI: a window over a directory with a few organisations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.ui.main_window import MainWindow

SOME_ORGANISATIONS = [
    {"name": "Asociación Nacional de Mujeres Rurales", "acronym": "ANAMURI", "country": "CL"},
    {"name": "Movimento dos Trabalhadores Rurais Sem Terra", "acronym": "MST", "country": "BR"},
    {"name": "Kenya Peasants League", "country": "KE", "women_led": True},
]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in a file of the test's own, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def some_organisations(directory: Directory) -> list[Organisation]:
    return [directory.create(Organisation, values) for values in SOME_ORGANISATIONS]


@pytest.fixture
def open_window(
    qtbot: QtBot, directory: Directory, settings: QSettings
) -> Callable[[], MainWindow]:
    """Open a main window on the test's directory (call after creating records)."""

    def opener() -> MainWindow:
        window = MainWindow(directory, settings=settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return opener
