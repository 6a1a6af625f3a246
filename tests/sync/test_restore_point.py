"""Before an import changes anything, a copy exists that lacks nothing this device alone holds."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.sync import network as network_module
from smwg_desktop.sync.network import (
    RESTORE_POINT_KEY,
    ImportResult,
    export_bundle,
    import_bundle,
    network_key,
    restore_point,
)
from tests.sync.conftest import PASSPHRASE

Network = Callable[[int], list[Directory]]


def edit_and_send(sender: Directory, receiver: Directory, path: Path, name: str) -> ImportResult:
    """One edit on ``sender``, sent to ``receiver`` in an incremental bundle."""
    key = network_key(sender, PASSPHRASE)
    base = sender.log.seen()
    org = sender.list(Organisation)[0]
    sender.update(Organisation, org.id, {"notes": name})
    export_bundle(sender, path, key, base=base)
    return import_bundle(receiver, path, key)


def copied_changes(backup: Path, device: str) -> set[tuple[int, str | None]]:
    with closing(sqlite3.connect(backup)) as copy:
        return set(copy.execute("SELECT hlc, value FROM change WHERE device = ?", (device,)))


def test_imports_reuse_the_copy_while_this_device_writes_nothing(network: Network, tmp_path: Path) -> None:
    a, b = network(2)
    copies = b.store.backups()
    first = restore_point(b)
    assert first is not None and copies == [first]

    results = [edit_and_send(a, b, tmp_path / f"{n}.smwgbundle", f"edit {n}") for n in range(3)]

    assert [r.backup for r in results] == [first] * 3
    assert b.store.backups() == copies
    assert b.get(Organisation, a.list(Organisation)[0].id).notes == "edit 2"


def test_an_edit_made_here_gets_a_new_copy_before_the_next_import(network: Network, tmp_path: Path) -> None:
    a, b = network(2)
    before = restore_point(b)
    org = b.list(Organisation)[0]
    b.update(Organisation, org.id, {"acronym": "RA"})
    assert restore_point(b) is None

    result = edit_and_send(a, b, tmp_path / "edit.smwgbundle", "from a")

    assert result.backup is not None and result.backup != before
    assert result.backup in b.store.backups()
    own = b.conn.execute("SELECT hlc, value FROM change WHERE device = ?", (b.device_id,)).fetchall()
    assert set(own) <= copied_changes(result.backup, b.device_id)
    assert restore_point(b) == result.backup


def test_a_local_note_made_here_also_needs_a_new_copy(network: Network, tmp_path: Path) -> None:
    a, b = network(2)
    before = restore_point(b)
    b.set_local_note(Organisation, b.list(Organisation)[0].id, "call before the assembly")

    result = edit_and_send(a, b, tmp_path / "edit.smwgbundle", "from a")

    assert result.backup is not None and result.backup != before
    with closing(sqlite3.connect(result.backup)) as copy:
        assert copy.execute("SELECT text FROM local_note").fetchall() == [("call before the assembly",)]


def test_a_copy_a_day_old_is_not_relied_on(network: Network, tmp_path: Path) -> None:
    a, b = network(2)
    mark = json.loads(b.store.meta(RESTORE_POINT_KEY) or "{}")
    mark["taken"] = (datetime.now(UTC) - network_module.RESTORE_POINT_AGE - timedelta(minutes=1)).isoformat()
    with b.store.transaction():
        b.store.set_meta(RESTORE_POINT_KEY, json.dumps(mark))
    assert restore_point(b) is None

    result = edit_and_send(a, b, tmp_path / "edit.smwgbundle", "from a")

    assert result.backup is not None and result.backup.name != mark["file"]


def test_a_copy_that_is_gone_is_not_relied_on(network: Network, tmp_path: Path) -> None:
    a, b = network(2)
    gone = restore_point(b)
    assert gone is not None
    gone.unlink()

    result = edit_and_send(a, b, tmp_path / "edit.smwgbundle", "from a")

    assert result.backup is not None and result.backup.exists() and result.backup != gone


@pytest.mark.parametrize("mark", ["", "not json at all", json.dumps({"file": "x.sqlite3"})])
def test_no_usable_mark_means_a_new_copy(network: Network, tmp_path: Path, mark: str) -> None:
    a, b = network(2)
    with b.store.transaction():
        b.store.set_meta(RESTORE_POINT_KEY, mark or "{}")

    assert restore_point(b) is None
    assert edit_and_send(a, b, tmp_path / "edit.smwgbundle", "from a").backup is not None
