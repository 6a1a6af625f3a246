"""Erasure: every trace of a record removed from this device, backups included.

A delete keeps a tombstone; an erasure keeps only the record's id (in
``erased``, so that nothing can bring it back) and the erasure change that tells
other devices to do the same. ``purge`` runs inside the erasing transaction;
``scrub`` runs after it commits, to leave no old bytes behind: the search index
is rebuilt without the record's words, freed pages are overwritten
(``secure_delete`` is always on), the write-ahead log is emptied, and each
automatic backup is rewritten without the record, or removed if it cannot be.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from smwg_desktop.storage import driver

if TYPE_CHECKING:
    import sqlite3

_SEARCHED = ("organisation", "person")
_LOCAL_TABLES = ("conflict", "local_note")


@dataclass
class ErasureReport:
    erased: list[tuple[str, str]] = field(default_factory=list)
    backups_rewritten: list[Path] = field(default_factory=list)
    backups_removed: list[Path] = field(default_factory=list)


def _table_names(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def purge(conn: sqlite3.Connection, kind: str, entity_id: str) -> None:
    """Delete the record, its history and this device's notes on it; remember its id."""
    tables = _table_names(conn)
    conn.execute("DELETE FROM change WHERE entity = ? AND entity_id = ?", (kind, entity_id))
    for table in _LOCAL_TABLES:
        if table in tables:
            conn.execute(f"DELETE FROM {table} WHERE entity = ? AND entity_id = ?", (kind, entity_id))
    if kind in tables:
        conn.execute(f'DELETE FROM "{kind}" WHERE id = ?', (entity_id,))
    conn.execute("INSERT OR IGNORE INTO erased (entity, entity_id) VALUES (?, ?)", (kind, entity_id))


def _rebuild_search(conn: sqlite3.Connection, kinds: Iterable[str]) -> None:
    tables = _table_names(conn)
    for kind in sorted(set(kinds) & set(_SEARCHED)):
        if f"{kind}_fts" in tables:
            # 'optimize' merges the index into one new segment without the deleted words.
            conn.execute(f"INSERT INTO {kind}_fts ({kind}_fts) VALUES ('optimize')")


def scrub(
    conn: sqlite3.Connection, backups: list[Path], key: bytes | None, erased: list[tuple[str, str]]
) -> ErasureReport:
    """After an erasure has committed: leave none of the record's bytes on this device."""
    report = ErasureReport(erased=list(erased))
    if not erased:
        return report
    _rebuild_search(conn, (kind for kind, _ in erased))
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    for backup in backups:
        if _rewrite_backup(backup, key, erased):
            report.backups_rewritten.append(backup)
        else:
            backup.unlink(missing_ok=True)
            report.backups_removed.append(backup)
    return report


def _rewrite_backup(backup: Path, key: bytes | None, erased: list[tuple[str, str]]) -> bool:
    """Erase the records from one backup in place; False if the backup cannot be read."""
    try:
        conn = driver.connect(backup, None if driver.is_plain(backup) else key)
    except driver.DatabaseError:
        return False
    try:
        conn.execute("PRAGMA secure_delete = ON")
        for kind, entity_id in erased:
            purge(conn, kind, entity_id)
        _rebuild_search(conn, (kind for kind, _ in erased))
        conn.commit()
        conn.execute("VACUUM")
        return True
    except driver.DatabaseError:
        return False
    finally:
        conn.close()
