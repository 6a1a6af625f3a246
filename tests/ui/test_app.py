"""Starting the app: the data directory, refusals shown as messages, the locale."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QSize, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from smwg_desktop import i18n
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.storage.database import DATABASE_NAME
from smwg_desktop.ui import app
from smwg_desktop.ui.main_window import MainWindow
from smwg_desktop.ui.start import parse_arguments

Shown = list[tuple[str, str]]


def start_app(data_dir: Path) -> int:
    """Start the app in this process as ``ui.start.main`` does, but for its collector settings
    (``gc.freeze`` would set aside every object of the test process)."""
    return app.run(*parse_arguments(["--data-dir", str(data_dir)]))


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> Shown:
    """Error dialogs, recorded instead of shown (a modal box would block the test)."""
    shown: Shown = []

    def critical(parent: QWidget | None, title: str, text: str, *args: object) -> None:
        shown.append((title, text))

    monkeypatch.setattr(QMessageBox, "critical", critical)
    return shown


def test_data_directory_in_use_elsewhere_is_refused_with_a_message(
    qtbot: QtBot, directory: Directory, data_dir: Path, messages: Shown
) -> None:
    status = start_app(data_dir)

    assert status == 2
    [(_title, text)] = messages
    assert text.startswith("The data directory")
    assert "in use" in text
    assert "\n" not in text
    assert "Traceback" not in text


def test_data_directory_from_a_newer_version_is_refused_with_a_message(
    qtbot: QtBot, data_dir: Path, messages: Shown
) -> None:
    Directory.open(data_dir).close()
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
        conn.execute("PRAGMA user_version = 999")

    assert start_app(data_dir) == 2
    [(_, text)] = messages
    assert "newer version" in text


def test_app_opens_the_main_window_on_the_data_directory_given(
    qtbot: QtBot, data_dir: Path, messages: Shown
) -> None:
    with Directory.open(data_dir) as directory:
        directory.create(Organisation, {"name": "Kenya Peasants League", "country": "KE"})
    seen: list[tuple[str, int]] = []

    def look_and_close() -> None:
        # Closing the last window ends the app, as when a person closes it. (Calling
        # quit() as well would leave a Quit event queued to end later tests' loops.)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append((widget.windowTitle(), widget.screen_for("organisations").model.rowCount()))
                widget.close()

    # If the window never shows, end the loop anyway so that the test fails, not hangs.
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.quit)
    guard.start(10_000)
    QTimer.singleShot(0, look_and_close)
    try:
        status = start_app(data_dir)
    finally:
        guard.stop()

    assert status == 0
    assert seen == [("SMWG Desktop", 1)]
    assert messages == []
    assert QApplication.organizationName() == "SMWG"
    assert QApplication.applicationName() == "SMWG Desktop"
    # The directory was closed on the way out: another window may open it now.
    Directory.open(data_dir).close()


HEAVY_MODULES = (
    "openpyxl", "vobject", "reportlab", "phonenumbers", "rapidfuzz",  # import, export, print
    "PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport",
    "keyring", "nacl", "zstandard", "webdav4",  # sync
    "sqlite_utils", "filelock", "click",
    "sqlite3",  # the standard driver: the data layer names its types, SQLCipher's driver opens the files
    "smwg_desktop.interop", "smwg_desktop.reports", "smwg_desktop.sync.network",
    "smwg_desktop.core.demo", "smwg_desktop.ui.import_wizard", "smwg_desktop.ui.dashboard_screen",
    "uuid", "platform",  # new ids: a new record, a new device
    "platformdirs",  # the user cache folder is found from XDG_CACHE_HOME or HOME
    # An activity's timetable, an erasure, a search typed: each loads its module when first done.
    "smwg_desktop.core.agenda", "smwg_desktop.storage.erasure", "smwg_desktop.storage.search",
    "smwg_desktop.ui.settings_dialog",
    # The form of a record (built when one is opened), its field editors and the dialogs.
    "smwg_desktop.ui.record_forms", "smwg_desktop.ui.forms", "smwg_desktop.ui.dialogs",
    "smwg_desktop.ui.tasks", "queue",  # background tasks: an export, a sync, a print
)
"""What the first screen needs none of: each loads when first used."""

UNUSED_QT_CLASSES = ("QStyle", "QMessageBox", "QDialog", "QEvent")
"""Qt classes the first screen does without, an organisation at risk among its rows (whose mark
is our own icon, not the style's): PySide makes a class's enums when it is first imported."""

UNREAD_MODULES = ("datetime", "threading", "traceback", "queue")
"""Modules a later start never imports once PySide6 is loaded: PySide reads the source of
each module imported after it, loaded before or not, to see whether it uses PySide (about
1 ms for datetime). The first start ever imports babel, which imports datetime."""

def _run_the_app(script: str, data_dir: Path, environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``script``, which starts the app on ``data_dir``, in a fresh interpreter (this one
    has loaded everything the other tests used); the JSON it printed last."""
    done = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)],
        capture_output=True, text=True, timeout=120, check=False, env=environ,
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


