"""Joining a network takes the bulk path; it leaves exactly what the ordinary path leaves.

Into an empty change log, ``ChangeLog.apply`` sets the secondary indexes and
the search index aside, builds them after the inserts and writes each batch's
new records from the changes in hand. Everything it leaves (change log, records, search index, conflicts,
erasures, the schema itself) must equal what the ordinary path leaves, and a
failure or a crash half-way must leave nothing.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from smwg_desktop.cli import main
from smwg_desktop.core.demo import load_demo
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation, Person
from smwg_desktop.storage import changelog
from smwg_desktop.storage.changelog import DELETED, ERASED, Change, encode
from smwg_desktop.storage.database import CACHE_KIB, FILLING_CACHE_KIB
from smwg_desktop.sync.bundle import read_bundle
from smwg_desktop.sync.network import (
    export_bundle,
    init_network,
    join_network,
    network_key,
)

PASSPHRASE = "rivers remember their beds"
LOG_TABLES = ("change", "superseded", "seen", "conflict", "erased")


def schema(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    return conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name"
    ).fetchall()


def search_entries(conn: sqlite3.Connection, kind: str) -> list[tuple[Any, ...]]:
    """Every (term, record id, column, position) of the search index."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{kind}_terms USING fts5vocab(main, {kind}_fts, 'instance')"
    )
    return sorted(
        conn.execute(
            f"SELECT t.term, r.id, t.col, t.offset FROM temp.{kind}_terms t JOIN {kind} r ON r.rowid = t.doc"
        )
    )


def state(directory: Directory) -> dict[str, Any]:
    """All that an import writes: the log's tables, every record table with its
    derived columns, the search index, the schema and the canonical export."""
    conn = directory.conn
    found: dict[str, Any] = {"schema": schema(conn), "export": encode(directory.export_canonical())}
    for table in LOG_TABLES:
        found[table] = sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
    for kind in changelog.RECORD_TYPES:
        found[kind] = conn.execute(f"SELECT * FROM {kind} ORDER BY id").fetchall()
    for kind in ("organisation", "person"):
        found[f"{kind} search"] = search_entries(conn, kind)
    return found


def apply_all(directory: Directory, changes: list[Change], *, bulk: bool) -> None:
    with directory.store.transaction():
        directory.log.apply(changes, bulk=bulk)


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Directory]:
    """A device whose log holds edits, deletes, a restore, a conflict and an erasure."""
    first = Directory.open(tmp_path / "first")
    other = Directory.open(tmp_path / "other")
    load_demo(first, organisations=30, people=120, seed=7)
    people = first.list(Person, limit=6)
    first.update(Person, people[0].id, {"notes": "edited once", "languages": "es, qu"})
    first.update(Person, people[0].id, {"notes": "edited twice"})
    first.delete(Person, people[1].id)
    first.delete(Person, people[2].id)
    first.restore([("person", people[2].id)])
    first.erase(Person, people[3].id)
    # A concurrent edit from another device: a conflict on one field.
    with other.store.transaction():
        other.log.apply(list(first.log.changes_since({})))
    first.update(Person, people[4].id, {"notes": "here"})
    other.update(Person, people[4].id, {"notes": "there"})
    org = other.create(Organisation, {"name": "Red del Sur", "country": "CL"})
    other.update(Organisation, org.id, {"acronym": "RDS"})
    with first.store.transaction():
        first.log.apply(list(other.log.changes_since({})))
    other.close()
    yield first
    first.close()


def bulk_as_ordinary(changes: list[Change], tmp_path: Path) -> Directory:
    """The directory the bulk path fills, after checking that it holds what the
    ordinary path leaves: the same records, log and index."""
    bulk = Directory.open(tmp_path / "bulk")
    ordinary = Directory.open(tmp_path / "ordinary")
    apply_all(bulk, changes, bulk=True)
    apply_all(ordinary, changes, bulk=False)
    assert state(bulk) == state(ordinary)
    return bulk


def test_bulk_and_ordinary_paths_leave_the_same_state(source: Directory, tmp_path: Path) -> None:
    changes = list(source.log.changes_since({}))
    bulk = bulk_as_ordinary(changes, tmp_path)
    assert state(bulk)["conflict"] and state(bulk)["erased"]
    assert state(bulk)["export"] == encode(source.export_canonical())


