"""`smwg self-test`: one line per check, failures reported without stopping, nothing left behind."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import types
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest
from reportlab.pdfgen.canvas import Canvas

from smwg_desktop import selftest
from smwg_desktop.core.directory import Directory


class RecordingKeyring(keyring.backend.KeyringBackend):
    """A keyring that only notes what is asked of it."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append(f"get {service}")
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append(f"set {service}")

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append(f"delete {service}")


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temporary folder, for this test alone."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def a_pdf(pages: int = 1) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for n in range(pages):
        canvas.drawString(72, 720, f"page {n + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_every_check_passes_here_with_one_line_each(private_temp: Path) -> None:
    lines: list[str] = []

    assert selftest.run(lines.append), "\n".join(lines)

    names = [name for name, _ in selftest.checks()]
    assert lines == [f"ok   {name}" for name in names]
    assert {"fonts", "data directory with sample data", "main window"} <= set(names)
    assert any(name.startswith("pdf ") for name in names) == bool(selftest.pdf_checks())


def test_the_self_test_leaves_nothing_in_the_temporary_folder(private_temp: Path) -> None:
    selftest.run(lambda line: None)

    assert list(private_temp.iterdir()) == []


def test_the_self_test_keeps_its_network_key_out_of_the_keyring(private_temp: Path) -> None:
    before = keyring.get_keyring()
    recording = RecordingKeyring()
    keyring.set_keyring(recording)
    try:
        selftest.run(lambda line: None)
        assert keyring.get_keyring() is recording
    finally:
        keyring.set_keyring(before)

    assert recording.calls == []


def test_a_failing_check_is_reported_and_the_others_still_run(
    private_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_fonts(folder: Path) -> None:
        raise FileNotFoundError("SMWG Desktop resource missing: resources/fonts")

    monkeypatch.setattr(selftest, "check_fonts", broken_fonts)
    lines: list[str] = []

    assert selftest.run(lines.append) is False

    assert (
        lines[0] == "FAIL fonts: FileNotFoundError: SMWG Desktop resource missing: resources/fonts"
    )
    assert lines[1:] and all(line.startswith("ok   ") for line in lines[1:])


def test_a_pdf_with_pages_passes_and_a_cut_or_foreign_file_does_not() -> None:
    document = a_pdf(pages=3)

    assert selftest.check_pdf(document) == 3
    with pytest.raises(selftest.CheckFailed, match="cut short"):
        selftest.check_pdf(document[: len(document) // 2])
    with pytest.raises(selftest.CheckFailed, match="not a PDF"):
        selftest.check_pdf(b"<html>not a pdf</html>")


def test_document_functions_are_found_by_their_signature() -> None:
    module = types.ModuleType("smwg_desktop.reports.example")

    def write_example(directory: Directory, path: Path, *, lang: str = "en") -> None: ...
    def example_bytes(directory: Directory) -> bytes:
        return b"%PDF-"

    def rows(directory: Directory) -> list[str]:
        return []

    def _write_private(directory: Directory, path: Path) -> None: ...

    for function in (write_example, example_bytes, rows, _write_private):
        function.__module__ = module.__name__
        setattr(module, function.__name__, function)

    found = selftest.document_functions(module)

    assert sorted(f.__name__ for f in found) == ["example_bytes", "write_example"]


REPORTS = {
    "__init__.py": "",
    "agenda.py": (
        "def write_agenda(directory, activity_id, path, *, lang='en'):\n"
        "    raise RuntimeError('table too wide')\n"
    ),
    "badges.py": "import no_such_module\n",
    "directory.py": (
        "from smwg_desktop.core.model import Organisation\n"
        "from reportlab.pdfgen.canvas import Canvas\n"
        "def write_directory(directory, path, *, lang='en'):\n"
        "    canvas = Canvas(str(path))\n"
        "    for organisation in directory.list(Organisation):\n"
        "        canvas.drawString(72, 720, organisation.name)\n"
        "        canvas.showPage()\n"
        "    canvas.save()\n"
    ),
    "odd.py": "def write_odd(directory, path, colour):\n    pass\n",
    "signin.py": "def rows(directory):\n    return []\n",
    "styles.py": "def rows(directory):\n    return []\n",
}


@pytest.fixture
def fake_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A reports package with a good, a failing and a broken document, and helpers."""
    package = tmp_path / "fake_reports"
    package.mkdir()
    for name, source in REPORTS.items():
        (package / name).write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(selftest, "REPORTS_PACKAGE", package.name)
    yield package.name
    for name in [m for m in sys.modules if m.split(".")[0] == package.name]:
        del sys.modules[name]


def test_each_document_module_is_a_check_and_a_broken_one_fails(
    fake_reports: str, private_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines: list[str] = []
    monkeypatch.setattr(selftest, "checks", selftest.pdf_checks)

    assert selftest.run(lines.append) is False

    assert lines == [
        "FAIL pdf agenda: RuntimeError: table too wide",
        "FAIL pdf badges: ModuleNotFoundError: No module named 'no_such_module'",
        "ok   pdf directory",
        "FAIL pdf odd: write_odd(): the self-test has no value for 'colour'",
        "FAIL pdf signin: fake_reports.signin has no document function",
    ]


def test_smwg_self_test_runs_as_a_command(tmp_path: Path) -> None:
    """As a person runs it: its own process, its own temporary folder."""
    temp = tmp_path / "system-temp"
    temp.mkdir()
    environment = {"TMPDIR": str(temp), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    done = subprocess.run(
        [sys.executable, "-m", "smwg_desktop", "self-test"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [f"ok   {name}" for name, _ in selftest.checks()]
    assert list(temp.iterdir()) == []


def test_the_language_check_fails_without_qt_own_translations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QLibraryInfo

    monkeypatch.setattr(QLibraryInfo, "path", lambda _which: str(tmp_path))
    with pytest.raises(selftest.CheckFailed, match="Qt's own 'es' translation"):
        selftest.check_languages(tmp_path)
