"""vCard 3.0 and 4.0 as phones and mail clients write them."""

from __future__ import annotations

from pathlib import Path

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation, Person
from smwg_desktop.interop.apply import import_file
from smwg_desktop.interop.plan import Action
from smwg_desktop.interop.vcard import read_vcard
from tests.interop.conftest import snapshot


def test_vcard3_folded_lines_grouped_labels_and_escaped_commas(directory: Directory, data: Path) -> None:
    import_file(directory, data / "vcard3-folded.vcf")

    found = {p.name: p for p in directory.list(Person)}
    wanjiru = found["Wanjiru Mwangi"]
    assert wanjiru.notes.startswith("Long note that an address book folds across lines because it is longer than seventy-five")
    assert "escaped comma" in wanjiru.notes
    # item2.X-ABLabel "Móvil" labels the grouped number; the fax is left out.
    assert {(c.kind, c.value) for c in wanjiru.phones} == {
        ("mobile", "+254722555010"), ("home", "+254205550101"),
    }
    assert wanjiru.country == "KE"
    [place] = directory.affiliations(person_id=wanjiru.id)
    assert place.role == "Campaigns coordinator, East Africa"
    assert directory.get(Organisation, place.organisation_id).name == (
        "Nairobi Informal Settlements Sample Alliance"
    )
    karim = found["Karim Haddad"]
    assert [(c.kind, c.value) for c in karim.emails] == [("home", "karim@example.ma")]
    assert karim.country == "MA"


def test_vcard4_tel_uris_languages_handles_and_an_organisation_card(
    directory: Directory, data: Path
) -> None:
    import_file(directory, data / "vcard4-tel-uri.vcf")

    [network] = directory.list(Organisation)
    assert (network.acronym, network.country, network.website) == (
        "PIFSN", "FJ", "https://pifsn.example.org",
    )
    assert [c.value for c in network.phones] == ["+6793315550"]
    [mere] = directory.list(Person)
    assert {(c.kind, c.value) for c in mere.phones} == {
        ("mobile", "+6799555012"), ("home", "+6793315511"),
    }
    assert mere.languages == ("fj", "en")
    assert [(c.kind, c.value) for c in mere.handles] == [("signal", "+6799555012")]
    [place] = directory.affiliations(person_id=mere.id)
    assert (place.organisation_id, place.role) == (network.id, "Youth focal point")


def test_a_card_that_cannot_be_read_is_refused_alone(directory: Directory, tmp_path: Path) -> None:
    path = tmp_path / "mixed.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Pérez\r\nEMAIL:ana@example.org\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nthis line is no property\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short\r\n",
        encoding="utf-8",
    )
    rows = read_vcard(path).rows
    assert [r.line for r in rows] == [1, 6, 11]
    assert rows[1].problem and rows[2].problem

    plan, report = import_file(directory, path, skip_bad_rows=True)

    assert [r.action for r in plan.rows] == [Action.CREATE, Action.REFUSED, Action.REFUSED]
    assert report is not None and [line for line, _ in report.refused] == [6, 11]
    assert [p.name for p in directory.list(Person)] == ["Ana Pérez"]


def test_vcard_import_twice_changes_nothing(directory: Directory, data: Path) -> None:
    for name in ("vcard3-folded.vcf", "vcard4-tel-uri.vcf"):
        import_file(directory, data / name)
    before = snapshot(directory)
    for name in ("vcard3-folded.vcf", "vcard4-tel-uri.vcf"):
        plan, _ = import_file(directory, data / name)
        assert plan.changes_nothing
    assert snapshot(directory) == before
