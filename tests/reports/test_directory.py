"""The member directory prints the right entries, in order, and nothing consent withholds."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from smwg_desktop.core.consent import visible_person
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import Affiliation, Body, Person, Seat
from smwg_desktop.reports.directory import write_directory
from tests.reports import pdfs
from tests.reports.conftest import Network

TODAY = date(2026, 3, 1)


@pytest.fixture
def printed(network: Network, tmp_path: Path) -> Path:
    path = tmp_path / "directory.pdf"
    write_directory(network.directory, path, today=TODAY)
    return path


def _order(text: str, *needles: str) -> list[int]:
    return [text.index(n) for n in needles]


def test_directory_lists_organisations_by_region_then_country_then_name(printed: Path) -> None:
    body = "\n".join(pdfs.page_texts(printed)[1:])
    contents_end = body.index("Index of people") + len("Index of people")
    entries = body[contents_end:]

    positions = _order(entries, "Latin America and the Caribbean", "Bolivia", "Red Andina",
                       "Honduras", "Asociación de Pescadores del Golfo", "Africa",
                       "South Africa", "Shack Dwellers", "People without an organisation",
                       "Index of people")

    assert positions == sorted(positions)


def test_each_entry_shows_acronym_country_constituencies_women_led_status_and_leadership(
    printed: Path,
) -> None:
    text = pdfs.text(printed)

    assert "Red Andina (muestra) · RA" in text
    assert ("Bolivia · Peasants · Indigenous peoples · Women-led · Member since March 12, 2013"
            in text)
    assert "Board — Board member: Rosa Mamani" in text
    assert "Rosa Mamani — Tesorera" in text


def test_directory_never_prints_a_person_at_risk(network: Network, printed: Path) -> None:
    text = pdfs.text(printed)

    assert "Ana Secreta" not in text
    assert "ana@example.org" not in text
    assert "Co-chair" not in text  # her seat on the Board names her too


def test_directory_leaves_out_people_not_listed_and_organisations_withheld(printed: Path) -> None:
    text = pdfs.text(printed)

    for withheld in ("Luis Oculto", "Proceso Oculto", "Kilusang Lihim", "Nadia Riesgo",
                     "nadia@example.org"):
        assert withheld not in text


def test_directory_prints_only_the_fields_a_person_consented_to(printed: Path) -> None:
    text = pdfs.text(printed)

    assert "rosa@example.org" in text and "+591 2 2345678" in text
    assert "rosa@example.net" not in text  # a home address is not a work address
    assert "+591 7123 4567" not in text and "71234567" not in text
    assert "Carmen Reservada" in text
    assert "carmen@example.org" not in text
    assert "Presidenta" not in text


def test_directory_prints_prospects_and_former_members_only_when_asked(
    network: Network, printed: Path, tmp_path: Path
) -> None:
    assert "Plataforma Prospecto" not in pdfs.text(printed)
    assert "Pedro Prospecto" not in pdfs.text(printed)

    asked = tmp_path / "with-prospects.pdf"
    write_directory(network.directory, asked, include_prospects=True, today=TODAY)
    text = pdfs.text(asked)

    assert "Plataforma Prospecto (muestra)" in text
    assert "Pedro Prospecto" in text
    assert "Antigua Asociación (muestra)" in text
    assert "Former member until June 30, 2015" in text


def test_closed_meeting_override_prints_withheld_records_and_says_so_on_the_cover(
    network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "closed.pdf"
    write_directory(network.directory, path, closed_meeting=True, today=TODAY)
    pages = pdfs.page_texts(path)
    text = "\n".join(pages)

    assert "Closed-meeting edition" in pages[0]
    assert all("Closed meeting: contains withheld records" in page for page in pages[1:])
    for withheld in ("Ana Secreta", "Luis Oculto", "Nadia Riesgo", "Proceso Oculto",
                     "rosa@example.net", "carmen@example.org"):
        assert withheld in text


def test_directory_groups_by_country_or_by_constituency(network: Network, tmp_path: Path) -> None:
    by_country = tmp_path / "country.pdf"
    write_directory(network.directory, by_country, group_by="country", today=TODAY)
    entries = pdfs.text(by_country).split("Index of people", 1)[1]
    assert _order(entries, "Bolivia", "Honduras", "South Africa") == sorted(
        _order(entries, "Bolivia", "Honduras", "South Africa"))
    assert "Latin America and the Caribbean" not in entries

    by_constituency = tmp_path / "constituency.pdf"
    write_directory(network.directory, by_constituency, group_by="constituency", today=TODAY)
    entries = pdfs.text(by_constituency).split("Index of people", 1)[1]
    headings = ["Fisherfolk", "Indigenous peoples", "Peasants", "Urban poor"]
    assert _order(entries, *headings) == sorted(_order(entries, *headings))
    # An organisation with two constituencies is listed under each.
    assert entries.count("Red Andina (muestra) · RA") == 2


def test_contents_and_index_give_the_pages_where_things_are(printed: Path) -> None:
    pages = pdfs.page_texts(printed)
    contents = pages[1]
    for heading in ("Bolivia", "Honduras", "South Africa", "People without an organisation"):
        number = int(re.search(rf"{re.escape(heading)}\s+(\d+)", contents).group(1))  # type: ignore[union-attr]
        assert heading in pages[number - 1].split("Contents")[-1]

    index = pages[-1].split("Index of people", 1)[1]
    for name in ("Rosa Mamani", "Carmen Reservada", "Sam Libre", "Юлия Петрова"):
        number = int(re.search(rf"{re.escape(name)}[^\n]*?(\d+)\s*$", index, re.M).group(1))  # type: ignore[union-attr]
        assert number < len(pages)
        assert name in pages[number - 1]


def test_index_lists_every_printed_person_once_in_name_order(printed: Path) -> None:
    index = pdfs.page_texts(printed)[-1].split("Index of people", 1)[1]
    names = ["Carmen Reservada", "Rosa Mamani", "Sam Libre", "Νίκος Παπαδόπουλος",
             "Юлия Петрова"]

    assert _order(index, *names) == sorted(_order(index, *names))
    assert all(index.count(name) == 1 for name in names)


def test_names_in_latin_cyrillic_greek_and_arabic_come_back_as_text(printed: Path) -> None:
    text = pdfs.text(printed)

    for name in ("Rosa Mamani", "Юлия Петрова", "Νίκος Παπαδόπουλος",
                 "Asociación de Pescadores del Golfo (muestra)"):
        assert name in text
    # Right to left: letters come back in reading order, words in visual order.
    assert pdfs.visual_words("مريم الحسيني") in text


@pytest.mark.parametrize("name", ["प्रिया पासवान", "क्षत्रिय"])
def test_devanagari_names_are_drawn_with_the_glyphs_harfbuzz_shapes(
    network: Network, tmp_path: Path, name: str
) -> None:
    font = "NotoSansDevanagari-Bold"  # names print in bold in the entries and the index
    network.directory.update(Person, network.ids["priya"], {"name": name})
    path = tmp_path / "shaped.pdf"
    write_directory(network.directory, path, today=TODAY)
    drawn = pdfs.pdf_glyphs(path, font)

    shaped_somewhere = False
    for word in name.split():
        glyphs = pdfs.harfbuzz_glyphs(word, font)
        assert pdfs.contains_run(drawn, glyphs), word
        shaped_somewhere |= glyphs != pdfs.cmap_glyphs(word, font)
    assert shaped_somewhere, "the check would pass without shaping"


def test_arabic_names_are_joined_and_read_back(printed: Path) -> None:
    raw = "\n".join(pdfs.page_texts(printed, normalise=False))
    name = "مريم الحسيني"
    joined = [w for w in re.findall(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]+", raw)]

    # Joined letters are drawn with their contextual forms, which text extraction
    # returns as presentation forms; unshaped letters would come back isolated.
    assert any(any(ch >= "\ufb50" for ch in word) for word in joined)
    assert pdfs.visual_words(name) in unicodedata.normalize("NFKC", raw)


def test_directory_of_the_demo_network_in_three_languages(demo: Directory, tmp_path: Path) -> None:
    expected = {
        ("en", "a4"): ("Member directory", "Latin America and the Caribbean", "South Africa",
                       "Page 2 of"),
        ("es", "letter"): ("Directorio de miembros", "América Latina y el Caribe", "Sudáfrica",
                           "Página 2 de"),
        ("fr", "a4"): ("Annuaire des membres", "Amérique latine et Caraïbes", "Afrique du Sud",
                       "Page 2 sur"),
    }
    at_risk = [p for p in demo.list(Person) if visible_person(p) is None]
    shown_names = {p.name for p in demo.list(Person) if visible_person(p) is not None}
    assert at_risk
    for (lang, paper), words in expected.items():
        path = tmp_path / f"directory-{lang}.pdf"
        result = write_directory(demo, path, lang=lang, paper=paper, today=date(2016, 11, 1))
        text = pdfs.text(path)

        for word in words:
            assert word in text, (lang, word)
        assert result.pages == len(PdfReader(path).pages)
        assert pdfs.page_size(path) == pytest.approx((612, 792) if paper == "letter"
                                                     else (595.28, 841.89), abs=0.1)
        for person in at_risk:
            assert not any(e.value in text for e in person.emails), person.name
            if not any(person.name in shown for shown in shown_names):
                assert person.name not in text
    assert "1 de noviembre de 2016" in pdfs.text(tmp_path / "directory-es.pdf")
    assert "1 novembre 2016" in pdfs.text(tmp_path / "directory-fr.pdf")


def test_every_page_renders(demo: Directory, tmp_path: Path) -> None:
    path = tmp_path / "directory.pdf"
    write_directory(demo, path, include_prospects=True, today=date(2016, 11, 1))

    images = pdfs.render(path, scale=0.3)

    assert len(images) == len(PdfReader(path).pages) > 5
    assert all(pdfs.has_ink(image) for image in images)


def test_pdf_metadata_holds_no_personal_data(network: Network, printed: Path) -> None:
    info = PdfReader(printed).metadata
    assert info is not None
    fields = " ".join(str(info.get(key, "")) for key in ("/Title", "/Author", "/Subject",
                                                          "/Keywords"))
    assert info.title == "Member directory"
    for person in network.directory.list(Person):
        assert person.name not in fields
        assert not any(c.value in fields for c in person.emails + person.phones)


def test_directory_is_written_beside_its_destination_and_nothing_is_left_behind(
    network: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    out = tmp_path / "out"
    out.mkdir()

    write_directory(network.directory, out / "directory.pdf", today=TODAY)

    assert [p.name for p in out.iterdir()] == ["directory.pdf"]
    assert list(system_temp.iterdir()) == []


def test_a_failed_write_keeps_the_old_file_and_leaves_no_partial_file(
    network: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "directory.pdf"
    path.write_bytes(b"old")

    def refuse(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("smwg_desktop.reports.common.os.replace", refuse)
    with pytest.raises(OSError):
        write_directory(network.directory, path, today=TODAY)

    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"lang": "de"}, "de"),
        ({"paper": "a3"}, "a3"),
        ({"group_by": "city"}, "city"),
    ],
)
def test_unknown_options_are_refused_in_one_line(
    network: Network, tmp_path: Path, options: dict[str, str], message: str
) -> None:
    with pytest.raises(UserError) as refused:
        write_directory(network.directory, tmp_path / "d.pdf", **options)  # type: ignore[arg-type]

    assert message in str(refused.value) and "\n" not in str(refused.value)
    assert not (tmp_path / "d.pdf").exists()


def test_a_missing_folder_is_refused(network: Network, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        write_directory(network.directory, tmp_path / "nowhere" / "d.pdf")


def _lines_of(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def test_every_contents_number_is_the_page_where_its_heading_stands(
    demo: Directory, tmp_path: Path
) -> None:
    path = tmp_path / "directory.pdf"
    write_directory(demo, path, today=date(2016, 11, 1))
    pages = pdfs.page_texts(path)
    lines = _lines_of(pages[1])
    rows = lines[lines.index("Contents") + 1:]
    rows = rows[:next(n for n, row in enumerate(rows) if row.startswith("Index of people")) + 1]
    entries = [(m.group(1), int(m.group(2)))
               for m in (re.fullmatch(r"(.+?) (\d+)", row) for row in rows) if m]
    assert len(entries) == len(rows) > 20

    for title, number in entries:
        # A heading is a line of its own; in the contents its number follows it.
        where = [n for n, page in enumerate(pages, 1) if title in _lines_of(page)]
        assert where and where[0] == number, (title, number, where)


def test_every_index_number_is_a_page_where_that_person_is_listed(
    demo: Directory, tmp_path: Path
) -> None:
    path = tmp_path / "directory.pdf"
    result = write_directory(demo, path, today=date(2016, 11, 1))
    pages = pdfs.page_texts(path)
    index_start = next(n for n, page in enumerate(pages) if "Index of people" in _lines_of(page))
    entries = [re.fullmatch(r"(.+?)(?: · .+?)? ((?:\d+, )*\d+)", line)
               for page in pages[index_start:] for line in _lines_of(page)
               if not line.startswith(("ESCR-Net", "Generated on"))]
    found = {m.group(1): [int(n) for n in m.group(2).split(", ")] for m in entries if m}
    readable = [name for name in found if name.isprintable() and all(
        not "\ue000" <= ch <= "\uf8ff" for ch in name)]
    assert len(readable) >= result.people - 12  # all but the names drawn as shaped glyphs

    for name in readable:
        listed = [n for n, page in enumerate(pages[:index_start], 1)
                  if any(line == name or line.startswith(name + " — ")
                         for line in _lines_of(page))]
        assert found[name] == listed, name


def test_every_page_after_the_cover_says_which_page_of_how_many(
    demo: Directory, tmp_path: Path
) -> None:
    path = tmp_path / "directory.pdf"
    result = write_directory(demo, path, lang="fr", paper="letter", today=date(2016, 11, 1))
    pages = pdfs.page_texts(path)

    assert "Page 1 sur" not in pages[0]
    for number, page in enumerate(pages[1:], 2):
        assert f"Page {number} sur {result.pages}" in page


def test_bookmarks_lead_to_the_contents_regions_countries_and_index(
    demo: Directory, tmp_path: Path
) -> None:
    path = tmp_path / "directory.pdf"
    write_directory(demo, path, today=date(2016, 11, 1))
    reader = PdfReader(path)
    pages = pdfs.page_texts(path)

    def flat(outline: list[object], level: int = 0) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        for entry in outline:
            if isinstance(entry, list):
                found += flat(entry, level + 1)
            else:
                found.append((entry.title, level,  # type: ignore[attr-defined]
                              reader.get_destination_page_number(entry) + 1))  # type: ignore[arg-type]
        return found

    marks = flat(reader.outline)
    titles = [title for title, _level, _page in marks]
    assert titles[0] == "Contents" and titles[-1] == "Index of people"
    assert ("Africa", 0) in [(t, lv) for t, lv, _p in marks]
    assert ("South Africa", 1) in [(t, lv) for t, lv, _p in marks]
    for title, _level, number in marks:
        assert title in _lines_of(pages[number - 1]), title


def test_a_seat_for_a_printed_organisation_names_its_holder_who_has_no_place_there(
    network: Network, tmp_path: Path
) -> None:
    directory = network.directory
    olga = directory.create(Person, {"name": "Olga Sitzung", "emails": "olga@example.org"})
    directory.create(Affiliation, {"person_id": olga.id, "role": "Vocera", "start": "2012-01-01",
                                   "organisation_id": network.ids["hidden"]})
    board = directory.list(Body)[0]
    directory.create(Seat, {"person_id": olga.id, "body_id": board.id, "role": "board_member",
                            "organisation_id": network.ids["andina"], "start": "2014-01-01"})
    path = tmp_path / "directory.pdf"
    write_directory(directory, path, today=TODAY)
    text = pdfs.text(path)

    assert "Board — Board member: Olga Sitzung" in text
    # Her only place is in a withheld organisation: not listed on her own, nor indexed.
    assert "Olga Sitzung —" not in text and "olga@example.org" not in text
    assert "Olga Sitzung" not in text.split("Index of people")[-1]


def test_a_name_wrapped_in_isolate_controls_prints(network: Network, tmp_path: Path) -> None:
    network.directory.update(Person, network.ids["maryam"], {"name": "\u2067مريم الحسيني\u2069"})
    path = tmp_path / "directory.pdf"

    write_directory(network.directory, path, today=TODAY)

    assert pdfs.visual_words("مريم الحسيني") in pdfs.text(path)


def test_line_ends_and_tabs_in_an_address_print_as_spaces(
    network: Network, tmp_path: Path
) -> None:
    from smwg_desktop.core.model import Organisation

    network.directory.update(Organisation, network.ids["andina"],
                             {"address": "Calle 1\r\nPiso 2\tOficina 3\n"})
    path = tmp_path / "directory.pdf"
    write_directory(network.directory, path, today=TODAY)

    assert "Calle 1 Piso 2 Oficina 3" in pdfs.text(path)
