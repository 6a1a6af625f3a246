"""When two records are the same person or organisation, and what one adds to the other.

Used by the import plan (a row against the directory) and by ``duplicates`` (two
records already in it), so that both judge and merge the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from rapidfuzz import fuzz, process

from smwg_desktop.core.fields import Bool, ContactList, ListOf
from smwg_desktop.core.model import Record
from smwg_desktop.core.text import fold

NAME_THRESHOLD = 88.0
"""Names scoring this (0-100) or more are proposed as the same person or organisation."""

SUBSET_SCORE = 90.0
"""Score of a name whose words (two or more) all appear in the other ("Rosa Mamani" and
"Rosa Elena Mamani")."""

NEVER_FROM_OUTSIDE = ("consent", "sample")
"""Fields an import never sets on an existing record: consent is the person's own choice."""


def name_key(name: str) -> str:
    """A name with accents, case, punctuation and word order removed."""
    return " ".join(sorted(re.findall(r"\w+", fold(name))))


def name_score(a_key: str, b_key: str) -> float:
    """How alike two ``name_key`` values are (100 the same, small typos about 90)."""
    if not a_key or not b_key:
        return 0.0
    if a_key == b_key:
        return 100.0
    # "Sindicato 10" and "Sindicato 101" are two unions, however alike the letters.
    if _numbers(a_key) != _numbers(b_key):
        return 0.0
    score = float(fuzz.ratio(a_key, b_key))
    a_words, b_words = set(a_key.split()), set(b_key.split())
    shorter = min(a_words, b_words, key=len)
    if len(shorter) >= 2 and (a_words <= b_words or b_words <= a_words):
        score = max(score, SUBSET_SCORE)
    return score


def _numbers(key: str) -> list[str]:
    return [word for word in key.split() if word.isdigit()]


def similar_names(
    key: str, choices: dict[str, str], threshold: float = NAME_THRESHOLD, limit: int = 5
) -> list[tuple[str, float]]:
    """Ids in ``choices`` (id to ``name_key``) whose names score ``threshold`` or more, best first."""
    if not key:
        return []
    # token_set_ratio never scores below name_score, so it finds every candidate fast.
    found = process.extract(
        key, choices, scorer=fuzz.token_set_ratio, score_cutoff=threshold, limit=limit * 4,
        processor=None,
    )
    scored = [(record_id, name_score(key, choice)) for choice, _, record_id in found]
    scored = [(record_id, score) for record_id, score in scored if score >= threshold]
    scored.sort(key=lambda pair: (-pair[1], pair[0]))
    return scored[:limit]


def shown(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(getattr(v, "value", str(v)) for v in value)
    return str(value)


def fill_in(
    existing: Record, incoming: Record, names: Iterable[str]
) -> tuple[dict[str, Any], list[str]]:
    """What ``incoming`` adds to ``existing`` over the fields ``names``, and what it would change.

    The existing record keeps every value it has: contacts and lists gain what
    they lack; an empty field is filled; a different value is not taken but
    reported (the second list, fit to show). Being at risk or not listed is
    taken, since it only ever withholds more.
    """
    types = existing.field_types()
    changes: dict[str, Any] = {}
    kept: list[str] = []
    for name in names:
        if name in NEVER_FROM_OUTSIDE:
            continue
        kind = types[name]
        new, old = getattr(incoming, name), getattr(existing, name)
        if new == old:
            continue
        if isinstance(kind, ContactList):
            known = {c.value.casefold() for c in old}
            added = tuple(c for c in new if c.value.casefold() not in known)
            if added:
                changes[name] = old + added
        elif isinstance(kind, ListOf):
            added = tuple(v for v in new if v not in old)
            if added:
                changes[name] = old + added
        elif name == "listed":
            if not new:
                changes[name] = False
        elif isinstance(kind, Bool):
            if new:
                changes[name] = True
        elif kind.is_empty(new):
            continue
        elif kind.is_empty(old):
            changes[name] = new
        else:
            kept.append(f"{name}: the file has '{shown(new)}'; kept '{shown(old)}'")
    return changes, kept


def contradicts(a_values: Sequence[str], b_values: Sequence[str]) -> bool:
    """Both have e-mail addresses (or both phones) and share none: likely two people."""
    return bool(a_values) and bool(b_values) and not set(a_values) & set(b_values)
