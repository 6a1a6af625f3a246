"""`smwg search` and `smwg export json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Smwg, column


@pytest.fixture
def filled(smwg: Smwg) -> Smwg:
    org_id = smwg.add("org", "add", "--name", "Asociación de Mujeres Campesinas", "--country", "BO")
    smwg.add("org", "add", "--name", "Movimento dos Pescadores de São Paulo", "--country", "BR")
    smwg.add("person", "add", "--name", "Zé Pereira", "--org", org_id, "--at-risk")
    smwg("org", "note", org_id, "Secret meeting place: the old mill")
    return smwg


def test_search_ignores_accents_either_way(filled: Smwg) -> None:
    assert column(filled("search", "asociacion"), "NAME") == ["Asociación de Mujeres Campesinas"]
    assert column(filled("search", "sao"), "NAME") == ["Movimento dos Pescadores de São Paulo"]
    assert column(filled("search", "Asociación"), "NAME") == ["Asociación de Mujeres Campesinas"]


def test_search_finds_people_and_organisations(filled: Smwg) -> None:
    found = json.loads(filled("search", "ze", "--json"))
    assert [(f["kind"], f["name"]) for f in found] == [("person", "Zé Pereira")]
    assert filled("search", "nothing-like-this") == "Nothing found.\n"


def test_export_to_file_is_canonical_json_with_a_trailing_newline(
    filled: Smwg, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "export.json"
    target.parent.mkdir()
    assert filled("export", "json", str(target), "--include-at-risk") == ""
    data = target.read_bytes()
    assert data.endswith(b"}\n")
    state = json.loads(data)
    assert json.dumps(state, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n" == (
        data.decode("utf-8")
    )
    assert [o["name"] for o in state["organisation"]] == sorted(
        (o["name"] for o in state["organisation"]),
        key=lambda name: next(o["id"] for o in state["organisation"] if o["name"] == name),
    )
    assert data == filled.export()
    assert [p.name for p in target.parent.iterdir()] == ["export.json"]


def test_export_is_stable_and_sorted_across_exports(filled: Smwg) -> None:
    first = filled.export()
    assert filled.export() == first
    state = json.loads(first)
    for kind in ("organisation", "person", "affiliation"):
        ids = [r["id"] for r in state[kind]]
        assert ids == sorted(ids)


def test_export_leaves_out_local_notes(filled: Smwg) -> None:
    assert b"old mill" not in filled.export()


def test_export_with_records_at_risk_is_refused_unless_deliberate(filled: Smwg, tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    line = filled.refused("export", "json", str(target))
    assert line == (
        "smwg: 1 record is marked at risk and never exported in plain text; "
        "add --include-at-risk to export them deliberately"
    )
    assert not target.exists()
    assert filled("export", "json", str(target), "--include-at-risk") == ""
    assert b"Z\xc3\xa9 Pereira" in target.read_bytes()


def test_export_over_an_existing_file_replaces_it_whole(filled: Smwg, tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("old and much longer content " * 1000)
    filled("export", "json", str(target), "--include-at-risk")
    assert target.read_bytes() == filled.export()


def test_export_into_a_missing_folder_is_refused(filled: Smwg, tmp_path: Path) -> None:
    line = filled.refused(
        "export", "json", str(tmp_path / "missing" / "export.json"), "--include-at-risk"
    )
    assert line.startswith("smwg: cannot write ")
    assert not (tmp_path / "missing").exists()


def test_search_prints_the_kind_id_name_and_country_of_each_match(filled: Smwg) -> None:
    (organisation,) = json.loads(filled("search", "asociacion", "--json"))
    (person,) = json.loads(filled("search", "pereira", "--json"))

    assert filled("search", "asociacion").splitlines() == [
        "KIND          ID        NAME                              COUNTRY",
        f"organisation  {organisation['id'][:8]}  Asociación de Mujeres Campesinas  BO",
    ]
    assert filled("search", "pereira").splitlines() == [
        "KIND    ID        NAME        COUNTRY",
        f"person  {person['id'][:8]}  Zé Pereira",
    ]
    assert (organisation["kind"], person["kind"], person["at_risk"]) == (
        "organisation", "person", True
    )
