"""The change log: every edit to shared data, per field, and the record tables it feeds.

Each change sets one field of one record and names the versions of that field it
replaces (``supersedes``): the live ones the writer could see. A version stays
*live* until some known change supersedes it; the shown value is the live version
with the highest (clock, device). Two live versions with different values are a
conflict that a person resolves by writing again, which supersedes both. The
state is the set of changes, so merging is a set union: the same changes in any
order, any number of times, give the same tables on every device.

Superseded versions lose their value at once (only their ids remain), so the log
does not keep every old value forever. Deletes are tombstones (``_deleted``) that
remember which versions they saw, so an edit the deleter never saw shows as a
conflict. Erasure (``_erased``) removes every change of the record and refuses
any that arrive later.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import groupby, islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from smwg_desktop.core.model import RECORD_TYPES, Record
from smwg_desktop.storage import records
from smwg_desktop.storage.database import Store
from smwg_desktop.sync.clock import HybridClock

if TYPE_CHECKING:
    import sqlite3

APPLY_BATCH = 5_000
SQL_CHUNK = 500
"""Ids per IN (...) list: well under SQLite's limit on parameters."""
DELETED = "_deleted"
ERASED = "_erased"

Version = tuple[int, str]
"""A change's identity: (clock stamp, device id)."""

# Columns of a change (a tuple), and of a version, for map() over many at once.
_DEVICE, _HLC, _ENTITY, _FIELD, _VALUE, _SUPERSEDES = (itemgetter(i) for i in (0, 1, 2, 4, 5, 6))
_RECORD = itemgetter(2, 3)
_FIRST_SIX = itemgetter(0, 1, 2, 3, 4, 5)
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_STAMP_AND_DEVICE = itemgetter(1, 2)
"""Of a live row (entity_id, hlc, device, field, value)."""

_Decided = tuple[str, dict[str, str] | None, list[str]]
"""A record's id, its shown texts (None: no row) and its fields in conflict (see ``_decide``)."""


@dataclass(frozen=True)
class _Applied:
    """What one batch stored: its new changes by version, those stored dead, the
    records they belong to (and which of them earlier batches had touched), and
    whether it superseded or erased anything (reaching beyond its own records)."""

    changes: dict[Version, Change]
    dead: set[Version]
    records: set[tuple[str, str]]
    again: set[tuple[str, str]]
    superseded: list[Version]
    """Every version this batch superseded, by its new changes and by its erasures."""
    unusual: bool


_ENCODED_DEFAULTS: dict[str, dict[str, str]] = {}


def _encoded_defaults(cls: type[Record]) -> dict[str, str]:
    """Each field's default value as canonical JSON, computed once per record kind."""
    if cls.kind not in _ENCODED_DEFAULTS:
        _ENCODED_DEFAULTS[cls.kind] = {n: encode(v) for n, v in cls(id="").to_json().items()}
    return _ENCODED_DEFAULTS[cls.kind]


_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def encode(value: Any) -> str:
    """Canonical JSON: the same value is the same text on every device."""
    return _CANONICAL.encode(value)


_scan: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
"""The JSON parser itself, without ``json.loads``'s per-call set-up and checks."""


def decode(text: str) -> Any:
    """``json.loads``, with a short cut for the plain strings most values are.

    A string with no quote, backslash or unprintable character inside is exactly
    its text between the quotes; anything else goes through the JSON parser.
    """
    if (
        len(text) >= 2 and text[0] == '"' and text[-1] == '"'
        and '"' not in text[1:-1] and "\\" not in text and text.isprintable()
    ):
        return text[1:-1]
    try:
        value, end = _scan(text, 0)
    except StopIteration:
        end = -1
    # Anything but exactly one JSON value (with nothing around it) gets json.loads's own error.
    return value if end == len(text) else json.loads(text)


def _encode_versions(versions: tuple[Version, ...]) -> str:
    return encode([list(v) for v in versions]) if versions else "[]"


