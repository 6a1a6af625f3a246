"""``smwg self-test``: does this installation of SMWG Desktop work on this machine?

Meant for a packaged app on a new computer as much as for a source tree. It uses
no data of the person running it: each check works in a fresh temporary folder,
removed when the check ends, and the network check keeps its key out of the
system keyring. Each check prints one line, ``ok   <check>`` or
``FAIL <check>: <reason>``, and a failure does not stop the checks after it.

The window check reaches Qt only through ``smwg_desktop.ui``, imported when that
check runs, so every other check works on a machine where Qt cannot start.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import os
import pkgutil
import re
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import keyring
import keyring.backends.fail
from babel import Locale
from babel.dates import format_date
from reportlab.pdfbase.ttfonts import TTFont

from smwg_desktop import i18n
from smwg_desktop.core.demo import load_demo
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.geo import normalise_country
from smwg_desktop.core.model import RECORD_TYPES, Activity, Organisation
from smwg_desktop.resources import font_files, resource_path
from smwg_desktop.storage.changelog import encode
from smwg_desktop.storage.database import SCHEMA_VERSION
from smwg_desktop.sync.network import export_bundle, init_network, join_network, network_key

SAMPLE_ORGANISATIONS = 3
SAMPLE_PEOPLE = 6
PASSPHRASE = "self-test passphrase, never a real one"
ICON = ("icons", "smwg.png")

REPORTS_PACKAGE = "smwg_desktop.reports"
DOCUMENT_MODULES = ("directory", "agenda", "signin", "badges")
"""Modules of ``smwg_desktop.reports`` that must offer a document function once they exist."""

_OUTPUT_PARAMETERS = ("path", "output", "out", "destination", "target", "file", "filename")

Check = tuple[str, Callable[[Path], None]]


class CheckFailed(Exception):
    """What a check found wrong, in words fit for the line it prints."""


def run(report: Callable[[str], None] = print) -> bool:
    """Run every check, reporting one line each; True when all of them passed."""
    passed = True
    for name, check in checks():
        try:
            with tempfile.TemporaryDirectory(prefix="smwg-self-test-") as folder:
                check(Path(folder))
        except Exception as error:
            report(f"FAIL {name}: {_reason(error)}")
            passed = False
        else:
            report(f"ok   {name}")
    return passed


def checks() -> list[Check]:
    """The checks ``run`` runs, in order, as (name, function of a fresh folder)."""
    return [
        ("fonts", check_fonts),
        ("icon, translations and locale data", check_resources),
        ("data directory with sample data", check_data_directory),
        ("network bundle written and joined", check_network),
        *pdf_checks(),
        ("main window", check_main_window),
        ("the app in Spanish and French, Qt's own words too", check_languages),
    ]


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    if isinstance(error, CheckFailed):
        return text
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def check_fonts(folder: Path) -> None:
    """Every shipped font is found and parses (the PDFs embed them; the UI loads them)."""
    fonts = font_files()
    if not fonts:
        raise CheckFailed(f"no .ttf file in {resource_path('fonts')}")
    for path in fonts:
        TTFont(f"SelfTest-{path.stem}", str(path))


def check_resources(folder: Path) -> None:
    """The icon, every language's catalog and its CLDR data (dates, country names) are found."""
    if not resource_path(*ICON).read_bytes().startswith(b"\x89PNG"):
        raise CheckFailed(f"{resource_path(*ICON)} is not a PNG image")
    for lang in i18n.LANGUAGES:
        i18n.translations(lang)
        locale = Locale.parse(lang)
        if not locale.territories.get("BR") or not format_date(date(2026, 3, 4), locale=locale):
            raise CheckFailed(f"babel has no country names or dates for '{lang}'")
    # Imports read country names in these languages too ("Brasil", "Sénégal", "Mexique").
    for name, code in (("Brasil", "BR"), ("Sénégal", "SN"), ("Perú", "PE"), ("Alemanha", "DE")):
        if normalise_country(name) != code:
            raise CheckFailed(f"the country name {name!r} is not read as {code}")


