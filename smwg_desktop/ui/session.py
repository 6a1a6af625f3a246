"""The app's life over one data directory: welcome or unlock, the window, and locking.

A lock (File ▸ Lock, Ctrl+L, or the idle time of the settings) waits for any
background task, closes the window with every model in it, and closes the
database; only the unlock screen stays. Unlocking opens the data again and a new
window on the screen that was shown. Only encrypted data can lock: without a
passphrase there is nothing to ask for.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import StorageError
from smwg_desktop.storage import driver
from smwg_desktop.storage.database import DATABASE_NAME, resolve_data_dir
from smwg_desktop.sync import keys
from smwg_desktop.ui.main_window import MainWindow
from smwg_desktop.ui.preferences import idle_minutes

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

    # Imported where used: a start on data already there needs neither the welcome
    # (nor the sample network and the network machinery behind it) nor, unencrypted,
    # the unlock screen.
    from smwg_desktop.ui.first_run import WelcomeChoice
    from smwg_desktop.ui.unlock import UnlockDialog

@functools.cache
def activity_events() -> frozenset[QEvent.Type]:
    """What counts as someone at the keyboard, for the idle lock.

    Made when the lock first watches: PySide makes QEvent's enums (about 2 ms) when
    the class is first used, and a start on plain data has no idle lock.
    """
    from PySide6.QtCore import QEvent

    kinds = QEvent.Type
    return frozenset(
        {kinds.KeyPress, kinds.MouseButtonPress, kinds.MouseMove, kinds.Wheel, kinds.TouchBegin}
    )


class Session(QObject):
    """Opens the data the right way, shows the window, and locks it when asked or idle."""

    def __init__(self, data_dir: str | Path | None, settings: QSettings) -> None:
        super().__init__()
        self.data_dir = resolve_data_dir(data_dir)
        self.settings = settings
        self.directory: Directory | None = None
        self.window: MainWindow | None = None
        self.unlock_dialog: UnlockDialog | None = None
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)

    @property
    def first_run(self) -> bool:
        return not (self.data_dir / DATABASE_NAME).exists()

    @property
    def encrypted(self) -> bool:
        return not driver.is_plain(self.data_dir / DATABASE_NAME)

    def start(self) -> bool:
        """Welcome, unlock or open; False when the person chose to quit.

        Raises ``StorageError`` when the data cannot be used (in use, damaged).
        """
        if self.first_run:
            return self.welcome()
        if self.encrypted:
            remembered = keys.recall_database_passphrase(self.data_dir)
            if remembered is not None:
                try:
                    self.open_window(Directory.open(self.data_dir, passphrase=remembered))
                    return True
                except StorageError:
                    keys.forget_database_passphrase(self.data_dir)
            self.ask_passphrase(locked=False)
            return True
        self.open_window(Directory.open(self.data_dir))
        return True

    # First run

    def welcome(self) -> bool:
        from PySide6.QtWidgets import QDialog

        from smwg_desktop.ui.first_run import WelcomeDialog

        dialog = WelcomeDialog()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.begin(dialog.choice())
        return True

    def begin(self, choice: WelcomeChoice) -> None:
        """Make the data directory as chosen on the welcome, and open the window on it."""
        from smwg_desktop.core.demo import load_demo
        from smwg_desktop.sync.network import set_device_name
        from smwg_desktop.ui.first_run import JOIN, SAMPLE

        directory = Directory.open(self.data_dir)
        try:
            set_device_name(directory, choice.device_name)
            if choice.db_passphrase is not None:
                # On an empty database: a second of key derivation, then a small copy.
                QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                try:
                    directory.store.change_key(choice.db_passphrase)
                finally:
                    QGuiApplication.restoreOverrideCursor()
                if choice.remember:
                    keys.remember_database_passphrase(self.data_dir, choice.db_passphrase)
            if choice.start == SAMPLE:
                load_demo(directory)
        except BaseException:
            directory.close()
            raise
        window = self.open_window(directory)
        if choice.start != SAMPLE:
            sync_screen = window.show_screen("sync")
            join = choice.start == JOIN
            QTimer.singleShot(0, lambda: sync_screen.set_up_network(join=join))

    # The window

    def open_window(self, directory: Directory) -> MainWindow:
        self.directory = directory
        window = MainWindow(directory, settings=self.settings)
        window.lock_requested.connect(self.lock)
        # A new lock time counts from the save, not from the next unlock.
        window.settings_saved.connect(self._restart_idle_timer)
        self.window = window
        window.show()
        self._restart_idle_timer()
        return window

    def _restart_idle_timer(self) -> None:
        if self.directory is not None and self.directory.store.encrypted:
            self.idle_timer.start(idle_minutes(self.settings) * 60_000)
            # Watching every event of the app only where the idle lock runs: a filter
            # on the application sees every event of every object through Python,
            # and converting the objects made PySide build classes such as QStyle
            # (about 8 ms of a plain start) for nothing.
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in activity_events() and self.window is not None and self.idle_timer.isActive():
            self.idle_timer.start()
        return False

    # Locking

    @property
    def locked(self) -> bool:
        return self.directory is None

    def lock(self) -> None:
        """Close the data and every model; ask for the passphrase to go on."""
        from smwg_desktop.ui.tasks import wait_for_tasks

        if self.directory is None or not self.directory.store.encrypted:
            return
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not self.unlock_dialog:
            # A dialog's own event loop runs inside the window's code: end it, and lock
            # once that code has returned, never under its feet.
            modal.close()
            QTimer.singleShot(0, self.lock)
            return
        self.idle_timer.stop()
        wait_for_tasks()
        # The unlock screen first, so that the app never runs without a window.
        self.ask_passphrase(locked=True)
        window, self.window = self.window, None
        if window is not None:
            window.close()
            window.deleteLater()
        self.directory.close()
        self.directory = None

    def ask_passphrase(self, *, locked: bool) -> UnlockDialog:
        from smwg_desktop.ui.unlock import UnlockDialog

        dialog = UnlockDialog(self.data_dir, locked=locked)
        dialog.unlocked.connect(self._unlocked)
        dialog.rejected.connect(self._quit)
        self.unlock_dialog = dialog
        dialog.show()
        return dialog

    def _unlocked(self, directory: Directory) -> None:
        self.unlock_dialog = None
        self.open_window(directory)

    def _quit(self) -> None:
        self.unlock_dialog = None
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def close(self) -> None:
        """Close the window and the data (at the end of ``main``)."""
        self.idle_timer.stop()
        if self.window is not None:
            self.window.close()
            self.window = None
        if self.directory is not None:
            self.directory.close()
            self.directory = None
