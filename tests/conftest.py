"""Shared fixtures: every test works in its own data directory under tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The suite reads English whatever the machine speaks: `smwg` takes its language from
# the environment when it is imported, and so do the `smwg` processes the tests start.
os.environ["LC_ALL"] = "C.UTF-8"
os.environ.pop("LANGUAGE", None)

import keyring.backends.fail

from smwg_desktop.core.directory import Directory
from tests.keyrings import MemoryKeyring, keyring_backend


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real data directory (or cache) of the person running the suite."""
    monkeypatch.setenv("SMWG_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture(autouse=True)
def _no_system_keyring() -> Iterator[None]:
    """No test reads or writes the keyring of the person running the suite."""
    with keyring_backend(keyring.backends.fail.Keyring()):
        yield


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A keyring that lives in this test only, for what "remember" does."""
    backend = MemoryKeyring()
    with keyring_backend(backend):
        yield backend


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def directory(data_dir: Path) -> Iterator[Directory]:
    with Directory.open(data_dir) as opened:
        yield opened
