"""Full-text search over organisations and people (SQLite FTS5)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: str
    name: str
    country: str
    rank: float


def match_expression(text: str) -> str | None:
    """An FTS5 query in which every word the person typed must match as a prefix.

    Words are quoted, so FTS5 operators and punctuation in the text are plain text.
    """
    words = re.findall(r"\w+", text)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def matching_rowids_sql(kind: str) -> str:
    """SQL selecting the rowids of ``kind`` that match the one parameter (an expression)."""
    if kind not in ("organisation", "person"):
        raise ValueError(f"no search index for {kind!r}")
    return f"SELECT rowid FROM {kind}_fts WHERE {kind}_fts MATCH ?"


def search(
    conn: sqlite3.Connection,
    text: str,
    kinds: tuple[str, ...] = ("organisation", "person"),
    limit: int = 50,
) -> list[SearchHit]:
    """Best matches first, across the kinds asked for."""
    expression = match_expression(text)
    if expression is None:
        return []
    hits: list[SearchHit] = []
    for kind in kinds:
        matches = matching_rowids_sql(kind).replace("SELECT rowid", "SELECT rowid, rank")
        rows = conn.execute(
            f"SELECT r.id, r.name, r.country, m.rank FROM ({matches}) AS m "
            f"JOIN {kind} AS r ON r.rowid = m.rowid ORDER BY m.rank, r.sort_key LIMIT ?",
            (expression, limit),
        )
        hits.extend(SearchHit(kind, row[0], row[1], row[2] or "", row[3]) for row in rows)
    hits.sort(key=lambda h: h.rank)
    return hits[:limit]
