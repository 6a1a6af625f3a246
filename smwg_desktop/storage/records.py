"""The record tables: rows materialised from the change log, and queries over them."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from smwg_desktop.core.model import Record

R = TypeVar("R", bound=Record)


def to_row(record: Record) -> dict[str, Any]:
    types = record.field_types()
    row = {"id": record.id}
    row.update({name: kind.to_column(getattr(record, name)) for name, kind in types.items()})
    row.update(record.derived_columns())
    return row


def from_row(cls: type[R], row: Mapping[str, Any]) -> R:
    types = cls.field_types()
    return cls(id=row["id"], **{name: kind.from_column(row[name]) for name, kind in types.items()})


def _quote(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unexpected identifier {name!r}")
    return f'"{name}"'


def upsert(conn: sqlite3.Connection, record: Record) -> None:
    row = to_row(record)
    columns = ", ".join(_quote(c) for c in row)
    marks = ", ".join("?" for _ in row)
    updates = ", ".join(f"{_quote(c)} = excluded.{_quote(c)}" for c in row if c != "id")
    conn.execute(
        f"INSERT INTO {_quote(record.kind)} ({columns}) VALUES ({marks}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}",
        list(row.values()),
    )


def upsert_many(conn: sqlite3.Connection, kind: str, many: list[Record]) -> None:
    """Insert or update rows of one kind in one statement run many times."""
    if not many:
        return
    rows = [to_row(record) for record in many]
    columns = list(rows[0])
    names = ", ".join(_quote(c) for c in columns)
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f"{_quote(c)} = excluded.{_quote(c)}" for c in columns if c != "id")
    conn.executemany(
        f"INSERT INTO {_quote(kind)} ({names}) VALUES ({marks}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}",
        [[row[c] for c in columns] for row in rows],
    )


def remove_many(conn: sqlite3.Connection, kind: str, record_ids: list[str]) -> None:
    conn.executemany(f"DELETE FROM {_quote(kind)} WHERE id = ?", [(i,) for i in record_ids])


def remove(conn: sqlite3.Connection, kind: str, record_id: str) -> None:
    conn.execute(f"DELETE FROM {_quote(kind)} WHERE id = ?", (record_id,))


def _rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def exists(conn: sqlite3.Connection, kind: str, record_id: str) -> bool:
    row = conn.execute(f"SELECT 1 FROM {_quote(kind)} WHERE id = ?", (record_id,)).fetchone()
    return row is not None


def fetch(conn: sqlite3.Connection, cls: type[R], record_id: str) -> R | None:
    rows = _rows(conn.execute(f"SELECT * FROM {_quote(cls.kind)} WHERE id = ?", (record_id,)))
    return from_row(cls, rows[0]) if rows else None


def fetch_where(
    conn: sqlite3.Connection,
    cls: type[R],
    where: Mapping[str, Any] | None = None,
    order_by: Sequence[str] = ("id",),
    limit: int | None = None,
    offset: int = 0,
) -> list[R]:
    """Records whose columns equal the values given (a list or tuple value means IN)."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (where or {}).items():
        if isinstance(value, (list, tuple, set)):
            values = list(value)
            clauses.append(f"{_quote(column)} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
        else:
            clauses.append(f"{_quote(column)} = ?")
            params.append(value)
    sql = f"SELECT * FROM {_quote(cls.kind)}"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY " + ", ".join(_quote(c) for c in order_by)
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params.extend([limit, offset])
    return [from_row(cls, row) for row in _rows(conn.execute(sql, params))]


def count(conn: sqlite3.Connection, kind: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {_quote(kind)}").fetchone()[0])


def ids_starting_with(conn: sqlite3.Connection, kind: str, prefix: str) -> list[str]:
    """Ids that begin with ``prefix`` (at most two, enough to tell unique from ambiguous)."""
    upper = prefix + "\uffff"
    rows = conn.execute(
        f"SELECT id FROM {_quote(kind)} WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
        (prefix, upper),
    )
    return [row[0] for row in rows]


def table_columns(conn: sqlite3.Connection, kind: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({_quote(kind)})")]

