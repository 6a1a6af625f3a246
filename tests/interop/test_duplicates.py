"""Duplicates: proposed as merges on import, and found and merged in the directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import RefusedError
from smwg_desktop.core.model import (
    Activity,
    Affiliation,
    Body,
    Organisation,
    Participant,
    Person,
    Seat,
)
from smwg_desktop.interop.apply import apply_plan, import_file
from smwg_desktop.interop.duplicates import find_duplicates, merge
from smwg_desktop.interop.plan import Action, make_plan
from smwg_desktop.interop.rows import IncomingRow
from tests.interop.conftest import snapshot


def test_same_email_across_google_and_outlook_is_proposed_as_a_merge(
    directory: Directory, data: Path
) -> None:
    import_file(directory, data / "google-bom.csv")
    [lucia] = [p for p in directory.list(Person) if p.name == "Lucía Fernández"]

    plan, _ = import_file(directory, data / "outlook.csv", dry_run=True)

    [proposal] = plan.merges
    assert proposal.line == 2
    person = next(s for s in proposal.steps if s.kind == "person")
    assert (person.action, person.record_id) == (Action.MERGE, lucia.id)
    assert person.reason == "same e-mail lucia.fernandez@example.org"
    assert set(person.changes) == {"emails", "phones"}
    # The directory keeps its spelling of the name; the file's is reported.
    assert any(k.startswith("name:") for k in person.kept)

    apply_plan(directory, plan)
    merged = directory.get(Person, lucia.id)
    assert merged.name == "Lucía Fernández"
    assert {c.value for c in merged.emails} == {
        "lucia.fernandez@example.org", "lucia.personal@example.net",
    }
    assert {c.value for c in merged.phones} == {"+525555550101", "+525555550102"}
    assert directory.count(Person) == 4  # Fatou, Lucía, Ravi, Amina
    # Same organisation by name: one place, not two.
    assert len(directory.affiliations(person_id=lucia.id)) == 1


def row(line: int, name: str, org: str = "", **person: str) -> IncomingRow:
    return IncomingRow(
        line, person={"name": name, **person},
        organisation={"name": org, "country": "PE"} if org else {},
    )


def test_similar_names_are_proposed_as_merges_and_can_be_declined(directory: Directory) -> None:
    existing = directory.create(Person, {"name": "María Chávez Huamán", "emails": "maria@example.org"})
    incoming = [row(2, "Huaman, Maria Chavez", phones="+51 984 555 123")]

    plan = make_plan(directory, incoming)
    [proposal] = plan.rows
    assert proposal.action is Action.MERGE
    assert proposal.steps[0].record_id == existing.id
    assert proposal.steps[0].reason.startswith("similar name")

    declined = make_plan(directory, incoming, declined={2})
    assert declined.rows[0].action is Action.CREATE


def test_small_typos_still_match_but_other_people_do_not(directory: Directory) -> None:
    directory.create(Person, {"name": "Jean-Baptiste Diouf"})
    directory.create(Person, {"name": "Ana Pérez", "emails": "ana@example.org"})

    plan = make_plan(directory, [
        row(2, "Jean Baptiste Dioff", phones="+221 77 123 45 67"),
        row(3, "Ana Perez", emails="ana.other@example.net"),
        row(4, "Anatole Pereira"),
    ])

    assert [r.action for r in plan.rows] == [Action.MERGE, Action.CREATE, Action.CREATE]
    # Two addresses and none shared: two people, said so.
    assert "created separately" in plan.rows[1].steps[0].reason


def test_rows_of_the_same_person_in_one_file_become_one_person(directory: Directory) -> None:
    plan = make_plan(directory, [
        row(2, "Ana Pérez", "Red Andina", emails="ana@example.org"),
        row(3, "Ana Perez", "Colectivo Sur", emails="ana@example.org"),
    ])
    apply_plan(directory, plan)

    [ana] = directory.list(Person)
    assert len(directory.affiliations(person_id=ana.id)) == 2


def test_duplicates_already_in_the_directory_are_found(directory: Directory) -> None:
    a = directory.create(Person, {"name": "Thabo Nkosi", "emails": "thabo@example.org"})
    b = directory.create(Person, {"name": "T. Nkosi", "emails": "thabo@example.org, t@example.net"})
    directory.create(Person, {"name": "Rosa Mamani"})
    directory.create(Person, {"name": "Rosa Elena Mamani"})
    directory.create(Organisation, {"name": "Asociación de Pescadores del Golfo", "country": "HN"})
    directory.create(Organisation, {"name": "Asociacion de Pescadores del Golfo.", "country": "HN"})

    pairs = find_duplicates(directory)

    found = {(p.kind, frozenset((p.merge_name, p.into_name))) for p in pairs}
    assert found == {
        ("person", frozenset({"Thabo Nkosi", "T. Nkosi"})),
        ("person", frozenset({"Rosa Mamani", "Rosa Elena Mamani"})),
        ("organisation", frozenset({"Asociación de Pescadores del Golfo",
                                    "Asociacion de Pescadores del Golfo."})),
    }
    thabo = next(p for p in pairs if "Nkosi" in p.into_name)
    assert thabo.reasons == ("same e-mail thabo@example.org",)
    assert thabo.into_id == b.id and thabo.merge_id == a.id  # more contacts: kept


def test_merge_keeps_b_gains_a_contacts_and_links_and_deletes_a(directory: Directory) -> None:
    org = directory.create(Organisation, {"name": "Red Andina", "country": "PE"})
    other = directory.create(Organisation, {"name": "Colectivo Sur", "country": "CL"})
    board = directory.create(Body, {"name": "Board", "body_kind": "board"})
    meeting = directory.create(Activity, {
        "title": "GSM", "start": "2026-03-01T09:00", "end": "2026-03-02T17:00", "tz": "America/Lima",
    })
    a = directory.add_person(
        {"name": "Ana Perez", "emails": "home:ana@example.net", "phones": "+51 984 555 123",
         "at_risk": True, "notes": "From the 2016 list"},
        organisation_id=other.id, role="Focal point",
    )
    directory.create(Affiliation, {"person_id": a.id, "organisation_id": org.id, "role": "Chair"})
    directory.create(Seat, {"person_id": a.id, "body_id": board.id, "role": "board_member"})
    directory.create(Participant, {"activity_id": meeting.id, "person_id": a.id})
    b = directory.add_person(
        {"name": "Ana Pérez", "emails": "ana@example.org", "country": "PE"},
        organisation_id=org.id, role="",
    )

    result = merge(directory, a.id[:8], b.id[:8])

    assert (result.kept_id, result.removed_id) == (b.id, a.id)
    kept = directory.get(Person, b.id)
    assert kept.name == "Ana Pérez" and kept.country == "PE"
    assert [c.value for c in kept.emails] == ["ana@example.org", "ana@example.net"]
    assert [c.value for c in kept.phones] == ["+51984555123"]
    assert kept.at_risk is True  # withholding more always wins
    assert kept.notes == "From the 2016 list"
    places = {p.organisation_id: p.role for p in directory.affiliations(person_id=b.id)}
    assert places == {org.id: "Chair", other.id: "Focal point"}
    assert [s.body_id for s in directory.seats(person_id=b.id)] == [board.id]
    assert [p.person_id for p in directory.participants(meeting.id)] == [b.id]
    assert directory.find(Person, a.id) is None
    assert directory.affiliations(person_id=a.id) == []


def test_merging_organisations_moves_their_people(directory: Directory) -> None:
    a = directory.create(Organisation, {"name": "APG", "country": "HN", "emails": "apg@example.org"})
    b = directory.create(Organisation, {"name": "Asociación de Pescadores del Golfo", "country": "HN"})
    person = directory.add_person({"name": "Ángel Núñez"}, organisation_id=a.id, role="Presidente")

    merge(directory, a.id, b.id)

    [place] = directory.affiliations(person_id=person.id)
    assert (place.organisation_id, place.role) == (b.id, "Presidente")
    assert [c.value for c in directory.get(Organisation, b.id).emails] == ["apg@example.org"]
    assert directory.find(Organisation, a.id) is None


def test_merging_keeps_the_outreach_history_and_who_made_each_move(directory: Directory) -> None:
    from smwg_desktop.core.outreach import move, moves

    a = directory.create(Organisation, {"name": "WLRC", "country": "MW", "status": "prospect"})
    b = directory.create(
        Organisation, {"name": "Women's Land Rights Collective", "country": "MW", "status": "prospect"}
    )
    organiser = directory.create(Person, {"name": "Chipo Moyo", "emails": "chipo@example.org"})
    twin = directory.create(Person, {"name": "Chipo Moyo", "emails": "chipo@example.net"})
    move(directory, a.id, "contacted", on="2016-02-22", responsible_id=twin.id, note="First call.")

    merge(directory, twin.id, organiser.id)
    merge(directory, a.id, b.id)

    [step] = moves(directory, b.id)
    assert (step.stage, step.moved_on.isoformat(), step.note) == ("contacted", "2016-02-22", "First call.")  # type: ignore[union-attr]
    assert step.responsible_id == organiser.id


def test_a_refused_merge_changes_nothing(directory: Directory) -> None:
    a = directory.create(Person, {"name": "Ana"})
    org = directory.create(Organisation, {"name": "Red", "country": "PE"})
    before = snapshot(directory)

    with pytest.raises(RefusedError):
        merge(directory, a.id, a.id)
    with pytest.raises(RefusedError, match="not two people or two organisations"):
        merge(directory, a.id, org.id)

    assert snapshot(directory) == before


def test_rows_of_one_person_in_an_export_keep_together_by_id(directory: Directory) -> None:
    rows = [
        IncomingRow(2, person={"name": "María López"}, person_ref="0f0e0d0c-0000-4000-8000-000000000001",
                    organisation={"name": "Red Andina", "country": "PE"}, role="Chair"),
        IncomingRow(3, person={"name": "María López"}, person_ref="0f0e0d0c-0000-4000-8000-000000000002",
                    organisation={"name": "Colectivo Sur", "country": "CL"}, role="Member"),
        IncomingRow(4, person={"name": "María López"}, person_ref="0f0e0d0c-0000-4000-8000-000000000001",
                    organisation={"name": "Colectivo Sur", "country": "CL"}, role="Adviser"),
    ]

    plan = make_plan(directory, rows, declined={3})
    apply_plan(directory, plan)

    # Two namesakes without contacts: the ids, not the names, say who is who.
    people = directory.list(Person)
    assert len(people) == 2
    assert sorted(len(directory.affiliations(person_id=p.id)) for p in people) == [1, 2]
