"""Records read from their tables (``fetch``, ``fetch_where``) equal ``from_row`` of each row."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smwg_desktop.core.demo import load_demo
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.fields import Contact
from smwg_desktop.core.model import RECORD_TYPES, Affiliation, Organisation, Person, Record
from smwg_desktop.storage import records


def rows_read_one_by_one(conn: sqlite3.Connection, cls: type[Record]) -> list[Record]:
    cursor = conn.execute(f'SELECT * FROM "{cls.kind}" ORDER BY id')
    names = [d[0] for d in cursor.description]
    return [records.from_row(cls, dict(zip(names, row, strict=True))) for row in cursor]


@pytest.mark.parametrize("memo_texts", [records.MEMO_TEXTS, 3])
def test_every_record_of_a_network_reads_as_from_row_reads_it(
    tmp_path: Path, memo_texts: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every kind of the sample network, with values remembered, and with fields given up on."""
    monkeypatch.setattr(records, "MEMO_TEXTS", memo_texts)
    directory = Directory.open(tmp_path / "data")
    load_demo(directory, organisations=20, people=80, seed=5)
    read = 0
    for cls in RECORD_TYPES.values():
        expected = rows_read_one_by_one(directory.conn, cls)
        found = records.fetch_where(directory.conn, cls)
        assert found == expected
        assert [repr(r) for r in found] == [repr(r) for r in expected]
        for record in expected[:5]:
            assert records.fetch(directory.conn, cls, record.id) == record
        read += len(found)
    assert read > 300
    assert records.fetch(directory.conn, Person, "no such id") is None


contacts = st.lists(
    st.builds(Contact, st.sampled_from(["a@b.org", "+51 1 234", 'quote " and \\', "ñandú", ""]),
              st.sampled_from(["work", "home", "mobile", "other"])),
    max_size=3,
).map(tuple)
words = st.lists(st.sampled_from(["es", "fr", "qu", "organisation", "role", "a\"b"]),
                 max_size=3, unique=True).map(tuple)
days = st.none() | st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
people = st.builds(
    Person,
    id=st.uuids().map(str),
    name=st.sampled_from(["Ana", "Мария", "مريم", "José\nPérez", ""]),
    country=st.sampled_from(["", "PE", "SN"]),
    emails=contacts,
    phones=contacts,
    handles=contacts,
    languages=words,
    listed=st.booleans(),
    at_risk=st.booleans(),
    consent=words,
)
organisations = st.builds(
    Organisation,
    id=st.uuids().map(str),
    name=st.sampled_from(["Asociación", "Groupe", ""]),
    constituencies=words,
    member_since=days,
    status_since=days,
    women_led=st.booleans(),
    emails=contacts,
    phones=contacts,
)
places = st.builds(Affiliation, id=st.uuids().map(str), person_id=st.sampled_from(["p1", "p2"]),
                   organisation_id=st.just("o1"), role=st.sampled_from(["", "Chair"]),
                   start=days, end=days)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(people, max_size=12, unique_by=lambda r: r.id),
    st.lists(organisations, max_size=8, unique_by=lambda r: r.id),
    st.lists(places, max_size=8, unique_by=lambda r: r.id),
    st.data(),
    st.sampled_from([records.MEMO_TEXTS, 2]),
)
def test_records_read_equal_those_written_and_from_row(
    tmp_path_factory: pytest.TempPathFactory,
    persons: list[Person],
    orgs: list[Organisation],
    affiliations: list[Affiliation],
    data: st.DataObject,
    memo_texts: int,
) -> None:
    """Values shared between records, columns left empty (NULL), fields given up on."""
    original = records.MEMO_TEXTS
    records.MEMO_TEXTS = memo_texts
    try:
        directory = Directory.open(tmp_path_factory.mktemp("read") / "data")
        conn = directory.conn
        for cls, written in ((Person, persons), (Organisation, orgs), (Affiliation, affiliations)):
            with conn:
                records.upsert_many(conn, cls.kind, list(written))
                nullable = [name for name in cls.field_types() if name not in ("name",)]
                for record in written:
                    emptied = data.draw(st.lists(st.sampled_from(nullable), max_size=3))
                    for column in emptied:
                        conn.execute(f'UPDATE "{cls.kind}" SET "{column}" = NULL WHERE id = ?',
                                     (record.id,))
            expected = rows_read_one_by_one(conn, cls)
            assert records.fetch_where(conn, cls) == expected
            untouched = {r.id: r for r in written}
            for record in records.fetch_where(conn, cls):
                if record == untouched[record.id]:
                    continue
                # Only emptied columns differ: they read as the field's empty value.
                for name, kind in cls.field_types().items():
                    value = getattr(record, name)
                    assert value == getattr(untouched[record.id], name) or value == kind.empty()
        directory.close()
    finally:
        records.MEMO_TEXTS = original


def test_a_record_read_is_an_ordinary_frozen_record(tmp_path: Path) -> None:
    directory = Directory.open(tmp_path / "data")
    made = directory.create(Person, {"name": "Ana Quispe", "emails": "ana@example.org",
                                     "languages": "es, qu", "country": "PE"})
    read = records.fetch(directory.conn, Person, made.id)
    assert read is not None
    assert read == made and hash(read) == hash(made) and repr(read) == repr(made)
    assert vars(read) == vars(made) and list(vars(read)) == list(vars(made))
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.name = "Other"  # type: ignore[misc]
    assert dataclasses.replace(read, name="Other").name == "Other"
    assert copy.deepcopy(read) == read and pickle.loads(pickle.dumps(read)) == read
    assert dataclasses.asdict(read) == dataclasses.asdict(made)


def test_a_record_class_with_more_to_do_when_made_is_made_by_its_constructor(
    tmp_path: Path,
) -> None:
    """A ``__post_init__`` (none of today's records has one) is not skipped."""
    made: list[str] = []

    @dataclasses.dataclass(frozen=True)
    class Checked(Organisation):
        def __post_init__(self) -> None:
            made.append(self.id)

    directory = Directory.open(tmp_path / "data")
    organisation = directory.create(Organisation, {"name": "Colectivo", "country": "PE"})
    made.clear()
    found: list[Any] = records.fetch_where(directory.conn, Checked)
    assert made == [organisation.id]
    assert [o.name for o in found] == ["Colectivo"]


def test_a_record_class_with_a_field_not_a_column_is_made_by_its_constructor(
    tmp_path: Path,
) -> None:
    """A field left to its default (none of today's records has one) gets its default."""

    @dataclasses.dataclass(frozen=True)
    class Remembering(Organisation):
        seen: dict[str, Any] = dataclasses.field(
            init=False, default_factory=dict, compare=False, repr=False
        )

    directory = Directory.open(tmp_path / "data")
    organisation = directory.create(Organisation, {"name": "Colectivo", "country": "PE"})
    found: list[Any] = records.fetch_where(directory.conn, Remembering)
    assert [(o.id, o.name, o.seen) for o in found] == [(organisation.id, "Colectivo", {})]
    assert records.fetch(directory.conn, Remembering, organisation.id) == found[0]
