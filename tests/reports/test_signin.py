"""The sign-in sheet: confirmed participants written in, blank rows after, a sheet per day."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Activity
from smwg_desktop.reports.agenda import write_agenda
from smwg_desktop.reports.signin import write_signin
from tests.reports import pdfs
from tests.reports.conftest import Network


def test_signin_sheet_lists_confirmed_participants_by_name_then_blank_rows(
    network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "signin.pdf"
    result = write_signin(network.directory, network.activity, path, blank_rows=4)
    first_day = pdfs.page_texts(path)[0]

    assert result.names == 5 and result.days == 2
    for column in ("Name", "Organisation", "Signature"):
        assert column in first_day
    rows = re.findall(r"^(\d+)\n([^\n\d][^\n]*)?", first_day.split("Signature", 1)[1], re.M)
    assert [(number, name) for number, name in rows][:5] == [
        ("1", "Carmen Reservada"), ("2", "Rosa Mamani"), ("3", "Юлия Петрова"),
        ("4", pdfs.visual_words("مريم الحسيني")), ("5", rows[4][1]),
    ]
    numbers = re.findall(r"^(\d+)$", first_day.split("Signature", 1)[1], re.M)
    assert numbers == [str(n) for n in range(1, 10)]
    assert "Ana Secreta" not in first_day and "Sam Libre" not in first_day


def test_each_day_of_a_meeting_has_its_own_sheet(network: Network, tmp_path: Path) -> None:
    path = tmp_path / "signin.pdf"
    write_signin(network.directory, network.activity, path, lang="fr")
    pages = pdfs.page_texts(path)

    assert "Jour 1 : mercredi 4 mars 2026" in pages[0]
    assert "Jour 2 : jeudi 5 mars 2026" in pages[1]
    assert all("Feuille d’émargement" in page for page in pages)


def test_signin_sheet_for_the_gsm_meeting_renders(demo: Directory, tmp_path: Path) -> None:
    meeting = next(a for a in demo.list(Activity) if a.activity_kind == "side_meeting")
    path = tmp_path / "signin.pdf"

    result = write_signin(demo, meeting.id, path, lang="es", paper="letter")

    assert result.days == 3
    assert all(pdfs.has_ink(image) for image in pdfs.render(path, scale=0.3))


def test_each_days_sheet_is_a_bookmark_named_after_its_day(
    network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "signin.pdf"
    write_signin(network.directory, network.activity, path, lang="es")

    assert [item.title for item in PdfReader(path).outline] == [
        "Día 1: miércoles, 4 de marzo de 2026", "Día 2: jueves, 5 de marzo de 2026"
    ]


def test_every_page_names_the_sheet_and_the_meeting_shortened_as_the_agenda_does(
    network: Network, tmp_path: Path
) -> None:
    network.directory.update(Activity, network.activity, {
        "title": "Regional convening of grassroots movements on land, housing, territory and food"
    })
    signin, agenda = tmp_path / "signin.pdf", tmp_path / "agenda.pdf"

    write_signin(network.directory, network.activity, signin, closed_meeting=True)
    write_agenda(network.directory, network.activity, agenda, closed_meeting=True)

    # One line: cut after 69 characters, with an ellipsis ("..." once read back as NFKC).
    meeting = "Regional convening of grassroots movements on land, housing, territor..."
    assert pdfs.running_heads(signin) == [f"Sign-in sheet · {meeting}"] * 2
    assert pdfs.text(signin).count("Closed meeting: contains withheld records") == 2
    assert pdfs.running_heads(agenda)[0] == f"Meeting agenda · {meeting}"
