"""The welcome on a computer with no data yet: how to start, this device's name, protection.

The dialog only collects the choices (``WelcomeChoice``); ``ui.session`` makes
the data directory, encrypts it when asked, and then opens the sample, or the
network form on the Sync screen.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.errors import UserError
from smwg_desktop.i18n import _
from smwg_desktop.sync import keys
from smwg_desktop.sync.crypto import check_passphrase_strength
from smwg_desktop.ui import labels
from smwg_desktop.ui.network_dialogs import error_label, password_field

SAMPLE, CREATE, JOIN = "sample", "create", "join"


@dataclass(frozen=True)
class WelcomeChoice:
    start: str
    """``SAMPLE``, ``CREATE`` (a new network) or ``JOIN`` (a network, from a bundle)."""
    device_name: str
    db_passphrase: str | None
    """The passphrase that encrypts the data on this computer; None to leave it plain."""
    remember: bool


def remember_explanation() -> str:
    """What "remember on this computer" means, said plainly wherever it is offered."""
    if keys.available():
        return _(
            "Remembering keeps the passphrase in this computer's keyring, so the app opens "
            "without asking at start. Anyone who can log in to this computer account can then "
            "open the data: do not use it on a shared or a field laptop."
        )
    return _(
        "This computer has no keyring to keep the passphrase in, so it will be asked for "
        "each time SMWG Desktop starts."
    )


class WelcomeDialog(QDialog):
    """Three ways to start, the device's name, and encryption (checked by default)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to SMWG Desktop"))
        intro = QLabel(
            _(
                "SMWG Desktop keeps the network's member directory and activities on this "
                "computer. There is no data here yet. How do you want to start?"
            )
        )
        intro.setWordWrap(True)
        self.sample_radio = QRadioButton(_("&Open the sample network: made-up groups and people to try the app"))
        self.create_radio = QRadioButton(_("&Start a new network, with its name and a passphrase"))
        self.join_radio = QRadioButton(_("&Join a network, with a bundle from another device"))
        self.start_group = QButtonGroup(self)
        for radio in (self.sample_radio, self.create_radio, self.join_radio):
            self.start_group.addButton(radio)
        self.sample_radio.setChecked(True)

        self.device_edit = QLineEdit(socket.gethostname())
        self.device_edit.setAccessibleName(_("Device name"))
        self.device_edit.setToolTip(_("How the other devices of the network will name this one"))

        self.encrypt_check = QCheckBox(_("&Protect the data on this computer with a passphrase (recommended)"))
        self.encrypt_check.setChecked(True)
        self.passphrase_edit = password_field(_("Passphrase for this computer's data"))
        self.repeat_edit = password_field(_("Passphrase for this computer's data, again"))
        self.remember_check = QCheckBox(_("&Remember on this computer"))
        self.remember_check.setEnabled(keys.available())
        self.remember_label = QLabel(remember_explanation())
        self.remember_label.setWordWrap(True)
        protection_note = QLabel(
            _(
                "Many people in the directory are human-rights defenders. With a passphrase, a "
                "lost or seized laptop discloses no one. Without it the passphrase cannot be "
                "recovered: keep it somewhere safe."
            )
        )
        protection_note.setWordWrap(True)

        start_box = QGroupBox(_("Start"))
        start_layout = QVBoxLayout(start_box)
        for radio in (self.sample_radio, self.create_radio, self.join_radio):
            start_layout.addWidget(radio)
        device_form = QFormLayout()
        device_label = QLabel(_("This &device's name:"))
        device_label.setBuddy(self.device_edit)
        device_form.addRow(device_label, self.device_edit)

        protect_box = QGroupBox(_("Protection"))
        protect_layout = QVBoxLayout(protect_box)
        protect_layout.addWidget(self.encrypt_check)
        protect_layout.addWidget(protection_note)
        self.passphrase_form = QWidget()
        passphrase_form = QFormLayout(self.passphrase_form)
        passphrase_form.setContentsMargins(0, 0, 0, 0)
        for text, field in ((_("P&assphrase:"), self.passphrase_edit), (_("A&gain:"), self.repeat_edit)):
            label = QLabel(text)
            label.setBuddy(field)
            passphrase_form.addRow(label, field)
        protect_layout.addWidget(self.passphrase_form)
        protect_layout.addWidget(self.remember_check)
        protect_layout.addWidget(self.remember_label)
        self.encrypt_check.toggled.connect(self._protection_toggled)

        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Continue"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Quit"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(start_box)
        layout.addLayout(device_form)
        layout.addWidget(protect_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _protection_toggled(self, on: bool) -> None:
        self.passphrase_form.setEnabled(on)
        self.remember_check.setEnabled(on and keys.available())

    def choice(self) -> WelcomeChoice:
        """What was chosen, checked; raises ``UserError`` naming what is wrong."""
        start = JOIN if self.join_radio.isChecked() else CREATE if self.create_radio.isChecked() else SAMPLE
        device = " ".join(self.device_edit.text().split())
        if not device:
            raise UserError(_("give this device a name, such as 'Field laptop, Nairobi'"))
        passphrase: str | None = None
        if self.encrypt_check.isChecked():
            passphrase = self.passphrase_edit.text()
            check_passphrase_strength(passphrase)
            if passphrase != self.repeat_edit.text():
                raise UserError(_("the two passphrases differ; type the same one twice"))
        remember = passphrase is not None and self.remember_check.isChecked()
        return WelcomeChoice(start, device, passphrase, remember)

    def accept(self) -> None:
        try:
            self.choice()
        except UserError as error:
            self.error.setText(labels.user_message(error))
            self.error.setVisible(True)
            return
        super().accept()
