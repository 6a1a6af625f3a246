"""Short cuts in laying out a document give what reportlab itself would give; the parts that
documents share (opening, bookmarked headings, tables, the canvas of a drawn document) do what
each document relied on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable
from reportlab.platypus import paragraph as reportlab_paragraph

from smwg_desktop.core.errors import UserError
from smwg_desktop.reports.badges import write_badges
from smwg_desktop.reports.common import (
    APPLICATION,
    WORKING_GROUP,
    Layout,
    Metadata,
    Running,
    Styles,
    build_without_cover,
    drawn_document,
    grid,
    header_row,
    opening,
    section,
    shaded,
)
from smwg_desktop.reports.fonts import BOLD, FONTS, REGULAR, markup
from smwg_desktop.reports.signin import write_signin
from tests.reports import pdfs
from tests.reports.conftest import Network


@pytest.mark.parametrize("font", [REGULAR, BOLD, FONTS["arabic"][0], FONTS["devanagari"][1]])
def test_words_are_measured_as_reportlab_measures_them(font: str) -> None:
    Styles()
    for word in ("Mamani", "Юлия", "مريم", "प्रिया", "Mamani"):
        assert reportlab_paragraph.stringWidth(word, font, 9.5) == pdfmetrics.stringWidth(
            word, font, 9.5
        )


def write(path: Path, story: list[Flowable], styles: Styles, lang: str = "en") -> Layout:
    def make_story(_previous: Layout | None) -> Sequence[Flowable]:
        return story

    return build_without_cover(
        path, make_story, styles=styles, running=Running("Header", "", "Footer"),
        metadata=Metadata(title="Test", subject="Test"), paper="a4", lang=lang,
    )


def test_a_grid_repeats_its_header_on_every_page_it_runs_onto(tmp_path: Path) -> None:
    styles = Styles()
    rows = [header_row(styles, ("Working group", "Answer"))]
    rows += [[styles.para(f"Body {n}", styles.cell), styles.para("endorsed", styles.cell)]
             for n in range(1, 151)]
    path = tmp_path / "grid.pdf"

    layout = write(path, [grid(rows, ["70%", "30%"], [shaded(3, "#fce8e6")], padding=3)], styles)

    pages = pdfs.page_texts(path)
    assert layout.pages == len(pages) > 1
    for page in pages:
        assert page.count("Working group") == 1
        assert "Header" in page and f"of {len(pages)}" in page
    assert {"Body 1", "Body 75", "Body 150"} <= set(pdfs.lines(path))


def test_sections_are_the_bookmarks_of_the_pdf_at_their_level(tmp_path: Path) -> None:
    styles = Styles()
    story: list[Flowable] = [
        section(styles, "Answers by working group", "answers", styles.h2),
        section(styles, "Identified (2)", "stage:identified", styles.h3, level=1),
        section(styles, "Participants", "participants", styles.h1),
    ]
    path = tmp_path / "sections.pdf"

    write(path, story, styles)

    outline = PdfReader(path).outline
    assert [item.title for item in outline if not isinstance(item, list)] == [
        "Answers by working group", "Participants"
    ]
    assert [item.title for item in outline[1]] == ["Identified (2)"]


@pytest.mark.parametrize(
    ("lang", "warning"),
    [("en", "Closed-meeting edition"), ("es", "Edición para reunión cerrada")],
)
def test_an_opening_says_what_it_is_then_warns_then_gives_facts_and_what_it_is_about(
    tmp_path: Path, lang: str, warning: str
) -> None:
    styles = Styles()
    story = opening(
        styles, lang, kind="Strategic exchange", title="Land & housing", closed_meeting=True,
        facts=[("Dates", markup("23–24 August 2016")), ("Venue", markup("Durban"))],
        label_width=22, about=markup("Two days of mutual learning."),
    )
    path = tmp_path / "opening.pdf"

    write(path, story, styles, lang)

    lines = pdfs.lines(path)
    order = ["Strategic exchange", "Land & housing", warning, "Dates", "23–24 August 2016",
             "Venue", "Durban", "Two days of mutual learning."]
    found = [next(n for n, line in enumerate(lines) if line.startswith(text)) for text in order]
    assert found == sorted(found)
    plain = opening(styles, lang, kind="Strategic exchange", title="Land & housing",
                    closed_meeting=False, facts=[("Venue", "Durban")], label_width=22)
    assert len(plain) == len(story) - 4, "no warning, no space after it, no about, no space"


def test_a_drawn_document_is_written_whole_with_its_metadata_once_drawing_ends(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cards.pdf"
    metadata = Metadata(title="Name badges", subject="The network")

    with drawn_document(path, metadata=metadata, paper="letter", lang="en") as canvas:
        for number in (1, 2):
            canvas.drawString(72, 72, f"Card {number}")
            canvas.showPage()
        assert not path.exists()

    assert [page.strip() for page in pdfs.page_texts(path)] == ["Card 1", "Card 2"]
    assert pdfs.page_size(path) == (612, 792)
    assert pdfs.metadata(path) == ("Name badges", "The network", APPLICATION, APPLICATION)
    assert list(tmp_path.iterdir()) == [path]


def test_a_drawing_that_fails_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "cards.pdf"
    path.write_bytes(b"the previous badges")
    metadata = Metadata(title="Name badges", subject="The network")

    with (
        pytest.raises(RuntimeError),
        drawn_document(path, metadata=metadata, paper="a4", lang="en") as canvas,
    ):
        canvas.drawString(72, 72, "Card 1")
        canvas.showPage()
        raise RuntimeError("the second card failed")

    assert path.read_bytes() == b"the previous badges"
    assert list(tmp_path.iterdir()) == [path]


def test_a_drawn_document_for_a_missing_folder_is_refused_before_anything_is_drawn(
    tmp_path: Path,
) -> None:
    drawn = []
    metadata = Metadata(title="Name badges", subject="The network")

    with (
        pytest.raises(UserError, match="does not exist"),
        drawn_document(tmp_path / "missing" / "cards.pdf", metadata=metadata, paper="a4",
                       lang="en") as canvas,
    ):
        drawn.append(canvas)

    assert drawn == []


@pytest.mark.parametrize(
    ("write", "title"), [(write_signin, "Hoja de registro"), (write_badges, "Gafetes")]
)
def test_a_meeting_document_names_itself_and_the_network_not_the_meeting_or_its_people(
    network: Network, tmp_path: Path, write: Callable[..., Any], title: str
) -> None:
    path = tmp_path / "document.pdf"

    write(network.directory, network.activity, path, lang="es")

    assert pdfs.metadata(path) == (title, WORKING_GROUP, APPLICATION, APPLICATION)
