"""Fixtures for import and export: the test data files and a directory to import into."""

from __future__ import annotations

from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.storage.changelog import encode

DATA = Path(__file__).resolve().parents[1] / "data"
REPO = Path(__file__).resolve().parents[2]
SHARED_INTEROP = REPO.parent / "shared" / "interop"
"""The shared sample files, beside the clone (../shared/interop from the repository root)."""


def snapshot(directory: Directory) -> str:
    """The whole shared state as canonical JSON: equal snapshots, equal directories."""
    return encode(directory.export_canonical())


def changes(directory: Directory) -> int:
    return int(directory.conn.execute("SELECT count(*) FROM change").fetchone()[0])


@pytest.fixture
def data() -> Path:
    return DATA
