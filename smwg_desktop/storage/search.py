"""Full-text search over organisations and people (SQLite FTS5).

Hits whose name matches come first, then those that match elsewhere (contacts,
country, notes); each group in name order. Ranking every match by relevance
(``bm25``) cost time in proportion to the matches, so at 100,000 people a short
prefix that matched a word in everyone's notes took 150 ms; name order lets
SQLite stop at the first ``limit`` rows of each group, and the name group is
small because it looks at one column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

NAME_COLUMNS: dict[str, tuple[str, ...]] = {
    "organisation": ("name", "acronym"),
    "person": ("name",),
}
"""The columns a hit must match in to count as a match by name."""


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: str
    name: str
    country: str
    rank: float
    """0 for a match by name, 1 for a match elsewhere: lower is better."""


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
    if kind not in NAME_COLUMNS:
        raise ValueError(f"no search index for {kind!r}")
    return f"SELECT rowid FROM {kind}_fts WHERE {kind}_fts MATCH ?"


def _tiers(kind: str, expression: str) -> tuple[str, str]:
    """The expressions for matches by name, and for matches elsewhere only."""
    by_name = f"{{{' '.join(NAME_COLUMNS[kind])}}} : ({expression})"
    return by_name, f"({expression}) NOT ({by_name})"


def search(
    conn: sqlite3.Connection,
    text: str,
    kinds: tuple[str, ...] = ("organisation", "person"),
    limit: int = 50,
) -> list[SearchHit]:
    """Best matches first, across the kinds asked for: by name, then elsewhere, in name order."""
    expression = match_expression(text)
    if expression is None:
        return []
    found: list[tuple[int, str, str, SearchHit]] = []
    for kind in kinds:
        wanted = limit
        for tier, tier_expression in enumerate(_tiers(kind, expression)):
            rows = conn.execute(
                f"SELECT id, name, country, sort_key FROM {kind} "
                f"WHERE rowid IN ({matching_rowids_sql(kind)}) ORDER BY sort_key, id LIMIT ?",
                (tier_expression, wanted),
            ).fetchall()
            found.extend(
                (tier, row[3] or "", row[0], SearchHit(kind, row[0], row[1], row[2] or "", float(tier)))
                for row in rows
            )
            wanted -= len(rows)
            if wanted <= 0:
                break
    found.sort(key=lambda item: item[:3])
    return [hit for *_, hit in found[:limit]]
