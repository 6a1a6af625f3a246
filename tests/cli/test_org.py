"""`smwg org`: adding, editing, listing, showing and deleting organisations."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Affiliation, Organisation
from tests.cli.conftest import Smwg, column


def test_org_add_prints_only_the_new_full_id(smwg: Smwg, data_dir: Path) -> None:
    org_id = smwg.add("org", "add", "--name", "Via Campesina Perú", "--country", "pe")
    assert str(uuid.UUID(org_id)) == org_id
    with Directory.open(data_dir, write=False) as directory:
        assert directory.get(Organisation, org_id).country == "PE"


def test_org_add_takes_options_and_any_field_through_set(smwg: Smwg) -> None:
    org_id = smwg.add(
        "org",
        "add",
        "--name",
        "Red de Pescadores",
        "--country",
        "Chile",
        "--acronym",
        "RP",
        "--constituency",
        "fisherfolk",
        "--constituency",
        "Urban poor",
        "--women-led",
        "--status",
        "applicant",
        "--set",
        "emails=work:a@red.cl,home:c@d.org",
        "--set",
        "consent=emails,website",
        "--set",
        "languages=es,en",
        "--set",
        "member_since=2019-05-01",
    )
    shown = json.loads(smwg("org", "show", org_id, "--json"))
    assert shown["id"] == org_id
    assert shown["country"] == "CL"
    assert shown["constituencies"] == ["fisherfolk", "urban_poor"]
    assert shown["women_led"] is True
    assert shown["status"] == "applicant"
    assert shown["emails"] == [
        {"kind": "work", "value": "a@red.cl"},
        {"kind": "home", "value": "c@d.org"},
    ]
    assert shown["consent"] == ["emails", "website"]
    assert shown["languages"] == ["es", "en"]
    assert shown["member_since"] == "2019-05-01"


def test_org_add_with_unknown_country_exits_2_and_writes_nothing(smwg: Smwg) -> None:
    line = smwg.refused_unchanged("org", "add", "--name", "Nowhere", "--country", "ZZ")
    assert line == "smwg: country: 'ZZ' is not an ISO 3166 country code"


def test_org_add_with_a_field_named_twice_is_refused(smwg: Smwg) -> None:
    line = smwg.refused_unchanged("org", "add", "--name", "A", "--country", "PE", "--set", "name=B")
    assert "name is given twice" in line


def test_set_without_equals_sign_is_refused(smwg: Smwg) -> None:
    line = smwg.refused_unchanged("org", "add", "--name", "A", "--country", "PE", "--set", "notes")
    assert "FIELD=VALUE" in line


def test_org_edit_changes_only_the_fields_given(smwg: Smwg) -> None:
    org_id = smwg.add("org", "add", "--name", "Kilimo Hai", "--country", "KE", "--acronym", "KH")
    assert (
        smwg(
            "org",
            "edit",
            org_id[:6],
            "--set",
            "status=former",
            "--set",
            "constituencies=peasants,landless farmers",
        )
        == ""
    )
    shown = json.loads(smwg("org", "show", org_id, "--json"))
    assert shown["status"] == "former"
    assert shown["constituencies"] == ["peasants", "landless_farmers"]
    assert shown["acronym"] == "KH"
    assert shown["name"] == "Kilimo Hai"


def test_org_edit_without_set_is_refused(smwg: Smwg) -> None:
    org_id = smwg.add("org", "add", "--name", "Kilimo Hai", "--country", "KE")
    assert "--set" in smwg.refused_unchanged("org", "edit", org_id)


def test_org_edit_with_unknown_field_names_the_fields_there_are(smwg: Smwg) -> None:
    org_id = smwg.add("org", "add", "--name", "Kilimo Hai", "--country", "KE")
    line = smwg.refused_unchanged("org", "edit", org_id, "--set", "colour=green")
    assert line.startswith("smwg: colour: no such field; fields are: name, acronym, country")


def test_org_list_narrows_by_country_region_status_constituency_and_women_led(
    smwg: Smwg,
) -> None:
    smwg.add(
        "org",
        "add",
        "--name",
        "Andes",
        "--country",
        "PE",
        "--constituency",
        "peasants",
        "--women-led",
    )
    smwg.add("org", "add", "--name", "Baltic", "--country", "EE", "--status", "prospect")
    smwg.add(
        "org",
        "add",
        "--name",
        "Coast",
        "--country",
        "SN",
        "--constituency",
        "fisherfolk",
        "--constituency",
        "peasants",
        "--women-led",
    )

    def names(*options: str) -> list[str]:
        return column(smwg("org", "list", *options), "NAME")

    assert names() == ["Andes", "Baltic", "Coast"]
    assert names("--country", "peru") == ["Andes"]
    assert names("--region", "africa") == ["Coast"]
    assert names("--status", "prospect") == ["Baltic"]
    assert names("--constituency", "peasants") == ["Andes", "Coast"]
    assert names("--women-led", "--constituency", "fisherfolk") == ["Coast"]
    assert smwg("org", "list", "--country", "AR") == "No organisations.\n"


def test_org_list_with_a_bad_filter_is_refused(smwg: Smwg) -> None:
    assert "country" in smwg.refused("org", "list", "--country", "Atlantis")
    assert "--region" in smwg.refused("org", "list", "--region", "mars")


def test_org_list_json_is_an_array_of_records_with_their_ids(smwg: Smwg) -> None:
    first = smwg.add("org", "add", "--name", "Beta", "--country", "BR")
    second = smwg.add("org", "add", "--name", "alfa", "--country", "AR")
    listed = json.loads(smwg("org", "list", "--json"))
    assert [o["id"] for o in listed] == [second, first]
    assert listed[1]["name"] == "Beta"
    assert listed[1]["country"] == "BR"


def test_org_list_ids_are_prefixes_that_commands_accept_back(smwg: Smwg) -> None:
    org_id = smwg.add("org", "add", "--name", "Andes", "--country", "PE")
    (short,) = column(smwg("org", "list"), "ID")
    assert org_id.startswith(short)
    assert json.loads(smwg("org", "show", short, "--json"))["id"] == org_id


def test_org_show_prints_region_and_country_name(smwg: Smwg) -> None:
    org_id = smwg.add("org", "add", "--name", "Andes", "--country", "PE")
    shown = smwg("org", "show", org_id[:5])
    assert "id:" in shown and org_id in shown
    assert "PE (Peru)" in shown
    assert "Latin America and the Caribbean" in shown


def test_org_show_lists_its_people_with_their_roles(smwg: Smwg) -> None:
    org_id = smwg.add("org", "add", "--name", "Andes", "--country", "PE")
    smwg.add("person", "add", "--name", "Rosa Quispe", "--org", org_id, "--role", "President")
    assert "Rosa Quispe — President" in smwg("org", "show", org_id)


def test_org_delete_takes_the_affiliations_with_it(smwg: Smwg, data_dir: Path) -> None:
    org_id = smwg.add("org", "add", "--name", "Andes", "--country", "PE")
    person_id = smwg.add("person", "add", "--name", "Rosa", "--org", org_id)
    out = smwg("org", "delete", org_id[:6])
    assert out == f"Deleted organisation Andes ({org_id}) and 1 linked record.\n"
    with Directory.open(data_dir, write=False) as directory:
        assert directory.count(Organisation) == 0
        assert directory.affiliations(person_id=person_id) == []
        assert directory.count(Affiliation) == 0
    assert "no organisation with id" in smwg.refused("org", "show", org_id)


def test_org_note_is_shown_as_local_only(smwg: Smwg) -> None:
    org_id = smwg.add("org", "add", "--name", "Andes", "--country", "PE")
    assert smwg("org", "note", org_id, "Met their lawyer in Lima") == ""
    shown = smwg("org", "show", org_id)
    assert (
        "Local note (kept on this device only, never shared):\n  Met their lawyer in Lima" in shown
    )
    smwg("org", "note", org_id, "")
    assert "Local note" not in smwg("org", "show", org_id)


def test_org_list_prints_a_row_per_organisation_with_its_region_status_and_leadership(
    smwg: Smwg,
) -> None:
    andes = smwg.add("org", "add", "--name", "Red Andina", "--acronym", "RA", "--country", "PE",
                     "--women-led")
    baltic = smwg.add("org", "add", "--name", "Baltic", "--country", "LV", "--status", "prospect")

    assert smwg("org", "list").splitlines() == [
        "ID        NAME        ACRONYM  COUNTRY  REGION                           STATUS    WOMEN-LED",
        f"{baltic[:8]}  Baltic               LV       Europe                           prospect",
        f"{andes[:8]}  Red Andina  RA       PE       Latin America and the Caribbean  member    yes",
    ]
