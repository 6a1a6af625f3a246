"""Backups are whole, consistent copies, whichever way the copy is made."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.storage import driver
from smwg_desktop.storage.database import DATABASE_NAME


def names_in(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [row[0] for row in copy.execute("SELECT name FROM organisation ORDER BY name")]


def test_a_backup_holds_what_was_written_just_before(directory: Directory) -> None:
    directory.create(Organisation, {"name": "Red Andina (muestra)", "country": "BO"})

    backup = directory.store.backup(reason="test")

    assert names_in(backup) == ["Red Andina (muestra)"]
    assert not list(backup.parent.glob("*.partial"))


def test_a_reader_in_the_middle_of_a_read_does_not_spoil_the_copy(directory: Directory) -> None:
    directory.create(Organisation, {"name": "Red Andina (muestra)", "country": "BO"})
    # The same SQLite library as the store's, so that the reader's locks count in this process.
    with closing(driver.connect(directory.store.data_dir / DATABASE_NAME)) as reader:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM organisation").fetchone() == (1,)
        # Written after the reader's snapshot: the log cannot go back into the file now.
        directory.create(Organisation, {"name": "Kenya Peasants League", "country": "KE"})
        _busy, log, written = directory.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        assert log != written

        backup = directory.store.backup(reason="test")

        assert reader.execute("SELECT count(*) FROM organisation").fetchone() == (1,)
        reader.execute("COMMIT")
    assert names_in(backup) == ["Kenya Peasants League", "Red Andina (muestra)"]