def test_a_joined_device_exports_the_same_bytes_as_one_that_merged_in_batches(
    source: Directory, tmp_path: Path
) -> None:
    init_network(source, "SMWG (test)", PASSPHRASE)
    key = network_key(source, PASSPHRASE)
    bundle = tmp_path / "full.smwgbundle"
    export_bundle(source, bundle, key, full=True)
    joined = Directory.open(tmp_path / "joined")
    join_network(joined, bundle, PASSPHRASE)
    merged = Directory.open(tmp_path / "merged")
    changes = [item for item in read_bundle(bundle, key) if isinstance(item, Change)]
    apply_all(merged, changes, bulk=False)
    joined.close()
    merged.close()
    runner = CliRunner()
    outputs = []
    for folder in ("joined", "merged"):
        result = runner.invoke(
            main, ["--data-dir", str(tmp_path / folder), "export", "json", "-", "--include-at-risk"],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout_bytes)
    assert outputs[0] == outputs[1]
    assert b"edited twice" in outputs[0]


def test_the_join_leaves_every_index_and_trigger_of_a_new_directory(source: Directory, tmp_path: Path) -> None:
    fresh = Directory.open(tmp_path / "fresh")
    init_network(source, "SMWG (test)", PASSPHRASE)
    key = network_key(source, PASSPHRASE)
    bundle = tmp_path / "full.smwgbundle"
    export_bundle(source, bundle, key, full=True)
    joined = Directory.open(tmp_path / "joined")
    join_network(joined, bundle, PASSPHRASE)
    assert schema(joined.conn) == schema(fresh.conn)
    names = {row[1] for row in schema(joined.conn)}
    assert {"change_entity", "idx_person_sort_key", "idx_person_country_sort_key"} <= names
    plan = joined.conn.execute(
        "EXPLAIN QUERY PLAN SELECT 1 FROM change WHERE entity = 'person' AND entity_id = 'x'"
    ).fetchall()
    assert "change_entity" in str(plan)


def test_a_join_sets_the_indexes_aside_and_builds_them_after(tmp_path: Path) -> None:
    first = Directory.open(tmp_path / "first")
    load_demo(first, organisations=5, people=20, seed=3)
    changes = list(first.log.changes_since({}))
    target = Directory.open(tmp_path / "target")
    before = schema(target.conn)
    seen: list[tuple[int, str]] = []

    def watch(action: int, arg1: str | None, *_: object) -> int:
        if action in (sqlite3.SQLITE_DROP_INDEX, sqlite3.SQLITE_CREATE_INDEX):
            seen.append((action, arg1 or ""))
        return sqlite3.SQLITE_OK

    target.conn.set_authorizer(watch)
    apply_all(target, changes, bulk=True)
    target.conn.set_authorizer(None)
    dropped = {name for action, name in seen if action == sqlite3.SQLITE_DROP_INDEX}
    created = {name for action, name in seen if action == sqlite3.SQLITE_CREATE_INDEX}
    assert {"change_entity", "idx_person_sort_key", "idx_affiliation_person_id"} <= dropped
    assert created == dropped
    assert schema(target.conn) == before


