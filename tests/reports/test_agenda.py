"""A meeting's agenda: computed times per day, who speaks, and who comes, as consent allows."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import NotFoundError
from smwg_desktop.core.model import Activity
from smwg_desktop.reports.agenda import write_agenda
from tests.reports import pdfs
from tests.reports.conftest import Network

TODAY = date(2026, 3, 1)


def _agenda(network: Network, tmp_path: Path, **options: object) -> Path:
    path = tmp_path / "agenda.pdf"
    write_agenda(network.directory, network.activity, path, today=TODAY, **options)  # type: ignore[arg-type]
    return path


def test_agenda_times_follow_breaks_across_days(network: Network, tmp_path: Path) -> None:
    text = pdfs.text(_agenda(network, tmp_path, lang="es"))

    slots = re.findall(r"(\d+:\d\d) – (\d+:\d\d)\n([^\n]+)", text)

    assert slots == [
        ("9:00", "9:30", "Welcome"),
        ("9:30", "9:45", "Coffee"),
        ("9:45", "11:15", "Panel on land grabs"),
        ("8:30", "9:15", "Opening of day two"),
        ("9:15", "10:15", "Lunch"),
        ("10:15", "10:35", "Closing"),
    ]
    assert text.index("Día 1: miércoles, 4 de marzo de 2026") < text.index("Welcome")
    assert text.index("Panel on land grabs") < text.index("Día 2: jueves, 5 de marzo de 2026")


def test_agenda_heading_gives_dates_place_languages_interpretation_and_objective(
    network: Network, tmp_path: Path
) -> None:
    text = pdfs.text(_agenda(network, tmp_path))

    for expected in ("Strategic exchange", "Strategic exchange on land", "Mar 4 – 5, 2026",
                     "America/Bogota", "Casa Comunal, Bogotá", "Spanish, English",
                     "Simultaneous es<>en", "Mutual learning and solidarity",
                     "9:00 AM – 9:30 AM"):
        assert expected in text, expected


def test_agenda_names_facilitators_and_speakers_but_not_people_at_risk(
    network: Network, tmp_path: Path
) -> None:
    text = pdfs.text(_agenda(network, tmp_path))

    assert "Facilitation: Rosa Mamani" in text
    assert "Speakers: Юлия Петрова" in text
    assert "Ana Secreta" not in text

    closed = pdfs.text(_agenda(network, tmp_path, closed_meeting=True))
    assert "Speakers: Юлия Петрова, Ana Secreta" in closed
    assert "Closed-meeting edition" in closed


def test_participants_list_holds_those_who_confirmed_or_attended_by_name(
    network: Network, tmp_path: Path
) -> None:
    path = _agenda(network, tmp_path)
    appendix = pdfs.page_texts(path)[-1].split("Participants", 1)[1]
    names = ["Carmen Reservada", "Rosa Mamani", "Юлия Петрова",
             pdfs.visual_words("مريم الحسيني")]

    positions = [appendix.index(n) for n in names]
    assert positions == sorted(positions)
    for absent in ("Νίκος Παπαδόπουλος", "Sam Libre", "Ana Secreta"):
        assert absent not in appendix
    assert "Red Andina (muestra) (RA)" in appendix
    assert "Facilitator" in appendix and "Interpreter" in appendix


def test_agenda_of_the_gsm_meeting_in_every_language_renders(
    demo: Directory, tmp_path: Path
) -> None:
    meeting = next(a for a in demo.list(Activity) if a.activity_kind == "side_meeting")
    for lang, heading in (("en", "Day 3: Saturday, November 12, 2016"),
                          ("es", "Día 3: sábado, 12 de noviembre de 2016"),
                          ("fr", "Jour 3 : samedi 12 novembre 2016")):
        path = tmp_path / f"agenda-{lang}.pdf"
        result = write_agenda(demo, meeting.id[:8], path, lang=lang, paper="letter")

        assert heading in pdfs.text(path)
        assert result.items == 24
        images = pdfs.render(path, scale=0.3)
        assert len(images) == result.pages == len(PdfReader(path).pages)
        assert all(pdfs.has_ink(image) for image in images)


def test_agenda_metadata_names_the_document_not_the_meeting_or_its_people(
    network: Network, tmp_path: Path
) -> None:
    info = PdfReader(_agenda(network, tmp_path)).metadata
    assert info is not None

    assert info.title == "Meeting agenda"
    assert "Rosa" not in f"{info.title} {info.author} {info.subject}"


def test_an_unknown_activity_is_refused(network: Network, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        write_agenda(network.directory, "ffffffff", tmp_path / "a.pdf")
    assert not (tmp_path / "a.pdf").exists()