def _sample_directory(data_dir: Path) -> Directory:
    directory = Directory.open(data_dir)
    try:
        load_demo(directory, organisations=SAMPLE_ORGANISATIONS, people=SAMPLE_PEOPLE)
    except BaseException:
        directory.close()
        raise
    return directory


def check_data_directory(folder: Path) -> None:
    """A new data directory is created at the current schema, takes the sample and keeps it."""
    data_dir = folder / "data"
    with _sample_directory(data_dir) as directory:
        version = directory.store.schema_version()
        if version != SCHEMA_VERSION:
            raise CheckFailed(f"the database is at schema {version}, not {SCHEMA_VERSION}")
        first_word = directory.list(Organisation)[0].name.split()[0]
        if not directory.search(first_word):
            raise CheckFailed(f"searching the sample data for '{first_word}' finds nothing")
    with Directory.open(data_dir, write=False) as reopened:
        found = reopened.count(Organisation)
    if found != SAMPLE_ORGANISATIONS:
        raise CheckFailed(f"reopened, it holds {found} organisations, not {SAMPLE_ORGANISATIONS}")


@contextlib.contextmanager
def _no_keyring() -> Iterator[None]:
    """Keep the self-test's network key out of the user's keyring (and its prompts)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def check_network(folder: Path) -> None:
    """A network is started, a full bundle written, and a second device joins from it."""
    bundle = folder / "network.smwgbundle"
    with _no_keyring():
        with _sample_directory(folder / "first") as first:
            init_network(first, "Self-test network", PASSPHRASE)
            export_bundle(first, bundle, network_key(first, PASSPHRASE), full=True)
            expected = encode(first.export_canonical())
        with Directory.open(folder / "second") as second:
            join_network(second, bundle, PASSPHRASE)
            joined = encode(second.export_canonical())
    if joined != expected:
        raise CheckFailed("the joined device's export differs from the first device's")


def pdf_checks() -> list[Check]:
    """One check per document function found in ``smwg_desktop.reports``.

    A document function is a public function of a reports module with a parameter
    named ``directory`` that either takes an output path (a parameter named as in
    ``_OUTPUT_PARAMETERS``) or returns ``bytes``. A module that does not import is
    a failed check, as is one of ``DOCUMENT_MODULES`` that offers no such function.
    """
    try:
        package = importlib.import_module(REPORTS_PACKAGE)
    except Exception as error:
        if isinstance(error, ModuleNotFoundError) and error.name == REPORTS_PACKAGE:
            return []
        return [("pdf", functools.partial(_raise, error))]
    found: list[Check] = []
    modules = sorted(m.name for m in pkgutil.iter_modules(package.__path__))
    for name in (m for m in modules if not m.startswith("_")):
        try:
            module = importlib.import_module(f"{REPORTS_PACKAGE}.{name}")
        except Exception as error:
            found.append((f"pdf {name}", functools.partial(_raise, error)))
            continue
        functions = document_functions(module)
        if not functions and name in DOCUMENT_MODULES:
            missing = CheckFailed(f"{module.__name__} has no document function")
            found.append((f"pdf {name}", functools.partial(_raise, missing)))
        for function in functions:
            label = f"pdf {name}" if len(functions) == 1 else f"pdf {name}.{function.__name__}"
            found.append((label, functools.partial(check_document, function)))
    return found


def _raise(error: Exception, folder: Path) -> None:
    raise error


def document_functions(module: ModuleType) -> list[Callable[..., Any]]:
    found: list[Callable[..., Any]] = []
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if name.startswith("_") or function.__module__ != module.__name__:
            continue
        signature = inspect.signature(function)
        if "directory" not in signature.parameters:
            continue
        writes = any(p in signature.parameters for p in _OUTPUT_PARAMETERS)
        if writes or "bytes" in str(signature.return_annotation):
            found.append(function)
    return found


def check_document(function: Callable[..., Any], folder: Path) -> None:
    """The document is made from the sample data and is a PDF with pages."""
    output = folder / "document.pdf"
    with _sample_directory(folder / "data") as directory:
        result = function(**_document_arguments(function, directory, output))
    check_pdf(result if isinstance(result, bytes) else output.read_bytes())


def _document_arguments(
    function: Callable[..., Any], directory: Directory, output: Path
) -> dict[str, Any]:
    arguments: dict[str, Any] = {}
    for name, parameter in inspect.signature(function).parameters.items():
        kind = name.removesuffix("_id")
        if name == "directory":
            arguments[name] = directory
        elif name in _OUTPUT_PARAMETERS:
            arguments[name] = output
        elif kind in RECORD_TYPES:
            record = _richest(directory, RECORD_TYPES[kind])
            arguments[name] = record.id if name.endswith("_id") else record
        elif parameter.default is inspect.Parameter.empty and parameter.kind not in (
            inspect.Parameter.VAR_POSITIONAL,
            inspect.Parameter.VAR_KEYWORD,
        ):
            raise CheckFailed(f"{function.__name__}(): the self-test has no value for '{name}'")
    return arguments


def _richest(directory: Directory, cls: type[Any]) -> Any:
    """The sample record to print: the activity with most participants, else the first."""
    found = directory.list(cls)
    if not found:
        raise CheckFailed(f"the sample data has no {cls.label.lower()}")
    if cls is Activity:
        return max(found, key=lambda activity: len(directory.participants(activity.id)))
    return found[0]


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_AT = re.compile(rb"xref|\d+\s+\d+\s+obj")
_PAGE = re.compile(rb"/Type\s*/Page\b")


def check_pdf(data: bytes) -> int:
    """Check the structure a PDF reader starts from; returns the number of pages."""
    if not data.startswith(b"%PDF-"):
        raise CheckFailed("the document is not a PDF (no %PDF- header)")
    end = _STARTXREF.search(data[-1024:])
    if end is None:
        raise CheckFailed("the PDF is cut short (no startxref and %%EOF at its end)")
    offset = int(end.group(1))
    if _XREF_AT.match(data, offset) is None:
        raise CheckFailed("the PDF's cross-reference table is not where its trailer says")
    pages = len(_PAGE.findall(data))
    if pages == 0:
        raise CheckFailed("the PDF has no pages")
    return pages


def check_main_window(folder: Path) -> None:
    """The main window opens over sample data, paints, and goes away, with no display needed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from smwg_desktop.ui import app
    from smwg_desktop.ui.main_window import MainWindow

    app.ensure_utf8_locale(os.environ)
    application = app.application()
    if not app.load_fonts(application):
        raise CheckFailed("Qt loaded none of the shipped fonts")
    with _sample_directory(folder / "data") as directory:
        window = MainWindow(directory)
        try:
            window.show()
            if not window.isVisible():
                raise CheckFailed("the window did not show")
            if window.grab().isNull():
                raise CheckFailed("the window painted nothing")
        finally:
            # hide() rather than close(): closing saves the window's geometry into the
            # person's own settings, which a self-test must leave alone. The window goes
            # before its directory closes.
            window.hide()
            del window


def check_languages(folder: Path) -> None:
    """Our catalog and Qt's own (buttons, file dialogs) are found for every translated language."""
    from smwg_desktop.ui import app

    for lang in i18n.LANGUAGES:
        if lang == "en":
            continue
        if i18n.translator(lang)("&File") == "&File":
            raise CheckFailed(f"the '{lang}' catalog does not translate the menus")
        if app.qt_translator(lang) is None:
            raise CheckFailed(f"Qt's own '{lang}' translation is not in {app.qt_translations()}")
