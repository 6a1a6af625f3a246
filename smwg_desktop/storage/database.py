"""Opening a data directory: the SQLite file, its lock, its key, migrations and backups.

A data directory may be encrypted at rest with SQLCipher. Its key is derived
from the device passphrase with Argon2id; the parameters (never the key) sit in
``smwg.key.json`` beside the database. The database, its write-ahead log and
every backup are then encrypted with the same key.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smwg_desktop.core.errors import RefusedError, StorageError
from smwg_desktop.i18n import _
from smwg_desktop.storage import driver, lock
from smwg_desktop.storage.migrations import MIGRATIONS

if TYPE_CHECKING:
    import sqlite3

    # Imported where used: opening plain data to read needs neither sqlite-utils
    # (migrations, ``db``) nor PyNaCl (keys), and the window starts without them.
    import sqlite_utils

    from smwg_desktop.sync.crypto import KdfParams

DATABASE_NAME = "smwg.sqlite3"
KEY_FILE_NAME = "smwg.key.json"
DB_PASSPHRASE_VARIABLE = "SMWG_DB_PASSPHRASE"
LOCK_NAME = "smwg.lock"
BACKUP_FOLDER = "backups"
BACKUPS_KEPT = 5
CACHE_KIB = 64 * 1024
"""SQLite's page cache per connection. The default (2 MiB) holds a sliver of the
change log's indexes at 100,000 people: an import then reads the same pages again
and again, and an encrypted database decrypts them again each time."""
FILLING_CACHE_KIB = 16 * 1024
"""The page cache while an empty database is filled (``Store.writing_whole``)."""
SORTER_THREADS = 2
"""Helper threads SQLite's sorter may take while an empty database fills (``Store.writing_whole``)."""
SCHEMA_VERSION = len(MIGRATIONS)
DATA_DIR_VARIABLE = "SMWG_DATA_DIR"


