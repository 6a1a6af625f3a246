"""Opening a data directory: the SQLite file, its lock, its migrations and backups."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import filelock
import platformdirs
import sqlite_utils

from smwg_desktop.core.errors import StorageError
from smwg_desktop.storage.migrations import MIGRATIONS

DATABASE_NAME = "smwg.sqlite3"
LOCK_NAME = "smwg.lock"
BACKUP_FOLDER = "backups"
BACKUPS_KEPT = 5
SCHEMA_VERSION = len(MIGRATIONS)
DATA_DIR_VARIABLE = "SMWG_DATA_DIR"


def default_data_dir() -> Path:
    """Where the data lives when neither ``--data-dir`` nor ``SMWG_DATA_DIR`` says."""
    return platformdirs.user_data_path("smwg-desktop", appauthor=False)


def resolve_data_dir(given: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: the one given, else ``SMWG_DATA_DIR``, else the default."""
    chosen = given or os.environ.get(DATA_DIR_VARIABLE) or default_data_dir()
    return Path(chosen).expanduser()


class Store:
    """An open data directory. Writers hold its lock until ``close``.

    Readers do not take the lock: SQLite's write-ahead log lets a command list
    organisations while the desktop app holds the directory open for writing.
    """

    def __init__(self, data_dir: str | os.PathLike[str], *, write: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DATABASE_NAME
        self.writable = write
        self._lock: filelock.BaseFileLock | None = None
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot use data directory {self.data_dir}: {exc.strerror}") from None
        if write:
            self._lock = self._acquire_lock()
        try:
            self.conn = self._connect()
            self.db = sqlite_utils.Database(self.conn)
            self._migrate()
        except BaseException:
            self.close()
            raise

    def _acquire_lock(self) -> filelock.BaseFileLock:
        lock = filelock.FileLock(self.data_dir / LOCK_NAME, timeout=0)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise StorageError(
                f"the data directory {self.data_dir} is in use by another SMWG Desktop window "
                "or command; close it and try again"
            ) from None
        return lock

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, timeout=10)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"{self.path} is not a readable SMWG database ({exc})") from None
        return conn

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        found = self.schema_version()
        if found > SCHEMA_VERSION:
            raise StorageError(
                f"{self.path} was written by a newer version of SMWG Desktop (schema {found}; "
                f"this version reads up to {SCHEMA_VERSION}); install the newer version"
            )
        if found == SCHEMA_VERSION:
            return
        lock = self._lock or self._acquire_lock()
        try:
            if found > 0:
                self.backup(reason=f"before-schema-{SCHEMA_VERSION}")
            for number, migration in enumerate(MIGRATIONS[found:], start=found + 1):
                with self.transaction():
                    migration(self.db)
                    self.conn.execute(f"PRAGMA user_version = {number:d}")
        finally:
            if lock is not self._lock:
                lock.release()

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """All or nothing: nested blocks become savepoints of the outer one."""
        if self.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def backup(self, reason: str) -> Path:
        """Copy the database with SQLite's backup API into ``backups/``, keeping the last few."""
        folder = self.data_dir / BACKUP_FOLDER
        folder.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"smwg-{stamp}-{reason}.sqlite3"
        partial = target.with_suffix(".partial")
        copy = sqlite3.connect(partial)
        try:
            self.conn.backup(copy)
        finally:
            copy.close()
        partial.replace(target)
        for old in sorted(folder.glob("smwg-*.sqlite3"))[:-BACKUPS_KEPT]:
            old.unlink()
        return target

    def backups(self) -> list[Path]:
        return sorted((self.data_dir / BACKUP_FOLDER).glob("smwg-*.sqlite3"))

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]  # type: ignore[misc]

    def close(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()
            self.conn = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
