"""Importing the CSV files people's address books and spreadsheets really write."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import openpyxl
import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import Affiliation, Organisation, Person
from smwg_desktop.interop import read_file
from smwg_desktop.interop.apply import ImportRefused, apply_plan, import_file
from smwg_desktop.interop.columns import guess_mapping, load_mapping, save_mapping
from smwg_desktop.interop.csvfile import read_csv
from smwg_desktop.interop.matching import name_key, name_score
from smwg_desktop.interop.plan import Action, make_plan
from tests.interop.conftest import changes, snapshot


def people(directory: Directory) -> dict[str, Person]:
    return {p.name: p for p in directory.list(Person)}


def emails(person: Person) -> set[str]:
    return {c.value for c in person.emails}


def phones(person: Person) -> set[str]:
    return {c.value for c in person.phones}


def test_thunderbird_export_imports_people_organisations_and_roles(directory: Directory, data: Path) -> None:
    _, report = import_file(directory, data / "thunderbird.csv")

    assert report is not None and report.refused == ()
    found = people(directory)
    assert set(found) == {"Kwame Mensah", "Ana Quispe"}
    kwame = found["Kwame Mensah"]
    assert phones(kwame) == {"+233305550100", "+233245550102"}  # the fax is not a phone
    assert kwame.notes == "Met at the Accra exchange, 2016"
    ana = found["Ana Quispe"]
    assert {(c.kind, c.value) for c in ana.emails} == {
        ("work", "ana.quispe@example.org"), ("other", "ana@example.net"),
    }
    [place] = directory.affiliations(person_id=ana.id)
    organisation = directory.get(Organisation, place.organisation_id)
    assert (organisation.name, organisation.country, place.role) == (
        "Federación Agraria Sample de Cusco", "PE", "Secretaria de actas",
    )


def test_google_export_with_bom_keeps_labels_multiple_values_and_line_numbers(
    directory: Directory, data: Path
) -> None:
    incoming = read_csv(data / "google-bom.csv")
    assert incoming.encoding == "utf-8-sig"
    # Lucía's notes run over two lines, so Ravi starts on line 5.
    assert [row.line for row in incoming.rows] == [2, 3, 5]

    apply_plan(directory, make_plan(directory, incoming))

    found = people(directory)
    assert phones(found["Fatou Ndiaye"]) == {"+221775551212", "+221785551313"}
    assert found["Lucía Fernández"].notes == "Two lines of notes,\nthe second one here"
    ravi = found["Ravi Shankar"]
    assert {(c.kind, c.value) for c in ravi.emails} == {
        ("home", "ravi@example.in"), ("work", "ravi.work@example.org"),
    }
    senegal = directory.list(Organisation, {"country": "SN"})
    assert [o.name for o in senegal] == ["Réseau des Femmes Transformatrices (exemple)"]


def test_outlook_title_is_a_name_prefix_not_a_role(directory: Directory, data: Path) -> None:
    import_file(directory, data / "outlook.csv")

    amina = people(directory)["Amina Okafor"]
    [place] = directory.affiliations(person_id=amina.id)
    assert place.role == "Programme lead"
    assert amina.name == "Amina Okafor"


def test_french_excel_semicolon_cp1252_with_french_headers_and_values(
    directory: Directory, data: Path
) -> None:
    incoming = read_csv(data / "excel-fr-semicolon-cp1252.csv")
    assert (incoming.encoding, incoming.delimiter) == ("cp1252", ";")

    import_file(directory, data / "excel-fr-semicolon-cp1252.csv")

    found = people(directory)
    # A national number dials from the person's country.
    assert phones(found["Éloïse Lefèvre"]) == {"+33612345678"}
    assert found["Jean-Marie N'Guessan"].country == "CI"
    rural = directory.list(Organisation, {"country": "ML"})[0]
    assert rural.constituencies == ("peasants",)
    assert rural.women_led is True
    logement = directory.list(Organisation, {"country": "FR"})[0]
    assert logement.constituencies == ("urban_poor",)
    assert logement.women_led is False


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ";"), ("utf-16", "\t"), ("utf-8", ";")],
)
def test_every_encoding_and_separator_reads_the_same(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    lines = [
        ["Nombre", "Apellidos", "Organización", "País", "Correo electrónico"],
        ["Señora Ñusta", "Pérez Güemes", "Asociación Ñandú (muestra)", "Perú", "nusta@example.org"],
    ]
    path = tmp_path / "people.csv"
    text = "\r\n".join(delimiter.join(cells) for cells in lines) + "\r\n"
    path.write_bytes(text.encode(encoding))

    [row] = read_csv(path).rows

    assert row.person == {
        "name": "Señora Ñusta Pérez Güemes",
        "country": "Perú",
        "emails": "work:nusta@example.org",
    }
    assert row.organisation == {"name": "Asociación Ñandú (muestra)"}


def test_excel_sep_line_names_the_separator(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text("sep=;\r\nName;Email\r\nAna, la de Lima;ana@example.org\r\n", encoding="utf-8")

    [row] = read_csv(path).rows

    assert row.line == 3
    assert row.person["name"] == "Ana, la de Lima"


def test_bad_rows_without_skip_leave_the_directory_unchanged(directory: Directory, data: Path) -> None:
    before = snapshot(directory), changes(directory)

    with pytest.raises(ImportRefused) as refused:
        import_file(directory, data / "broken-utf8.csv")

    assert (snapshot(directory), changes(directory)) == before
    assert directory.count(Person) == 0
    assert [line for line, _ in refused.value.refused] == [3, 4, 5]
    assert "row 3: person emails: 'not-an-address' is not an e-mail address" in str(refused.value)


def test_bad_rows_with_skip_import_the_good_rows_and_name_the_bad_ones(
    directory: Directory, data: Path
) -> None:
    _, report = import_file(directory, data / "broken-utf8.csv", skip_bad_rows=True)

    assert report is not None
    assert set(people(directory)) == {"Hanna Berhane", "Selam Tesfaye"}
    reasons = dict(report.refused)
    assert list(reasons) == [3, 4, 5]
    assert "not an e-mail address" in reasons[3]
    assert "name: is required" in reasons[4]
    assert "has 8 cells where the header has 6 columns" in reasons[5]
    # No half rows: the organisation of a refused row is not left behind either.
    assert directory.count(Organisation) == 2
    assert directory.count(Affiliation) == 2


def test_dry_run_writes_nothing(directory: Directory, data: Path) -> None:
    before = snapshot(directory), changes(directory)

    plan, report = import_file(directory, data / "thunderbird.csv", dry_run=True)

    assert report is None
    assert [row.action for row in plan.rows] == [Action.CREATE, Action.CREATE]
    assert (snapshot(directory), changes(directory)) == before


@pytest.mark.parametrize(
    "name",
    ["thunderbird.csv", "google-bom.csv", "outlook.csv", "excel-fr-semicolon-cp1252.csv"],
)
def test_import_same_file_twice_creates_nothing(directory: Directory, data: Path, name: str) -> None:
    import_file(directory, data / name)
    before = snapshot(directory), changes(directory)

    plan, _ = import_file(directory, data / name)

    assert plan.changes_nothing, plan.describe()
    assert (snapshot(directory), changes(directory)) == before


def test_a_saved_mapping_is_used_next_time(directory: Directory, tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_text(
        "Compañera,Colectivo,Tierra,Contacto\n"
        "Rosa Mamani,Red Andina (muestra),Bolivia,rosa@example.org\n",
        encoding="utf-8",
    )
    table_columns = read_csv(path).columns
    assert [c.target for c in table_columns] == ["", "", "", ""]
    corrected = guess_mapping(
        [c.header for c in table_columns],
        {"Compañera": "person.name", "Colectivo": "organisation.name",
         "Tierra": "organisation.country", "Contacto": "person.email:home"},
    )
    save_mapping(tmp_path / "mapping.json", corrected)

    _, report = import_file(directory, path, mapping=tmp_path / "mapping.json")

    assert report is not None and report.rows_written == 1
    [rosa] = directory.list(Person)
    assert [(c.kind, c.value) for c in rosa.emails] == [("home", "rosa@example.org")]
    assert directory.list(Organisation)[0].country == "BO"
    assert load_mapping(tmp_path / "mapping.json")["Tierra"] == "organisation.country"


def test_a_mapping_with_an_unknown_target_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mapping.json"
    path.write_text(
        '{"format": "smwg-column-mapping", "version": 1, "columns": {"A": "person.shoe_size"}}',
        encoding="utf-8",
    )
    with pytest.raises(UserError, match="not a column target"):
        load_mapping(path)


def test_an_open_quote_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_text('Name,Email\nAna,ana@example.org\n"Luis,luis@example.org\n', encoding="utf-8")

    with pytest.raises(UserError, match="line"):
        read_file(path)


def test_an_organisation_list_without_people(directory: Directory, tmp_path: Path) -> None:
    path = tmp_path / "orgs.csv"
    path.write_text(
        "Organización;Siglas;País;Correo electrónico;Constituencia;Estado\n"
        "Asociación de Pescadores del Golfo (muestra);APG;Honduras;apg@example.org;pescadores;solicitante\n",
        encoding="cp1252",
    )

    import_file(directory, path)

    assert directory.count(Person) == 0
    [org] = directory.list(Organisation)
    assert (org.acronym, org.country, org.status) == ("APG", "HN", "applicant")
    assert [c.value for c in org.emails] == ["apg@example.org"]
    assert org.constituencies == ("fisherfolk",)


def test_a_new_organisation_without_any_country_is_refused(directory: Directory, tmp_path: Path) -> None:
    path = tmp_path / "nocountry.csv"
    path.write_text("Name,Organisation,Email\nAna,Colectivo X,ana@example.org\n", encoding="utf-8")

    plan, _ = import_file(directory, path, dry_run=True)

    [row] = plan.rows
    assert row.action is Action.REFUSED
    assert "country is not known" in row.reason


def test_utf16_bom_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "Name\tEmail\r\nAïcha\taicha@example.org\r\n".encode("utf-16-le"))

    [row] = read_csv(path).rows

    assert row.person["name"] == "Aïcha"


def test_each_column_shows_the_first_value_it_holds(data: Path) -> None:
    incoming = read_file(data / "broken-utf8.csv")

    assert incoming.examples == (
        "Hanna Berhane", "Tigray Women Farmers (sample)", "Ethiopia", "hanna@example.org",
        "+251 91 555 0101", "Chair",
    )


def _damaged_workbook(tmp_path: Path) -> Path:
    """A workbook whose sheet data is damaged near its end (a disk or a download failed)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Name", "Email", "Organisation", "Country"])
    for n in range(20_000):
        sheet.append([f"Person {n}", f"p{n}@example.org", f"Org {n}", "PE"])
    path = tmp_path / "damaged.xlsx"
    workbook.save(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + info.compress_size - 2000, start + info.compress_size - 1960):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def test_a_workbook_damaged_inside_its_sheet_is_a_readable_refusal(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"damaged\.xlsx is damaged"):
        read_file(_damaged_workbook(tmp_path))


