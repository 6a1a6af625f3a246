"""The settings kept in QSettings (this computer's user) and how the app reads them.

Apart from the dialog that edits them (``ui.settings_dialog``), so that a start
reads its language and lock time without building the dialog's widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from smwg_desktop.i18n import LANGUAGES, N_

LANGUAGE_KEY = "language"
PAPER_KEY = "print/paper"
IDLE_LOCK_KEY = "lock/idle_minutes"
SYSTEM_LANGUAGE = "system"
DEFAULT_IDLE_MINUTES = 15
MAX_IDLE_MINUTES = 8 * 60
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español", "fr": "Français"}
PAPERS: dict[str, str] = {"a4": "A4", "letter": N_("Letter")}


def chosen_language(settings: QSettings) -> str:
    """The language setting: ``SYSTEM_LANGUAGE`` or one of ``LANGUAGES``."""
    value = str(settings.value(LANGUAGE_KEY, SYSTEM_LANGUAGE) or SYSTEM_LANGUAGE)
    return value if value in LANGUAGES else SYSTEM_LANGUAGE


def paper(settings: QSettings) -> str:
    value = str(settings.value(PAPER_KEY, "a4") or "a4")
    return value if value in PAPERS else "a4"


def idle_minutes(settings: QSettings) -> int:
    try:
        value = int(str(settings.value(IDLE_LOCK_KEY, DEFAULT_IDLE_MINUTES)))
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return min(max(value, 1), MAX_IDLE_MINUTES)
