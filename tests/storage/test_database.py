"""The data directory: WAL, foreign keys, the writer's lock, migrations and backups."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
import sqlite_utils

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import StorageError
from smwg_desktop.core.model import Organisation
from smwg_desktop.storage import database, driver
from smwg_desktop.storage.database import (
    BACKUPS_KEPT,
    DATABASE_NAME,
    SCHEMA_VERSION,
    Store,
    resolve_data_dir,
)
from smwg_desktop.storage.migrations import MIGRATIONS


def test_new_directory_has_wal_foreign_keys_and_the_current_schema(data_dir: Path) -> None:
    with Store(data_dir) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
    assert (data_dir / DATABASE_NAME).exists()


def test_data_dir_option_beats_the_variable_which_beats_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMWG_DATA_DIR", str(tmp_path / "from-env"))
    assert resolve_data_dir(tmp_path / "given") == tmp_path / "given"
    assert resolve_data_dir(None) == tmp_path / "from-env"
    monkeypatch.delenv("SMWG_DATA_DIR")
    assert resolve_data_dir(None) == database.default_data_dir()


def test_second_writer_in_the_same_process_is_refused(data_dir: Path) -> None:
    with Store(data_dir), pytest.raises(StorageError, match="in use"):
        Store(data_dir)


def test_second_writer_process_is_refused_while_readers_still_read(data_dir: Path) -> None:
    with Directory.open(data_dir) as first:
        first.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
        script = textwrap.dedent(
            f"""
            import sys
            from smwg_desktop.core.directory import Directory
            from smwg_desktop.core.errors import StorageError
            from smwg_desktop.core.model import Organisation
            with Directory.open({str(data_dir)!r}, write=False) as reader:
                print(len(reader.list(Organisation)))
            try:
                Directory.open({str(data_dir)!r})
            except StorageError as refused:
                print("refused:", refused)
            """
        )
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "1"
    assert lines[1].startswith("refused:") and "in use" in lines[1]


def test_lock_is_released_on_close(data_dir: Path) -> None:
    Store(data_dir).close()
    Store(data_dir).close()


def test_newer_schema_is_refused_and_left_untouched(data_dir: Path) -> None:
    Store(data_dir).close()
    path = data_dir / DATABASE_NAME
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer version"):
        Store(data_dir)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / DATABASE_NAME).write_bytes(b"this is a shopping list, not a database\n" * 100)
    with pytest.raises(StorageError, match="not a readable"):
        Store(data_dir)


def _version_one_database(data_dir: Path) -> None:
    """A data directory as the first release wrote it, with one organisation."""
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    db = sqlite_utils.Database(conn)
    with db.atomic():
        MIGRATIONS[0](db)
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO change (device, hlc, entity, entity_id, field, value) VALUES "
            "('dev1', 1, 'organisation', 'org-1', 'name', '\"Asociación de Pescadores (muestra)\"'),"
            "('dev1', 2, 'organisation', 'org-1', 'country', '\"HN\"')"
        )
        conn.execute(
            "INSERT INTO organisation (id, sample, name, country, region, country_name, sort_key) "
            "VALUES ('org-1', 0, 'Asociación de Pescadores (muestra)', 'HN', "
            "'latin_america_caribbean', 'Honduras', 'asociacion de pescadores (muestra)')"
        )
        conn.execute("INSERT INTO seen (device, hlc) VALUES ('dev1', 2)")
    conn.close()


def test_old_schema_upgrades_with_its_data_after_a_backup(data_dir: Path) -> None:
    _version_one_database(data_dir)
    with Directory.open(data_dir) as directory:
        assert directory.store.schema_version() == SCHEMA_VERSION
        assert directory.get(Organisation, "org-1").name == "Asociación de Pescadores (muestra)"
        assert [hit.id for hit in directory.search("asociacion pesca")] == ["org-1"]
        backups = directory.store.backups()
    assert len(backups) == 1
    with closing(sqlite3.connect(backups[0])) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT name FROM organisation").fetchall() == [
            ("Asociación de Pescadores (muestra)",)
        ]


def test_a_failing_migration_leaves_the_old_schema_and_data(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _version_one_database(data_dir)

    def broken(db: sqlite_utils.Database) -> None:
        db.execute("CREATE TABLE half_done (x TEXT)")
        raise RuntimeError("power cut")

    monkeypatch.setattr(database, "MIGRATIONS", [MIGRATIONS[0], broken])
    monkeypatch.setattr(database, "SCHEMA_VERSION", 2)
    with pytest.raises(RuntimeError, match="power cut"):
        Store(data_dir)
    with closing(sqlite3.connect(data_dir / DATABASE_NAME)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "half_done" not in tables
        assert conn.execute("SELECT count(*) FROM organisation").fetchone()[0] == 1


def test_only_the_last_few_backups_are_kept(data_dir: Path) -> None:
    with Store(data_dir) as store:
        made = [store.backup(reason=f"test-{n}") for n in range(BACKUPS_KEPT + 3)]
        kept = store.backups()
    assert kept == made[-BACKUPS_KEPT:]
    for backup in kept:
        with closing(sqlite3.connect(backup)) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_record_tables_have_a_column_for_every_field(directory: Directory) -> None:
    from smwg_desktop.core.model import RECORD_TYPES
    from smwg_desktop.storage.records import table_columns

    for kind, cls in RECORD_TYPES.items():
        probe = cls(id="x")
        wanted = {"id", *cls.field_types(), *probe.derived_columns()}
        assert set(table_columns(directory.conn, kind)) == wanted, kind


def _refusing(*pragmas: str) -> Callable[..., int]:
    """An SQLite authorizer that refuses the named pragmas, as a failing disk would fail them."""

    def authorize(action: int, first: str | None, *_rest: object) -> int:
        refused = action == sqlite3.SQLITE_PRAGMA and (first or "").lower() in pragmas
        return sqlite3.SQLITE_DENY if refused else sqlite3.SQLITE_OK

    return authorize


def test_a_failed_filling_reports_its_own_error_even_when_restoring_fails(data_dir: Path) -> None:
    with Store(data_dir) as store:
        with pytest.raises(RuntimeError, match="the disk is full"), store.writing_whole():
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            store.conn.set_authorizer(_refusing("cache_size"))
            raise RuntimeError("the disk is full")
        store.conn.set_authorizer(None)
        # The restore that could be made was made.
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_restore_that_fails_after_a_sound_filling_is_reported(data_dir: Path) -> None:
    with Store(data_dir) as store:
        with pytest.raises(driver.DatabaseError, match="not authorized"), store.writing_whole():
            store.conn.set_authorizer(_refusing("cache_size"))
        store.conn.set_authorizer(None)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -database.FILLING_CACHE_KIB


def _sorter(store: Store) -> tuple[int, int]:
    return (
        store.conn.execute("PRAGMA temp_store").fetchone()[0],
        store.conn.execute("PRAGMA threads").fetchone()[0],
    )


def test_filling_a_plain_database_sorts_on_disk_with_helper_threads_and_then_not(data_dir: Path) -> None:
    with Store(data_dir) as store:
        assert _sorter(store) == (0, 0)
        with store.writing_whole(), store.transaction():
            assert _sorter(store) == (1, database.SORTER_THREADS)  # 1: a file
            # A sort too large for memory: the index it builds is rolled back with the rest.
            store.conn.execute("CREATE TABLE big (n)")
            store.conn.execute(
                "INSERT INTO big WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c "
                "WHERE n < 300000) SELECT n * 7919 % 300007 FROM c"
            )
            store.conn.execute("PRAGMA cache_size = -512")
            store.conn.execute("CREATE INDEX big_n ON big (n)")
        assert _sorter(store) == (0, 0)
        with pytest.raises(RuntimeError, match="the disk is full"), store.writing_whole():
            raise RuntimeError("the disk is full")
        assert _sorter(store) == (0, 0)


def test_filling_an_encrypted_database_keeps_its_sorter_in_memory(data_dir: Path) -> None:
    with Store(data_dir) as store:
        store.change_key("a passphrase for this test only")
        assert store.key is not None
        with store.writing_whole():
            assert _sorter(store) == (0, 0)  # 0: SQLCipher's default, memory
