"""File ▸ Import… and File ▸ Export…: the window's menu items for bringing the directory in and out.

Kept apart from ``main_window`` so the window needs one line for them. Import
opens the wizard (``ui.import_wizard``); Export asks the screen shown for its
``export_records`` (the Organisations and People screens have it) and is
disabled on the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from smwg_desktop.i18n import _

if TYPE_CHECKING:
    from smwg_desktop.ui.import_wizard import ImportEdits
    from smwg_desktop.ui.main_window import MainWindow

EXPORT_METHOD = "export_records"
"""What a screen offers for File ▸ Export…."""


def add_interop_actions(window: MainWindow, menu: QMenu) -> tuple[QAction, QAction]:
    """Add Import… (Ctrl+I) and Export… (Ctrl+E) to ``menu``; returns the two actions.

    The wizard and the readers of every format (openpyxl, vobject...) are imported
    at the first import, not when the window opens.
    """
    edits: ImportEdits | None = None

    def run_import() -> None:
        from smwg_desktop.core.errors import UserError
        from smwg_desktop.ui.dialogs import show_refusal
        from smwg_desktop.ui.import_wizard import ImportEdits, run_import_wizard

        nonlocal edits
        if edits is None:
            # One for the window's life: the undo stack keeps the imports it carried out.
            edits = ImportEdits(window.directory, window.undo_stack, window)
            # An import's undo or redo changes records of every screen: read them all again.
            edits.applied.connect(window.data_changed)
            edits.refused.connect(lambda text: show_refusal(window, UserError(text)))
        run_import_wizard(
            window.directory, edits, window, settings=window.settings,
            on_imported=window.data_changed,
        )

    import_action = QAction(_("&Import…"), window)
    import_action.setShortcut(QKeySequence("Ctrl+I"))
    import_action.setStatusTip(_("Organisations and people from a CSV, Excel or vCard file"))
    import_action.triggered.connect(run_import)
    export_action = QAction(_("&Export…"), window)
    export_action.setShortcut(QKeySequence("Ctrl+E"))
    export_action.setStatusTip(_("What the list shows, as consent allows, to a file"))

    def export() -> None:
        screen = window.current_screen
        method = getattr(screen, EXPORT_METHOD, None)
        if method is not None:
            method()

    def follow_screen(_row: int = -1) -> None:
        export_action.setEnabled(hasattr(window.current_screen, EXPORT_METHOD))

    export_action.triggered.connect(export)
    window.sidebar.currentRowChanged.connect(follow_screen)
    follow_screen()
    menu.addAction(import_action)
    menu.addAction(export_action)
    return import_action, export_action