class Change(NamedTuple):
    """One field of one record set by one device (see the module's docstring).

    A named tuple, not a frozen dataclass: both are immutable, but joining a
    network makes 1.5 million of them, and a tuple is made in a third of the time.
    """

    device: str
    hlc: int
    entity: str
    entity_id: str
    field: str
    value: str | None
    """Canonical JSON of the new value; None once superseded (pruned)."""
    supersedes: tuple[Version, ...] = ()

    @property
    def version(self) -> Version:
        return (self.hlc, self.device)


@dataclass(frozen=True)
class Conflict:
    """Live versions of one field that disagree, the shown one first."""

    entity: str
    entity_id: str
    field: str
    versions: tuple[tuple[Version, Any], ...]


class ChangeLog:
    """Records this device's edits and merges changes from other devices."""

    def __init__(self, store: Store) -> None:
        self.store = store
        device = store.meta("device_id")
        if device is None:
            # Only a new device needs uuid (and platform, which it loads), not each start.
            import uuid

            device = uuid.uuid4().hex
            if store.writable:
                with store.transaction():
                    store.set_meta("device_id", device)
        self.device: str = device
        self.clock = HybridClock(int(store.meta("hlc", "0") or 0))
        self.erased_pending: list[tuple[str, str]] = []
        """Records erased in transactions not yet scrubbed (see ``storage.erasure``)."""
        self._aside: list[tuple[str, str, str]] = []
        """Indexes dropped during a bulk apply, as (table, name, sql)."""

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    def write(self, record: Record, before: Record | None) -> None:
        """Record the fields of ``record`` that differ from ``before`` and refresh its row.

        A new record (``before`` None) records only the fields that differ from the
        defaults; every record type has a required field, so at least one.
        """
        kind, entity_id = record.kind, record.id
        # A new id with no history needs no merging: its row is the record itself.
        fresh = before is None and not self.has_history(kind, entity_id)
        old = _encoded_defaults(type(record)) if before is None else {
            name: encode(value) for name, value in before.to_json().items()
        }
        for name, value in record.to_json().items():
            text = encode(value)
            if old[name] == text and (before is None or not self._in_conflict(kind, entity_id, name)):
                continue
            live = self._live_versions(kind, entity_id, name) if before else ()
            self._store(self._new_change(kind, entity_id, name, text, live), local=True)
        if fresh:
            records.upsert(self.conn, record)
            self._finish(set())
        else:
            self._finish({(kind, entity_id)})

    def delete(self, kind: str, entity_id: str) -> None:
        """Tombstone a record; it remembers which versions it saw."""
        seen = [list(v) for v in self._live_versions(kind, entity_id, None)]
        value = encode({"deleted": True, "seen": seen})
        prior = self._live_versions(kind, entity_id, DELETED)
        self._store(self._new_change(kind, entity_id, DELETED, value, prior))
        self._finish({(kind, entity_id)})

    def restore(self, kind: str, entity_id: str) -> None:
        """Undo a delete (or settle an edit-versus-delete conflict by keeping the record)."""
        prior = self._live_versions(kind, entity_id, DELETED)
        self._store(self._new_change(kind, entity_id, DELETED, encode({"deleted": False}), prior))
        self._finish({(kind, entity_id)})

    def erase(self, kind: str, entity_id: str) -> None:
        """Remove every trace of the record here, and record an erasure that travels."""
        change = self._new_change(kind, entity_id, ERASED, encode(True), ())
        self._erase(change)
        self._finish(set())

    def resolve(self, kind: str, entity_id: str, field: str, value: Any) -> None:
        """Settle a conflict on one field by writing the chosen value over every live version."""
        live = self._live_versions(kind, entity_id, field)
        self._store(self._new_change(kind, entity_id, field, encode(value), live))
        self._finish({(kind, entity_id)})

    def apply(
        self, changes: Iterable[Change], *, note_seen: bool = True, bulk: bool = True
    ) -> set[tuple[str, str]]:
        """Merge changes from elsewhere; returns the records they touched.

        Idempotent: a change already known, or one for an erased record, is skipped.
        ``note_seen`` False keeps what this device counts as seen where it was,
        for changes that arrive with a gap before them. Works in batches, so a
        whole network arrives at the speed of a few bulk inserts.

        Into an empty change log (joining a network), and unless ``bulk`` is
        False, the secondary indexes of the log and of the record tables, and
        the search index, are built once after the inserts rather than kept row
        by row, and each batch's new records are written from the changes in
        hand; the outcome is the same (tests compare the two paths).
        """
        touched: set[tuple[str, str]] = set()
        erased = {(row[0], row[1]) for row in self.conn.execute("SELECT entity, entity_id FROM erased")}
        in_bulk = bulk and self.conn.in_transaction and self._log_is_empty()
        try:
            with ExitStack() as bulk_search:
                later: set[tuple[str, str]] = set()
                made: dict[str, records.RecordRows] = {}
                if in_bulk:
                    self._set_aside_indexes()
                    for kind in RECORD_TYPES:
                        bulk_search.enter_context(records.search_index_in_bulk(self.conn, kind, None))
                stream = iter(changes)
                while batch := list(islice(stream, APPLY_BATCH)):
                    applied = self._apply_batch(batch, note_seen, erased, touched)
                    if in_bulk:
                        self._write_fresh(applied, later, made)
                if in_bulk:
                    self._finish_bulk(touched & later, made)
                    self._restore_indexes()
                else:
                    self._finish(touched)
        finally:
            # On an error the rollback brings the indexes back: none is aside any more.
            self._aside = []
        return touched

    def _log_is_empty(self) -> bool:
        """True before this device holds any change (and so any record row or conflict)."""
        return self.conn.execute("SELECT 1 FROM change LIMIT 1").fetchone() is None

    def _set_aside_indexes(self) -> None:
        """Drop the secondary indexes of the change log and the record tables until restored.

        Inside the import's transaction: a rollback brings them back as they were.
        Building an index once from the finished table sorts it in one pass, where
        keeping it up to date inserts each row at a random place in it.
        """
        tables = ["change", *RECORD_TYPES]
        marks = ", ".join("?" * len(tables))
        self._aside = self.conn.execute(
            "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' "
            f"AND tbl_name IN ({marks}) AND sql IS NOT NULL ORDER BY tbl_name, name",
            tables,
        ).fetchall()
        for _table, name, _sql in self._aside:
            self.conn.execute(f'DROP INDEX "{name}"')

    def _restore_indexes(self, table: str | None = None) -> None:
        """Create again, exactly as they were, the indexes set aside (those of ``table`` only if given)."""
        for entry in list(self._aside):
            if table is None or entry[0] == table:
                self.conn.execute(entry[2])
                self._aside.remove(entry)

    def _apply_batch(
        self,
        batch: list[Change],
        note_seen: bool,
        erased: set[tuple[str, str]],
        touched: set[tuple[str, str]],
    ) -> _Applied:
        """Store a batch's new changes; returns them (see ``_Applied``)."""
        # Each step first asks, a whole column at a time (in C), whether the batch
        # is the usual one (one device, only records, no erasure, nothing known
        # or superseded); only a batch that is not takes the loops.
        stamps = list(map(_HLC, batch))
        devices = list(map(_DEVICE, batch))
        self.clock.observe(max(stamps))
        if note_seen:
            latest: dict[str, int] = {}
            if len(set(devices)) == 1:
                latest[devices[0]] = max(stamps)
            else:
                for device, hlc in zip(devices, stamps, strict=True):
                    latest[device] = max(hlc, latest.get(device, -1))
            for device, hlc in latest.items():
                self._note_seen(device, hlc)
        if set(map(_ENTITY, batch)) <= RECORD_TYPES.keys():
            wanted = batch
        else:
            wanted = [c for c in batch if c.entity in RECORD_TYPES]
            stamps, devices = list(map(_HLC, wanted)), list(map(_DEVICE, wanted))
        erasing = ERASED in set(map(_FIELD, wanted))
        # What the erasures stored here superseded (it can reach records already written).
        erasures_superseded: list[Version] = []
        if erasing:
            for change in wanted:
                if change.field == ERASED and (change.entity, change.entity_id) not in erased:
                    self._erase(change)
                    erasures_superseded.extend(change.supersedes)
                    erased.add((change.entity, change.entity_id))
                    touched.discard((change.entity, change.entity_id))
        versions = list(zip(stamps, devices, strict=True))
        known = self._versions_in("change", versions)
        records_of = list(map(_RECORD, wanted))
        # Made at once; as many entries as changes means no version came twice.
        fresh = dict(zip(versions, wanted, strict=True))
        if known or len(fresh) != len(wanted) or (erased and not erased.isdisjoint(records_of)):
            fresh = {}
            for version, change in zip(versions, wanted, strict=True):
                if version in known or (erased and (change.entity, change.entity_id) in erased):
                    continue
                fresh.setdefault(version, change)
            records_of = list(map(_RECORD, fresh.values()))
        if not fresh:
            return _Applied({}, set(), set(), set(), erasures_superseded, erasing)
        superseding = any(map(_SUPERSEDES, fresh.values()))
        superseded = [v for c in fresh.values() for v in c.supersedes] if superseding else []
        if superseded:
            self.conn.executemany(
                "INSERT OR IGNORE INTO superseded (device, hlc) VALUES (?, ?)",
                [(device, hlc) for hlc, device in superseded],
            )
            self.conn.executemany(
                "UPDATE change SET live = 0, value = NULL WHERE device = ? AND hlc = ? AND live = 1",
                [(device, hlc) for hlc, device in superseded],
            )
        # Every version kept (the usual case): the keys are ``versions`` as they are.
        kept = versions if len(fresh) == len(versions) else list(fresh)
        dead = set(superseded) | self._versions_in("superseded", kept)
        if not superseding and not dead:
            # Nothing superseded either way: each change is live unless it has no value.
            self.conn.executemany(
                "INSERT INTO change (device, hlc, entity, entity_id, field, value, supersedes, live) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, '[]', ?6 IS NOT NULL)",
                map(_FIRST_SIX, fresh.values()),
            )
        else:
            self.conn.executemany(
                "INSERT INTO change (device, hlc, entity, entity_id, field, value, supersedes, live) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        c.device, c.hlc, c.entity, c.entity_id, c.field,
                        c.value if alive else None, _encode_versions(c.supersedes), 1 if alive else 0,
                    )
                    for version, c in fresh.items()
                    for alive in (c.value is not None and version not in dead,)
                ],
            )
        reached = set(records_of)
        again = reached & touched
        touched |= reached
        return _Applied(fresh, dead, reached, again, superseded + erasures_superseded, erasing or superseding)

    def _write_fresh(
        self,
        applied: _Applied,
        later: set[tuple[str, str]],
        made: dict[str, records.RecordRows],
    ) -> None:
        """In a bulk apply, write the records a batch brought for the first time.

        A record first seen in this batch has all its changes so far in hand, so
        its row is decided from them as ``_materialise`` would decide it from the
        log. A record seen in an earlier batch, and every record of a batch that
        superseded or erased something (which can reach records of earlier
        batches), is left for ``_finish_bulk``, which reads the log.
        """
        fresh = applied.changes
        records_of = applied.records
        if applied.unusual:
            later.update(records_of)
            # A superseded version may belong to a record already written (even another record).
            for hlc, device in applied.superseded:
                row = self.conn.execute(
                    "SELECT entity, entity_id FROM change WHERE device = ? AND hlc = ?", (device, hlc)
                ).fetchone()
                if row is not None:
                    later.add((row[0], row[1]))
            return
        later.update(applied.again)
        # A device writes a record's fields together and a bundle keeps that order,
        # so each record's changes are usually one run; otherwise they are gathered.
        runs: list[tuple[tuple[str, str], list[Change]]] = [
            (record, list(changes)) for record, changes in groupby(fresh.values(), key=_RECORD)
        ]
        if len(runs) != len(records_of):
            gathered: dict[tuple[str, str], list[Change]] = {}
            for change in fresh.values():
                gathered.setdefault((change.entity, change.entity_id), []).append(change)
            runs = list(gathered.items())
        dead = applied.dead
        by_kind: dict[str, list[_Decided]] = {}
        for record, changes in runs:
            if record in later:
                continue
            texts = dict(zip(map(_FIELD, changes), map(_VALUE, changes), strict=True))
            if len(texts) == len(changes) and DELETED not in texts and None not in texts.values() and not dead:
                # One live version of each field and no tombstone: what _decide would find.
                decided: _Decided = (record[1], texts, [])
            else:
                live = [
                    (c.entity_id, c.hlc, c.device, c.field, c.value)
                    for c in changes
                    if c.value is not None and (c.hlc, c.device) not in dead
                ]
                # Highest version first, as _materialise reads them from the log.
                live.sort(key=_STAMP_AND_DEVICE, reverse=True)
                decided = (record[1], *_decide(live))
            by_kind.setdefault(record[0], []).append(decided)
        for kind, outcomes in by_kind.items():
            if kind not in made:
                made[kind] = records.RecordRows(RECORD_TYPES[kind], decode)
            outcomes.sort(key=_FIRST)
            self._write_records(kind, outcomes, made[kind])

    def _versions_in(self, table: str, versions: list[Version]) -> set[Version]:
        """Which of ``versions`` a (device, hlc) keyed table holds, asked a device at a time.

        Stamps that all lie above the highest the table holds from their device
        (new changes, a whole network joining) cost one lookup, not one each.
        """
        found: set[Version] = set()
        devices = set(map(_SECOND, versions))
        for device in devices:
            highest = self.conn.execute(
                f"SELECT max(hlc) FROM {table} WHERE device = ?", (device,)
            ).fetchone()[0]
            if highest is None:
                continue
            if len(devices) == 1:
                stamps = list(map(_FIRST, versions))
            else:
                stamps = [h for h, d in versions if d == device]
            if highest < min(stamps):
                continue
            for start in range(0, len(stamps), SQL_CHUNK):
                chunk = stamps[start : start + SQL_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self.conn.execute(
                    f"SELECT hlc, device FROM {table} WHERE device = ? AND hlc IN ({marks})",
                    (device, *chunk),
                )
                found.update((int(h), str(d)) for h, d in rows)
        return found

    def seen(self) -> dict[str, int]:
        """The highest stamp this device holds from each device: what it has seen."""
        return {row[0]: row[1] for row in self.conn.execute("SELECT device, hlc FROM seen")}

    def changes_since(self, seen: dict[str, int]) -> Iterator[Change]:
        """Every change the holder of ``seen`` lacks, in stamp order per device."""
        devices = [row[0] for row in self.conn.execute("SELECT device FROM seen ORDER BY device")]
        for device in devices:
            rows = self.conn.execute(
                "SELECT device, hlc, entity, entity_id, field, value, supersedes FROM change "
                "WHERE device = ? AND hlc > ? ORDER BY hlc",
                (device, seen.get(device, -1)),
            )
            for row in rows:
                supersedes = row[6]
                yield Change(
                    row[0], row[1], row[2], row[3], row[4], row[5],
                    () if supersedes == "[]" else tuple((int(h), str(d)) for h, d in json.loads(supersedes)),
                )

    def conflicts(self) -> list[Conflict]:
        found: list[Conflict] = []
        for entity, entity_id, field in self.conn.execute(
            "SELECT entity, entity_id, field FROM conflict ORDER BY entity, entity_id, field"
        ).fetchall():
            rows = self._live_rows(entity, entity_id, None if field == DELETED else field)
            versions = tuple(((h, d), json.loads(v)) for h, d, _, v in rows)
            found.append(Conflict(entity, entity_id, field, versions))
        return found

    def unsent_count(self, peers_seen: Iterable[dict[str, int]]) -> int:
        """How many of this device's changes some known peer has not seen."""
        lowest = min((s.get(self.device, -1) for s in peers_seen), default=-1)
        row = self.conn.execute(
            "SELECT count(*) FROM change WHERE device = ? AND hlc > ?", (self.device, lowest)
        ).fetchone()
        return int(row[0])

    def _new_change(
        self, kind: str, entity_id: str, field: str, value: str, supersedes: Iterable[Version]
    ) -> Change:
        self._catch_up_clock()
        hlc = self.clock.tick()
        self._note_seen(self.device, hlc)
        return Change(self.device, hlc, kind, entity_id, field, value, tuple(supersedes))

    def _note_seen(self, device: str, hlc: int) -> None:
        self.conn.execute(
            "INSERT INTO seen (device, hlc) VALUES (?, ?) "
            "ON CONFLICT (device) DO UPDATE SET hlc = max(hlc, excluded.hlc)",
            (device, hlc),
        )

    def _is_erased(self, kind: str, entity_id: str) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM erased WHERE entity = ? AND entity_id = ?", (kind, entity_id)
            ).fetchone()
            is not None
        )

    def has_history(self, kind: str, entity_id: str) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM change WHERE entity = ? AND entity_id = ? LIMIT 1", (kind, entity_id)
            ).fetchone()
            is not None
            or self._is_erased(kind, entity_id)
        )

    def _in_conflict(self, kind: str, entity_id: str, field: str) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM conflict WHERE entity = ? AND entity_id = ? AND field = ?",
                (kind, entity_id, field),
            ).fetchone()
            is not None
        )

    def _live_rows(self, kind: str, entity_id: str, field: str | None) -> list[tuple[int, str, str, str]]:
        """Live (hlc, device, field, value) rows, highest version first; all fields if None."""
        sql = (
            "SELECT hlc, device, field, value FROM change "
            "WHERE entity = ? AND entity_id = ? AND live = 1"
        )
        params: tuple[Any, ...] = (kind, entity_id)
        if field is not None:
            sql += " AND field = ?"
            params += (field,)
        return self.conn.execute(sql + " ORDER BY hlc DESC, device DESC", params).fetchall()

    def _live_versions(self, kind: str, entity_id: str, field: str | None) -> list[Version]:
        """Live versions of one field, or of every field but the tombstone if None."""
        rows = self._live_rows(kind, entity_id, field)
        return [(h, d) for h, d, f, _ in rows if field is not None or f != DELETED]

    def _store(self, change: Change, *, local: bool = False) -> None:
        """Add a change; ``local`` ones are new here, so nothing can supersede them yet."""
        for hlc, device in change.supersedes:
            self.conn.execute(
                "INSERT OR IGNORE INTO superseded (device, hlc) VALUES (?, ?)", (device, hlc)
            )
            self.conn.execute(
                "UPDATE change SET live = 0, value = NULL WHERE device = ? AND hlc = ?",
                (device, hlc),
            )
        dead = change.value is None or (
            not local
            and self.conn.execute(
                "SELECT 1 FROM superseded WHERE device = ? AND hlc = ?",
                (change.device, change.hlc),
            ).fetchone()
            is not None
        )
        self.conn.execute(
            "INSERT INTO change (device, hlc, entity, entity_id, field, value, supersedes, live) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                change.device, change.hlc, change.entity, change.entity_id, change.field,
                None if dead else change.value,
                encode([list(v) for v in change.supersedes]), 0 if dead else 1,
            ),
        )

    def _erase(self, change: Change) -> None:
        # Purging finds the record's changes through the change log's index on records.
        self._restore_indexes()
        from smwg_desktop.storage.erasure import purge  # loaded with the first erasure

        purge(self.conn, change.entity, change.entity_id)
        self._store(change)
        self.erased_pending.append((change.entity, change.entity_id))
        # This device's files in a sync folder still hold old values: rewrite them.
        self.store.set_meta("sync-compact", "1")

    def _finish(self, touched: set[tuple[str, str]]) -> None:
        by_kind: dict[str, list[str]] = {}
        for kind, entity_id in sorted(touched):
            by_kind.setdefault(kind, []).append(entity_id)
        for kind, ids in by_kind.items():
            made = records.RecordRows(RECORD_TYPES[kind], decode)
            with records.search_index_in_bulk(self.conn, kind, ids):
                for start in range(0, len(ids), SQL_CHUNK):
                    self._materialise(kind, ids[start : start + SQL_CHUNK], made)
        self._catch_up_clock()
        self.store.set_meta("hlc", str(self.clock.last))

    def _catch_up_clock(self) -> None:
        """Fold in the stamp another connection of this device stored (see ``Store.companion``).

        Without it a change made here could be stamped below one that a sync on the
        other connection has already received, and lose to an older edit.
        """
        self.clock.observe(int(self.store.meta("hlc", "0") or 0))

    def _finish_bulk(self, again: set[tuple[str, str]], made: dict[str, records.RecordRows]) -> None:
        """``_finish`` for a bulk apply: the records ``_write_fresh`` left, read from the log."""
        self._restore_indexes("change")
        by_kind: dict[str, list[str]] = {}
        for kind, entity_id in sorted(again):
            by_kind.setdefault(kind, []).append(entity_id)
        for kind, ids in by_kind.items():
            if kind not in made:
                made[kind] = records.RecordRows(RECORD_TYPES[kind], decode)
            for start in range(0, len(ids), SQL_CHUNK):
                self._materialise(kind, ids[start : start + SQL_CHUNK], made[kind])
        self._catch_up_clock()
        self.store.set_meta("hlc", str(self.clock.last))

    def _materialise(self, kind: str, ids: list[str], made: records.RecordRows) -> None:
        """Rebuild these records' rows and conflicts from their live changes."""
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            "SELECT entity_id, hlc, device, field, value FROM change "
            f"WHERE entity = ? AND entity_id IN ({marks}) AND live = 1 "
            "ORDER BY entity_id, hlc DESC, device DESC",
            (kind, *ids),
        ).fetchall()
        live = {entity_id: list(group) for entity_id, group in groupby(rows, key=itemgetter(0))}
        self.conn.execute(f"DELETE FROM conflict WHERE entity = ? AND entity_id IN ({marks})", (kind, *ids))
        self._write_records(
            kind, [(entity_id, *_decide(live.get(entity_id, []))) for entity_id in ids], made
        )

    def _write_records(self, kind: str, decided: list[_Decided], made: records.RecordRows) -> None:
        """Write the rows and conflicts of records as ``_decide`` decided them."""
        rows: list[dict[str, Any]] = []
        hidden: list[str] = []
        conflicts: list[tuple[str, str, str]] = []
        for entity_id, texts, conflicted in decided:
            if texts is None:
                hidden.append(entity_id)
            else:
                rows.append(made.row(entity_id, texts))
            if conflicted:
                conflicts.extend((kind, entity_id, field) for field in conflicted)
        self.conn.executemany(
            "INSERT INTO conflict (entity, entity_id, field) VALUES (?, ?, ?)", conflicts
        )
        records.upsert_rows(self.conn, kind, rows)
        records.remove_many(self.conn, kind, hidden)


def _decide(rows: list[tuple[str, int, str, str, str]]) -> tuple[dict[str, str] | None, list[str]]:
    """What one record shows, given its live changes (highest version first).

    ``rows`` are (entity_id, hlc, device, field, value), as the change log holds them.

    Returns the shown value of each field as canonical JSON (None when the record
    is deleted or was never created) and the fields in conflict (``_deleted``
    for an edit the delete never saw).
    """
    shown: dict[str, str] = {}
    differing: set[str] = set()
    for _id, _hlc, _device, field, value in rows:
        if field not in shown:
            shown[field] = value
        elif value != shown[field]:
            differing.add(field)
    conflicted = [f for f in shown if f in differing and f != DELETED]
    tombstone_text = shown.pop(DELETED, None)
    tombstone = None if tombstone_text is None else decode(tombstone_text)
    deleted = tombstone is not None and bool(tombstone.get("deleted"))
    if tombstone is not None and deleted:
        seen = {tuple(v) for v in tombstone.get("seen", [])}
        if any((h, d) not in seen for _id, h, d, f, _ in rows if f != DELETED):
            conflicted.append(DELETED)
    if deleted or not shown:
        return None, conflicted
    return shown, conflicted
