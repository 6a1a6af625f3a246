"""One program, two faces: the desktop app with no arguments, the command line with any."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence

import pytest

from smwg_desktop import __main__ as entry
from smwg_desktop import __version__, selftest
from smwg_desktop.ui import app


def status_of(arguments: Sequence[str]) -> int:
    """The exit status, whether the command returns it or exits with it."""
    try:
        return entry.main(arguments)
    except SystemExit as done:
        return int(done.code or 0)


def test_no_arguments_start_the_desktop_app(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[str | None, Sequence[str]]] = []

    def desktop_app(arguments: argparse.Namespace, qt_arguments: Sequence[str]) -> int:
        started.append((arguments.data_dir, qt_arguments))
        return 0

    monkeypatch.setattr(app, "run", desktop_app)

    assert entry.main([]) == 0
    assert started == [(None, [])]


def test_arguments_go_to_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert status_of(["--help"]) == 0

    assert "Usage: smwg" in capsys.readouterr().out


def test_self_test_exits_1_when_a_check_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "run", lambda report=print: False)
    assert status_of(["self-test"]) == 1

    monkeypatch.setattr(selftest, "run", lambda report=print: True)
    assert status_of(["self-test"]) == 0


def test_python_m_smwg_desktop_is_the_smwg_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "smwg_desktop", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"smwg, version {__version__}"
