"""The unlock screen of an encrypted data directory: at start, and after a lock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import StorageError
from smwg_desktop.i18n import _
from smwg_desktop.sync import keys
from smwg_desktop.ui import labels
from smwg_desktop.ui.first_run import remember_explanation
from smwg_desktop.ui.network_dialogs import error_label, password_field


class UnlockDialog(QDialog):
    """Asks for the passphrase until the data opens; emits ``unlocked`` with it open."""

    unlocked = Signal(object)
    """The ``Directory``, open for writing."""

    def __init__(self, data_dir: Path, *, locked: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.directory: Directory | None = None
        self.setWindowTitle(_("SMWG Desktop is locked") if locked else _("Unlock SMWG Desktop"))
        intro = QLabel(
            _("SMWG Desktop was locked. Type the passphrase of this computer's data to go on.")
            if locked
            else _("The data on this computer is encrypted. Type its passphrase to open it.")
        )
        intro.setWordWrap(True)
        place = QLabel(str(data_dir))
        place.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        place.setAccessibleName(_("Data directory"))
        self.passphrase_edit = password_field(_("Passphrase"))
        self.remember_check = QCheckBox(_("&Remember on this computer"))
        self.remember_check.setEnabled(keys.available())
        self.remember_check.setVisible(not locked)
        remember_label = QLabel(remember_explanation())
        remember_label.setWordWrap(True)
        remember_label.setVisible(not locked)
        self.error = error_label()
        form = QFormLayout()
        label = QLabel(_("&Passphrase:"))
        label.setBuddy(self.passphrase_edit)
        form.addRow(label, self.passphrase_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Unlock"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Quit"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(place)
        layout.addLayout(form)
        layout.addWidget(self.remember_check)
        layout.addWidget(remember_label)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.passphrase_edit.setFocus()

    def accept(self) -> None:
        """Open the data with the passphrase typed; on a refusal, say why and ask again."""
        passphrase = self.passphrase_edit.text()
        if not passphrase:
            self._refuse(_("Type the passphrase."))
            return
        # The key derivation takes about a second, on purpose.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            directory = Directory.open(self.data_dir, passphrase=passphrase)
        except StorageError as error:
            self._refuse(labels.user_message(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        if self.remember_check.isChecked():
            keys.remember_database_passphrase(self.data_dir, passphrase)
        self.passphrase_edit.clear()
        self.directory = directory
        # The window shows before this dialog hides: the app never has no window.
        self.unlocked.emit(directory)
        super().accept()

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
        self.passphrase_edit.selectAll()
        self.passphrase_edit.setFocus()
