"""Many records arriving at once keep the search index exactly as FTS5 itself would build it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation, Person
from smwg_desktop.storage import records
from smwg_desktop.storage.records import SEARCH_BULK_ROWS
from smwg_desktop.sync.network import (
    export_bundle,
    import_bundle,
    init_network,
    join_network,
    network_key,
)

PASSPHRASE = "rivers remember their beds"
MANY = SEARCH_BULK_ROWS + 50


def index_entries(conn: sqlite3.Connection, kind: str) -> list[tuple[str, int, str, int]]:
    """Every (term, row, column, position) the search index holds for ``kind``."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{kind}_terms USING fts5vocab(main, {kind}_fts, 'instance')"
    )
    return sorted(conn.execute(f"SELECT term, doc, col, offset FROM temp.{kind}_terms"))


def rebuilt_entries(conn: sqlite3.Connection, kind: str) -> list[tuple[str, int, str, int]]:
    """The entries FTS5 makes when it rebuilds the index from the table (then undone)."""
    conn.execute("SAVEPOINT rebuild")
    conn.execute(f"INSERT INTO {kind}_fts ({kind}_fts) VALUES ('rebuild')")
    entries = index_entries(conn, kind)
    conn.execute("ROLLBACK TO rebuild")
    conn.execute("RELEASE rebuild")
    return entries


def triggers(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    return set(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[list[Directory]]:
    """A first device with many people and organisations, and a second one joined to it."""
    first = Directory.open(tmp_path / "first")
    with first.store.transaction():
        for n in range(MANY):
            first.create(Person, {"name": f"Rosa Mamani {n}", "country": "BO", "notes": f"río {n}"})
            if n % 2:
                first.create(Organisation, {"name": f"Red Andina {n}", "acronym": f"RA{n}", "country": "PE"})
    init_network(first, "SMWG (test)", PASSPHRASE)
    second = Directory.open(tmp_path / "second")
    before = triggers(second.conn)
    export_bundle(first, tmp_path / "full.smwgbundle", network_key(first, PASSPHRASE), full=True)
    statements: list[str] = []
    second.conn.set_trace_callback(statements.append)
    join_network(second, tmp_path / "full.smwgbundle", PASSPHRASE)
    second.conn.set_trace_callback(None)
    assert any(s.startswith("DROP TRIGGER") for s in statements), "the index was not kept in bulk"
    assert triggers(second.conn) == before
    yield [first, second]
    first.close()
    second.close()


def test_a_joined_network_is_indexed_as_a_rebuild_would_index_it(devices: list[Directory]) -> None:
    _, second = devices
    for kind in ("person", "organisation"):
        assert index_entries(second.conn, kind) == rebuilt_entries(second.conn, kind)
    assert [h.name for h in second.search(f"mamani {MANY - 1}")] == [f"Rosa Mamani {MANY - 1}"]
    assert len(second.search("rio", kinds=("person",), limit=1000)) == MANY


def test_many_edits_and_deletes_at_once_leave_no_old_words(devices: list[Directory], tmp_path: Path) -> None:
    first, second = devices
    key = network_key(first, PASSPHRASE)
    base = first.log.seen()
    people = first.list(Person)
    with first.store.transaction():
        for person in people[: MANY // 2]:
            first.update(Person, person.id, {"name": person.name.replace("Rosa", "Juana")})
        for person in people[MANY // 2 :]:
            first.delete(Person, person.id)
    export_bundle(first, tmp_path / "edits.smwgbundle", key, base=base)

    import_bundle(second, tmp_path / "edits.smwgbundle", key)

    assert index_entries(second.conn, "person") == rebuilt_entries(second.conn, "person")
    assert second.search("rosa", kinds=("person",)) == []
    assert len(second.search("juana", kinds=("person",), limit=1000)) == MANY // 2


def test_an_error_while_writing_in_bulk_is_undone_with_its_transaction(devices: list[Directory]) -> None:
    _, second = devices
    before = triggers(second.conn)
    ids = [p.id for p in second.list(Person)]
    with (
        pytest.raises(RuntimeError, match="disk full"),
        second.store.transaction(),
        records.search_index_in_bulk(second.conn, "person", ids),
    ):
        records.remove_many(second.conn, "person", ids)
        raise RuntimeError("disk full")

    assert triggers(second.conn) == before
    assert index_entries(second.conn, "person") == rebuilt_entries(second.conn, "person")
    assert len(second.search("rio", kinds=("person",), limit=1000)) == MANY
