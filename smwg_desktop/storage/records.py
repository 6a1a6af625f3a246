"""The record tables: rows materialised from the change log, and queries over them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from smwg_desktop.core.fields import FieldType
from smwg_desktop.core.model import Record

if TYPE_CHECKING:
    import sqlite3

R = TypeVar("R", bound=Record)

SEARCH_BULK_ROWS = 200
"""From this many records on, ``search_index_in_bulk`` keeps the search index itself."""
_CHUNK = 500


_WRITERS: dict[type[Record], tuple[tuple[str, Callable[[Any], Any] | None], ...]] = {}


def _writers(cls: type[Record]) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    """Each field, and how its value becomes a column (None: as it is).

    Most fields are kept as they are; skipping the call for them matters when a
    whole network's records are written at once.
    """
    if cls not in _WRITERS:
        _WRITERS[cls] = tuple(
            (name, None if type(kind).to_column is FieldType.to_column else kind.to_column)
            for name, kind in cls.field_types().items()
        )
    return _WRITERS[cls]


def to_row(record: Record) -> dict[str, Any]:
    row = {"id": record.id}
    for name, write in _writers(type(record)):
        value = getattr(record, name)
        row[name] = value if write is None else write(value)
    row.update(record.derived_columns())
    return row


_READERS: dict[type[Record], tuple[tuple[str, Callable[[Any], Any] | None, Any], ...]] = {}


def _readers(cls: type[Record]) -> tuple[tuple[str, Callable[[Any], Any] | None, Any], ...]:
    """Each field, how its column becomes its value (None: as it is, or the empty value)."""
    if cls not in _READERS:
        _READERS[cls] = tuple(
            (name, None, kind.empty()) if type(kind).from_column is FieldType.from_column
            else (name, kind.from_column, None)
            for name, kind in cls.field_types().items()
        )
    return _READERS[cls]


def from_row(cls: type[R], row: Mapping[str, Any]) -> R:
    values: dict[str, Any] = {}
    for name, read, empty in _readers(cls):
        data = row[name]
        if read is not None:
            values[name] = read(data)
        else:
            values[name] = empty if data is None else data
    return cls(id=row["id"], **values)


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
    upsert_rows(conn, kind, [to_row(record) for record in many])


def upsert_rows(conn: sqlite3.Connection, kind: str, rows: list[dict[str, Any]]) -> None:
    """``upsert_many`` for rows already made (``to_row`` or ``RecordRows``)."""
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(_quote(c) for c in columns)
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f"{_quote(c)} = excluded.{_quote(c)}" for c in columns if c != "id")
    # Every row of a kind has the same columns in the same order (``to_row``).
    conn.executemany(
        f"INSERT INTO {_quote(kind)} ({names}) VALUES ({marks}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}",
        [list(row.values()) for row in rows],
    )


MEMO_TEXTS = 4096
"""Distinct texts ``RecordRows`` remembers per field; a field with more is no longer remembered."""


class RecordRows:
    """Records of one kind and their rows, made from each field's JSON text.

    ``build(id, texts)`` gives what ``cls.from_json(id, {name: decode(text)})``
    and ``to_row`` of it give; ``row(id, texts)`` gives that row alone. Across a
    network the same few texts fill many fields (flags, consent, languages,
    countries), so each distinct text of such a field is read into its value and
    its column once; the values are immutable, so records can share them. A field
    whose texts keep differing (names, e-mails) stops being remembered once
    ``MEMO_TEXTS`` are. Keep one for a batch of work, not longer: it holds the
    texts it saw.
    """

    def __init__(self, cls: type[R], decode: Callable[[str], Any]) -> None:
        self.cls = cls
        self.decode = decode
        self.types = cls.field_types()
        self.writers = dict(_writers(cls))
        blank = cls(id="")
        self.default_columns = {
            name: value if write is None else write(value)
            for name, write in _writers(cls)
            for value in (getattr(blank, name),)
        }
        self.memo: dict[str, dict[str, tuple[Any, Any]]] = {name: {} for name in self.types}
        self.as_read = frozenset(
            name for name, kind in self.types.items()
            if type(kind).from_json is FieldType.from_json and self.writers[name] is None
        )
        """Fields whose value and column are the text's JSON value as it is (free text)."""
        self.blank = dict(vars(blank)) if _made_by_setting(cls) else None
        """A record's fields in order with their defaults, when a record can be made by
        setting them (as ``_records`` makes one); None when ``cls`` must make it."""
        self.derives = cls.derived_columns is not Record.derived_columns
        """Whether a row needs its record (for ``derived_columns``)."""

    def _read(self, name: str, text: str) -> tuple[Any, Any]:
        """The field's value and column for one text."""
        value = self.types[name].from_json(self.decode(text))
        write = self.writers[name]
        return value, value if write is None else write(value)

    def _values_and_row(self, record_id: str, texts: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
        values: dict[str, Any] = {}
        # The row itself, in to_row's order: its id, each field's column, the derived columns.
        row = {"id": record_id, **self.default_columns}
        memos, as_read = self.memo, self.as_read
        for name, text in texts.items():
            memo = memos.get(name)
            if memo is not None:
                found = memo.get(text)
                if found is None:
                    found = memo[text] = self._read(name, text)
                    if len(memo) >= MEMO_TEXTS:
                        del memos[name]
            elif name in as_read:
                values[name] = row[name] = self.decode(text)
                continue
            elif name in self.types:
                found = self._read(name, text)
            else:
                self.decode(text)  # not a field of this kind: read (it may fail) and ignored
                continue
            values[name], row[name] = found
        return values, row

    def _record(self, record_id: str, values: dict[str, Any]) -> Record:
        if self.blank is None:
            return self.cls(id=record_id, **values)
        record = object.__new__(self.cls)
        record.__dict__.update(self.blank, id=record_id, **values)
        return record

    def build(self, record_id: str, texts: Mapping[str, str]) -> tuple[Record, dict[str, Any]]:
        values, row = self._values_and_row(record_id, texts)
        record = self._record(record_id, values)
        row.update(record.derived_columns())
        return record, row

    def row(self, record_id: str, texts: Mapping[str, str]) -> dict[str, Any]:
        """``build(record_id, texts)[1]``, without making a record that nothing needs."""
        values, row = self._values_and_row(record_id, texts)
        if self.derives or self.blank is None:
            row.update(self._record(record_id, values).derived_columns())
        return row


def remove_many(conn: sqlite3.Connection, kind: str, record_ids: list[str]) -> None:
    conn.executemany(f"DELETE FROM {_quote(kind)} WHERE id = ?", [(i,) for i in record_ids])


@contextmanager
def search_index_in_bulk(conn: sqlite3.Connection, kind: str, record_ids: list[str] | None) -> Iterator[None]:
    """Write many rows of ``kind`` inside the block; its search index follows in bulk.

    The full-text index (``{kind}_fts``) follows its table through triggers, one
    row at a time, and FTS5 flushes what it has buffered at each trigger's
    statement: writing 100,000 people took 6 s where the same index entries
    inserted in bulk take 0.4 s. So for many rows, inside a transaction, this
    takes the rows' entries out of the index, drops the triggers, lets the block
    write (or delete) those rows, puts their new entries in and creates the
    triggers again as they were. ``record_ids`` None stands for every row of the
    table, whatever their number: one statement each way, no list of ids.
    An error in the block leaves that to the
    transaction, which must then be rolled back, as every failed write is here.
    Below ``SEARCH_BULK_ROWS``, outside a transaction, or for a kind without an
    index, the triggers do the work as usual.
    """
    index = f"{kind}_fts"
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql LIKE ?",
        (kind, f"%{index}%"),
    ).fetchall()
    few = record_ids is not None and len(record_ids) < SEARCH_BULK_ROWS
    if few or not conn.in_transaction or not triggers:
        yield
        return
    columns = ", ".join(_quote(c) for c in table_columns(conn, index))
    table, fts = _quote(kind), _quote(index)

    def each_chunk(sql: str) -> None:
        if record_ids is None:
            conn.execute(sql.format(where=""))
            return
        for start in range(0, len(record_ids), _CHUNK):
            chunk = record_ids[start : start + _CHUNK]
            conn.execute(sql.format(where=f"WHERE id IN ({', '.join('?' * len(chunk))})"), chunk)

    each_chunk(
        f"INSERT INTO {fts} ({fts}, rowid, {columns}) "
        f"SELECT 'delete', rowid, {columns} FROM {table} {{where}}"
    )
    for name, _sql in triggers:
        conn.execute(f"DROP TRIGGER {_quote(name)}")
    yield
    each_chunk(f"INSERT INTO {fts} (rowid, {columns}) SELECT rowid, {columns} FROM {table} {{where}}")
    for _name, sql in triggers:
        conn.execute(sql)


