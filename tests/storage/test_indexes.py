"""The queries that must stay fast at 100,000 people use an index, as EXPLAIN QUERY PLAN shows."""

from __future__ import annotations

import sqlite3
from datetime import date

from smwg_desktop.core.browse import BrowseFilter
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation, Person
from smwg_desktop.storage import browse


def plan(conn: sqlite3.Connection, sql: str, params: list[object] | tuple[object, ...] = ()) -> str:
    return "\n".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def traced(conn: sqlite3.Connection, call: object) -> list[str]:
    """The SQL statements ``call`` runs."""
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        call()  # type: ignore[operator]
    finally:
        conn.set_trace_callback(None)
    return statements


def test_countries_in_use_are_read_from_the_index_without_scanning(directory: Directory) -> None:
    for name, country in [("Ana", "CL"), ("Bea", "BR"), ("Ciro", "CL"), ("Nadie", "")]:
        directory.create(Person, {"name": name, "country": country})
    directory.create(Organisation, {"name": "Kenya Peasants League", "country": "KE"})

    assert directory.countries_in_use(Person) == ["BR", "CL"]
    assert directory.countries_in_use(Organisation) == ["KE"]
    for kind in ("person", "organisation"):
        (sql,) = traced(directory.conn, lambda k=kind: browse.countries(directory.conn, k))
        steps = plan(directory.conn, sql)
        assert "SCAN " + kind not in steps
        assert f"SEARCH {kind} USING COVERING INDEX" in steps


def test_people_sorted_by_country_come_from_the_index_not_a_sort(directory: Directory) -> None:
    for name, country in [("Ana", "CL"), ("Bea", "BR"), ("Ciro", "CL")]:
        directory.create(Person, {"name": name, "country": country})
    first = directory.browse(Person, order="country", limit=2, today=date(2026, 6, 1))

    assert [p.name for p in first.records] == ["Bea", "Ana"]
    statements = traced(
        directory.conn,
        lambda: directory.browse(Person, BrowseFilter(), order="country", after=first.cursor, limit=2),
    )
    page_sql = next(s for s in statements if s.startswith("SELECT * FROM"))
    steps = plan(directory.conn, page_sql)
    assert "idx_person_country_sort_key" in steps
    assert "USE TEMP B-TREE FOR ORDER BY" not in steps
