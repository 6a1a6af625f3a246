"""The one way to read and change the network's data, for every face (CLI, UI, import).

Every change goes through here: it is validated, written to the change log in one
transaction (so it can travel to other devices), and the record tables follow.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from smwg_desktop.core.browse import BrowseFilter, Page
from smwg_desktop.core.errors import NotFoundError, ValidationError
from smwg_desktop.core.fields import ListOf, Reference
from smwg_desktop.core.model import (
    RECORD_TYPES,
    Activity,
    Affiliation,
    AgendaItem,
    Organisation,
    OutreachMove,
    Participant,
    Person,
    Record,
    Review,
    Revision,
    Seat,
)
from smwg_desktop.core.ordering import key_between
from smwg_desktop.i18n import _
from smwg_desktop.storage import browse, peers, records
from smwg_desktop.storage.changelog import ChangeLog, Conflict, encode
from smwg_desktop.storage.database import DB_PASSPHRASE_VARIABLE, Store, resolve_data_dir

if TYPE_CHECKING:
    import sqlite3

    # The agenda's timetable, erasures and full-text search load when first used:
    # the first screen shows a page of records and needs none of them.
    from smwg_desktop.core.agenda import Slot
    from smwg_desktop.storage.erasure import ErasureReport
    from smwg_desktop.storage.search import SearchHit

R = TypeVar("R", bound=Record)

# What goes when a record is deleted: the links that mean nothing without it.
_DEPENDENTS: dict[str, list[tuple[type[Record], str]]] = {
    "organisation": [(Affiliation, "organisation_id"), (OutreachMove, "organisation_id")],
    "person": [(Affiliation, "person_id"), (Seat, "person_id"), (Participant, "person_id")],
    "body": [(Seat, "body_id"), (Review, "body_id")],
    "activity": [(Participant, "activity_id"), (AgendaItem, "activity_id")],
    "proposal": [(Review, "proposal_id"), (Revision, "proposal_id")],
}

MIN_ID_PREFIX = 4


@dataclass(frozen=True)
class SyncStatus:
    """Where this device stands with the others, as a status bar shows it."""

    peers: int
    """How many other devices this one has imported a bundle from."""
    unsent: int | None
    """This device's changes that some known peer has not seen; None while no peer is known."""
    conflicts: int
    """Fields (and deletions) waiting for a person to choose between two versions."""
    last_sync: datetime | None
    """When a bundle from another device was last imported (UTC); None if never."""


