"""The main window: a sidebar of screens, the screen chosen, and where the data stands.

Screens plug in with ``add_screen(key, title, screen)`` (see ``ui.screens``); the
sidebar lists them in the product's order whatever order they are added in.
``screen`` is the screen itself or a function that builds it: the window builds
such a screen the first time it is shown (or asked for with ``screen_for``), so
that it opens on its first screen without importing, building or reading the
others. A screen is an ordinary ``QWidget`` built with the window's
``directory`` and, if it edits, the window's one ``undo_stack``; it reads its data
when built. It may offer any of:

- ``changed`` (a signal): emitted after an edit made there, and after its undo
  or redo. The window then updates the status bar and refreshes the other screens
  (the one shown at once, the others when next shown). A screen brings itself up
  to date after its own edits while it is shown; when one of them is undone or
  redone from another screen, the window refreshes it when it is next shown.
- ``refresh()``: read the data again (it changed elsewhere). The window is the
  one place that decides when: at once for the screen shown, on its next showing
  for the others.
- ``focus_search()`` for Edit ▸ Find (Ctrl+F), ``new_record()`` for File ▸ New
  (Ctrl+N), ``delete_selected()`` for Edit ▸ Delete (each screen's own views take
  the Delete key themselves).
- ``open_requested(kind, id)`` (a signal): show a record on the screen for its kind.
- ``save_layout()``: remember splitter positions; called when the window closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QDateTime,
    QLocale,
    QSettings,
    QSignalBlocker,
    Qt,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from smwg_desktop.core.directory import Directory, SyncStatus
from smwg_desktop.i18n import _, ngettext
from smwg_desktop.ui.interop_actions import add_interop_actions

# Dialogs, the background tasks (ui.tasks, with threading and queue) and datetime
# are imported where used: PySide makes a Qt class's enums when the class is first
# imported, and reads the source of each module that a module imports after PySide
# (to see whether it uses PySide), the standard library's too. The first screen
# needs none of them.
if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtGui import QCloseEvent

WINDOW_TITLE = "SMWG Desktop"
GEOMETRY_KEY = "main_window/geometry"
SCREEN_KEY = "main_window/screen"
# Logical pixels: Qt scales them with the screen, so this stays sensible at 150%.
DEFAULT_SIZE = (1200, 760)

SCREEN_ORDER = (
    "dashboard", "organisations", "people", "bodies", "activities", "proposals", "outreach",
    "sync", "print",
)
"""Where each screen goes in the sidebar, as the issue lists them; others go last."""

ScreenFactory = Callable[[], QWidget]
"""Builds a screen (the first time it is shown)."""

KIND_SCREENS = {
    "organisation": "organisations", "person": "people", "body": "bodies", "proposal": "proposals",
}
"""Which screen shows a record of each kind (for ``open_record``)."""


def _call(widget: QWidget, method: str) -> bool:
    """Call an optional screen method; False when the screen has none."""
    function: Callable[[], object] | None = getattr(widget, method, None)
    if function is None:
        return False
    function()
    return True


class MainWindow(QMainWindow):
    """The window a person works in: screens in a sidebar, the data's state below."""

    lock_requested = Signal()
    """File ▸ Lock: the session closes the data and asks for the passphrase (``ui.session``)."""
    settings_saved = Signal()
    """Settings were saved: what reads them while the window is open reads them again."""

    def __init__(
        self,
        directory: Directory,
        *,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        install_screens: bool = True,
    ) -> None:
        super().__init__(parent)
        self._directory = directory
        self.settings = settings if settings is not None else QSettings()
        self.setWindowTitle(WINDOW_TITLE)
        self.undo_stack = QUndoStack(self)
        self._screens: dict[str, QWidget] = {}
        """The screens built so far."""
        self._factories: dict[str, ScreenFactory] = {}
        """The screens in the sidebar not built yet, with what builds them."""
        self._titles: dict[str, str] = {}
        self._stale: set[str] = set()
        """Screens built but hidden whose data changed: refreshed when next shown."""
        self._closed = False
        self._starting = True

        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(_("Screens"))
        self.sidebar.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self._sidebar_row_changed)

        self.data_dir_label = QLabel(str(directory.store.data_dir))
        self.data_dir_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_dir_label.setToolTip(_("Data directory"))
        self.data_dir_label.setAccessibleName(_("Data directory"))
        self.unsent_label = QLabel()
        self.unsent_label.setAccessibleName(_("Changes not yet sent"))
        self.conflicts_label = QLabel()
        self.conflicts_label.setAccessibleName(_("Conflicts"))
        self.last_sync_label = QLabel()
        self.last_sync_label.setAccessibleName(_("Last sync"))
        self.statusBar().addWidget(self.data_dir_label, 1)
        for label in (self.unsent_label, self.conflicts_label, self.last_sync_label):
            self.statusBar().addPermanentWidget(label)
        self.sync_status: SyncStatus | None = None

        self._create_actions()
        self.undo_stack.indexChanged.connect(self._undo_index_changed)
        if install_screens:
            from smwg_desktop.ui.screens import install_screens as install

            install(self)
        if self._titles:
            self._fit_sidebar()
            self._rebuild_go_menu()
        self.refresh_status()
        self._restore_geometry()
        self._starting = False
        if self.sidebar.currentRow() < 0 and self._titles:
            # The first screen added, unless the settings named another one.
            self.show_screen(next(iter(self._titles)))

    # Screens

    @property
    def directory(self) -> Directory:
        return self._directory

    def add_screen(self, key: str, title: str, screen: QWidget | ScreenFactory) -> None:
        """Put a screen in the sidebar, at its place in ``SCREEN_ORDER``.

        ``title`` is shown as given (translate it with ``_``). ``screen`` is the
        screen, or a function that builds it when it is first shown. The optional
        parts of a screen (``changed``, ``refresh``, ``focus_search``...) are
        connected when it is built.
        """
        if key in self._titles:
            raise ValueError(f"a screen {key!r} is already in the window")
        rank = {k: n for n, k in enumerate(SCREEN_ORDER)}
        place = sum(1 for k in self._titles if rank.get(k, len(rank)) <= rank.get(key, len(rank)))
        self._titles[key] = title
        if isinstance(screen, QWidget):
            self._adopt(key, screen)
        else:
            self._factories[key] = screen
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setToolTip(title)
        self.sidebar.insertItem(place, item)
        if not self._starting:
            # At start the window does both once, after the last screen is added.
            self._fit_sidebar()
            self._rebuild_go_menu()
        if self.sidebar.currentRow() < 0 and not self._starting:
            self.sidebar.setCurrentRow(0)
        self._update_actions()

    def _adopt(self, key: str, widget: QWidget) -> None:
        self._screens[key] = widget
        self.stack.addWidget(widget)
        changed = getattr(widget, "changed", None)
        if changed is not None:
            changed.connect(lambda: self._screen_changed(key))
        opener = getattr(widget, "open_requested", None)
        if opener is not None:
            opener.connect(self.open_record)

    def screen_for(self, key: str) -> QWidget:
        """The screen added under ``key``, built now if it was not yet."""
        screen = self._screens.get(key)
        if screen is None:
            # The factory is kept until it succeeds: a screen that failed to build
            # (a library missing, the data unreadable) is tried again when next asked.
            screen = self._factories[key]()
            del self._factories[key]
            self._adopt(key, screen)
        return screen

    def is_built(self, key: str) -> bool:
        """True once the screen under ``key`` exists (shown, or asked for with ``screen_for``)."""
        return key in self._screens

    def screen_keys(self) -> list[str]:
        """The screens in sidebar order, built or not."""
        return [str(self.sidebar.item(n).data(Qt.ItemDataRole.UserRole)) for n in range(self.sidebar.count())]

    @property
    def current_key(self) -> str | None:
        item = self.sidebar.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    @property
    def current_screen(self) -> QWidget | None:
        key = self.current_key
        return self._screens.get(key) if key else None

    def show_screen(self, key: str) -> QWidget:
        """Bring a screen forward (as a click in the sidebar does), building it if need be."""
        screen = self.screen_for(key)
        self.sidebar.setCurrentRow(self.screen_keys().index(key))
        return screen

    def open_record(self, kind: str, record_id: str) -> None:
        """Show a record on the screen for its kind, if there is one."""
        key = KIND_SCREENS.get(kind)
        if key is None or key not in self._titles:
            return
        screen = self.show_screen(key)
        show = getattr(screen, "show_record", None)
        if show is not None:
            show(record_id)

    def data_changed(self) -> None:
        """The data changed outside any screen (a sync): refresh everything."""
        self._refresh_screens(skip=None)
        self.refresh_status()

    def _screen_changed(self, key: str) -> None:
        # The screen shown brought itself up to date; hidden, its edit was undone
        # or redone from another screen, and it is refreshed with the others.
        self._refresh_screens(skip=key)
        self.refresh_status()

    def _refresh_screens(self, skip: str | None) -> None:
        """Refresh the screen shown now and the other built ones when next shown.

        Screens not built yet read the data as it is when they are built.
        """
        current = self.current_screen
        for key, screen in self._screens.items():
            if screen is not current:
                self._stale.add(key)
            elif key != skip:
                self._stale.discard(key)
                _call(screen, "refresh")

    def _sidebar_row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.screen_keys()[row]
        try:
            screen = self.screen_for(key)
        except BaseException:
            # Back to the screen still shown, so that choosing this one again tries again.
            shown = self.stack.currentWidget()
            back = next((k for k, built in self._screens.items() if built is shown), None)
            with QSignalBlocker(self.sidebar):
                self.sidebar.setCurrentRow(self.screen_keys().index(back) if back else -1)
            raise
        self.stack.setCurrentWidget(screen)
        if key in self._stale:
            self._stale.discard(key)
            _call(screen, "refresh")
        self._update_actions()

    def _fit_sidebar(self) -> None:
        # From the font, not pixels: the longest title fits at any scale and in any language.
        metrics = self.sidebar.fontMetrics()
        widest = max((metrics.horizontalAdvance(t) for t in self._titles.values()), default=0)
        margin = metrics.horizontalAdvance("M") * 3
        self.sidebar.setFixedWidth(widest + margin + self.sidebar.frameWidth() * 2)

    # Status bar

    def _undo_index_changed(self, _index: int) -> None:
        # The stack empties itself when the window goes, after the data was closed.
        if not self._closed:
            self.refresh_status()

    def refresh_status(self) -> None:
        """Show the changes not yet sent, the conflicts waiting and the last sync."""
        status = self._directory.sync_status()
        self.sync_status = status
        if status.unsent is None:
            self.unsent_label.setText(_("Not synced yet"))
            self.unsent_label.setToolTip(
                _("No other device has sent a bundle here yet: every change is still to send.")
            )
        else:
            self.unsent_label.setText(
                ngettext("{n} change not sent", "{n} changes not sent", status.unsent).format(
                    n=status.unsent
                )
            )
            self.unsent_label.setToolTip(
                _("Changes made on this device that some other device has not yet received.")
            )
        if status.conflicts:
            self.conflicts_label.setText(
                ngettext("{n} conflict", "{n} conflicts", status.conflicts).format(n=status.conflicts)
            )
            self.conflicts_label.setStyleSheet("color: #c62828; font-weight: bold;")
        else:
            self.conflicts_label.setText(_("No conflicts"))
            self.conflicts_label.setStyleSheet("")
        self.conflicts_label.setToolTip(
            _("Fields that two devices changed differently, waiting for someone to choose.")
        )
        if status.last_sync is None:
            self.last_sync_label.setText(_("Never synced"))
        else:
            self.last_sync_label.setText(
                _("Last sync: {when}").format(when=self._local_time(status.last_sync))
            )

    @staticmethod
    def _local_time(moment: datetime) -> str:
        seconds = int(moment.timestamp())
        local = QDateTime.fromSecsSinceEpoch(seconds, QTimeZone.systemTimeZone())
        return QLocale().toString(local, QLocale.FormatType.ShortFormat)

    # Menus

    def _create_actions(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.new_action = QAction(_("&New…"), self)
        self.new_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_action.triggered.connect(lambda: self._on_screen("new_record"))
        file_menu.addAction(self.new_action)
        self.import_action, self.export_action = add_interop_actions(self, file_menu)
        file_menu.addSeparator()
        self.settings_action = QAction(_("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(self.settings_action)
        self.lock_action = QAction(_("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        if self._directory.store.encrypted:
            self.lock_action.setToolTip(_("Close the data until its passphrase is typed again"))
        else:
            self.lock_action.setEnabled(False)
            self.lock_action.setToolTip(
                _("The data on this computer has no passphrase to lock it with "
                  "(the command 'smwg encrypt' gives it one)")
            )
        self.lock_action.triggered.connect(lambda: self.lock_requested.emit())
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        self.quit_action = QAction(_("&Quit"), self)
        # Spelled out: the platform's standard Quit key is empty on Windows.
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, _("&Redo"))
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        platform_redo = QKeySequence(QKeySequence.StandardKey.Redo)
        if platform_redo not in redo_keys and not platform_redo.isEmpty():
            redo_keys.append(platform_redo)
        self.redo_action.setShortcuts(redo_keys)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.find_action = QAction(_("&Find…"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(lambda: self._on_screen("focus_search"))
        edit_menu.addAction(self.find_action)
        self.delete_action = QAction(_("&Delete…"), self)
        # Shown in the menu only: each screen's views take the Delete key themselves,
        # so that it still deletes text in a field.
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(lambda: self._on_screen("delete_selected"))
        edit_menu.addAction(self.delete_action)
        self.erase_action = QAction(_("&Erase for good…"), self)
        self.erase_action.setShortcut(QKeySequence("Ctrl+Shift+Del"))
        self.erase_action.setToolTip(
            _("Remove every trace of the selected person or organisation, on every device")
        )
        self.erase_action.triggered.connect(lambda: self._on_screen("erase_selected"))
        edit_menu.addAction(self.erase_action)

        self.go_menu = self.menuBar().addMenu(_("&Go"))
        self.go_actions: list[QAction] = []

        help_menu = self.menuBar().addMenu(_("&Help"))
        about = QAction(_("&About SMWG Desktop"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _rebuild_go_menu(self) -> None:
        for action in self.go_actions:
            self.removeAction(action)
        self.go_menu.clear()
        self.go_actions = []
        for n, key in enumerate(self.screen_keys()):
            action = QAction(self._titles[key], self)
            if n < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
            action.triggered.connect(lambda _checked=False, k=key: self.show_screen(k))
            self.go_menu.addAction(action)
            self.addAction(action)
            self.go_actions.append(action)

    def _on_screen(self, method: str) -> None:
        screen = self.current_screen
        if screen is not None:
            _call(screen, method)

    def _update_actions(self) -> None:
        screen = self.current_screen
        for action, method in (
            (self.new_action, "new_record"),
            (self.find_action, "focus_search"),
            (self.delete_action, "delete_selected"),
            (self.erase_action, "erase_selected"),
        ):
            action.setEnabled(screen is not None and hasattr(screen, method))

    def open_settings(self) -> bool:
        """Settings (language, device name, paper, lock time); True if saved."""
        from PySide6.QtWidgets import QDialog

        from smwg_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._directory, self.settings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.data_changed()
        self.settings_saved.emit()
        return True

    def focus_search(self) -> None:
        self._on_screen("focus_search")

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            _("About SMWG Desktop"),
            _("SMWG Desktop keeps the member directory and activities of ESCR-Net's Working "
              "Group of Social Movements and Grassroots Groups, on this device, offline."),
        )

    # Geometry

    def _restore_geometry(self) -> None:
        saved = self.settings.value(GEOMETRY_KEY)
        if not (isinstance(saved, QByteArray) and self.restoreGeometry(saved)):
            self.resize(*DEFAULT_SIZE)
        key = self.settings.value(SCREEN_KEY)
        if isinstance(key, str) and key in self._titles:
            self.show_screen(key)

    def closeEvent(self, event: QCloseEvent) -> None:
        # A sync or bundle still running has its own connection: let it end first.
        from smwg_desktop.ui.tasks import wait_for_tasks

        wait_for_tasks()
        self._closed = True
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        if self.current_key:
            self.settings.setValue(SCREEN_KEY, self.current_key)
        for screen in self._screens.values():
            _call(screen, "save_layout")
        self.settings.sync()
        super().closeEvent(event)