_LOOK_AT_THE_STARTED_WINDOW = """
import json, sys
from smwg_desktop.ui import app, start  # first, as the entry point (ui.start) imports them
from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from smwg_desktop.ui.main_window import MainWindow

def look():
    for window in QApplication.topLevelWidgets():
        if isinstance(window, MainWindow) and window.isVisible():
            model = window.screen_for("organisations").model
            first = [model.data(model.index(0, column)) for column in range(model.columnCount())]
            # The at-risk mark, asked for as the view paints the name column.
            decorated = [model.index(row, 0).data(QtCore.Qt.ItemDataRole.DecorationRole) is not None
                         for row in range(model.rowCount())]
            # PySide's own record of the modules it read (None if a later PySide keeps none).
            read = getattr(sys.modules.get("shibokensupport.feature"), "pyside_feature_dict", None)
            print(json.dumps({"rows": model.rowCount(), "first": first, "decorated": decorated,
                              "modules": sorted(sys.modules),
                              "qt_classes": sorted([*vars(QtCore), *vars(QtWidgets)]),
                              "read_by_pyside": None if read is None else sorted(read)}))
            window.close()

QTimer.singleShot(0, look)
sys.exit(start.main(["--data-dir", sys.argv[1]]))
"""


def test_the_app_shows_its_first_rows_without_loading_what_other_screens_need(
    data_dir: Path,
) -> None:
    with Directory.open(data_dir) as directory:
        directory.create(Organisation, {"name": "Kenya Peasants League", "country": "KE"})
        directory.create(Organisation, {"name": "Defensores del Agua", "country": "HN", "at_risk": True})

    seen = _run_the_app(_LOOK_AT_THE_STARTED_WINDOW, data_dir)

    assert seen["rows"] == 2 and seen["decorated"] == [True, False]
    loaded = [m for m in HEAVY_MODULES if m in seen["modules"]]
    assert loaded == []
    assert "QLabel" in seen["qt_classes"] and "QTimer" in seen["qt_classes"]
    assert [c for c in UNUSED_QT_CLASSES if c in seen["qt_classes"]] == []


_LOOK_AT_THE_COLLECTOR = """
import gc, json, sys
from smwg_desktop.ui import start

def look():
    from PySide6.QtWidgets import QApplication
    from smwg_desktop.core.model import Organisation
    from smwg_desktop.ui.main_window import MainWindow

    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    tracked = gc.get_objects()
    print(json.dumps({
        "enabled": gc.isenabled(), "frozen": gc.get_freeze_count(),
        "class_frozen": not any(o is Organisation for o in tracked),
        "window_tracked": any(o is window for o in tracked),
    }))
    window.close()

def later():
    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, look)

import smwg_desktop.ui.app as app_module
run = app_module.run
def run_then_look(arguments, rest):
    later()
    return run(arguments, rest)
app_module.run = run_then_look
sys.exit(start.main(["--data-dir", sys.argv[1]]))
"""


def test_the_start_sets_aside_what_the_imports_made_and_collects_the_rest(data_dir: Path) -> None:
    Directory.open(data_dir).close()

    seen = _run_the_app(_LOOK_AT_THE_COLLECTOR, data_dir)

    # The classes and modules of the imports are frozen (never walked again); the
    # window, made after, is the collector's as usual, and the collector runs.
    assert seen["enabled"] and seen["frozen"] > 10_000
    assert seen["class_frozen"] and seen["window_tracked"]


