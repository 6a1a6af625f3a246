"""`smwg person`: people, their organisations, their seats and their local notes."""

from __future__ import annotations

import json
from pathlib import Path

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Body, Organisation, Person, Seat
from tests.cli.conftest import Smwg, column


def test_person_add_with_org_reads_phones_in_the_org_country(smwg: Smwg, data_dir: Path) -> None:
    org_id = smwg.add("org", "add", "--name", "Andes", "--country", "PE")
    person_id = smwg.add(
        "person",
        "add",
        "--name",
        "Rosa Quispe",
        "--org",
        org_id[:6],
        "--role",
        "President",
        "--phone",
        "987 654 321",
        "--email",
        "rosa@andes.pe",
        "--email",
        "home:rq@mail.org",
    )
    with Directory.open(data_dir, write=False) as directory:
        person = directory.get(Person, person_id)
        (affiliation,) = directory.affiliations(person_id=person_id)
    assert [c.value for c in person.phones] == ["+51987654321"]
    assert [(c.kind, c.value) for c in person.emails] == [
        ("work", "rosa@andes.pe"),
        ("home", "rq@mail.org"),
    ]
    assert (affiliation.organisation_id, affiliation.role) == (org_id, "President")


def test_person_add_with_bad_email_exits_2_and_writes_nothing(smwg: Smwg) -> None:
    line = smwg.refused_unchanged("person", "add", "--name", "Rosa", "--email", "rosa at andes")
    assert line == "smwg: emails: 'rosa at andes' is not an e-mail address"


def test_person_add_with_bad_phone_exits_2_and_writes_nothing(smwg: Smwg) -> None:
    line = smwg.refused_unchanged("person", "add", "--name", "Rosa", "--phone", "12")
    assert line.startswith("smwg: phones: '12' is not a phone number")


def test_person_add_in_unknown_org_writes_neither_person_nor_affiliation(smwg: Smwg) -> None:
    line = smwg.refused_unchanged("person", "add", "--name", "Rosa", "--org", "feedbeef")
    assert line == "smwg: no organisation with id 'feedbeef'"


def test_person_role_without_org_is_refused(smwg: Smwg) -> None:
    assert "--role needs --org" in smwg.refused_unchanged(
        "person", "add", "--name", "Rosa", "--role", "President"
    )


def test_person_show_gives_organisations_roles_and_seats(smwg: Smwg, data_dir: Path) -> None:
    org_id = smwg.add("org", "add", "--name", "Andes", "--country", "PE")
    person_id = smwg.add("person", "add", "--name", "Rosa", "--org", org_id, "--role", "President")
    with Directory.open(data_dir) as directory:
        board = directory.create(Body, {"name": "The Board", "body_kind": "board"})
        directory.create(
            Seat,
            {
                "person_id": person_id,
                "body_id": board.id,
                "role": "co_chair",
                "organisation_id": org_id,
                "start": "2024-01-15",
            },
        )
    shown = smwg("person", "show", person_id[:8])
    assert "Organisations:\n  Andes — President" in shown
    assert "Seats:\n  The Board — co chair for Andes (2024-01-15 – )" in shown


def test_person_note_stays_local_and_is_shown_as_such(smwg: Smwg) -> None:
    person_id = smwg.add("person", "add", "--name", "Rosa")
    smwg("person", "note", person_id, "Prefers Signal; do not call")
    shown = smwg("person", "show", person_id)
    assert "kept on this device only" in shown
    assert "Prefers Signal; do not call" in shown
    assert b"Prefers Signal" not in smwg.export()


def test_person_list_narrows_by_org_and_at_risk(smwg: Smwg) -> None:
    andes = smwg.add("org", "add", "--name", "Andes", "--country", "PE")
    coast = smwg.add("org", "add", "--name", "Coast", "--country", "SN")
    smwg.add("person", "add", "--name", "Rosa", "--org", andes, "--at-risk")
    smwg.add("person", "add", "--name", "Awa", "--org", coast)
    smwg.add("person", "add", "--name", "Luis", "--org", andes)

    assert column(smwg("person", "list"), "NAME") == ["Awa", "Luis", "Rosa"]
    assert column(smwg("person", "list", "--org", andes[:6]), "NAME") == ["Luis", "Rosa"]
    assert column(smwg("person", "list", "--at-risk"), "NAME") == ["Rosa"]
    assert column(smwg("person", "list"), "RISK") == ["", "", "at risk"]
    empty = smwg.add("org", "add", "--name", "Empty", "--country", "KE")
    assert smwg("person", "list", "--org", empty) == "No people.\n"
    assert json.loads(smwg("person", "list", "--org", empty, "--json")) == []


def test_person_edit_moves_phone_to_the_new_country(smwg: Smwg) -> None:
    person_id = smwg.add("person", "add", "--name", "Rosa")
    smwg("person", "edit", person_id, "--set", "country=SN", "--set", "phones=mobile:77 123 45 67")
    shown = json.loads(smwg("person", "show", person_id, "--json"))
    assert shown["phones"] == [{"kind": "mobile", "value": "+221771234567"}]


def test_person_delete_takes_affiliations_with_it(smwg: Smwg, data_dir: Path) -> None:
    org_id = smwg.add("org", "add", "--name", "Andes", "--country", "PE")
    person_id = smwg.add("person", "add", "--name", "Rosa", "--org", org_id)
    assert "and 1 linked record" in smwg("person", "delete", person_id)
    with Directory.open(data_dir, write=False) as directory:
        assert directory.count(Person) == 0
        assert directory.count(Organisation) == 1
        assert directory.affiliations(organisation_id=org_id) == []


def test_person_list_prints_a_row_per_person_or_with_json_their_records(smwg: Smwg) -> None:
    andes = smwg.add("org", "add", "--name", "Andes", "--country", "PE")
    rosa = smwg.add("person", "add", "--name", "Rosa", "--org", andes, "--at-risk", "--country",
                    "PE", "--email", "rosa@example.org", "--email", "home:rosa@example.net")
    awa = smwg.add("person", "add", "--name", "Awa")

    assert smwg("person", "list").splitlines() == [
        "ID        NAME  COUNTRY  E-MAIL            RISK",
        f"{awa[:8]}  Awa",
        f"{rosa[:8]}  Rosa  PE       rosa@example.org  at risk",
    ]
    listed = json.loads(smwg("person", "list", "--json"))
    assert listed == [json.loads(smwg("person", "show", who, "--json")) for who in (awa, rosa)]
