"""Fixtures for the desktop UI: a window over a directory, the demo network, dialogs recorded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from smwg_desktop.core.demo import DemoSummary, load_demo
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.ui.app import make_none_immortal
from smwg_desktop.ui.main_window import MainWindow

# The suite drives the widgets of hundreds of windows in one process: as the app does
# a second after it starts (see make_none_immortal), None is kept from running out.
make_none_immortal()

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
def demo(directory: Directory) -> DemoSummary:
    """The sample network: 40 organisations, 120 people, the bodies and their seats."""
    return load_demo(directory)


@pytest.fixture
def open_window(
    qtbot: QtBot, directory: Directory, settings: QSettings
) -> Callable[[], MainWindow]:
    """Open a main window on the test's directory (call after creating records).

    The window is shown (so screens refresh as a person would see) but not waited
    for: tests that need the keyboard wait for it themselves.
    """

    def opener() -> MainWindow:
        window = MainWindow(directory, settings=settings)
        qtbot.addWidget(window)
        window.show()
        return window

    return opener


class Answers:
    """Message boxes, recorded instead of shown; questions get ``reply``."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.shown: list[tuple[str, str]] = []
        self.reply = QMessageBox.StandardButton.Yes

    def question(self, parent: QWidget | None, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        self.asked.append(text)
        return self.reply

    def show(self, parent: QWidget | None, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        self.shown.append((title, text))
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """No modal box ever blocks a test: questions are answered, messages recorded."""
    recorded = Answers()
    monkeypatch.setattr(QMessageBox, "question", recorded.question)
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, recorded.show)
    return recorded
