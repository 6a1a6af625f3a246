"""The main window: a search field above the list of organisations."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.ui.models import OrganisationTableModel

WINDOW_TITLE = "SMWG Desktop"
GEOMETRY_KEY = "main_window/geometry"
# Logical pixels: Qt scales them with the screen, so this stays sensible at 150%.
DEFAULT_SIZE = (1000, 640)
# Long enough to wait out a burst of typing, short enough to feel immediate.
SEARCH_DELAY_MS = 150


class MainWindow(QMainWindow):
    """The window a person works in: find an organisation and, later, open it."""

    def __init__(
        self,
        directory: Directory,
        *,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._directory = directory
        self._settings = settings if settings is not None else QSettings()
        self.setWindowTitle(WINDOW_TITLE)

        self.model = OrganisationTableModel(directory, self)

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("Search organisations"))
        self.search_field.setAccessibleName(self.tr("Search organisations"))
        self.search_field.setClearButtonEnabled(True)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Organisations"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.search_field)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.setTabOrder(self.search_field, self.table)

        self.data_dir_label = QLabel(str(directory.store.data_dir))
        self.data_dir_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_dir_label.setToolTip(self.tr("Data directory"))
        self.count_label = QLabel()
        self.statusBar().addWidget(self.data_dir_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        # A lambda, not the bound slot: textChanged's argument would pick start(msec).
        self.search_field.textChanged.connect(lambda _text: self._search_timer.start())

        self.model.modelReset.connect(self._update_count)
        self._create_actions()
        self._update_count()
        self._restore_geometry()

    def _create_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.quit_action = QAction(self.tr("&Quit"), self)
        # Spelled out: the platform's standard Quit key is empty on Windows.
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.find_action = QAction(self.tr("&Find…"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.focus_search)
        edit_menu.addAction(self.find_action)

    @property
    def directory(self) -> Directory:
        return self._directory

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def apply_search(self) -> None:
        """Filter the table by the search field now, without waiting for typing to pause."""
        self._search_timer.stop()
        self.model.set_filter(self.search_field.text())

    def _update_count(self) -> None:
        everything = self._directory.count(Organisation)
        if self.model.filter_text:
            text = self.tr("{shown} of {total} organisations").format(
                shown=self.model.total, total=everything
            )
        elif everything == 1:
            text = self.tr("1 organisation")
        else:
            text = self.tr("{total} organisations").format(total=everything)
        self.count_label.setText(text)

    def _restore_geometry(self) -> None:
        saved = self._settings.value(GEOMETRY_KEY)
        if not (isinstance(saved, QByteArray) and self.restoreGeometry(saved)):
            self.resize(*DEFAULT_SIZE)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
