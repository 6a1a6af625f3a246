"""Pages of organisations and people, filtered and sorted in SQL (see ``core.browse``).

Paging is by key, not by offset: a page asks for the rows after the last one
shown, which SQLite finds through an index as fast at row 90,000 as at row 1.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from smwg_desktop.core.browse import SORT_COLUMNS, BrowseFilter
from smwg_desktop.core.geo import Region, countries_in
from smwg_desktop.core.model import Organisation, Person, Record
from smwg_desktop.storage.records import _quote, from_row

if TYPE_CHECKING:
    import sqlite3

R = TypeVar("R", bound=Record)

Clause = tuple[str, list[Any]]

# Seats and affiliations that hold on a day: begun by then (or undated), not ended before.
_HOLDS = "({t}.start IS NULL OR {t}.start <= ?) AND ({t}.\"end\" IS NULL OR {t}.\"end\" >= ?)"


@functools.cache
def _countries_in(region: str) -> tuple[str, ...]:
    return countries_in(Region(region))


def _filter_clauses(kind: str, wanted: BrowseFilter, today: date) -> list[Clause]:
    if kind not in SORT_COLUMNS:
        raise ValueError(f"cannot browse {kind!r}")
    day = today.isoformat()
    clauses: list[Clause] = []
    if wanted.text:
        # The search module (and its regexes) loads with the first search typed.
        from smwg_desktop.storage.search import match_expression, matching_rowids_sql

        expression = match_expression(wanted.text)
        if expression is not None:
            clauses.append((f"rowid IN ({matching_rowids_sql(kind)})", [expression]))
    if wanted.country:
        clauses.append(("country = ?", [wanted.country]))
    if wanted.region:
        if kind == Organisation.kind:
            clauses.append(("region = ?", [wanted.region]))
        else:
            codes = list(_countries_in(wanted.region))
            clauses.append((f"country IN ({', '.join('?' for _ in codes)})", codes))
    organisation: list[Clause] = []
    if wanted.constituency:
        organisation.append((
            "EXISTS (SELECT 1 FROM json_each(o.constituencies) WHERE json_each.value = ?)",
            [wanted.constituency],
        ))
    if wanted.women_led is not None:
        organisation.append(("o.women_led = ?", [int(wanted.women_led)]))
    if wanted.status:
        organisation.append(("o.status = ?", [wanted.status]))
    if organisation and kind == Organisation.kind:
        clauses.extend((sql.replace("o.", ""), params) for sql, params in organisation)
    elif organisation:
        sql = " AND ".join(s for s, _ in organisation)
        params = [p for _, ps in organisation for p in ps]
        clauses.append((
            "id IN (SELECT a.person_id FROM affiliation AS a "
            "JOIN organisation AS o ON o.id = a.organisation_id "
            f"WHERE {_HOLDS.format(t='a')} AND {sql})",
            [day, day, *params],
        ))
    if wanted.body_id:
        holder = "person_id" if kind == Person.kind else "organisation_id"
        clauses.append((
            f"id IN (SELECT s.{holder} FROM seat AS s WHERE s.body_id = ? "
            f"AND {_HOLDS.format(t='s')})",
            [wanted.body_id, day, day],
        ))
    return clauses


def _where(clauses: list[Clause]) -> Clause:
    if not clauses:
        return "", []
    return " WHERE " + " AND ".join(f"({sql})" for sql, _ in clauses), [
        p for _, params in clauses for p in params
    ]


def _order_columns(kind: str, order: str) -> list[str]:
    if order not in SORT_COLUMNS[kind]:
        raise ValueError(f"{kind} cannot be sorted by {order!r}")
    return list(dict.fromkeys([order, "sort_key", "id"]))


def page(
    conn: sqlite3.Connection,
    cls: type[R],
    wanted: BrowseFilter,
    *,
    order: str,
    descending: bool,
    after: tuple[Any, ...] | None,
    limit: int,
    today: date,
) -> tuple[list[R], tuple[Any, ...] | None]:
    """Up to ``limit`` records after ``after``, and the cursor after the last (None at the end)."""
    columns = _order_columns(cls.kind, order)
    clauses = _filter_clauses(cls.kind, wanted, today)
    if after is not None:
        if len(after) != len(columns):
            raise ValueError("the cursor does not belong to this order")
        key = ", ".join(_quote(c) for c in columns)
        marks = ", ".join("?" for _ in columns)
        clauses.append((f"({key}) {'<' if descending else '>'} ({marks})", list(after)))
    where, params = _where(clauses)
    direction = " DESC" if descending else ""
    sql = (
        f"SELECT * FROM {_quote(cls.kind)}{where} ORDER BY "
        + ", ".join(_quote(c) + direction for c in columns)
        + " LIMIT ?"
    )
    cursor = conn.execute(sql, [*params, limit + 1])
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    more = len(rows) > limit
    rows = rows[:limit]
    last = tuple(rows[-1][c] for c in columns) if more else None
    return [from_row(cls, row) for row in rows], last


def ids(conn: sqlite3.Connection, kind: str, wanted: BrowseFilter, today: date) -> list[str]:
    """The id of every record that passes ``wanted``, in name order: all pages at once."""
    where, params = _where(_filter_clauses(kind, wanted, today))
    sql = f"SELECT id FROM {_quote(kind)}{where} ORDER BY sort_key, id"
    return [str(row[0]) for row in conn.execute(sql, params)]


def count(conn: sqlite3.Connection, kind: str, wanted: BrowseFilter, today: date) -> int:
    where, params = _where(_filter_clauses(kind, wanted, today))
    return int(conn.execute(f"SELECT count(*) FROM {_quote(kind)}{where}", params).fetchone()[0])


def countries(conn: sqlite3.Connection, kind: str) -> list[str]:
    """The country codes that some record of ``kind`` has, in code order.

    Each step seeks the next code in the country index, so a hundred countries
    among 100,000 people cost a hundred lookups, not a scan of every row.
    """
    if kind not in SORT_COLUMNS:
        raise ValueError(f"cannot browse {kind!r}")
    table = _quote(kind)
    rows = conn.execute(
        f"WITH RECURSIVE code (country) AS ("
        f"SELECT min(country) FROM {table} WHERE country > '' "
        f"UNION ALL SELECT (SELECT min(country) FROM {table} WHERE country > code.country) "
        f"FROM code WHERE code.country IS NOT NULL"
        f") SELECT country FROM code WHERE country IS NOT NULL"
    )
    return [str(row[0]) for row in rows]


def constituencies(conn: sqlite3.Connection) -> list[str]:
    """Every constituency some organisation names, the users' own included, in order."""
    rows = conn.execute(
        "SELECT DISTINCT json_each.value FROM organisation, json_each(organisation.constituencies) "
        "ORDER BY 1"
    )
    return [str(row[0]) for row in rows]