def remove(conn: sqlite3.Connection, kind: str, record_id: str) -> None:
    conn.execute(f"DELETE FROM {_quote(kind)} WHERE id = ?", (record_id,))


_Plan = tuple[tuple[str, int, Callable[[Any], Any] | None, Any], ...]
_PLANS: dict[tuple[type[Record], tuple[str, ...]], tuple[int, _Plan, bool]] = {}


def _plan(cls: type[Record], columns: tuple[str, ...]) -> tuple[int, _Plan, bool]:
    """Where ``id`` is among ``columns``; each field, its column's place, how it is read
    (None: as it is, or the empty value) and its empty value; and whether a record may
    be made without calling ``__init__`` (see ``_records``)."""
    key = (cls, columns)
    if key not in _PLANS:
        place = {name: n for n, name in enumerate(columns)}
        plan = tuple((name, place[name], read, empty) for name, read, empty in _readers(cls))
        _PLANS[key] = (place["id"], plan, _made_by_setting(cls))
    return _PLANS[key]


def _made_by_setting(cls: type[Record]) -> bool:
    """Whether a record of ``cls`` may be made by setting its fields in its ``__dict__``
    (as ``copy`` and ``pickle`` make one): every field is a column passed to ``__init__``
    (none left to a default), and there is no ``__post_init__`` and no slots."""
    fields = dataclasses.fields(cls)
    return (
        all(f.init for f in fields)
        and {f.name for f in fields} == {"id", *cls.field_types()}
        and not hasattr(cls, "__post_init__")
        and not hasattr(cls, "__slots__")
    )


