"""The sync screen: the network, syncing through a folder or WebDAV, bundles by hand, conflicts.

Syncing, joining and bundles run as background tasks (``ui.tasks``) with their
own connection to the open directory, so the window goes on answering while a
slow server or a large bundle is read; the progress bar follows their steps and
"Stop" ends a sync between two files.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
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
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import RECORD_TYPES
from smwg_desktop.i18n import _, ngettext
from smwg_desktop.storage.changelog import DELETED, Conflict
from smwg_desktop.sync import exchange, keys
from smwg_desktop.sync.bundle import SUFFIX
from smwg_desktop.sync.network import (
    ExportResult,
    ImportResult,
    Network,
    export_bundle,
    import_bundle,
    network_key,
    network_of,
    require_network,
)
from smwg_desktop.ui import labels
from smwg_desktop.ui.dialogs import show_refusal
from smwg_desktop.ui.errors import show_exception
from smwg_desktop.ui.network_dialogs import BUNDLE_FILTER, NetworkDialog, password_field, work_for
from smwg_desktop.ui.tasks import Cancelled, Progress, Task, Work, run_task

FOLDER_KEY = "sync/folder"
PLACE_KEY = "sync/place"
SERVER_KEY = "sync/server"
USER_KEY = "sync/user"
FIRST_VERSION_COLUMN = 2
FOLDER, SERVER = "folder", "webdav"


def _shown(value: Any) -> str:
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def sync_work(place: str, where: str, user: str, password: str, passphrase: str | None) -> Work:
    """A whole sync, as run in the worker: the key, the transport, then every step."""

    def work(directory: Directory, progress: Progress) -> exchange.SyncResult:
        progress(_("Checking the passphrase"), 0, 1)
        key = network_key(directory, passphrase)
        network = require_network(directory)
        progress(_("Looking at what the other devices left"), 0, 1)
        transport: exchange.Transport
        if place == SERVER:
            transport = exchange.WebDavTransport(where, user, password, network.id)
        else:
            try:
                transport = exchange.FolderTransport(Path(where), network.id)
            except OSError as error:
                raise exchange.SyncError(
                    _("cannot read the sync folder {folder}: {why}").format(
                        folder=where, why=error.strerror
                    )
                ) from None
        try:
            return exchange.sync(directory, transport, key, progress)
        except OSError as error:
            raise exchange.SyncError(_("the sync stopped: {why}").format(why=error.strerror)) from None

    return work


class SyncScreen(QWidget):
    """Sync this device with the others of its network, and settle what they disagree on."""

    changed = Signal()
    task_finished = Signal()
    """After any background task of this screen, done or not (tests wait on it)."""

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
        self._task: Task | None = None
        self._conflicts: list[Conflict] = []
        self._server_login: tuple[str, str, str] | None = None

        self.network_label = QLabel()
        self.network_label.setWordWrap(True)
        self.network_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.start_network_button = QPushButton(_("Start a network…"))
        self.start_network_button.clicked.connect(lambda: self.set_up_network(join=False))
        self.join_network_button = QPushButton(_("Join a network…"))
        self.join_network_button.clicked.connect(lambda: self.set_up_network(join=True))

        self.folder_radio = QRadioButton(_("A shared &folder"))
        self.folder_radio.setToolTip(_("A USB stick, or a folder Nextcloud or Syncthing keeps in step"))
        self.server_radio = QRadioButton(_("A &WebDAV server"))
        self.server_radio.setToolTip(_("Nextcloud, ownCloud or any WebDAV server, reached over the internet"))
        self.place_group = QButtonGroup(self)
        self.place_group.addButton(self.folder_radio)
        self.place_group.addButton(self.server_radio)
        self.folder_radio.setChecked(True)

        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName(_("Sync folder"))
        self.folder_edit.setPlaceholderText(
            _("A folder shared by the devices: USB stick, Nextcloud, Syncthing")
        )
        self.choose_button = QPushButton(_("Choose…"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.server_edit = QLineEdit()
        self.server_edit.setAccessibleName(_("WebDAV server address"))
        self.server_edit.setPlaceholderText("https://cloud.example.org/remote.php/dav/files/me/smwg")
        self.user_edit = QLineEdit()
        self.user_edit.setAccessibleName(_("User name on the server"))
        self.password_edit = password_field(_("Password on the server"))
        self.password_edit.setPlaceholderText(
            _("Remembered by this computer's keyring after a sync")
            if keys.available()
            else _("Asked each time: this computer has no keyring")
        )
        self.passphrase_edit = password_field(_("Network passphrase"))
        self.passphrase_edit.setPlaceholderText(
            _("Only needed if this computer does not remember it")
        )
        self.sync_button = QPushButton(_("Sync now"))
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.start_sync)
        self.stop_button = QPushButton(_("Stop"))
        self.stop_button.setVisible(False)
        self.stop_button.clicked.connect(self.stop)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Sync progress"))
        self.progress.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(_("Export bundle…"))
        self.export_button.clicked.connect(self.export_bundle)
        self.import_button = QPushButton(_("Import bundle…"))
        self.import_button.clicked.connect(self.import_bundle)

        network_row = QHBoxLayout()
        network_row.addWidget(self.network_label, 1)
        network_row.addWidget(self.start_network_button)
        network_row.addWidget(self.join_network_button)

        folder_page = QWidget()
        folder_form = QFormLayout(folder_page)
        folder_form.setContentsMargins(0, 0, 0, 0)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        folder_label = QLabel(_("F&older:"))
        folder_label.setBuddy(self.folder_edit)
        folder_form.addRow(folder_label, folder_row)
        server_page = QWidget()
        server_form = QFormLayout(server_page)
        server_form.setContentsMargins(0, 0, 0, 0)
        for text, field in (
            (_("Server &address:"), self.server_edit),
            (_("&User:"), self.user_edit),
            (_("Pass&word:"), self.password_edit),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            server_form.addRow(label, field)
        self.place_pages = QStackedWidget()
        self.place_pages.addWidget(folder_page)
        self.place_pages.addWidget(server_page)
        self.server_radio.toggled.connect(self._show_place)
        self._show_place(False)

        place_row = QHBoxLayout()
        place_row.addWidget(QLabel(_("Sync through:")))
        place_row.addWidget(self.folder_radio)
        place_row.addWidget(self.server_radio)
        place_row.addStretch()
        form = QFormLayout()
        passphrase_label = QLabel(_("&Passphrase:"))
        passphrase_label.setBuddy(self.passphrase_edit)
        form.addRow(passphrase_label, self.passphrase_edit)
        actions = QHBoxLayout()
        actions.addWidget(self.sync_button)
        actions.addWidget(self.stop_button)
        actions.addWidget(self.progress, 1)
        actions.addStretch()
        actions.addWidget(self.export_button)
        actions.addWidget(self.import_button)
        self.sync_box = QGroupBox(_("Sync"))
        sync_layout = QVBoxLayout(self.sync_box)
        sync_layout.addLayout(network_row)
        sync_layout.addLayout(place_row)
        sync_layout.addWidget(self.place_pages)
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

        order = [
            self.start_network_button, self.join_network_button, self.folder_radio,
            self.server_radio, self.folder_edit, self.choose_button, self.server_edit,
            self.user_edit, self.password_edit, self.passphrase_edit, self.sync_button,
            self.stop_button, self.export_button, self.import_button, self.conflict_view,
            self.use_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self._restore_place()
        self.refresh()

    def _restore_place(self) -> None:
        if self.settings is None:
            return
        self.folder_edit.setText(str(self.settings.value(FOLDER_KEY, "") or ""))
        self.server_edit.setText(str(self.settings.value(SERVER_KEY, "") or ""))
        self.user_edit.setText(str(self.settings.value(USER_KEY, "") or ""))
        self.server_radio.setChecked(self.settings.value(PLACE_KEY) == SERVER)

    def _remember_place(self) -> None:
        if self.settings is None:
            return
        self.settings.setValue(PLACE_KEY, self.place)
        if self.place == SERVER:
            self.settings.setValue(SERVER_KEY, self.server_edit.text().strip())
            self.settings.setValue(USER_KEY, self.user_edit.text().strip())
        else:
            self.settings.setValue(FOLDER_KEY, self.folder_edit.text().strip())

    def _show_place(self, server: bool) -> None:
        """Show the fields of the place chosen, the stack as tall as that page only."""
        shown = 1 if server else 0
        for index in range(self.place_pages.count()):
            policy = QSizePolicy.Policy.Preferred if index == shown else QSizePolicy.Policy.Ignored
            self.place_pages.widget(index).setSizePolicy(QSizePolicy.Policy.Preferred, policy)
        self.place_pages.setCurrentIndex(shown)
        self.place_pages.adjustSize()

    @property
    def place(self) -> str:
        return SERVER if self.server_radio.isChecked() else FOLDER

    # Reading

    def refresh(self) -> None:
        """Show the network and the conflicts as the data now stands."""
        network = network_of(self.directory)
        has_network = network is not None
        idle = self._task is None
        if network is None:
            self.network_label.setText(
                _(
                    "This data directory belongs to no network yet. Start one here, or join one "
                    "with a bundle from another device (on the command line: 'smwg init' or "
                    "'smwg join')."
                )
            )
        else:
            self.network_label.setText(
                _("Network: {name}. This device: {device}.").format(
                    name=network.name, device=self.directory.device_id[:8]
                )
            )
        for button in (self.start_network_button, self.join_network_button):
            button.setVisible(not has_network)
            button.setEnabled(idle)
        for widget in (
            self.folder_radio, self.server_radio, self.place_pages, self.passphrase_edit,
            self.export_button, self.import_button, self.sync_button,
        ):
            widget.setEnabled(has_network and idle)
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

    # Background work

    @property
    def syncing(self) -> bool:
        """True while a task of this screen (a sync, a bundle, a join) runs."""
        return self._task is not None

    def _start(self, work: Work, on_success: Any, busy_text: str, *, steps: int = 0) -> None:
        """Run ``work`` in the background with the progress bar; ``on_success(result)`` after."""
        task = Task(self)
        task.progress.connect(self._progressed)
        task.succeeded.connect(on_success)
        task.failed.connect(self._failed)
        task.finished.connect(self._task_done)
        self._task = task
        self.progress.setRange(0, steps)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.stop_button.setVisible(True)
        self.stop_button.setEnabled(True)
        self.status_label.setText(busy_text)
        self.refresh()
        run_task(self.directory, work, task)

    def _progressed(self, what: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.status_label.setText(_("Stopped: {why}").format(why=labels.user_message(error)))
        elif isinstance(error, UserError):
            self.status_label.setText(
                _("Not done: {why}").format(why=labels.user_message(error))
            )
            show_refusal(self, error)
        else:
            self.status_label.setText(_("Not done: an unexpected problem."))
            show_exception(error, self)

    def _task_done(self) -> None:
        self._task = None
        self.progress.setVisible(False)
        self.stop_button.setVisible(False)
        self.refresh()
        # Even a failed sync may have taken some files before it stopped.
        self.changed.emit()
        self.task_finished.emit()

    def stop(self) -> None:
        """Ask the running task to stop after the file it is on."""
        if self._task is not None:
            self._task.cancel()
            self.stop_button.setEnabled(False)
            self.status_label.setText(_("Stopping after the current file…"))

    # Network

    def set_up_network(self, *, join: bool) -> None:
        dialog = NetworkDialog(join=join, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.run_network_request(dialog)

    def run_network_request(self, dialog: NetworkDialog) -> None:
        request = dialog.request()
        self._start(
            work_for(request),
            self._network_ready,
            _("Joining the network…") if request.bundle else _("Starting the network…"),
        )

    def _network_ready(self, result: Network | ImportResult) -> None:
        network = network_of(self.directory)
        name = network.name if network is not None else ""
        self.status_label.setText(
            _("This device now belongs to the network {name}.").format(name=name)
        )

    # Sync

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose the sync folder"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def _passphrase(self) -> str | None:
        return self.passphrase_edit.text() or None

    def start_sync(self) -> None:
        """Sync through the folder or the server, in the background."""
        if self._task is not None:
            return
        network = network_of(self.directory)
        if network is None:
            return
        if self.place == SERVER:
            where = self.server_edit.text().strip()
            user = self.user_edit.text().strip()
            password = self.password_edit.text() or keys.recall_server_password(where, user) or ""
            missing = (
                (self.server_edit, _("Type the WebDAV server's address first.")) if not where
                else (self.user_edit, _("Type your user name on the server.")) if not user
                else (self.password_edit, _("Type your password on the server.")) if not password
                else None
            )
            try:
                if missing is None:
                    exchange.check_server_url(where)
            except UserError as error:
                missing = (self.server_edit, labels.user_message(error))
        else:
            where = self.folder_edit.text().strip()
            user = password = ""
            missing = (self.folder_edit, _("Choose the sync folder first.")) if not where else None
        if missing is not None:
            field, text = missing
            QMessageBox.information(self, _("Not yet"), text)
            field.setFocus()
            return
        if (
            self._passphrase() is None
            and keys.recall(network.id) is None
        ):
            QMessageBox.information(
                self,
                _("Passphrase needed"),
                _(
                    "This computer does not remember the network's passphrase. "
                    "Type it in the passphrase field and try again."
                ),
            )
            self.passphrase_edit.setFocus()
            return
        self._remember_place()
        self._server_login = (where, user, password) if self.place == SERVER else None
        self._start(
            sync_work(self.place, where, user, password, self._passphrase()),
            self._synced,
            _("Syncing…"),
        )
        self.passphrase_edit.clear()

    def _synced(self, result: exchange.SyncResult) -> None:
        if self._server_login is not None:
            keys.remember_server_password(*self._server_login)
        self.status_label.setText(self._summary(result))

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
        if self._task is not None:
            return
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        passphrase = self._passphrase()

        def work(directory: Directory, progress: Progress) -> ExportResult:
            progress(_("Writing the bundle"), 0, 1)
            return export_bundle(directory, path, network_key(directory, passphrase))

        self._start(work, self._exported, _("Writing the bundle…"))
        self.passphrase_edit.clear()

    def _exported(self, result: ExportResult) -> None:
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
        if self._task is not None:
            return
        passphrase = self._passphrase()

        def work(directory: Directory, progress: Progress) -> ImportResult:
            progress(_("Reading the bundle"), 0, 1)
            key = network_key(directory, passphrase)
            try:
                return import_bundle(directory, path, key)
            except OSError as error:
                raise UserError(
                    _("cannot read {path}: {why}").format(path=path, why=error.strerror)
                ) from None

        self._start(work, self._imported, _("Reading the bundle…"))
        self.passphrase_edit.clear()

    def _imported(self, result: ImportResult) -> None:
        self.status_label.setText(
            ngettext(
                "Bundle from {device} read: {n} record changed here.",
                "Bundle from {device} read: {n} records changed here.",
                result.records_changed,
            ).format(device=result.device_name, n=result.records_changed)
        )
