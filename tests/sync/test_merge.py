"""The merge rule, shown between real data directories exchanging their change logs.

Bundles (the file format) come later; here devices hand each other
``changes_since(seen)`` directly, which is what a bundle carries.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Affiliation, Organisation, Person
from smwg_desktop.storage.changelog import DELETED, encode


def send(source: Directory, target: Directory) -> None:
    """Everything ``target`` has not seen from ``source``, applied in one transaction."""
    changes = list(source.log.changes_since(target.log.seen()))
    with target.store.transaction():
        target.log.apply(changes)


def exported(directory: Directory) -> str:
    return encode(directory.export_canonical())


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[tuple[Directory, Directory, Directory]]:
    opened = [Directory.open(tmp_path / name) for name in ("a", "b", "c")]
    yield opened[0], opened[1], opened[2]
    for directory in opened:
        directory.close()


def test_each_device_has_its_own_id(devices: tuple[Directory, Directory, Directory]) -> None:
    assert len({d.device_id for d in devices}) == 3


def test_a_new_record_reaches_another_device(devices: tuple[Directory, Directory, Directory]) -> None:
    a, b, _ = devices
    org = a.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    send(a, b)
    assert b.get(Organisation, org.id) == org
    assert exported(a) == exported(b)


def test_applying_the_same_changes_twice_changes_nothing(devices: tuple[Directory, Directory, Directory]) -> None:
    a, b, _ = devices
    a.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    changes = list(a.log.changes_since({}))
    with b.store.transaction():
        b.log.apply(changes)
    once = exported(b)
    with b.store.transaction():
        b.log.apply(changes)
        b.log.apply(reversed(changes))
    assert exported(b) == once


def test_later_edit_of_a_field_wins_everywhere_without_conflict(devices: tuple[Directory, Directory, Directory]) -> None:
    a, b, _ = devices
    org = a.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    send(a, b)
    b.update(Organisation, org.id, {"acronym": "RA"})
    send(b, a)
    a.update(Organisation, org.id, {"acronym": "RAN"})
    send(a, b)
    assert a.get(Organisation, org.id).acronym == b.get(Organisation, org.id).acronym == "RAN"
    assert a.conflicts() == b.conflicts() == []


def test_concurrent_edits_of_one_field_keep_the_losing_value_as_a_conflict(
    devices: tuple[Directory, Directory, Directory],
) -> None:
    a, b, _ = devices
    person = a.create(Person, {"name": "Rosa Mamani (sample)", "country": "BO"})
    send(a, b)
    a.update(Person, person.id, {"phones": "+591 7 111 1111"})
    b.update(Person, person.id, {"phones": "+591 7 222 2222"})
    send(a, b)
    send(b, a)
    assert a.get(Person, person.id) == b.get(Person, person.id)
    [conflict] = a.conflicts()
    assert (conflict.entity, conflict.entity_id, conflict.field) == ("person", person.id, "phones")
    values = [v for _, v in conflict.versions]
    assert sorted(v[0]["value"] for v in values) == ["+59171111111", "+59172222222"]
    assert b.conflicts() == a.conflicts()
    assert exported(a) == exported(b)


def test_concurrent_edits_of_different_fields_both_survive(devices: tuple[Directory, Directory, Directory]) -> None:
    a, b, _ = devices
    org = a.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    send(a, b)
    a.update(Organisation, org.id, {"acronym": "RA"})
    b.update(Organisation, org.id, {"women_led": True})
    send(a, b)
    send(b, a)
    merged = a.get(Organisation, org.id)
    assert (merged.acronym, merged.women_led) == ("RA", True)
    assert a.conflicts() == []


def test_resolving_a_conflict_travels_and_clears_it_everywhere(devices: tuple[Directory, Directory, Directory]) -> None:
    a, b, c = devices
    org = a.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    send(a, b)
    a.update(Organisation, org.id, {"acronym": "RA"})
    b.update(Organisation, org.id, {"acronym": "REDAN"})
    send(a, b)
    send(b, a)
    [conflict] = b.conflicts()
    b.resolve_conflict(conflict, "REDAN")
    send(b, a)
    send(a, c)
    for device in devices:
        assert device.get(Organisation, org.id).acronym == "REDAN"
        assert device.conflicts() == []


def test_an_edit_concurrent_with_a_delete_is_a_conflict_not_a_loss(
    devices: tuple[Directory, Directory, Directory],
) -> None:
    a, b, _ = devices
    org = a.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    send(a, b)
    a.delete(Organisation, org.id)
    b.update(Organisation, org.id, {"notes": "New office in El Alto"})
    send(a, b)
    send(b, a)
    for device in (a, b):
        assert device.find(Organisation, org.id) is None
        [conflict] = device.conflicts()
        assert conflict.field == DELETED
    # Keeping the record brings it back with the edit that raced the delete.
    a.restore([("organisation", org.id)])
    send(a, b)
    for device in (a, b):
        assert device.get(Organisation, org.id).notes == "New office in El Alto"
        assert device.conflicts() == []


def test_a_delete_that_saw_every_edit_is_no_conflict(devices: tuple[Directory, Directory, Directory]) -> None:
    a, b, _ = devices
    org = a.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    send(a, b)
    b.update(Organisation, org.id, {"notes": "moved"})
    send(b, a)
    a.delete(Organisation, org.id)
    send(a, b)
    assert b.find(Organisation, org.id) is None
    assert a.conflicts() == b.conflicts() == []


def test_superseded_values_are_not_kept(directory: Directory) -> None:
    person = directory.create(Person, {"name": "Rosa Mamani (sample)", "phones": "+591 7 111 1111"})
    directory.update(Person, person.id, {"phones": "+591 7 222 2222"})
    rows = directory.conn.execute("SELECT value FROM change WHERE field = 'phones'").fetchall()
    assert sorted(rows, key=str) == sorted([(None,), ('[{"kind":"work","value":"+59172222222"}]',)], key=str)


def test_erasure_removes_the_record_everywhere_and_cannot_be_undone(
    devices: tuple[Directory, Directory, Directory],
) -> None:
    a, b, c = devices
    org = a.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    person = a.add_person({"name": "Zaynab Haddad (sample)"}, organisation_id=org.id)
    send(a, b)
    send(a, c)
    old_changes = list(a.log.changes_since({}))
    b.update(Person, person.id, {"notes": "concurrent edit"})
    with a.store.transaction():
        a.log.erase("person", person.id)
    send(a, c)
    send(b, c)
    with c.store.transaction():
        c.log.apply(old_changes)
    send(c, b)
    for device in devices:
        assert device.find(Person, person.id) is None
        leftovers = device.conn.execute(
            "SELECT field FROM change WHERE entity_id = ?", (person.id,)
        ).fetchall()
        assert leftovers == [("_erased",)]
        assert b"Zaynab" not in device.conn.execute(
            "SELECT group_concat(value) FROM change"
        ).fetchone()[0].encode()
    assert exported(b) == exported(c)


def test_a_device_whose_clock_is_days_behind_still_orders_its_new_edits_last(
    devices: tuple[Directory, Directory, Directory],
) -> None:
    a, b, _ = devices
    days = 5 * 24 * 3600 * 1000
    real = b.log.clock._wall
    b.log.clock._wall = lambda: real() - days
    org = a.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    a.update(Organisation, org.id, {"acronym": "OLD"})
    send(a, b)
    b.update(Organisation, org.id, {"acronym": "NEW"})
    send(b, a)
    assert a.get(Organisation, org.id).acronym == "NEW"
    assert a.conflicts() == []


def test_local_notes_never_travel_and_are_not_exported(devices: tuple[Directory, Directory, Directory]) -> None:
    a, b, _ = devices
    org = a.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    a.set_local_note(Organisation, org.id, "Contact only through Rosa; phones are watched")
    send(a, b)
    assert a.local_note(Organisation, org.id).startswith("Contact only")
    assert b.local_note(Organisation, org.id) == ""
    assert "watched" not in exported(a)
    assert exported(a) == exported(b)


def test_links_deleted_with_a_person_come_back_on_restore(directory: Directory) -> None:
    org = directory.create(Organisation, {"name": "Red Andina (sample)", "country": "BO"})
    person = directory.add_person({"name": "Rosa Mamani (sample)"}, organisation_id=org.id, role="Coordinadora")
    deleted = directory.delete(Person, person.id)
    assert directory.affiliations(organisation_id=org.id) == []
    directory.restore(deleted)
    [link] = directory.affiliations(organisation_id=org.id)
    assert (link.person_id, link.role) == (person.id, "Coordinadora")
    assert isinstance(link, Affiliation)