class Directory:
    """An open data directory seen as the network's records."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.log = ChangeLog(store)

    @property
    def conn(self) -> sqlite3.Connection:
        """The store's connection (a new one after the directory's key changes)."""
        return self.store.conn

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        write: bool = True,
        passphrase: str | None = None,
    ) -> Directory:
        """Open a data directory; an encrypted one needs its passphrase (or SMWG_DB_PASSPHRASE)."""
        if passphrase is None:
            passphrase = os.environ.get(DB_PASSPHRASE_VARIABLE)
        return cls(Store(resolve_data_dir(data_dir), write=write, passphrase=passphrase))

    def companion(self) -> Directory:
        """The same open directory through a second connection, for a worker thread.

        Open it in the thread that uses it, and close it before this one closes.
        """
        return Directory(self.store.companion())

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Directory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def device_id(self) -> str:
        return self.log.device

    # Reading

    def get(self, cls: type[R], record_id: str) -> R:
        """The record with this id or unique id prefix; ``NotFoundError`` otherwise."""
        found = records.fetch(self.conn, cls, self.resolve(cls, record_id))
        assert found is not None
        return found

    def find(self, cls: type[R], record_id: str) -> R | None:
        return records.fetch(self.conn, cls, record_id)

    def resolve(self, cls: type[Record], record_id: str) -> str:
        """The full id for an id or a unique prefix of at least four characters."""
        wanted = record_id.strip().lower()
        if records.fetch(self.conn, cls, wanted) is not None:
            return wanted
        matches = (
            records.ids_starting_with(self.conn, cls.kind, wanted)
            if len(wanted) >= MIN_ID_PREFIX
            else []
        )
        if len(matches) == 1:
            return matches[0]
        label = _(cls.label).lower()
        if len(matches) > 1:
            raise NotFoundError(
                _("more than one {label} has an id starting with '{record_id}'").format(
                    label=label, record_id=record_id
                )
            )
        raise NotFoundError(
            _("no {label} with id '{record_id}'").format(label=label, record_id=record_id)
        )

    def list(
        self,
        cls: type[R],
        where: Mapping[str, Any] | None = None,
        *,
        order_by: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> builtins.list[R]:
        if order_by is None:
            columns = records.table_columns(self.conn, cls.kind)
            order_by = [c for c in ("sort_key", "start", "title") if c in columns] + ["id"]
        return records.fetch_where(self.conn, cls, where, order_by, limit, offset)

    def has_history(self, cls: type[Record], record_id: str) -> bool:
        """Whether this id was ever used for a record of ``cls`` (deleted or erased ones too)."""
        return self.log.has_history(cls.kind, record_id)

    def count(self, cls: type[Record]) -> int:
        return records.count(self.conn, cls.kind)

    def search(
        self, text: str, limit: int = 50, *, kinds: Sequence[str] = ("organisation", "person")
    ) -> builtins.list[SearchHit]:
        """Best full-text matches first, among the kinds asked for (both by default)."""
        from smwg_desktop.storage.search import search

        return search(self.conn, text, kinds=tuple(kinds), limit=limit)

    def browse(
        self,
        cls: type[R],
        wanted: BrowseFilter | None = None,
        *,
        order: str = "sort_key",
        descending: bool = False,
        after: tuple[Any, ...] | None = None,
        limit: int = 100,
        today: date | None = None,
    ) -> Page[R]:
        """One page of organisations or people that pass ``wanted``, sorted by ``order``.

        Pass the cursor of a page as ``after`` to get the next one. ``order`` is one
        of ``core.browse.SORT_COLUMNS``; ``today`` decides which seats and
        affiliations hold (default: today).
        """
        found, cursor = browse.page(
            self.conn, cls, wanted or BrowseFilter(), order=order, descending=descending, after=after,
            limit=limit, today=today or date.today(),
        )
        return Page(found, cursor)

    def browse_count(
        self, cls: type[Record], wanted: BrowseFilter | None = None, *, today: date | None = None
    ) -> int:
        """How many records ``browse`` gives with this filter, over all its pages."""
        return browse.count(self.conn, cls.kind, wanted or BrowseFilter(), today or date.today())

    def browse_ids(
        self, cls: type[Record], wanted: BrowseFilter | None = None, *, today: date | None = None
    ) -> builtins.list[str]:
        """The ids of every record ``browse`` gives with this filter, over all its pages."""
        return browse.ids(self.conn, cls.kind, wanted or BrowseFilter(), today or date.today())

    def countries_in_use(self, cls: type[Record]) -> builtins.list[str]:
        """The country codes that organisations (or people) have, for a filter to offer."""
        return browse.countries(self.conn, cls.kind)

    def constituencies_in_use(self) -> builtins.list[str]:
        """Every constituency some organisation names, the users' own included."""
        return browse.constituencies(self.conn)

    # Changing

    def create(self, cls: type[R], values: Mapping[str, Any], *, record_id: str | None = None) -> R:
        """Validate and add a record; returns it with its new id."""
        # uuid (and platform, which it loads) only when a record is made: not at each start.
        import uuid

        record = cls.build(record_id or str(uuid.uuid4()), values)
        with self.store.transaction():
            self._check_references(record, values)
            self.log.write(record, None)
        return record

    def update(self, cls: type[R], record_id: str, changes: Mapping[str, Any]) -> R:
        """Validate and apply changes to some fields; returns the record as it now is."""
        before = self.get(cls, record_id)
        record = cls.build(before.id, changes, base=before)
        with self.store.transaction():
            self._check_references(record, changes)
            self.log.write(record, before)
        return record

    def delete(self, cls: type[Record], record_id: str) -> builtins.list[tuple[str, str]]:
        """Delete a record and the links that depend on it; returns what was deleted.

        Deleted records are tombstones: ``restore`` brings each back.
        """
        target = self.get(cls, record_id)
        deleted = self.dependents(cls, target.id)
        with self.store.transaction():
            for kind, dependent_id in deleted:
                self.log.delete(kind, dependent_id)
            self.log.delete(cls.kind, target.id)
        return [*deleted, (cls.kind, target.id)]

    def dependents(self, cls: type[Record], record_id: str) -> builtins.list[tuple[str, str]]:
        """The links that ``delete`` would take with the record, as (kind, id) pairs."""
        target = self.resolve(cls, record_id)
        return [
            (dependent_cls.kind, dependent.id)
            for dependent_cls, column in _DEPENDENTS.get(cls.kind, [])
            for dependent in records.fetch_where(self.conn, dependent_cls, {column: target})
        ]

    def erase(self, cls: type[Record], record_id: str) -> ErasureReport:
        """Remove every trace of a record (and its links) from this device, for good.

        Unlike a delete, nothing is kept but the id: no tombstone, no old values,
        no conflicts, no local notes, no search words, nothing in the backups. The
        erasure travels to other devices without any personal data, and no later
        edit or old bundle can bring the record back. Works on deleted records too.
        """
        target = self._erasable_id(cls, record_id)
        with self.store.transaction():
            for dependent_cls, column in _DEPENDENTS.get(cls.kind, []):
                for dependent_id in self._ids_referring_to(dependent_cls, column, target):
                    self.log.erase(dependent_cls.kind, dependent_id)
            self.log.erase(cls.kind, target)
        return self.scrub_erasures()

    def scrub_erasures(self) -> ErasureReport:
        """After erasures have committed (here or from a bundle), leave no bytes of them."""
        pending, self.log.erased_pending = self.log.erased_pending, []
        # Only what really committed: an erasure rolled back with its import is no erasure.
        erased = [
            (kind, record_id)
            for kind, record_id in dict.fromkeys(pending)
            if self.conn.execute(
                "SELECT 1 FROM erased WHERE entity = ? AND entity_id = ?", (kind, record_id)
            ).fetchone()
        ]
        from smwg_desktop.storage.erasure import scrub

        return scrub(self.conn, self.store.backups(), self.store.key, erased)

    def _erasable_id(self, cls: type[Record], record_id: str) -> str:
        try:
            return self.resolve(cls, record_id)
        except NotFoundError:
            # A deleted record is no longer in its table, but its history still names it.
            wanted = record_id.strip().lower()
            row = self.conn.execute(
                "SELECT 1 FROM change WHERE entity = ? AND entity_id = ? LIMIT 1", (cls.kind, wanted)
            ).fetchone()
            if row is None:
                raise
            return wanted

    def _ids_referring_to(self, cls: type[Record], column: str, target: str) -> builtins.list[str]:
        """Every record of ``cls`` whose ``column`` names ``target``, deleted ones included."""
        rows = self.conn.execute(
            "SELECT DISTINCT entity_id FROM change WHERE entity = ? AND field = ? AND value = ?",
            (cls.kind, column, encode(target)),
        )
        return sorted(row[0] for row in rows)

    def restore(self, deleted: Sequence[tuple[str, str]]) -> None:
        """Bring back records that ``delete`` removed (undo of a delete)."""
        with self.store.transaction():
            for kind, record_id in deleted:
                if kind not in RECORD_TYPES:
                    raise ValueError(f"unknown kind {kind!r}")
                self.log.restore(kind, record_id)

    def _check_references(self, record: Record, given: Mapping[str, Any]) -> None:
        for name, kind in record.field_types().items():
            if name not in given:
                continue
            target = kind if isinstance(kind, Reference) else getattr(kind, "item", None)
            if not isinstance(target, Reference):
                continue
            value = getattr(record, name)
            wanted = value if isinstance(kind, ListOf) else ((value,) if value else ())
            target_cls = RECORD_TYPES[target.target]
            for ref in wanted:
                if not records.exists(self.conn, target_cls.kind, ref):
                    raise ValidationError(
                        name,
                        _("no {kind} with id '{ref}'").format(
                            kind=_(target_cls.label).lower(), ref=ref
                        ),
                    )

    # People and organisations

    def add_person(
        self, values: Mapping[str, Any], *, organisation_id: str | None = None, role: str = ""
    ) -> Person:
        """A new person, and their place in an organisation if one is given.

        The organisation's country is the default region for phone numbers when
        the person has no country of their own.
        """
        values = dict(values)
        organisation = self.get(Organisation, organisation_id) if organisation_id else None
        if organisation is not None and not values.get("country") and values.get("phones"):
            values["country"] = organisation.country
        with self.store.transaction():
            person = self.create(Person, values)
            if organisation is not None:
                self.create(
                    Affiliation,
                    {"person_id": person.id, "organisation_id": organisation.id, "role": role},
                )
        return person

    def affiliations(self, *, person_id: str | None = None, organisation_id: str | None = None) -> builtins.list[Affiliation]:
        where = {k: v for k, v in (("person_id", person_id), ("organisation_id", organisation_id)) if v}
        return records.fetch_where(self.conn, Affiliation, where, ("start", "id"))

    def seats(self, *, person_id: str | None = None, body_id: str | None = None) -> builtins.list[Seat]:
        where = {k: v for k, v in (("person_id", person_id), ("body_id", body_id)) if v}
        return records.fetch_where(self.conn, Seat, where, ("start", "id"))

    # Activities and agendas

    def participants(self, activity_id: str) -> builtins.list[Participant]:
        return records.fetch_where(self.conn, Participant, {"activity_id": activity_id})

    def agenda(self, activity_id: str) -> builtins.list[AgendaItem]:
        from smwg_desktop.core.agenda import ordered

        return ordered(records.fetch_where(self.conn, AgendaItem, {"activity_id": activity_id}))

    def timetable(self, activity_id: str) -> builtins.list[Slot]:
        from smwg_desktop.core.agenda import timetable

        activity = self.get(Activity, activity_id)
        return timetable(activity, self.agenda(activity.id))

    def add_agenda_item(
        self, activity_id: str, values: Mapping[str, Any], *, record_id: str | None = None
    ) -> AgendaItem:
        """An item at the end of its day (day 1 unless ``day`` is given)."""
        activity = self.get(Activity, activity_id)
        probe = AgendaItem.build("probe", {"activity_id": activity.id, "title": "-", "day": values.get("day", 1)})
        same_day = [i for i in self.agenda(activity.id) if i.day == probe.day]
        position = key_between(same_day[-1].position if same_day else None, None)
        return self.create(
            AgendaItem, {**values, "activity_id": activity.id, "position": position},
            record_id=record_id,
        )

    def move_agenda_item(self, item_id: str, place: int, *, day: int | None = None) -> AgendaItem:
        """Put an item at ``place`` (1 = first) within its day, or within ``day``."""
        item = self.get(AgendaItem, item_id)
        target_day = item.day if day is None else day
        if target_day < 1:
            raise ValidationError("day", _("must be 1 or more"))
        others = [i for i in self.agenda(item.activity_id) if i.day == target_day and i.id != item.id]
        if not 1 <= place <= len(others) + 1:
            raise ValidationError(
                "position", _("must be between 1 and {last}").format(last=len(others) + 1)
            )
        before = others[place - 2].position if place > 1 else None
        after = others[place - 1].position if place <= len(others) else None
        if before is not None and after is not None and before >= after:
            # Two devices gave items the same key; spread the day out again.
            after = None
            others = others[: place - 1]
        position = key_between(before, after)
        return self.update(AgendaItem, item.id, {"position": position, "day": target_day})

    # Sync-facing views of the log

    def conflicts(self) -> builtins.list[Conflict]:
        return self.log.conflicts()

    def sync_status(self) -> SyncStatus:
        """Changes not yet sent, conflicts waiting and the last sync, cheap enough for every edit."""
        seen = peers.peers_seen(self.conn)
        return SyncStatus(
            peers=len(seen),
            # With no peer known, every change is unsent: counting them tells nobody anything.
            unsent=self.log.unsent_count(seen) if seen else None,
            conflicts=peers.conflict_count(self.conn),
            last_sync=peers.last_sync(self.conn),
        )

    def resolve_conflict(self, conflict: Conflict, value: Any) -> None:
        """Settle a conflict with the chosen value; the choice travels like any edit."""
        with self.store.transaction():
            self.log.resolve(conflict.entity, conflict.entity_id, conflict.field, value)

    def settle_deletion(self, conflict: Conflict, *, keep_deleted: bool) -> None:
        """Settle an edit-versus-delete conflict: delete again having seen the edits, or restore."""
        with self.store.transaction():
            if keep_deleted:
                self.log.delete(conflict.entity, conflict.entity_id)
            else:
                self.log.restore(conflict.entity, conflict.entity_id)

    def local_note(self, cls: type[Record], record_id: str) -> str:
        row = self.conn.execute(
            "SELECT text FROM local_note WHERE entity = ? AND entity_id = ?",
            (cls.kind, self.resolve(cls, record_id)),
        ).fetchone()
        return "" if row is None else str(row[0])

    def set_local_note(self, cls: type[Record], record_id: str, text: str) -> None:
        """A note kept on this device only: it is never recorded for travel."""
        record_id = self.resolve(cls, record_id)
        with self.store.transaction():
            if text.strip():
                self.conn.execute(
                    "INSERT INTO local_note (entity, entity_id, text, updated) "
                    "VALUES (?, ?, ?, datetime('now')) ON CONFLICT (entity, entity_id) "
                    "DO UPDATE SET text = excluded.text, updated = excluded.updated",
                    (cls.kind, record_id, text.strip()),
                )
            else:
                self.conn.execute(
                    "DELETE FROM local_note WHERE entity = ? AND entity_id = ?", (cls.kind, record_id)
                )

    def export_canonical(self) -> dict[str, Any]:
        """The whole shared state as plain data, in one order on every device.

        No local notes, device ids or clocks: two devices that saw the same
        changes export the same bytes (``encode`` of this value).
        """
        state: dict[str, Any] = {"format": "smwg-export", "version": 1}
        for kind, cls in sorted(RECORD_TYPES.items()):
            rows = records.fetch_where(self.conn, cls, None, ("id",))
            state[kind] = [{"id": r.id, **r.to_json()} for r in rows]
        state["conflicts"] = [
            {
                "entity": c.entity,
                "id": c.entity_id,
                "field": c.field,
                "values": sorted({encode(v) for _, v in c.versions}),
            }
            for c in self.log.conflicts()
        ]
        state["erased"] = [
            {"entity": row[0], "id": row[1]}
            for row in self.conn.execute("SELECT entity, entity_id FROM erased ORDER BY 1, 2")
        ]
        return state

