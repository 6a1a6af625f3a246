"""The migration that adds revisions, the revision a review read, and outreach moves."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Review
from smwg_desktop.core.outreach import move, moves
from smwg_desktop.core.proposals import add_revision, record_review
from smwg_desktop.storage.database import DATABASE_NAME
from smwg_desktop.storage.migrations import (
    m001_records_and_change_log,
    m002_search_index,
    m003_revisions_and_outreach_moves,
)

BEFORE = (m001_records_and_change_log, m002_search_index)
"""The migrations a database had before this one (their order in ``MIGRATIONS``)."""


def _database_before_revisions(data_dir: Path) -> None:
    """A data directory as the release before revisions wrote it: a note, a body, a review."""
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    db = sqlite_utils.Database(conn)
    with db.atomic():
        for migration in BEFORE:
            migration(db)
        conn.execute(f"PRAGMA user_version = {len(BEFORE)}")
        changes = [
            ("proposal", "p-1", "title", '"Global campaign"'),
            ("body", "b-1", "name", '"Land and Housing"'),
            ("review", "r-1", "proposal_id", '"p-1"'),
            ("review", "r-1", "body_id", '"b-1"'),
            ("review", "r-1", "state", '"endorsed"'),
            ("organisation", "o-1", "name", '"Plataforma (muestra)"'),
            ("organisation", "o-1", "country", '"ES"'),
            ("organisation", "o-1", "status", '"prospect"'),
        ]
        conn.executemany(
            "INSERT INTO change (device, hlc, entity, entity_id, field, value) VALUES "
            "('dev1', ?, ?, ?, ?, ?)",
            [(n, *change) for n, change in enumerate(changes, start=1)],
        )
        conn.execute("INSERT INTO proposal (id, sample, title) VALUES ('p-1', 0, 'Global campaign')")
        conn.execute("INSERT INTO body (id, sample, name) VALUES ('b-1', 0, 'Land and Housing')")
        conn.execute(
            "INSERT INTO review (id, sample, proposal_id, body_id, state) "
            "VALUES ('r-1', 0, 'p-1', 'b-1', 'endorsed')"
        )
        conn.execute(
            "INSERT INTO organisation (id, sample, name, country, status, region, country_name,"
            " sort_key) VALUES ('o-1', 0, 'Plataforma (muestra)', 'ES', 'prospect', 'europe',"
            " 'Spain', 'plataforma (muestra)')"
        )
        conn.execute("INSERT INTO seen (device, hlc) VALUES ('dev1', ?)", (len(changes),))
    conn.close()


def test_reviews_keep_their_answers_and_gain_a_revision(data_dir: Path) -> None:
    _database_before_revisions(data_dir)

    with Directory.open(data_dir) as directory:
        review = directory.get(Review, "r-1")
        assert (review.state, review.revision_id) == ("endorsed", "")
        second = add_revision(directory, "p-1", {"name": "Second draft"})
        record_review(directory, "p-1", "b-1", "endorsed", revision_id=second.id)
        assert directory.get(Review, "r-1").revision_id == second.id
        move(directory, "o-1", "contacted", on="2016-05-02")
        assert [m.stage for m in moves(directory, "o-1")] == ["contacted"]


def test_the_migration_is_one_self_contained_step(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "db.sqlite3")
    db = sqlite_utils.Database(conn)
    for migration in BEFORE:
        migration(db)

    m003_revisions_and_outreach_moves(db)

    assert "revision_id" in db.table("review").columns_dict
    assert set(db.table_names()) >= {"revision", "outreach_move"}
    conn.close()
