"""Settings: language, this device's name, paper size, and when the app locks itself.

Language, paper and lock time live in QSettings (they belong to this computer's
user; ``ui.preferences`` reads them); the device name lives in the data
directory, since the other devices of the network see it.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.i18n import LANGUAGES, _
from smwg_desktop.ui import labels
from smwg_desktop.ui.preferences import (
    IDLE_LOCK_KEY,
    LANGUAGE_KEY,
    LANGUAGE_NAMES,
    MAX_IDLE_MINUTES,
    PAPER_KEY,
    PAPERS,
    SYSTEM_LANGUAGE,
    chosen_language,
    idle_minutes,
    paper,
)


class SettingsDialog(QDialog):
    """Edit the settings; ``accept`` saves them all or, if one is refused, none."""

    def __init__(self, directory: Directory, settings: QSettings, parent: QWidget | None = None) -> None:
        # Here, not at the top: the app reads the settings at start without the sync machinery.
        from smwg_desktop.sync.network import device_name
        from smwg_desktop.ui.network_dialogs import error_label

        super().__init__(parent)
        self.directory = directory
        self.settings = settings
        self.setWindowTitle(_("Settings"))
        self.language_box = QComboBox()
        self.language_box.addItem(_("As the system"), SYSTEM_LANGUAGE)
        for code in LANGUAGES:
            self.language_box.addItem(LANGUAGE_NAMES[code], code)
        self.language_box.setCurrentIndex(self.language_box.findData(chosen_language(settings)))
        self.device_edit = QLineEdit(device_name(directory))
        self.paper_box = QComboBox()
        for code, name in PAPERS.items():
            self.paper_box.addItem(_(name), code)
        self.paper_box.setCurrentIndex(self.paper_box.findData(paper(settings)))
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(1, MAX_IDLE_MINUTES)
        self.idle_spin.setSuffix(_(" minutes"))
        self.idle_spin.setValue(idle_minutes(settings))
        self.language_note = QLabel(_("A new language shows from the next start."))
        self.language_note.setWordWrap(True)
        self.error = error_label()

        form = QFormLayout()
        for text, field in (
            (_("&Language:"), self.language_box),
            (_("This &device's name:"), self.device_edit),
            (_("&Paper:"), self.paper_box),
            (_("Lock after &idle:"), self.idle_spin),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            field.setAccessibleName(text.replace("&", "").rstrip(": "))
            form.addRow(label, field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.language_note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        from smwg_desktop.sync.network import set_device_name

        try:
            set_device_name(self.directory, self.device_edit.text())
        except UserError as error:
            self.error.setText(labels.user_message(error))
            self.error.setVisible(True)
            self.device_edit.setFocus()
            return
        self.settings.setValue(LANGUAGE_KEY, self.language_box.currentData())
        self.settings.setValue(PAPER_KEY, self.paper_box.currentData())
        self.settings.setValue(IDLE_LOCK_KEY, self.idle_spin.value())
        self.settings.sync()
        super().accept()
