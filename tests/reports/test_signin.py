"""The sign-in sheet: confirmed participants written in, blank rows after, a sheet per day."""

from __future__ import annotations

import re
from pathlib import Path

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Activity
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
