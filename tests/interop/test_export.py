"""Export to CSV, XLSX and vCard 4.0: what the filters select, as consent allows, and back."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from smwg_desktop.core.browse import BrowseFilter
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import PERSON_CONSENT_FIELDS, Body, Organisation, Person
from smwg_desktop.interop.apply import import_file
from smwg_desktop.interop.export import ExportFilter, export_file, shown_on_screen
from smwg_desktop.interop.xlsxfile import read_xlsx

FORMATS = {"csv": "out.csv", "xlsx": "out.xlsx", "vcf": "out.vcf"}
EVERYTHING = ",".join(PERSON_CONSENT_FIELDS)


def file_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        workbook = openpyxl.load_workbook(path, read_only=True)
        cells = [str(v) for row in workbook.worksheets[0].iter_rows(values_only=True) for v in row if v]
        workbook.close()
        return "\n".join(cells)
    return path.read_bytes().decode("utf-8-sig")


@pytest.fixture
def consent_directory(directory: Directory) -> Directory:
    red = directory.create(Organisation, {
        "name": "Red Andina (muestra)", "country": "PE", "acronym": "RA",
        "emails": "red@example.org", "consent": "emails",
    })
    hidden = directory.create(Organisation, {
        "name": "Secret Defenders Collective", "country": "HN", "at_risk": True,
    })
    directory.add_person(
        {"name": "Rosa Mamani", "emails": "work:rosa@example.org, home:rosa.home@example.net",
         "phones": "work:+51 984 555 123, mobile:+51 999 555 000", "handles": "signal:@rosa",
         "country": "BO"},
        organisation_id=red.id, role="Coordinadora",
    )
    rosa = directory.list(Person)[0]
    directory.create(
        type(directory.affiliations(person_id=rosa.id)[0]),
        {"person_id": rosa.id, "organisation_id": hidden.id, "role": "Adviser"},
    )
    directory.add_person(
        {"name": "Berta Defensora", "emails": "berta@example.org", "phones": "+504 9555 0000",
         "at_risk": True},
        organisation_id=red.id, role="Vocera",
    )
    directory.add_person({"name": "Unlisted Person", "emails": "unlisted@example.org",
                          "listed": False}, organisation_id=red.id)
    directory.add_person({"name": "Quiet Member", "emails": "quiet@example.org",
                          "consent": "work_email"}, organisation_id=red.id, role="Tesorera")
    return directory


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_leaves_out_what_consent_withholds(
    consent_directory: Directory, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / FORMATS[fmt]

    summary = export_file(consent_directory, fmt, path)

    text = file_text(path)
    assert "Rosa Mamani" in text and "rosa@example.org" in text and "+51984555123" in text
    assert "Coordinadora" in text and "red@example.org" in text
    # Only what Rosa consented to: not her home e-mail, mobile, handle or country.
    for withheld in ("rosa.home@example.net", "+51999555000", "@rosa", "Bolivia"):
        assert withheld not in text
    # Nothing at all of a person or organisation at risk, or of one not listed.
    for withheld in ("Berta", "berta@example.org", "+50495550000", "Vocera",
                     "Secret Defenders", "Adviser", "Unlisted", "unlisted@example.org"):
        assert withheld not in text
    # Quiet Member withheld her organisation and role.
    assert "Quiet Member" in text and "Tesorera" not in text
    assert (summary.people, summary.withheld_people, summary.withheld_organisations) == (2, 2, 1)
    assert summary.overridden is False


def test_the_filter_selects_organisations_and_their_people(
    consent_directory: Directory, tmp_path: Path
) -> None:
    other = consent_directory.create(Organisation, {"name": "Kenya Sample Forum", "country": "KE"})
    consent_directory.add_person({"name": "Wanjiru Mwangi"}, organisation_id=other.id)
    path = tmp_path / "ke.csv"

    summary = export_file(consent_directory, "csv", path, ExportFilter(country="Kenya"))

    text = file_text(path)
    assert "Wanjiru Mwangi" in text and "Kenya Sample Forum" in text
    assert "Rosa Mamani" not in text
    assert (summary.people, summary.organisations) == (1, 1)


def people_seen(directory: Directory) -> set[tuple[object, ...]]:
    organisations = {o.id: o for o in directory.list(Organisation)}
    found = set()
    for person in directory.list(Person):
        places = frozenset(
            (organisations[p.organisation_id].name, p.role)
            for p in directory.affiliations(person_id=person.id)
        )
        found.add((
            person.name,
            frozenset((c.kind, c.value) for c in person.emails),
            frozenset((c.kind, c.value) for c in person.phones),
            frozenset((c.kind, c.value) for c in person.handles),
            person.country, person.languages, places,
        ))
    return found


def organisations_seen(directory: Directory) -> set[tuple[object, ...]]:
    return {
        (o.name, o.acronym, o.country, frozenset((c.kind, c.value) for c in o.emails),
         frozenset((c.kind, c.value) for c in o.phones), o.website)
        for o in directory.list(Organisation)
    }


@pytest.fixture
def open_directory(tmp_path: Path) -> Iterator[Directory]:
    with Directory.open(tmp_path / "elsewhere") as opened:
        yield opened


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_then_import_gives_the_same_directory(
    directory: Directory, open_directory: Directory, data: Path, tmp_path: Path, fmt: str
) -> None:
    for name in ("google-bom.csv", "thunderbird.csv", "vcard3-folded.vcf", "vcard4-tel-uri.vcf"):
        import_file(directory, data / name)
    lonely = directory.create(Organisation, {"name": "Org; with \"quotes\", commas", "country": "KE"})
    directory.add_person({"name": "Two Places", "emails": "two@example.org"},
                         organisation_id=lonely.id, role="=SUM(A1)")
    two = directory.list(Person, {"name": "Two Places"})[0]
    first = directory.list(Organisation, {"country": "GH"})[0]
    directory.create(type(directory.affiliations()[0]),
                     {"person_id": two.id, "organisation_id": first.id, "role": "Adviser"})
    for person in directory.list(Person):
        directory.update(Person, person.id, {"consent": EVERYTHING})
    path = tmp_path / FORMATS[fmt]

    export_file(directory, fmt, path)
    plan, _ = import_file(open_directory, path)

    assert plan.refused == ()
    assert people_seen(open_directory) == people_seen(directory)
    assert organisations_seen(open_directory) == organisations_seen(directory)
    again, _ = import_file(open_directory, path)
    assert again.changes_nothing, again.describe()


def test_an_xlsx_made_in_a_spreadsheet_imports(directory: Directory, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([])
    sheet.append(["Nombre", "Organización", "País", "Teléfono", "Liderada por mujeres", "Correo"])
    sheet.append(["Rosa Mamani", "Red Andina (muestra)", "Bolivia", "+591 7 654 3210", True, "rosa@example.org"])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["Ángel Núñez", "Asociación de Pescadores (muestra)", "HN", 95551234, False, None])
    path = tmp_path / "members.xlsx"
    workbook.save(path)

    incoming = read_xlsx(path)
    assert [r.line for r in incoming.rows] == [3, 5]
    import_file(directory, path)

    found = {p.name: p for p in directory.list(Person)}
    # A number typed as a number is read as its digits; the organisation's country dials it.
    assert [c.value for c in found["Ángel Núñez"].phones] == ["+50495551234"]
    red = directory.list(Organisation, {"country": "BO"})[0]
    assert red.women_led is True


def test_a_name_like_a_formula_stays_text(directory: Directory, tmp_path: Path) -> None:
    org = directory.create(Organisation, {"name": "=HYPERLINK(\"http://x\")", "country": "PE"})
    directory.add_person({"name": "+cmd|' /C calc'!A0"}, organisation_id=org.id)
    export_file(directory, "csv", tmp_path / "out.csv")
    export_file(directory, "xlsx", tmp_path / "out.xlsx")

    csv_text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+cmd" in csv_text
    workbook = openpyxl.load_workbook(tmp_path / "out.xlsx")
    sheet = workbook.worksheets[0]
    values = [c for row in sheet.iter_rows() for c in row if c.value]
    assert all(c.data_type == "s" for c in values)


def test_a_people_screen_export_writes_exactly_its_people(
    consent_directory: Directory, tmp_path: Path
) -> None:
    other = consent_directory.create(Organisation, {"name": "Kenya Sample Forum", "country": "KE"})
    consent_directory.add_person({"name": "Wanjiru Mwangi"}, organisation_id=other.id)
    wanted = shown_on_screen(consent_directory, Person, BrowseFilter(text="rosa"))
    path = tmp_path / "people.csv"

    summary = export_file(consent_directory, "csv", path, wanted)

    with path.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.DictReader(source))
    # Rosa alone, beside the one organisation of hers that may be printed; no row of its own.
    assert [(r["Name"], r["Organisation"]) for r in rows] == [("Rosa Mamani", "Red Andina (muestra)")]
    assert (summary.people, summary.organisations, summary.withheld_organisations) == (1, 0, 0)


def test_a_people_screen_export_leaves_out_people_at_risk_unless_overridden(
    consent_directory: Directory, tmp_path: Path
) -> None:
    wanted = shown_on_screen(consent_directory, Person, BrowseFilter())
    path = tmp_path / "people.csv"

    summary = export_file(consent_directory, "csv", path, wanted)
    assert "Berta" not in file_text(path)
    assert summary.withheld_people == 2

    summary = export_file(consent_directory, "csv", path, wanted, override=True)
    assert "Berta Defensora" in file_text(path) and summary.overridden


def test_an_organisations_screen_export_writes_its_organisations_alone(
    consent_directory: Directory, tmp_path: Path
) -> None:
    consent_directory.create(Organisation, {"name": "Prospect Forum", "country": "KE",
                                            "status": "prospect"})
    wanted = shown_on_screen(consent_directory, Organisation, BrowseFilter())
    path = tmp_path / "orgs.xlsx"

    summary = export_file(consent_directory, "xlsx", path, wanted)

    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    names = sorted(str(row[2]) for row in rows[1:])
    # No people; the prospect the screen lists is there; the one at risk is not.
    assert names == ["Prospect Forum", "Red Andina (muestra)"]
    assert all(row[1] is None for row in rows[1:])
    assert (summary.organisations, summary.people, summary.withheld_organisations) == (2, 0, 1)


def test_only_the_two_directory_screens_can_export(directory: Directory) -> None:
    with pytest.raises(ValueError):
        shown_on_screen(directory, Body, BrowseFilter())