def test_a_second_import_takes_the_ordinary_path(source: Directory, tmp_path: Path) -> None:
    """Once the log holds changes, nothing is set aside: the indexes stay in use."""
    changes = list(source.log.changes_since({}))
    target = Directory.open(tmp_path / "target")
    apply_all(target, changes[: len(changes) // 2], bulk=True)
    dropped: list[str] = []
    target.conn.set_authorizer(
        lambda action, arg1, *_: dropped.append(arg1) or sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_DROP_INDEX
        else sqlite3.SQLITE_OK
    )
    apply_all(target, changes, bulk=True)
    target.conn.set_authorizer(None)
    assert dropped == []
    ordinary = Directory.open(tmp_path / "ordinary")
    apply_all(ordinary, changes, bulk=False)
    assert state(target) == state(ordinary)


def test_a_failure_half_way_through_a_join_changes_nothing(
    source: Directory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_network(source, "SMWG (test)", PASSPHRASE)
    key = network_key(source, PASSPHRASE)
    bundle = tmp_path / "full.smwgbundle"
    export_bundle(source, bundle, key, full=True)
    target = Directory.open(tmp_path / "target")
    before = state(target)

    def fail(self: changelog.ChangeLog, *_: object) -> None:
        # The changes are in, the search index and the record indexes not yet.
        assert self.conn.execute("SELECT count(*) FROM change").fetchone()[0] > 0
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(changelog.ChangeLog, "_finish_bulk", fail)
    with pytest.raises(RuntimeError, match="disk unplugged"):
        join_network(target, bundle, PASSPHRASE)
    assert state(target) == before
    monkeypatch.undo()
    join_network(target, bundle, PASSPHRASE)
    assert state(target)["export"] == encode(source.export_canonical())


def test_a_crash_half_way_through_a_join_leaves_the_directory_as_it_was(
    source: Directory, tmp_path: Path
) -> None:
    """The process dies (no rollback, no close) after the inserts, with the indexes set aside."""
    init_network(source, "SMWG (test)", PASSPHRASE)
    key = network_key(source, PASSPHRASE)
    bundle = tmp_path / "full.smwgbundle"
    export_bundle(source, bundle, key, full=True)
    target = tmp_path / "target"
    Directory.open(target).close()
    with Directory.open(target) as directory:
        before = state(directory)
    script = textwrap.dedent(
        f"""
        import os
        from smwg_desktop.core.directory import Directory
        from smwg_desktop.storage import changelog
        from smwg_desktop.sync.network import join_network

        def crash(self, *args):
            os._exit(3)

        changelog.ChangeLog._finish_bulk = crash
        join_network(Directory.open({str(target)!r}), {str(bundle)!r}, {PASSPHRASE!r})
        """
    )
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = subprocess.run([sys.executable, "-c", script], env=env, check=False)
    assert done.returncode == 3
    with Directory.open(target) as directory:
        assert state(directory) == before
        # The network itself was remembered before the import began: joining again works.
        join_network(directory, bundle, PASSPHRASE)
        assert state(directory)["export"] == encode(source.export_canonical())


def test_an_encrypted_directory_joins_to_the_same_state_as_a_plain_one(source: Directory, tmp_path: Path) -> None:
    init_network(source, "SMWG (test)", PASSPHRASE)
    key = network_key(source, PASSPHRASE)
    bundle = tmp_path / "full.smwgbundle"
    export_bundle(source, bundle, key, full=True)
    plain = Directory.open(tmp_path / "plain")
    join_network(plain, bundle, PASSPHRASE)
    encrypted = Directory.open(tmp_path / "encrypted")
    encrypted.store.change_key("a long passphrase for this laptop")
    join_network(encrypted, bundle, PASSPHRASE)
    assert encrypted.store.encrypted
    assert state(encrypted) == state(plain)
    encrypted.close()
    with Directory.open(tmp_path / "encrypted", passphrase="a long passphrase for this laptop") as reopened:
        assert state(reopened) == state(plain)


def test_after_a_failed_join_the_device_still_erases_and_imports(
    source: Directory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing of the failed bulk apply lingers in the log object that later writes rely on."""
    # Without the erasure, whose purge would bring the indexes back early.
    changes = [c for c in source.log.changes_since({}) if c.field != changelog.ERASED]
    target = Directory.open(tmp_path / "target")

    def fail(self: changelog.ChangeLog, *_: object) -> None:
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(changelog.ChangeLog, "_finish_bulk", fail)
    with pytest.raises(RuntimeError):
        apply_all(target, changes, bulk=True)
    monkeypatch.undo()
    person = target.create(Person, {"name": "Ana Quispe", "country": "PE"})
    target.erase(Person, person.id)
    apply_all(target, changes, bulk=True)
    assert target.find(Person, person.id) is None
    assert schema(target.conn) == schema(Directory.open(tmp_path / "fresh").conn)


DEVICE = "a" * 32
ANA, BO = "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param(
            [
                Change(DEVICE, 1, "person", ANA, "name", encode("Ana")),
                Change(DEVICE, 2, "person", BO, "name", encode("Bo")),
                Change(DEVICE, 3, "person", ANA, "country", encode("PE")),
            ],
            id="a record whose changes straddle two batches",
        ),
        pytest.param(
            [
                Change(DEVICE, 1, "person", ANA, "name", encode("Ana")),
                Change(DEVICE, 2, "person", ANA, "country", encode("BO")),
                Change(DEVICE, 3, "person", BO, "name", encode("Bo"), ((1, DEVICE),)),
                Change(DEVICE, 4, "person", BO, "country", encode("PE")),
            ],
            id="a later batch superseding a change of a record already written",
        ),
        pytest.param(
            [
                Change(DEVICE, 1, "organisation", ANA, "name", encode("")),
                Change(DEVICE, 1, "organisation", ANA, DELETED, None),
                Change(DEVICE, 1, "organisation", ANA, DELETED, None, ((1, DEVICE),)),
                Change(DEVICE, 2, "organisation", BO, ERASED, None, ((1, DEVICE),)),
            ],
            id="an erasure superseding a change of a record already written (found by hypothesis)",
        ),
    ],
)
def test_records_spread_over_batches_end_as_the_ordinary_path_leaves_them(
    changes: list[Change], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(changelog, "APPLY_BATCH", 2)
    bulk_as_ordinary(changes, tmp_path)


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param(
            [
                Change(DEVICE, 1, "person", ANA, "name", encode("Ana")),
                Change(DEVICE, 2, "person", BO, "name", encode("Bo")),
                Change(DEVICE, 3, "person", ANA, "country", encode("PE")),
                Change(DEVICE, 4, "person", BO, "country", encode("BO")),
            ],
            id="two records whose changes alternate within one batch",
        ),
        pytest.param(
            [
                Change(DEVICE, 1, "person", ANA, "name", encode("Ana")),
                Change(DEVICE, 2, "person", ANA, "name", encode("Ana María")),
                Change("b" * 32, 2, "person", ANA, "country", encode("PE")),
                Change(DEVICE, 3, "person", ANA, "country", encode("BO")),
            ],
            id="two live versions of a field in one batch: a conflict",
        ),
        pytest.param(
            [
                Change(DEVICE, 1, "person", ANA, "name", encode("Ana")),
                Change(DEVICE, 2, "person", ANA, "notes", None),
                Change(DEVICE, 3, "person", BO, "name", encode("Bo")),
                Change(DEVICE, 4, "person", BO, DELETED, encode({"deleted": True, "seen": [[3, DEVICE]]})),
            ],
            id="a withdrawn value and a tombstone within one batch",
        ),
    ],
)
def test_records_within_one_batch_end_as_the_ordinary_path_leaves_them(
    changes: list[Change], tmp_path: Path
) -> None:
    """A batch's records are written from the changes in hand, a run of changes per record
    when they come so, gathered when they do not, decided in full when a field has
    more than one live version, a value was withdrawn or a tombstone came."""
    bulk_as_ordinary(changes, tmp_path)


def journal_mode(conn: sqlite3.Connection) -> str:
    return str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()


def cache_kib(conn: sqlite3.Connection) -> int:
    return -int(conn.execute("PRAGMA cache_size").fetchone()[0])


def test_a_join_writes_through_the_rollback_journal_then_returns_to_write_ahead(
    source: Directory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """And with a small page cache, which the index builds' sorter takes as its limit too."""
    init_network(source, "SMWG (test)", PASSPHRASE)
    key = network_key(source, PASSPHRASE)
    bundle = tmp_path / "full.smwgbundle"
    export_bundle(source, bundle, key, full=True)
    modes: list[str] = []
    caches: list[int] = []
    finish = changelog.ChangeLog._finish_bulk

    def watch(self: changelog.ChangeLog, *args: Any) -> None:
        modes.append(journal_mode(self.conn))
        caches.append(cache_kib(self.conn))
        finish(self, *args)

    monkeypatch.setattr(changelog.ChangeLog, "_finish_bulk", watch)
    joined = Directory.open(tmp_path / "joined")
    assert cache_kib(joined.conn) == CACHE_KIB
    join_network(joined, bundle, PASSPHRASE)
    assert modes == ["delete"]
    assert caches == [FILLING_CACHE_KIB] and FILLING_CACHE_KIB < CACHE_KIB
    assert journal_mode(joined.conn) == "wal"
    assert cache_kib(joined.conn) == CACHE_KIB
    # With another connection open the mode cannot change: the join keeps write-ahead mode.
    modes.clear()
    shared = Directory.open(tmp_path / "shared")
    reader = shared.companion()
    join_network(shared, bundle, PASSPHRASE)
    assert modes == ["wal"]
    assert state(shared) == state(joined)
    reader.close()
