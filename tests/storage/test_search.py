"""Search order: matches by name first, then matches elsewhere, each in name order."""

from __future__ import annotations

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation, Person


def test_people_named_by_the_word_come_before_people_who_only_mention_it(directory: Directory) -> None:
    noted = directory.create(Person, {"name": "Ana Pérez", "notes": "Samples the catch weekly."})
    late = directory.create(Person, {"name": "Zoe Samuels"})
    early = directory.create(Person, {"name": "Samira Haddad"})
    hits = directory.search("sam", kinds=("person",))
    assert [h.id for h in hits] == [early.id, late.id, noted.id]
    assert [h.rank for h in hits] == [0.0, 0.0, 1.0]


def test_every_word_must_match_in_the_name_for_a_match_by_name(directory: Directory) -> None:
    both = directory.create(Person, {"name": "Maria Santos", "country": "BR"})
    split = directory.create(Person, {"name": "Maria Lopes", "notes": "Santos harbour."})
    hits = directory.search("santos maria", kinds=("person",))
    assert [(h.id, h.rank) for h in hits] == [(both.id, 0.0), (split.id, 1.0)]


def test_an_acronym_is_a_name_and_kinds_merge_in_name_order(directory: Directory) -> None:
    org = directory.create(Organisation, {"name": "Pescadores Unidos", "acronym": "APU", "country": "PE"})
    person = directory.create(Person, {"name": "Apumayta Quispe"})
    other = directory.create(Person, {"name": "Rosa Mamani", "notes": "Apu of the village."})
    hits = directory.search("apu")
    assert [(h.kind, h.id) for h in hits] == [
        ("person", person.id), ("organisation", org.id), ("person", other.id)
    ]


def test_the_limit_counts_matches_by_name_before_the_others(directory: Directory) -> None:
    named = [directory.create(Person, {"name": f"Sara {n}"}) for n in range(3)]
    directory.create(Person, {"name": "Luz Ortega", "notes": "sara"})
    assert [h.id for h in directory.search("sara", limit=3)] == [p.id for p in named]
    assert len(directory.search("sara", limit=4)) == 4
