"""Name badges: one per confirmed participant, name large, cut marks around the grid."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.units import mm

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import NotFoundError, UserError
from smwg_desktop.core.model import Activity
from smwg_desktop.reports.badges import CARD_HEIGHT, CARD_WIDTH, MARK_GAP, write_badges
from tests.reports import pdfs
from tests.reports.conftest import Network


def test_a_badge_for_each_confirmed_participant_and_blanks_to_fill_the_page(
    network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "badges.pdf"
    result = write_badges(network.directory, network.activity, path)
    text = pdfs.text(path)

    assert (result.pages, result.badges, result.blank) == (1, 5, 3)
    for name in ("Carmen Reservada", "Rosa Mamani", "Юлия Петрова",
                 pdfs.visual_words("مريم الحسيني")):
        assert name in text
    assert "Red Andina (muestra) (RA)" in text and "Bolivia" in text
    assert "FACILITATOR" in text and "SPEAKER" in text and "INTERPRETER" in text
    for absent in ("Ana Secreta", "Sam Libre", "Νίκος Παπαδόπουλος"):
        assert absent not in text


def test_badges_have_cut_marks_outside_the_grid(network: Network, tmp_path: Path) -> None:
    path = tmp_path / "badges.pdf"
    write_badges(network.directory, network.activity, path)
    scale = 2.0
    page = pdfs.render(path, scale=scale)[0]
    width, height = pdfs.page_size(path)
    left = (width - 2 * CARD_WIDTH) / 2
    top = (height - 4 * CARD_HEIGHT) / 2 + 4 * CARD_HEIGHT

    def dark(x: float, y: float) -> bool:
        """Any ink within a point of (x, y), in PDF coordinates (y up)."""
        px, py = round(x * scale), round((height - y) * scale)
        box = page.crop((px - 2, py - 2, px + 3, py + 3))
        return box.getextrema()[0] < 200

    mark = top + MARK_GAP + 2 * mm
    for column in range(3):
        assert dark(left + column * CARD_WIDTH, mark)
    assert not dark(left + CARD_WIDTH / 2, mark)
    assert dark(left - MARK_GAP - 2 * mm, top - CARD_HEIGHT)


def test_badges_for_the_gsm_meeting_on_letter_render(demo: Directory, tmp_path: Path) -> None:
    meeting = next(a for a in demo.list(Activity) if a.activity_kind == "side_meeting")
    path = tmp_path / "badges.pdf"

    result = write_badges(demo, meeting.id, path, paper="letter", fill_page=False)

    assert pdfs.page_size(path) == (612, 792)
    assert result.blank == 0
    assert all(pdfs.has_ink(image) for image in pdfs.render(path, scale=0.3))

def test_a_missing_folder_is_refused_before_the_activity_is_looked_up(
    network: Network, tmp_path: Path
) -> None:
    with pytest.raises(UserError, match="does not exist"):
        write_badges(network.directory, "ffffffff", tmp_path / "missing" / "badges.pdf")


def test_an_unknown_activity_is_refused_and_leaves_no_file(
    network: Network, tmp_path: Path
) -> None:
    folder = tmp_path / "printed"
    folder.mkdir()

    with pytest.raises(NotFoundError):
        write_badges(network.directory, "ffffffff", folder / "badges.pdf")

    assert list(folder.iterdir()) == []
