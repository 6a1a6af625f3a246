"""The core facade: every change validated, in one transaction, or not at all."""

from __future__ import annotations

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import NotFoundError, ValidationError
from smwg_desktop.core.model import (
    Activity,
    AgendaItem,
    Body,
    Organisation,
    Participant,
    Person,
    Seat,
)
from smwg_desktop.storage.changelog import encode


def snapshot(directory: Directory) -> tuple[str, int]:
    changes = directory.conn.execute("SELECT count(*) FROM change").fetchone()[0]
    return encode(directory.export_canonical()), changes


@pytest.fixture
def org(directory: Directory) -> Organisation:
    return directory.create(
        Organisation,
        {"name": "Asociación de Pescadores del Golfo (muestra)", "country": "HN", "acronym": "APG"},
    )


def test_refused_edit_leaves_everything_as_it_was(directory: Directory, org: Organisation) -> None:
    before = snapshot(directory)
    with pytest.raises(ValidationError, match=r"^country: "):
        directory.update(Organisation, org.id, {"acronym": "NEW", "country": "XX"})
    assert snapshot(directory) == before


def test_refused_new_person_with_a_bad_phone_writes_nothing(directory: Directory, org: Organisation) -> None:
    before = snapshot(directory)
    with pytest.raises(ValidationError, match=r"^phones: "):
        directory.add_person({"name": "Ángel Núñez", "phones": "not a number"}, organisation_id=org.id)
    assert snapshot(directory) == before


def test_reference_to_a_missing_record_is_refused(directory: Directory) -> None:
    before = snapshot(directory)
    person = directory.create(Person, {"name": "Ana"})
    with pytest.raises(ValidationError, match=r"^body_id: no body"):
        directory.create(Seat, {"person_id": person.id, "body_id": "nope"})
    assert directory.count(Seat) == 0
    assert snapshot(directory) != before


def test_a_person_in_an_organisation_dials_from_its_country(directory: Directory, org: Organisation) -> None:
    person = directory.add_person({"name": "Ángel Núñez", "phones": "9555 1234"}, organisation_id=org.id, role="Presidente")
    assert person.phones[0].value == "+50495551234"
    [link] = directory.affiliations(person_id=person.id)
    assert (link.organisation_id, link.role) == (org.id, "Presidente")


def test_id_prefix_finds_one_record_and_refuses_ambiguity(directory: Directory, org: Organisation) -> None:
    assert directory.get(Organisation, org.id[:8]) == org
    with pytest.raises(NotFoundError, match="no organisation"):
        directory.get(Organisation, "ffffffff")
    with pytest.raises(NotFoundError):
        directory.get(Organisation, org.id[:3])
    for record_id in ("abcd0000-0000-4000-8000-000000000001", "abcd0000-0000-4000-8000-000000000002"):
        directory.create(Organisation, {"name": "Twin", "country": "PE"}, record_id=record_id)
    with pytest.raises(NotFoundError, match="more than one"):
        directory.get(Organisation, "abcd")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("asociacion", "Asociación de Pescadores del Golfo (muestra)"),
        ("ASOCIACIÓN golfo", "Asociación de Pescadores del Golfo (muestra)"),
        ("sao", "Movimento dos Sem Terra de São Paulo (exemplo)"),
        ("pesc", "Asociación de Pescadores del Golfo (muestra)"),
        ("apg", "Asociación de Pescadores del Golfo (muestra)"),
        ("honduras", "Asociación de Pescadores del Golfo (muestra)"),
        ("conceicao", "Maria da Conceição Santos"),
        ("example.org", "Maria da Conceição Santos"),
        ("ольга", "Ольга Коваленко"),
        ("brasil", "Maria da Conceição Santos"),
        ("bresil", "Movimento dos Sem Terra de São Paulo (exemplo)"),
    ],
)
def test_search_ignores_accents_and_case_and_matches_prefixes(
    directory: Directory, org: Organisation, query: str, expected: str
) -> None:
    directory.create(Organisation, {"name": "Movimento dos Sem Terra de São Paulo (exemplo)", "country": "BR"})
    directory.create(Person, {"name": "Maria da Conceição Santos", "emails": "conceicao@example.org", "country": "BR"})
    directory.create(Person, {"name": "Ольга Коваленко", "country": "UA"})
    names = [hit.name for hit in directory.search(query)]
    assert expected in names


