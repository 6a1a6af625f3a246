"""The sync screen: the network, syncing through a folder, bundles by hand, conflicts.

The database connection belongs to the UI thread and the window holds the data
directory's write lock, so a sync cannot run on another thread with a directory
of its own. Instead it runs on the UI thread in short steps driven by a
``QTimer``: one other device's file received per tick, then this device's own
published, with the progress bar updated between steps, so the window never
stops answering for longer than one file takes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import RECORD_TYPES
from smwg_desktop.i18n import _, ngettext
from smwg_desktop.storage.changelog import DELETED, Conflict
from smwg_desktop.sync import exchange
from smwg_desktop.sync.bundle import SUFFIX
from smwg_desktop.sync.network import export_bundle, import_bundle, network_key, network_of
from smwg_desktop.ui import labels
from smwg_desktop.ui.dialogs import show_refusal

FOLDER_KEY = "sync/folder"
BUNDLE_FILTER = "SMWG bundles (*.smwgbundle)"
FIRST_VERSION_COLUMN = 2


def _shown(value: Any) -> str:
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class SyncScreen(QWidget):
    """Sync this device with the others of its network, and settle what they disagree on."""

    changed = Signal()

    def __init__(
        self,
        directory: Directory,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.settings = settings
        self._run: exchange.SyncRun | None = None
        self._conflicts: list[Conflict] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._sync_step)

        self.network_label = QLabel()
        self.network_label.setWordWrap(True)
        self.network_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName(_("Sync folder"))
        self.folder_edit.setPlaceholderText(
            _("A folder shared by the devices: USB stick, Nextcloud, Syncthing")
        )
        self.choose_button = QPushButton(_("Choose…"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(_("Network passphrase"))
        self.passphrase_edit.setPlaceholderText(
            _("Only needed if this computer does not remember it")
        )
        self.sync_button = QPushButton(_("Sync now"))
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.start_sync)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Sync progress"))
        self.progress.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.export_button = QPushButton(_("Export bundle…"))
        self.export_button.clicked.connect(self.export_bundle)
        self.import_button = QPushButton(_("Import bundle…"))
        self.import_button.clicked.connect(self.import_bundle)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        form = QFormLayout()
        folder_label = QLabel(_("Sync &folder:"))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder_row)
        passphrase_label = QLabel(_("&Passphrase:"))
        passphrase_label.setBuddy(self.passphrase_edit)
        form.addRow(passphrase_label, self.passphrase_edit)
        actions = QHBoxLayout()
        actions.addWidget(self.sync_button)
        actions.addWidget(self.progress, 1)
        actions.addStretch()
        actions.addWidget(self.export_button)
        actions.addWidget(self.import_button)
        self.sync_box = QGroupBox(_("Sync"))
        sync_layout = QVBoxLayout(self.sync_box)
        sync_layout.addWidget(self.network_label)
        sync_layout.addLayout(form)
        sync_layout.addLayout(actions)
        sync_layout.addWidget(self.status_label)

        self.conflict_model = QStandardItemModel(self)
        self.conflict_view = QTableView()
        self.conflict_view.setModel(self.conflict_model)
        self.conflict_view.setAccessibleName(_("Conflicts"))
        self.conflict_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.conflict_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.conflict_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflict_view.setWordWrap(True)
        self.conflict_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.conflict_view.selectionModel().currentChanged.connect(self._update_buttons)
        self.conflict_view.doubleClicked.connect(lambda _index: self.use_selected_value())
        self.conflicts_label = QLabel()
        self.conflicts_label.setWordWrap(True)
        self.use_button = QPushButton(_("Use this value"))
        self.use_button.clicked.connect(self.use_selected_value)
        conflicts_box = QGroupBox(_("Conflicts"))
        conflicts_layout = QVBoxLayout(conflicts_box)
        conflicts_layout.addWidget(self.conflicts_label)
        conflicts_layout.addWidget(self.conflict_view, 1)
        use_row = QHBoxLayout()
        use_row.addStretch()
        use_row.addWidget(self.use_button)
        conflicts_layout.addLayout(use_row)

        layout = QVBoxLayout(self)
        layout.addWidget(self.sync_box)
        layout.addWidget(conflicts_box, 1)

        for first, second in (
            (self.folder_edit, self.choose_button),
            (self.choose_button, self.passphrase_edit),
            (self.passphrase_edit, self.sync_button),
            (self.sync_button, self.export_button),
            (self.export_button, self.import_button),
            (self.import_button, self.conflict_view),
            (self.conflict_view, self.use_button),
        ):
            QWidget.setTabOrder(first, second)
        if settings is not None:
            self.folder_edit.setText(str(settings.value(FOLDER_KEY, "") or ""))
        self.refresh()

    # Reading

    def refresh(self) -> None:
        """Show the network and the conflicts as the data now stands."""
        network = network_of(self.directory)
        has_network = network is not None
        if network is None:
            self.network_label.setText(
                _(
                    "This data directory belongs to no network yet. Start one with the command "
                    "'smwg init', or join one with 'smwg join' and a bundle from another device."
                )
            )
        else:
            self.network_label.setText(
                _("Network: {name}. This device: {device}.").format(
                    name=network.name, device=self.directory.device_id[:8]
                )
            )
        for widget in (
            self.folder_edit,
            self.choose_button,
            self.passphrase_edit,
            self.export_button,
            self.import_button,
        ):
            widget.setEnabled(has_network and self._run is None)
        self.sync_button.setEnabled(has_network and self._run is None)
        self._load_conflicts()

    def _load_conflicts(self) -> None:
        self._conflicts = self.directory.conflicts()
        width = max((len(c.versions) for c in self._conflicts), default=2)
        self.conflict_model.clear()
        self.conflict_model.setHorizontalHeaderLabels(
            [_("Record"), _("Field")] + [_("Value {n}").format(n=n) for n in range(1, width + 1)]
        )
        for conflict in self._conflicts:
            row = [
                QStandardItem(self._record_name(conflict)),
                QStandardItem(self._field_name(conflict)),
            ]
            if conflict.field == DELETED:
                row += [
                    QStandardItem(_("Keep it deleted")),
                    QStandardItem(_("Restore it, with the edits")),
                ]
            else:
                row += [QStandardItem(_shown(value)) for _version, value in conflict.versions]
            self.conflict_model.appendRow(row)
        count = len(self._conflicts)
        self.conflicts_label.setText(
            ngettext(
                "{n} field needs you to choose between two versions: pick a value, then "
                "press 'Use this value'.",
                "{n} fields need you to choose between versions: pick a value, then "
                "press 'Use this value'.",
                count,
            ).format(n=count)
            if count
            else _("No conflicts: every device agrees on what it has seen.")
        )
        self._update_buttons()

    def _record_name(self, conflict: Conflict) -> str:
        cls = RECORD_TYPES.get(conflict.entity)
        kind = _(cls.label) if cls is not None else conflict.entity
        name = ""
        if cls is not None:
            try:
                record = self.directory.get(cls, conflict.entity_id)
                name = str(getattr(record, "name", "") or getattr(record, "title", "") or "")
            except UserError:
                name = ""
        return f"{kind}: {name}" if name else f"{kind} {conflict.entity_id[:8]}"

    @staticmethod
    def _field_name(conflict: Conflict) -> str:
        if conflict.field == DELETED:
            return _("Deleted on one device, edited on another")
        return labels.field_label(conflict.field)

    def _update_buttons(self, *_args: object) -> None:
        self.use_button.setEnabled(self._chosen() is not None)

    def _chosen(self) -> tuple[Conflict, int] | None:
        index = self.conflict_view.currentIndex()
        if not index.isValid() or index.column() < FIRST_VERSION_COLUMN:
            return None
        if index.row() >= len(self._conflicts):
            return None
        conflict = self._conflicts[index.row()]
        choice = index.column() - FIRST_VERSION_COLUMN
        choices = 2 if conflict.field == DELETED else len(conflict.versions)
        return (conflict, choice) if choice < choices else None

    # Conflicts

    def choose_value(self, row: int, choice: int) -> None:
        """Put the cursor on one of a conflict's values (as a click does)."""
        index: QModelIndex = self.conflict_model.index(row, FIRST_VERSION_COLUMN + choice)
        self.conflict_view.setCurrentIndex(index)

    def use_selected_value(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        conflict, choice = chosen
        try:
            if conflict.field == DELETED:
                self.directory.settle_deletion(conflict, keep_deleted=choice == 0)
            else:
                self.directory.resolve_conflict(conflict, conflict.versions[choice][1])
        except UserError as error:
            show_refusal(self, error)
            return
        self._load_conflicts()
        self.changed.emit()

    # Sync

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose the sync folder"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def _key(self) -> bytes | None:
        """The network key, from the field or as remembered; None (and a message) if neither."""
        typed = self.passphrase_edit.text()
        try:
            return network_key(self.directory, typed or None)
        except UserError as error:
            if typed:
                show_refusal(self, error)
            else:
                QMessageBox.information(
                    self,
                    _("Passphrase needed"),
                    _(
                        "This computer does not remember the network's passphrase. "
                        "Type it in the passphrase field and try again."
                    ),
                )
            self.passphrase_edit.setFocus()
            return None

    def start_sync(self) -> None:
        """Begin syncing through the folder; the steps follow on the timer."""
        if self._run is not None:
            return
        folder = self.folder_edit.text().strip()
        if not folder:
            QMessageBox.information(
                self, _("Sync folder needed"), _("Choose the sync folder first.")
            )
            self.folder_edit.setFocus()
            return
        key = self._key()
        if key is None:
            return
        network = network_of(self.directory)
        assert network is not None
        try:
            transport = exchange.FolderTransport(Path(folder), network.id)
            self._run = exchange.SyncRun(self.directory, transport, key)
        except UserError as error:
            show_refusal(self, error)
            return
        except OSError as error:
            show_refusal(
                self, exchange.SyncError(f"cannot read the sync folder {folder}: {error.strerror}")
            )
            return
        if self.settings is not None:
            self.settings.setValue(FOLDER_KEY, folder)
        self.passphrase_edit.clear()
        self.progress.setRange(0, self._run.steps)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status_label.setText(_("Syncing…"))
        self.refresh()
        self._timer.start()

    @property
    def syncing(self) -> bool:
        return self._run is not None

    def _sync_step(self) -> None:
        run = self._run
        if run is None:
            self._timer.stop()
            return
        try:
            run.step()
        except UserError as error:
            self._finish()
            self.status_label.setText(
                _("The sync stopped: {why}").format(why=labels.user_message(error))
            )
            show_refusal(self, error)
            self.changed.emit()
            return
        except OSError as error:
            self._finish()
            self.status_label.setText(_("The sync stopped: {why}").format(why=error.strerror))
            QMessageBox.warning(
                self, _("Not done"), _("The sync stopped: {why}").format(why=error.strerror)
            )
            self.changed.emit()
            return
        self.progress.setValue(run.done)
        if run.finished:
            self._finish()
            self.status_label.setText(self._summary(run.result))
            self.changed.emit()

    def _finish(self) -> None:
        self._timer.stop()
        if self._run is not None:
            self._run.close()
        self._run = None
        self.progress.setVisible(False)
        self.refresh()

    @staticmethod
    def _summary(result: exchange.SyncResult) -> str:
        received = sum(r.records_changed for r in result.imported)
        text = ngettext(
            "Sync done: {n} record changed here.", "Sync done: {n} records changed here.", received
        ).format(n=received)
        if result.refused:
            text += " " + ngettext(
                "{n} file was refused: {why}", "{n} files were refused: {why}", len(result.refused)
            ).format(n=len(result.refused), why="; ".join(f"{n}: {w}" for n, w in result.refused))
        return text

    # Bundles by hand

    def export_bundle(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Export bundle"), "", BUNDLE_FILTER)
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        key = self._key()
        if key is None:
            return
        try:
            result = export_bundle(self.directory, path, key)
        except UserError as error:
            show_refusal(self, error)
            return
        self.status_label.setText(
            ngettext(
                "Bundle written with {n} change.", "Bundle written with {n} changes.", result.count
            ).format(n=result.count)
        )

    def import_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import bundle"), "", BUNDLE_FILTER)
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        key = self._key()
        if key is None:
            return
        try:
            result = import_bundle(self.directory, path, key)
        except UserError as error:
            show_refusal(self, error)
            return
        except OSError as error:
            QMessageBox.warning(
                self,
                _("Not done"),
                _("Cannot read {path}: {why}").format(path=path, why=error.strerror),
            )
            return
        self.status_label.setText(
            ngettext(
                "Bundle from {device} read: {n} record changed here.",
                "Bundle from {device} read: {n} records changed here.",
                result.records_changed,
            ).format(device=result.device_name, n=result.records_changed)
        )
        self.refresh()
        self.changed.emit()
