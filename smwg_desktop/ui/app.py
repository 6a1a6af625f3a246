"""Starting the desktop app: ``smwg-desktop [--data-dir DIR]``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import MutableMapping, Sequence

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from smwg_desktop.core.errors import StorageError
from smwg_desktop.i18n import LANGUAGES, _, set_language
from smwg_desktop.resources import font_files, resource_path
from smwg_desktop.ui.errors import install_excepthook
from smwg_desktop.ui.preferences import SYSTEM_LANGUAGE, chosen_language
from smwg_desktop.ui.session import Session

ORGANISATION_NAME = "SMWG"
APPLICATION_NAME = "SMWG Desktop"
DESKTOP_FILE_NAME = "smwg-desktop"
EXIT_CANNOT_OPEN = 2
"""Exit status when the data directory cannot be used, as the CLI's refusals."""

_LOCALE_VARIABLES = ("LC_ALL", "LC_CTYPE", "LANG")
IMMORTAL_NONE_REFERENCES = 1 << 40
"""What ``make_none_immortal`` gives None: more than a session could ever drop."""
NONE_TOP_UP_DELAY_MS = 1_000
"""When the running app tops None up: after its first rows show (loading ctypes takes 4 ms),
and long before it could run out (a start drops about a thousand of its 7,000 or more)."""


def ensure_utf8_locale(environ: MutableMapping[str, str]) -> None:
    """Set ``LANG=C.UTF-8`` when no locale is set, as in a frozen app started bare.

    Without it Qt falls back to ASCII for file names and the clipboard.
    """
    if not any(environ.get(name) for name in _LOCALE_VARIABLES):
        environ["LANG"] = "C.UTF-8"


def make_none_immortal() -> None:
    """Give None, on Python 3.11, as many references as Python 3.12 gives it: too many to run out.

    PySide6 6.12.0, built for Python 3.12, where None is never freed, drops a reference
    to None at every call that returns nothing (``setText``, ``setEnabled`` ...). On
    3.11 a session then wears the count down, a few per screen shown, dozens per
    record opened, and at zero the interpreter aborts ("none_dealloc").
    """
    if sys.version_info >= (3, 12):
        return
    import ctypes

    count = ctypes.c_ssize_t.from_address(id(None))
    count.value = max(count.value, IMMORTAL_NONE_REFERENCES)


def application(qt_arguments: Sequence[str] = ()) -> QApplication:
    """The process's QApplication, created if needed and named so that QSettings works."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "smwg-desktop", *qt_arguments])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION_NAME)
    app.setApplicationName(APPLICATION_NAME)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(QIcon(str(resource_path("icons", "smwg.png"))))
    return app


_loaded_fonts: dict[str, list[str]] = {}


def load_fonts(app: QApplication) -> list[str]:
    """Load the shipped fonts and make them the fallbacks of the application font.

    The platform's font stays first; the shipped families follow, so names in
    Arabic or Devanagari show even where the system has no font for them. Returns
    the families loaded. Loading twice in one process loads nothing new.
    """
    for path in font_files():
        if str(path) in _loaded_fonts:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id == -1:
            print(f"smwg-desktop: could not load font {path}", file=sys.stderr)
            continue
        _loaded_fonts[str(path)] = QFontDatabase.applicationFontFamilies(font_id)
    shipped = list(dict.fromkeys(f for families in _loaded_fonts.values() for f in families))
    font = QFont(app.font())
    primary = font.families() or [font.family()]
    font.setFamilies(list(dict.fromkeys([*primary, *shipped])))
    app.setFont(font)
    return shipped


def ui_language(settings: QSettings, system: QLocale | None = None) -> str:
    """The language of the settings, or the system's when it is one we have, else English."""
    chosen = chosen_language(settings)
    if chosen != SYSTEM_LANGUAGE:
        return chosen
    code = (system or QLocale.system()).name().split("_")[0]
    return code if code in LANGUAGES else "en"


def apply_language(app: QApplication, lang: str) -> None:
    """Our strings in ``lang``, Qt's own (standard buttons, file dialogs), and the dates
    and numbers Qt formats: the system's conventions if it speaks ``lang``, else the language's."""
    set_language(lang)
    system = QLocale.system()
    QLocale.setDefault(system if system.name().split("_")[0] == lang else QLocale(lang))
    if lang == "en":
        return
    qt_strings = qt_translator(lang, app)
    if qt_strings is not None:
        app.installTranslator(qt_strings)


def qt_translations() -> str:
    """Where Qt's own translations are (inside the package when frozen)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def qt_translator(lang: str, parent: QApplication | None = None) -> QTranslator | None:
    """Qt's own strings in ``lang``, loaded; None when Qt has no translation for it."""
    translator = QTranslator(parent)
    return translator if translator.load(f"qtbase_{lang}", qt_translations()) else None


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A one-line, human message in a dialog (and on stderr, for a terminal or a log)."""
    from PySide6.QtWidgets import QMessageBox  # its enums are made when first imported

    print(f"smwg-desktop: {message}", file=sys.stderr)
    # The core's messages are written to follow "smwg: "; a dialog starts a sentence.
    QMessageBox.critical(parent, title, message[:1].upper() + message[1:])


def run(arguments: argparse.Namespace, qt_arguments: Sequence[str]) -> int:
    """Run the desktop app on its parsed arguments (``ui.start.main`` parses them before
    PySide6 loads); returns the exit status (2 when the data cannot be opened)."""
    ensure_utf8_locale(os.environ)
    app = application(qt_arguments)
    load_fonts(app)
    previous_hook = install_excepthook()
    QTimer.singleShot(NONE_TOP_UP_DELAY_MS, make_none_immortal)
    settings = QSettings()
    apply_language(app, ui_language(settings))
    session = Session(arguments.data_dir, settings)
    try:
        try:
            if not session.start():
                return 0
        except StorageError as error:
            show_error(None, _("SMWG Desktop cannot open its data"), str(error))
            return EXIT_CANNOT_OPEN
        return app.exec()
    finally:
        session.close()
        sys.excepthook = previous_hook
