"""The one yes-or-no question of the app, asked in a real message box and answered by keys."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from smwg_desktop.ui.dialogs import ask

TRIES = 500
"""How many turns of the event loop the box may take to appear (the test fails, not hangs)."""


@dataclass
class Seen:
    title: str = ""
    text: str = ""
    default: QMessageBox.StandardButton | None = None


def answer_when_shown(key: Qt.Key, seen: Seen, tries: int = TRIES) -> None:
    """Press ``key`` in the question box once it is on screen, after noting what it says."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        if tries:
            QTimer.singleShot(1, lambda: answer_when_shown(key, seen, tries - 1))
        return
    seen.title, seen.text = box.windowTitle(), box.text()
    default = box.defaultButton()
    seen.default = box.standardButton(default) if default is not None else None
    QtBot.keyClick(box, key)


@pytest.mark.parametrize(
    ("key", "expected"),
    [(Qt.Key.Key_Return, False), (Qt.Key.Key_Escape, False), (Qt.Key.Key_Y, True)],
    ids=["enter", "escape", "y for yes"],
)
def test_a_question_takes_no_on_enter_or_escape_and_yes_only_when_chosen(
    qtbot: QtBot, key: Qt.Key, expected: bool
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = Seen()
    QTimer.singleShot(0, lambda: answer_when_shown(key, seen))

    answer = ask(parent, "Replace the file?", "people.csv already exists. Replace it?")

    assert answer is expected
    assert seen.title == "Replace the file?"
    assert seen.text == "people.csv already exists. Replace it?"
    assert seen.default == QMessageBox.StandardButton.No