def default_data_dir() -> Path:
    """Where the data lives when neither ``--data-dir`` nor ``SMWG_DATA_DIR`` says."""
    import platformdirs

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

    def __init__(
        self, data_dir: str | os.PathLike[str], *, write: bool = True, passphrase: str | None = None
    ) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DATABASE_NAME
        self.writable = write
        self.key: bytes | None = None
        self._lock: lock.HeldLock | None = None
        self._db: sqlite_utils.Database | None = None
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                _("cannot use data directory {data_dir}: {why}").format(
                    data_dir=self.data_dir, why=exc.strerror
                )
            ) from None
        if write:
            self._lock = self._acquire_lock()
        try:
            if not driver.is_plain(self.path):
                self.key = self._unlock(passphrase)
            self.conn = self._connect()
            self._migrate()
        except BaseException:
            self.close()
            raise

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over this store's connection (made at first use)."""
        if self._db is None or self._db.conn is not self.conn:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    def _key_file(self) -> dict[str, dict[str, object]]:
        try:
            data = json.loads((self.data_dir / KEY_FILE_NAME).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise StorageError(
                _(
                    "{path} is not a readable SMWG database (if it is an encrypted one, "
                    "{key_file} is missing beside it)"
                ).format(path=self.path, key_file=KEY_FILE_NAME)
            ) from None
        except (OSError, ValueError):
            raise StorageError(
                _("{key_file} in {data_dir} is damaged").format(
                    key_file=KEY_FILE_NAME, data_dir=self.data_dir
                )
            ) from None
        return {k: v for k, v in data.items() if k in ("current", "pending") and isinstance(v, dict)}

    def _unlock(self, passphrase: str | None) -> bytes:
        """The key that opens this encrypted database, from the passphrase."""
        candidates = self._key_file().values()
        if passphrase is None:
            raise StorageError(
                _(
                    "the data directory {data_dir} is encrypted: give its passphrase "
                    "(--db-passphrase-file F or {variable})"
                ).format(data_dir=self.data_dir, variable=DB_PASSPHRASE_VARIABLE)
            )
        from smwg_desktop.sync.crypto import derive_key

        # "pending" holds the new parameters while a change of passphrase is under way.
        for params in candidates:
            key = derive_key(passphrase, _params_from_json(params))
            probe = driver.connect(self.path, key)
            try:
                probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except driver.DatabaseError:
                continue
            finally:
                probe.close()
            return key
        raise StorageError(
            _("wrong passphrase for the data directory {data_dir}").format(data_dir=self.data_dir)
        )

    def companion(self) -> Store:
        """A second connection to this open directory, for another thread of this process.

        It shares this store's key and its write lock (held by this store, which
        must stay open longer), and skips migrations (done when this one opened).
        SQLite's write-ahead log lets the two read side by side; their writes take
        turns, a write waiting for the other's transaction to end.
        """
        twin = Store.__new__(Store)
        twin.data_dir, twin.path, twin.writable = self.data_dir, self.path, self.writable
        twin.key = self.key
        twin._lock = None
        twin._db = None
        twin.conn = twin._connect()
        return twin

    def _acquire_lock(self) -> lock.HeldLock:
        try:
            return lock.take(self.data_dir / LOCK_NAME)
        except lock.InUse:
            raise StorageError(
                _("the data directory {data_dir} is in use by another SMWG Desktop window "
                  "or command; close it and try again").format(data_dir=self.data_dir)
            ) from None
        except lock.CannotLock as refused:
            raise StorageError(
                _("the data directory {data_dir} cannot be locked against a second writer "
                  "({reason}); use a folder on this computer").format(
                    data_dir=self.data_dir, reason=refused)
            ) from None

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = driver.connect(self.path, self.key)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB:d}")
            # Deleted content is overwritten, so an erased person leaves no bytes behind.
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except driver.DatabaseError as exc:
            raise StorageError(
                _("{path} is not a readable SMWG database ({why})").format(path=self.path, why=exc)
            ) from None
        return conn

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        found = self.schema_version()
        if found > SCHEMA_VERSION:
            raise StorageError(
                _(
                    "{path} was written by a newer version of SMWG Desktop (schema {found}; "
                    "this version reads up to {supported}); install the newer version"
                ).format(path=self.path, found=found, supported=SCHEMA_VERSION)
            )
        if found == SCHEMA_VERSION:
            return
        held = self._lock or self._acquire_lock()
        try:
            if found > 0:
                self.backup(reason=f"before-schema-{SCHEMA_VERSION}")
            for number, migration in enumerate(MIGRATIONS[found:], start=found + 1):
                with self.transaction():
                    migration(self.db)
                    self.conn.execute(f"PRAGMA user_version = {number:d}")
        finally:
            if held is not self._lock:
                held.release()

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

    @contextmanager
    def writing_whole(self) -> Iterator[None]:
        """Write the database through SQLite's rollback journal inside the block, if it can.

        For filling an empty database (joining a network): in write-ahead mode
        every page is written twice, to the log and then into the file; the
        rollback journal writes a new page once and journals only pages that
        existed. Commits are atomic either way. The mode can change only while
        no other connection is open; when it cannot, nothing changes. Write-ahead
        mode comes back after the block (and with the next connection, if the
        process dies first).

        The page cache is kept small meanwhile: pages are appended and seldom
        read again, so a larger cache does not make the filling faster, but it
        would stay full (64 MiB at 100,000 people) while SQLite's sorter, which
        takes the cache's size as its own limit, builds the indexes beside it.

        On a plain database the sorter meanwhile spills what exceeds that limit to
        a temporary file, not to memory as SQLCipher does by default, and takes
        helper threads: the change log's index of a network (1.5 million rows at
        100,000 people) was built in half the time. The file is SQLite's own, in
        the system's temporary folder, removed as soon as it is opened; at that
        size only that index spills, whose keys are record ids and field names
        (the record tables' indexes, which hold names, fit in memory up to some
        300,000 people). An encrypted database keeps its sorter in memory, as an
        unencrypted temporary file would leave on the disk what it sorts.
        """
        mode = "wal"
        try:
            self.conn.execute(f"PRAGMA cache_size = -{FILLING_CACHE_KIB:d}")
            if not self.encrypted:
                # Before the filling's transaction begins, as the journal mode: once
                # temporary storage is in use, SQLite refuses to change it inside one.
                self.conn.execute("PRAGMA temp_store = FILE")
                self.conn.execute(f"PRAGMA threads = {SORTER_THREADS:d}")
            # Another connection keeps the mode from changing: find out at once, without waiting.
            timeout = int(self.conn.execute("PRAGMA busy_timeout").fetchone()[0])
            self.conn.execute("PRAGMA busy_timeout = 0")
            try:
                mode = str(self.conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower()
            except driver.DatabaseError:
                pass
            finally:
                self.conn.execute(f"PRAGMA busy_timeout = {timeout:d}")
            yield
        except BaseException:
            self._restore_after_filling(mode, failed=True)
            raise
        self._restore_after_filling(mode, failed=False)

    def _restore_after_filling(self, mode: str, *, failed: bool) -> None:
        """Write-ahead mode, the usual page cache and sorter again, each tried.

        After a failed block (a full disk, a removed drive) a restore may fail too;
        it must not hide the error that says what went wrong. Write-ahead mode comes
        back with the next connection anyway.
        """
        pragmas = [f"PRAGMA cache_size = -{CACHE_KIB:d}", "PRAGMA threads = 0"]
        if not self.conn.in_transaction:
            pragmas.append("PRAGMA temp_store = DEFAULT")
            if mode == "delete":
                pragmas.insert(0, "PRAGMA journal_mode = WAL")
        errors: list[Exception] = []
        for pragma in pragmas:
            try:
                self.conn.execute(pragma)
            except driver.DatabaseError as error:
                errors.append(error)
        if errors and not failed:
            raise errors[0]

    def backup(self, reason: str) -> Path:
        """Copy the database with SQLite's backup API into ``backups/``, keeping the last few."""
        folder = self.data_dir / BACKUP_FOLDER
        folder.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"smwg-{stamp}-{reason}.sqlite3"
        partial = target.with_suffix(".partial")
        if not self._copy_file(partial):
            copy = driver.connect(partial, self.key)
            try:
                self.conn.backup(copy)
            finally:
                copy.close()
        partial.replace(target)
        for old in sorted(folder.glob("smwg-*.sqlite3"))[:-BACKUPS_KEPT]:
            old.unlink()
        return target

    def _copy_file(self, target: Path) -> bool:
        """Copy the database file as it is, when that is a whole, consistent copy.

        It is once every page of the write-ahead log has been written back into the
        file, which needs no transaction open here and no reader holding an older
        snapshot; writers are locked out already. The operating system then copies
        the file (about four times faster than SQLite's backup API, page by page).
        False when the log could not be written back at once (a reader is in the
        way; the checkpoint does not wait): the caller uses the backup API.
        """
        if self.conn.in_transaction or not self.writable:
            return False
        busy, log, written = self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        if busy or log != written:
            return False
        shutil.copyfile(self.path, target)
        return True

    def change_key(self, passphrase: str) -> list[Path]:
        """Encrypt this directory with a (new) passphrase; returns the backups rewritten.

        Crash-safe at every step: the database is copied under the new key beside
        the old file, the backups likewise, the new key parameters are written as
        pending, and only then is the copy renamed over the old file. Until that
        rename the old file, and the old key, still open the directory.
        """
        if not self.writable:
            raise RefusedError(_("the data directory is open read-only"))
        from smwg_desktop.sync.crypto import KdfParams, check_passphrase_strength, derive_key

        check_passphrase_strength(passphrase)
        params = KdfParams.fresh()
        key = derive_key(passphrase, params)
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        fresh = self.path.with_name(DATABASE_NAME + ".rekeying")
        fresh.unlink(missing_ok=True)
        driver.export_to(self.conn, fresh, key)
        _fsync(fresh)
        rewritten = [self._rekey_backup(backup, key) for backup in self.backups()]
        keys = self._key_file() if self.encrypted else {}
        self._write_key_file({**({"current": keys["current"]} if "current" in keys else {}),
                              "pending": _params_to_json(params)})
        self.conn.close()
        os.replace(fresh, self.path)
        _fsync(self.data_dir)
        for leftover in ("-wal", "-shm"):
            self.path.with_name(DATABASE_NAME + leftover).unlink(missing_ok=True)
        self._write_key_file({"current": _params_to_json(params)})
        self.key = key
        self.conn = self._connect()
        return rewritten

    def _rekey_backup(self, backup: Path, key: bytes) -> Path:
        old_key = None if driver.is_plain(backup) else self.key
        source = driver.connect(backup, old_key)
        fresh = backup.with_suffix(".rekeying")
        fresh.unlink(missing_ok=True)
        try:
            driver.export_to(source, fresh, key)
        finally:
            source.close()
        _fsync(fresh)
        os.replace(fresh, backup)
        return backup

    def _write_key_file(self, content: dict[str, object]) -> None:
        target = self.data_dir / KEY_FILE_NAME
        partial = target.with_suffix(".partial")
        partial.write_text(json.dumps(content, indent=2, sort_keys=True), encoding="utf-8")
        _fsync(partial)
        os.replace(partial, target)

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

    def delete_meta(self, key: str) -> None:
        self.conn.execute("DELETE FROM meta WHERE key = ?", (key,))

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


def _params_to_json(params: KdfParams) -> dict[str, object]:
    return {"kdf": "argon2id13", "salt": params.salt.hex(), "ops": params.opslimit, "mem": params.memlimit}


def _params_from_json(data: dict[str, object]) -> KdfParams:
    from smwg_desktop.sync.crypto import KdfParams

    try:
        return KdfParams(bytes.fromhex(str(data["salt"])), int(str(data["ops"])), int(str(data["mem"])))
    except (KeyError, ValueError):
        raise StorageError(_("{key_file} is damaged").format(key_file=KEY_FILE_NAME)) from None


def _fsync(path: Path) -> None:
    """Flush a file (or a folder's entries) to disk before relying on it after a crash."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
