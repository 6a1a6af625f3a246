"""The import wizard's steps as a person takes them, for the tests that drive it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from smwg_desktop.ui import import_wizard
from smwg_desktop.ui.import_wizard import ImportWizard

WAIT_MS = 20_000


def choose_file(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    """Type the file's name and press Next; wait until it is read (or refused)."""
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.working, timeout=WAIT_MS)


def preview(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    """Choose the file and go on to the preview, with the dry run done."""
    choose_file(qtbot, wizard, path)
    if wizard.currentId() == ImportWizard.COLUMNS:
        wizard.next()
    wait_for_plan(qtbot, wizard)


def wait_for_plan(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(
        lambda: wizard.currentId() == ImportWizard.PREVIEW
        and wizard.plan is not None
        and not wizard.working,
        timeout=WAIT_MS,
    )


def run_import(qtbot: QtBot, wizard: ImportWizard) -> None:
    """Press Import on the preview and wait for the result page to be complete."""
    assert wizard.preview_page.isComplete()
    wizard.next()
    assert wizard.currentId() == ImportWizard.RESULT
    qtbot.waitUntil(lambda: not wizard.working, timeout=WAIT_MS)


def pause_after_first_row(
    monkeypatch: pytest.MonkeyPatch, seconds: float = 1.0
) -> threading.Event:
    """Make the import wait after writing its first row (inside its transaction), so that
    a test can stop it part way whatever the speed of the machine. The event returned is
    set once the first row is written and the import waits."""
    real = import_wizard.applying
    waiting = threading.Event()

    def paused(*args: Any, **kwargs: Any) -> Iterator[int]:
        steps = real(*args, **kwargs)
        try:
            yield next(steps)
            waiting.set()
            time.sleep(seconds)
            return (yield from steps)
        finally:
            steps.close()

    monkeypatch.setattr(import_wizard, "applying", paused)
    return waiting
