"""Screenshots of every screen and dialog on the sample network, for docs/screenshots/.

Run under a display (``xvfb-run -a .venv/bin/python build/screenshots.py``); it
works in a temporary data directory and settings file, and leaves nothing else.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from smwg_desktop.core.demo import load_demo
from smwg_desktop.core.directory import Directory
from smwg_desktop.ui.app import application, load_fonts
from smwg_desktop.ui.first_run import WelcomeDialog
from smwg_desktop.ui.main_window import MainWindow
from smwg_desktop.ui.settings_dialog import SettingsDialog
from smwg_desktop.ui.unlock import UnlockDialog

TARGET = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZE = (1280, 800)


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def grab(app: QApplication, widget: QWidget, name: str) -> None:
    widget.show()
    widget.raise_()
    settle(app)
    path = TARGET / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    app = application(sys.argv[1:])
    load_fonts(app)
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="smwg-shots-") as scratch:
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        welcome = WelcomeDialog()
        grab(app, welcome, "welcome")
        welcome.close()
        unlock = UnlockDialog(Path(scratch) / "data", locked=False)
        grab(app, unlock, "unlock")
        unlock.close()
        with Directory.open(Path(scratch) / "data") as directory:
            load_demo(directory)
            window = MainWindow(directory, settings=settings)
            window.resize(*SIZE)
            window.show()
            for key in window.screen_keys():
                window.show_screen(key)
                if key == "organisations":
                    screen = window.screen_for(key)
                    search = getattr(screen, "search_field", None)
                    if search is not None:
                        search.setText("asociacion")
                    # The search waits for typing to pause before it runs.
                    for _ in range(20):
                        settle(app, 1)
                        time.sleep(0.05)
                if key == "print":
                    print_screen = window.screen_for(key)
                    print_screen.preview()
                    for _ in range(200):
                        settle(app, 1)
                        if not print_screen.busy:
                            break
                        time.sleep(0.05)
                grab(app, window, f"screen-{key}")
            settings_dialog = SettingsDialog(directory, settings, window)
            grab(app, settings_dialog, "settings")
            settings_dialog.close()
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
