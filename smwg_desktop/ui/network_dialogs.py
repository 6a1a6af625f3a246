"""Starting a network or joining one from the app: the two small forms, and their work.

The forms only collect and check what was typed; the work (a key derivation of
about a second, then perhaps a whole bundle to read) runs as a background task
(``ui.tasks``) through ``start_network`` and ``join_from_bundle``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.i18n import _
from smwg_desktop.sync.crypto import check_passphrase_strength
from smwg_desktop.sync.network import ImportResult, Network, init_network, join_network
from smwg_desktop.ui import labels
from smwg_desktop.ui.tasks import Progress, Work

BUNDLE_FILTER = "SMWG bundles (*.smwgbundle)"


@dataclass(frozen=True)
class NetworkRequest:
    """What a person asked for: a new network (``name``) or to join one (``bundle``)."""

    passphrase: str
    name: str = ""
    bundle: Path | None = None


def start_network(name: str, passphrase: str) -> Work:
    def work(directory: Directory, progress: Progress) -> Network:
        progress(_("Deriving the network key"), 0, 1)
        return init_network(directory, name, passphrase)

    return work


def join_from_bundle(bundle: Path, passphrase: str) -> Work:
    def work(directory: Directory, progress: Progress) -> ImportResult:
        progress(_("Reading the bundle"), 0, 1)
        return join_network(directory, bundle, passphrase)

    return work


def work_for(request: NetworkRequest) -> Work:
    if request.bundle is not None:
        return join_from_bundle(request.bundle, request.passphrase)
    return start_network(request.name, request.passphrase)


def password_field(accessible_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    return field


def error_label() -> QLabel:
    """A line for a form's refusal, in the colour the forms use for field messages."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #c62828;")
    label.setVisible(False)
    return label


class NetworkDialog(QDialog):
    """Start a network (name, passphrase twice) or join one (bundle, passphrase)."""

    def __init__(self, *, join: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.join = join
        self.setWindowTitle(_("Join a network") if join else _("Start a network"))
        intro = QLabel(
            _(
                "Choose the bundle another device of the network exported, and type the "
                "network's passphrase."
            )
            if join
            else _(
                "A network is the set of devices that share this directory. Its passphrase "
                "encrypts every bundle: give it to the other devices in person, never in the "
                "same message as a bundle."
            )
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(_("Network name"))
        self.bundle_edit = QLineEdit()
        self.bundle_edit.setAccessibleName(_("Bundle file"))
        self.browse_button = QPushButton(_("Choose…"))
        self.browse_button.clicked.connect(self._choose_bundle)
        self.passphrase_edit = password_field(_("Network passphrase"))
        self.repeat_edit = password_field(_("Network passphrase, again"))
        self.error = error_label()

        form = QFormLayout()
        if join:
            row = QHBoxLayout()
            row.addWidget(self.bundle_edit, 1)
            row.addWidget(self.browse_button)
            bundle_label = QLabel(_("&Bundle:"))
            bundle_label.setBuddy(self.bundle_edit)
            form.addRow(bundle_label, row)
        else:
            name_label = QLabel(_("Network &name:"))
            name_label.setBuddy(self.name_edit)
            form.addRow(name_label, self.name_edit)
        passphrase_label = QLabel(_("&Passphrase:"))
        passphrase_label.setBuddy(self.passphrase_edit)
        form.addRow(passphrase_label, self.passphrase_edit)
        if not join:
            repeat_label = QLabel(_("&Again:"))
            repeat_label.setBuddy(self.repeat_edit)
            form.addRow(repeat_label, self.repeat_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Join") if join else _("Start the network"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _choose_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the bundle"), self.bundle_edit.text(), BUNDLE_FILTER
        )
        if path:
            self.bundle_edit.setText(path)

    def request(self) -> NetworkRequest:
        """What was typed, checked; raises ``UserError`` naming what is wrong."""
        passphrase = self.passphrase_edit.text()
        if self.join:
            bundle = self.bundle_edit.text().strip()
            if not bundle:
                raise UserError(_("choose the bundle file to join from"))
            if not Path(bundle).is_file():
                raise UserError(_("the file {path} does not exist").format(path=bundle))
            if not passphrase:
                raise UserError(_("type the network's passphrase"))
            return NetworkRequest(passphrase, bundle=Path(bundle))
        name = " ".join(self.name_edit.text().split())
        if not name:
            raise UserError(_("give the network a name"))
        check_passphrase_strength(passphrase)
        if passphrase != self.repeat_edit.text():
            raise UserError(_("the two passphrases differ; type the same one twice"))
        return NetworkRequest(passphrase, name=name)

    def accept(self) -> None:
        try:
            self.request()
        except UserError as error:
            self.error.setText(labels.user_message(error))
            self.error.setVisible(True)
            return
        super().accept()
