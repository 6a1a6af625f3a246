"""Numbered schema migrations. Each runs once, inside a transaction, in order.

Never edit a migration that has shipped: add the next one. The record tables are
written out here as they were at each version, not derived from ``core.model``,
so that migration N always builds the same schema.

The change log (``change``) is the source of truth for shared data; the record
tables are its materialised view. Bookkeeping that never travels (``meta``,
``seen``, ``peer``, ``conflict``, ``local_note``) stays on this device.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

T, N = str, int  # column types (text, integer), as sqlite-utils takes them

_RECORD_TABLES_1: dict[str, dict[str, type]] = {
    "organisation": {
        "id": T, "sample": N, "name": T, "acronym": T, "country": T, "constituencies": T,
        "women_led": N, "women_section": N, "status": T, "status_since": T,
        "member_since": T, "outreach_stage": T, "languages": T, "website": T, "emails": T,
        "phones": T, "address": T, "notes": T, "listed": N, "at_risk": N, "consent": T,
        "region": T, "country_name": T, "sort_key": T,
    },
    "person": {
        "id": T, "sample": N, "name": T, "country": T, "emails": T, "phones": T,
        "handles": T, "languages": T, "interpretation": T, "notes": T, "listed": N,
        "at_risk": N, "consent": T, "country_name": T, "contact_text": T, "sort_key": T,
    },
    "affiliation": {
        "id": T, "sample": N, "person_id": T, "organisation_id": T, "role": T, "start": T,
        "end": T,
    },
    "body": {"id": T, "sample": N, "name": T, "body_kind": T, "acronym": T, "notes": T},
    "seat": {
        "id": T, "sample": N, "person_id": T, "body_id": T, "role": T,
        "organisation_id": T, "start": T, "end": T,
    },
    "activity": {
        "id": T, "sample": N, "title": T, "activity_kind": T, "start": T, "end": T, "tz": T,
        "day_start": T, "venue": T, "link": T, "languages": T, "interpretation": T,
        "objective": T, "description": T,
    },
    "participant": {
        "id": T, "sample": N, "activity_id": T, "person_id": T, "status": T, "role": T,
    },
    "agenda_item": {
        "id": T, "sample": N, "activity_id": T, "title": T, "minutes": N, "day": N,
        "position": T, "item_kind": T, "facilitator_id": T, "speaker_ids": T,
        "language": T, "notes": T,
    },
    "proposal": {
        "id": T, "sample": N, "title": T, "summary": T, "author_ids": T, "status": T,
        "deadline": T,
    },
    "review": {
        "id": T, "sample": N, "proposal_id": T, "body_id": T, "state": T,
        "reviewer_id": T, "answered_on": T, "comments": T,
    },
}

_INDEXES_1: list[tuple[str, list[str]]] = [
    ("organisation", ["sort_key"]),
    ("organisation", ["country"]),
    ("organisation", ["region"]),
    ("person", ["sort_key"]),
    ("affiliation", ["person_id"]),
    ("affiliation", ["organisation_id"]),
    ("seat", ["body_id"]),
    ("seat", ["person_id"]),
    ("activity", ["start"]),
    ("participant", ["activity_id"]),
    ("participant", ["person_id"]),
    ("agenda_item", ["activity_id", "day", "position"]),
    ("review", ["proposal_id"]),
]


def m001_records_and_change_log(db: sqlite_utils.Database) -> None:
    """The record tables, the change log and this device's bookkeeping."""
    db.table("meta").create({"key": T, "value": T}, pk="key")
    db.execute(
        """
        CREATE TABLE change (
            device TEXT NOT NULL,
            hlc INTEGER NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            field TEXT NOT NULL,
            value TEXT,
            supersedes TEXT NOT NULL DEFAULT '[]',
            live INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (device, hlc)
        )
        """
    )
    db.execute("CREATE INDEX change_entity ON change (entity, entity_id, field)")
    db.table("superseded").create({"device": T, "hlc": N}, pk=("device", "hlc"))
    db.table("seen").create({"device": T, "hlc": N}, pk="device")
    db.table("erased").create({"entity": T, "entity_id": T}, pk=("entity", "entity_id"))
    db.table("conflict").create({"entity": T, "entity_id": T, "field": T}, pk=("entity", "entity_id", "field"))
    db.table("peer").create({"device": T, "name": T, "seen": T, "last_sync": T}, pk="device")
    db.table("local_note").create(
        {"entity": T, "entity_id": T, "text": T, "updated": T}, pk=("entity", "entity_id")
    )
    for table, columns in _RECORD_TABLES_1.items():
        db.table(table).create(columns, pk="id", not_null={"id"})
    for table, index_columns in _INDEXES_1:
        db.table(table).create_index(index_columns)


def m002_search_index(db: sqlite_utils.Database) -> None:
    """Full-text search: prefixes match, accents and case are ignored."""
    tokenize = "unicode61 remove_diacritics 2"
    db.table("organisation").enable_fts(
        ["name", "acronym", "country", "country_name", "notes"],
        fts_version="FTS5", tokenize=tokenize, create_triggers=True,
    )
    db.table("person").enable_fts(
        ["name", "contact_text", "country", "country_name", "notes"],
        fts_version="FTS5", tokenize=tokenize, create_triggers=True,
    )


def m003_revisions_and_outreach_moves(db: sqlite_utils.Database) -> None:
    """Versions of a proposal's note, the one a review answered, and outreach moves."""
    db.table("revision").create(
        {"id": T, "sample": N, "proposal_id": T, "name": T, "issued_on": T, "location": T,
         "notes": T},
        pk="id", not_null={"id"},
    )
    db.table("outreach_move").create(
        {"id": T, "sample": N, "organisation_id": T, "stage": T, "moved_on": T,
         "responsible_id": T, "note": T},
        pk="id", not_null={"id"},
    )
    db.table("review").add_column("revision_id", T)
    db.table("revision").create_index(["proposal_id"])
    db.table("outreach_move").create_index(["organisation_id", "moved_on"])


def m004_person_country_index(db: sqlite_utils.Database) -> None:
    """People by country, then name: the country filter's choices and the country sort.

    Without it, listing the countries in use read all 100,000 people when the
    people screen opened, and sorting people by country sorted them all.
    """
    db.table("person").create_index(["country", "sort_key"])


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    m001_records_and_change_log,
    m002_search_index,
    m003_revisions_and_outreach_moves,
    m004_person_country_index,
]