@pytest.mark.parametrize("content", [b"", b"Name,Email\nnot a workbook\n", b"PK\x03\x04trunc"])
def test_a_file_that_is_no_workbook_is_a_readable_refusal(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "members.xlsx"
    path.write_bytes(content)

    with pytest.raises(UserError, match="not an Excel workbook"):
        read_file(path)


def test_names_that_differ_only_in_a_number_are_different_groups(
    directory: Directory, tmp_path: Path
) -> None:
    """Local branches are often numbered: "Sindicato 10" is not "Sindicato 101"."""
    path = tmp_path / "branches.csv"
    rows = [f"Sindicato de Vendedores Sección {n};SV{n};Peru" for n in range(0, 120)]
    path.write_text("Organisation;Acronym;Country\n" + "\n".join(rows) + "\n", encoding="utf-8")

    import_file(directory, path)
    assert directory.count(Organisation) == 120
    before = snapshot(directory), changes(directory)

    plan, _ = import_file(directory, path)

    assert plan.changes_nothing, plan.describe()
    assert (snapshot(directory), changes(directory)) == before


def test_the_same_numbered_name_with_a_typo_still_matches() -> None:
    assert name_score(name_key("Sindicato Seccion 12"), name_key("Sindicatto Sección 12")) >= 88
    assert name_score(name_key("Sindicato Seccion 12"), name_key("Sindicato Sección 21")) == 0