def test_the_package_imports_the_data_layer_before_pyside() -> None:
    # PySide's import hook reads the source of every module imported after PySide6;
    # the entry point (smwg_desktop.ui.app) imports the package, and with it the
    # Qt-free layers the first screen needs, before any of its modules imports Qt.
    done = subprocess.run(
        [sys.executable, "-c", "import json, sys, smwg_desktop.ui; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, timeout=120, check=False,
    )

    assert done.returncode == 0, done.stderr
    modules = set(json.loads(done.stdout))
    assert not any(m.split(".")[0] in ("PySide6", "shiboken6") for m in modules)
    assert {
        "smwg_desktop.core.directory", "smwg_desktop.storage.database", "smwg_desktop.sync.keys",
        "smwg_desktop.ui.labels",
    } <= modules


def _start(data_dir: Path, environ: dict[str, str]) -> dict[str, Any]:
    """Start the app in a fresh interpreter; what its window shows first and the modules it loaded."""
    return _run_the_app(_LOOK_AT_THE_STARTED_WINDOW, data_dir, environ)


@pytest.mark.parametrize(("locale", "shown"), [("C.UTF-8", "Brazil"), ("fr_FR.UTF-8", "Brésil")])
def test_a_later_start_shows_the_same_first_rows_without_babel_or_pycountry(
    data_dir: Path, tmp_path: Path, locale: str, shown: str
) -> None:
    with Directory.open(data_dir) as directory:
        directory.create(Organisation, {"name": "Movimento Sem Terra", "country": "BR"})
    environ = {**os.environ, "LC_ALL": locale, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    first = _start(data_dir, environ)
    later = _start(data_dir, environ)

    assert shown in first["first"]
    assert later["first"] == first["first"]
    # The first start worked out the names and the catalog, and kept them.
    assert "babel" in first["modules"] and "pycountry" in first["modules"]
    loaded = [m for m in later["modules"] if m.split(".")[0] in ("babel", "pycountry")]
    assert loaded == []
    # Nor, after PySide, does it import a module PySide would read to no purpose.
    if later["read_by_pyside"] is not None:
        assert "smwg_desktop.ui.main_window" in later["read_by_pyside"]
        assert [m for m in UNREAD_MODULES if m in later["read_by_pyside"]] == []


def test_python_dash_m_runs_the_app(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "smwg_desktop.ui", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "--data-dir" in result.stdout


def test_qt_options_are_left_for_qt() -> None:
    arguments, rest = parse_arguments(["--data-dir", "/tmp/x", "-style", "fusion"])

    assert arguments.data_dir == "/tmp/x"
    assert rest == ["-style", "fusion"]


_PARSE_BEFORE_QT = """
import sys, types
from smwg_desktop.ui import start

stub = types.ModuleType("smwg_desktop.ui.app")
stub.run = lambda arguments, rest: print(arguments.data_dir, rest, "PySide6" in sys.modules) or 0
sys.modules["smwg_desktop.ui.app"] = stub
sys.exit(start.main(["--data-dir", "/tmp/x", "-style", "fusion"]))
"""


def test_the_start_parses_its_arguments_before_pyside_is_imported() -> None:
    """argparse's first use imports ``locale``; after PySide6, its import hook would read it."""
    result = subprocess.run(
        [sys.executable, "-c", _PARSE_BEFORE_QT], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/tmp/x", "['-style',", "'fusion']", "False"]


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "C.UTF-8"),
        ({"LANG": ""}, "C.UTF-8"),
        ({"LANG": "pt_BR.UTF-8"}, "pt_BR.UTF-8"),
        ({"LC_ALL": "es_ES.UTF-8"}, None),
    ],
)
def test_a_utf8_locale_is_set_only_when_none_is(environ: dict[str, str], lang: str | None) -> None:
    app.ensure_utf8_locale(environ)

    assert environ.get("LANG") == lang


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        (None, "fr_FR", "fr"),
        (None, "es_CO", "es"),
        (None, "de_DE", "en"),
        ("es", "fr_FR", "es"),
        ("system", "pt_BR", "en"),
        ("klingon", "es_ES", "es"),
    ],
)
def test_the_language_follows_the_setting_else_the_system(
    settings: QSettings, setting: str | None, system: str, expected: str
) -> None:
    if setting is not None:
        settings.setValue("language", setting)
    assert app.ui_language(settings, QLocale(system)) == expected


def test_qt_own_dialog_strings_follow_the_language(qtbot: QtBot) -> None:
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    previous_locale = QLocale()
    try:
        app.apply_language(qt_app, "fr")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
        assert i18n._("Member directory") == "Annuaire des membres"
        assert QLocale().monthName(11) == "novembre"
    finally:
        for translator in qt_app.findChildren(QTranslator):
            QApplication.removeTranslator(translator)
            translator.deleteLater()
        i18n.set_language("en")
        QLocale.setDefault(previous_locale)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


_LOOK_AT_NONE_AFTER_A_WHILE = """
import json, sys
from smwg_desktop.ui import app, start
from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication

def look():
    started = sys.getrefcount(None)
    size = QSize(1, 1)
    for width in range(10_000):
        size.setWidth(width)  # returns nothing: PySide 6.12.0 drops a reference to None
    print(json.dumps({"started": started, "after": sys.getrefcount(None)}))
    for window in QApplication.topLevelWidgets():
        window.close()

# Queued at once, it runs when the app's loop starts; from there, wait past the top-up.
QTimer.singleShot(0, lambda: QTimer.singleShot(app.NONE_TOP_UP_DELAY_MS + 500, look))
sys.exit(start.main(["--data-dir", sys.argv[1]]))
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="Python 3.12 and later never free None")
def test_a_running_app_cannot_run_out_of_references_to_none(data_dir: Path) -> None:
    Directory.open(data_dir).close()

    seen = _run_the_app(_LOOK_AT_NONE_AFTER_A_WHILE, data_dir)

    assert seen["started"] >= app.IMMORTAL_NONE_REFERENCES
    assert seen["after"] > app.IMMORTAL_NONE_REFERENCES - 20_000


def test_making_none_immortal_keeps_it_from_running_out() -> None:
    app.make_none_immortal()
    before = sys.getrefcount(None)
    size = QSize(1, 1)

    for width in range(10_000):
        size.setWidth(width)

    assert before - 10_000 <= sys.getrefcount(None) <= before + 10_000
    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > app.IMMORTAL_NONE_REFERENCES - 20_000