def _records(cls: type[R], cursor: sqlite3.Cursor) -> list[R]:
    """The records in the rows of ``cursor`` (the columns of ``cls``'s table), each equal
    to what ``from_row`` makes of its row.

    Reading a network's people is mostly turning rows into records. The same few
    column values fill many rows (flags, consent, languages, dates), so each distinct
    value of a field that needs reading (a JSON list, a date) is read once and shared,
    as ``RecordRows`` shares them: the values are immutable. A field whose values keep
    differing (e-mails, phones) stops being remembered once ``MEMO_TEXTS`` are. A
    record is made as ``copy`` and ``pickle`` make one, its fields set without the
    dataclass's ``__init__`` (which sets each through ``object.__setattr__``), when
    that ``__init__`` does nothing more.
    """
    id_place, plan, plain = _plan(cls, tuple(d[0] for d in cursor.description))
    fields: tuple[tuple[str, int, Callable[[Any], Any] | None, Any, dict[Any, Any] | None], ...]
    fields = tuple((name, place, read, empty, {} if read is not None else None)
                   for name, place, read, empty in plan)
    found: list[R] = []
    make = object.__new__
    for row in cursor:
        values: dict[str, Any] = {"id": row[id_place]}
        for name, place, read, empty, memo in fields:
            data = row[place]
            if read is None:
                values[name] = empty if data is None else data
            elif memo is None:
                values[name] = read(data)
            else:
                value = memo.get(data, memo)
                if value is memo:
                    value = memo[data] = read(data)
                    if len(memo) >= MEMO_TEXTS:
                        fields = tuple((*f[:4], None) if f[0] == name else f for f in fields)
                values[name] = value
        if plain:
            record = make(cls)
            record.__dict__.update(values)
            found.append(record)
        else:
            found.append(cls(**values))
    return found


def exists(conn: sqlite3.Connection, kind: str, record_id: str) -> bool:
    row = conn.execute(f"SELECT 1 FROM {_quote(kind)} WHERE id = ?", (record_id,)).fetchone()
    return row is not None


def fetch(conn: sqlite3.Connection, cls: type[R], record_id: str) -> R | None:
    found = _records(cls, conn.execute(f"SELECT * FROM {_quote(cls.kind)} WHERE id = ?",
                                       (record_id,)))
    return found[0] if found else None


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
    return _records(cls, conn.execute(sql, params))


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