def test_search_follows_edits_and_deletes(directory: Directory, org: Organisation) -> None:
    directory.update(Organisation, org.id, {"name": "Red de Pescadoras (muestra)"})
    assert [h.id for h in directory.search("pescadoras")] == [org.id]
    assert directory.search("golfo") == []
    directory.delete(Organisation, org.id)
    assert directory.search("pescadoras") == []


def test_search_can_look_for_people_only(directory: Directory, org: Organisation) -> None:
    person = directory.create(Person, {"name": "Golfo Pérez"})
    assert {h.kind for h in directory.search("golfo")} == {"organisation", "person"}
    assert [h.id for h in directory.search("golfo", kinds=("person",))] == [person.id]


def test_search_treats_operators_and_quotes_as_text(directory: Directory, org: Organisation) -> None:
    for text in ['"', "AND OR NOT", "golfo*", "(", "name:x", "-", ""]:
        directory.search(text)


def test_agenda_move_recomputes_times(directory: Directory) -> None:
    activity = directory.create(
        Activity,
        {"title": "SMWG meeting at the GSM (sample)", "activity_kind": "gsm", "start": "2026-12-01T09:00",
         "end": "2026-12-02T17:00", "tz": "Africa/Johannesburg"},
    )
    for title, minutes, day in [("Welcome", 30, 1), ("Repression trends", 90, 1), ("Tea", 15, 1), ("Campaign", 60, 2)]:
        directory.add_agenda_item(activity.id, {"title": title, "minutes": minutes, "day": day})
    tea = next(i for i in directory.agenda(activity.id) if i.title == "Tea")
    directory.move_agenda_item(tea.id, 2)
    times = [(s.item.title, s.start.strftime("%d %H:%M")) for s in directory.timetable(activity.id)]
    assert times == [("Welcome", "01 09:00"), ("Tea", "01 09:30"), ("Repression trends", "01 09:45"), ("Campaign", "02 09:00")]
    directory.move_agenda_item(tea.id, 2, day=2)
    assert [s.item.title for s in directory.timetable(activity.id) if s.item.day == 2] == ["Campaign", "Tea"]
    with pytest.raises(ValidationError, match=r"^position: "):
        directory.move_agenda_item(tea.id, 9)


def test_deleting_an_activity_takes_its_agenda_and_participants(directory: Directory) -> None:
    activity = directory.create(
        Activity, {"title": "Dialogue (sample)", "start": "2026-03-01T14:00", "end": "2026-03-01T16:00", "tz": "UTC"}
    )
    person = directory.create(Person, {"name": "Ana"})
    directory.create(Participant, {"activity_id": activity.id, "person_id": person.id})
    directory.add_agenda_item(activity.id, {"title": "Round of news", "minutes": 30})
    deleted = directory.delete(Activity, activity.id)
    assert sorted(kind for kind, _ in deleted) == ["activity", "agenda_item", "participant"]
    assert directory.count(AgendaItem) == directory.count(Participant) == 0
    assert directory.get(Person, person.id) == person


def test_unchanged_values_record_no_change(directory: Directory, org: Organisation) -> None:
    before = snapshot(directory)
    directory.update(Organisation, org.id, {"acronym": "APG", "country": "hn"})
    assert snapshot(directory) == before


def test_a_body_and_seat_record_who_leads_when(directory: Directory) -> None:
    board = directory.create(Body, {"name": "Board", "body_kind": "board"})
    person = directory.create(Person, {"name": "Amina Okafor (sample)"})
    seat = directory.create(Seat, {"person_id": person.id, "body_id": board.id, "role": "board_member",
                                   "start": "2015-01-01", "end": "2018-12-31"})
    from datetime import date

    assert seat.holds_on(date(2016, 6, 1)) and not seat.holds_on(date(2020, 1, 1))
    assert directory.seats(body_id=board.id) == [seat]
