"""The typesetter breaks lines, fills pages and keeps together what belongs together."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest
import uharfbuzz
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from smwg_desktop.reports.fonts import BOLD, FONTS, REGULAR, register_fonts
from smwg_desktop.reports.typeset import (
    Block,
    Frame,
    Item,
    Keep,
    Later,
    Layout,
    Line,
    Measure,
    NeedSpace,
    NewPage,
    Outline,
    PageKind,
    Paragraph,
    Reference,
    Space,
    Typesetter,
    draw,
    joined_runs,
    text_runs,
)
from smwg_desktop.resources import resource_path
from tests.reports import pdfs

BLACK = (0.0, 0.0, 0.0)
SIZE = 10.0
LEADING = 12.0
FRAME = Frame(50, 50, 200, 120)
"""Ten lines of ``LEADING`` high."""
COLUMNS = (Frame(50, 50, 95, 120), Frame(155, 50, 95, 120))
KINDS = {
    "page": PageKind((FRAME,)),
    "columns": PageKind(COLUMNS),
}
PLAIN = Block(LEADING)


def para(text: str, block: Block = PLAIN, *, key: str = "", bold: bool = False,
         **extra: object) -> Paragraph:
    return Paragraph(text_runs(text, SIZE, BLACK, bold=bold), block,
                     anchors=(key,) if key else (), **extra)  # type: ignore[arg-type]


def lay_out(story: Sequence[Item], kinds: dict[str, PageKind] = KINDS,
            first: str = "page") -> tuple[Layout, Typesetter]:
    register_fonts()
    typesetter = Typesetter(kinds)
    return typesetter.lay_out(story, first), typesetter


def page_of(layout: Layout, key: str) -> int:
    pages = layout.anchors[key]
    assert len(pages) == 1
    return pages[0]


def drawn(line: Line) -> str:
    return "".join(run.source or run.text for run in line.runs)


def all_lines(layout: Layout) -> list[tuple[int, Line]]:
    return [(number, line) for number, page in enumerate(layout.pages, 1)
            for line in page.lines if isinstance(line, Line)]


def fillers(count: int) -> list[Item]:
    return [para(f"filler {n}") for n in range(count)]


def test_words_go_on_a_line_while_they_fit_and_no_line_is_wider_than_its_frame() -> None:
    words = ["the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "again",
             "and", "again"]
    measure = Measure()
    register_fonts()
    layout, _ = lay_out([para(" ".join(words * 3), Block(LEADING, indent=10, right_indent=5))])

    lines = [line for _page, line in all_lines(layout)]
    room = FRAME.width - 15
    space = measure.width(" ", REGULAR, SIZE)
    assert len(lines) > 2
    assert " ".join(drawn(line) for line in lines) == " ".join(words * 3)
    for line, after in itertools.pairwise(lines):
        assert line.x == pytest.approx(FRAME.x + 10)
        assert line.width <= room + 1e-6
        assert line.width == pytest.approx(measure.width(drawn(line), REGULAR, SIZE))
        # Greedy: the first word of the next line would not have fitted.
        first_word = drawn(after).split()[0]
        assert line.width + space + measure.width(first_word, REGULAR, SIZE) > room


def test_a_word_longer_than_a_line_is_broken_between_characters() -> None:
    url = "https://andina.example.org/" + "documentos/" * 6 + "informe-anual.pdf"
    layout, _ = lay_out([para(f"See {url} for the report")])

    lines = [line for _page, line in all_lines(layout)]
    assert len(lines) >= 3
    assert all(line.width <= FRAME.width + 1e-6 for line in lines)
    assert "".join(drawn(line).replace(" ", "") for line in lines) == (
        f"See{url}forthereport")
    assert drawn(lines[0]) == "See"  # the URL starts on a line of its own


def test_a_long_devanagari_word_is_broken_only_between_letters() -> None:
    word = "क्षत्रियप्रियापासवानविश्वकर्मा" * 3
    layout, _ = lay_out([para(word)], {"page": PageKind((Frame(50, 50, 60, 400),))})

    lines = [line for _page, line in all_lines(layout)]
    assert len(lines) > 1
    assert "".join(drawn(line) for line in lines) == word
    for line in lines:
        text = drawn(line)
        assert not unicodedata.category(text[0]).startswith("M")
        assert not text.endswith("\u094d")  # a virama joins the next letter
        assert line.width <= 60 + 1e-6


def test_a_shaped_run_is_measured_by_the_advance_harfbuzz_gives() -> None:
    register_fonts()
    font = FONTS["devanagari"][1]
    word = "क्षत्रिय"
    data = resource_path("fonts", f"{font}.ttf").read_bytes()
    face = uharfbuzz.Face(uharfbuzz.Blob(data))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(word)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(face), buffer, {"kern": True, "liga": True})
    advance = sum(p.x_advance for p in buffer.glyph_positions) * SIZE / face.upem

    glyphs, width = Measure().shaped(word, font, SIZE)

    assert width == pytest.approx(advance)
    assert glyphs != word  # drawn as glyphs, not letter by letter


def test_kept_paragraphs_go_together_to_the_next_page_when_they_do_not_fit() -> None:
    kept = Keep([para("head", key="head"), para("facts", key="facts"),
                 para("first person", key="first")])
    layout, _ = lay_out([*fillers(8), kept, para("second person", key="second")])

    assert [page_of(layout, k) for k in ("head", "facts", "first", "second")] == [2, 2, 2, 2]
    assert len(layout.pages[0].lines) == 8


def test_kept_paragraphs_stay_where_they_are_when_they_fit() -> None:
    kept = Keep([para("head", key="head"), para("first person", key="first")])
    layout, _ = lay_out([*fillers(8), kept])

    assert page_of(layout, "head") == page_of(layout, "first") == 1


def test_a_group_taller_than_a_page_flows_over_pages_instead_of_looping() -> None:
    kept = Keep([para(f"line {n}", key=f"k{n}") for n in range(25)])
    layout, _ = lay_out([para("before"), kept])

    assert [page_of(layout, f"k{n}") for n in (0, 8, 9, 18, 19, 24)] == [1, 1, 2, 2, 3, 3]


@pytest.mark.parametrize("filled", range(12))
def test_a_heading_is_never_alone_at_the_foot_of_a_page(filled: int) -> None:
    heading = Block(LEADING * 1.5, space_before=6, space_after=4, keep_with_next=True)
    story = [*fillers(filled), para("Region", heading, key="region"),
             para("Country", heading, key="country"), para("entry", key="entry")]
    layout, _ = lay_out(story)

    assert page_of(layout, "region") == page_of(layout, "country") == page_of(layout, "entry")


@pytest.mark.parametrize(("filled", "expected"), [
    (9, [2] * 6),                # room for one line: the paragraph moves whole
    (8, [1, 1, 2, 2, 2, 2]),     # two and four
    (7, [1, 1, 1, 2, 2, 2]),     # three and three
    (5, [1, 1, 1, 1, 2, 2]),     # four and two, never five and one
    (4, [1] * 6),                # it fits
])
def test_a_long_paragraph_is_split_with_at_least_two_lines_on_each_side(
    filled: int, expected: list[int]
) -> None:
    long = para(" ".join(f"word{n:02d}" for n in range(6 * 5)),
                Block(LEADING), key="long")
    measure = Measure()
    register_fonts()
    # Five words fill a line of the frame: six lines.
    assert measure.width(" ".join(f"word{n:02d}" for n in range(5)), REGULAR, SIZE) < 200
    assert measure.width(" ".join(f"word{n:02d}" for n in range(6)), REGULAR, SIZE) > 200
    layout, _ = lay_out([*fillers(filled), long])

    pages = [number for number, line in all_lines(layout) if drawn(line).startswith("word")]
    assert pages == expected


def test_space_before_is_dropped_at_the_top_of_a_page_and_the_larger_space_separates() -> None:
    spaced = Block(LEADING, space_before=20, space_after=5)
    layout, _ = lay_out([para("a", spaced), para("b", spaced), Space(30), para("c")])

    a, b, c = (line for _page, line in all_lines(layout))
    top = FRAME.y + FRAME.height
    assert a.y == pytest.approx(top - SIZE)                  # no space above the first
    assert a.y - b.y == pytest.approx(LEADING + 20)          # max(5 after, 20 before)
    assert b.y - c.y == pytest.approx(LEADING + 5 + 30)      # after, then the space


def test_need_space_goes_on_in_the_next_frame_when_less_is_left() -> None:
    layout, _ = lay_out([*fillers(6), NeedSpace(5 * LEADING), para("region", key="r"),
                         NeedSpace(3 * LEADING), para("country", key="c")])

    assert page_of(layout, "r") == 2
    assert page_of(layout, "c") == 2


def test_columns_fill_left_then_right_then_a_new_page() -> None:
    story = [NewPage("columns"), *[para(f"entry {n}", key=f"e{n}") for n in range(25)]]
    layout, _ = lay_out(story)

    lines = all_lines(layout)
    assert [page for page, _line in lines].count(1) == 20
    assert layout.pages[0].kind == "columns"  # the page was empty: no blank page before
    assert lines[9][1].x == pytest.approx(COLUMNS[0].x)
    assert lines[10][1].x == pytest.approx(COLUMNS[1].x)
    assert lines[10][1].y == pytest.approx(lines[0][1].y)
    assert page_of(layout, "e20") == 2


def test_a_new_page_after_text_starts_a_page_of_its_kind() -> None:
    layout, _ = lay_out([para("cover"), NewPage("columns"), para("index", key="i")])

    assert [page.kind for page in layout.pages] == ["page", "columns"]
    assert page_of(layout, "i") == 2


def test_later_items_are_made_from_the_pages_of_the_anchors_before_them() -> None:
    seen: dict[str, list[int]] = {}

    def index(anchors: object) -> list[Item]:
        seen.update({k: list(v) for k, v in anchors.items()})  # type: ignore[attr-defined]
        return [para(f"x {anchors['x']}")]  # type: ignore[index]

    layout, _ = lay_out([para("x", key="x"), *fillers(12), para("y", key="x"), Later(index)])

    assert seen == {"x": [1, 2]}
    assert drawn(all_lines(layout)[-1][1]) == "x [1, 2]"


def test_page_references_are_drawn_at_the_right_with_the_page_of_their_anchor(
    tmp_path: Path,
) -> None:
    row = Block(LEADING, reference_width=30, right_indent=4)
    story = [
        para("Contents"),
        para("First part", row, reference=Reference("first", REGULAR, SIZE, BLACK)),
        para("Second part", row, reference=Reference("second", REGULAR, SIZE, BLACK)),
        *fillers(9),
        para("First part", key="first"), *fillers(12), para("Second part", key="second"),
    ]
    layout, typesetter = lay_out(story)
    path = tmp_path / "refs.pdf"
    canvas = Canvas(str(path))
    draw(layout, canvas, typesetter.measure)
    canvas.save()

    first_page = pdfs.page_texts(path)[0]
    assert "First part 2" in first_page and "Second part 3" in first_page


def test_bookmarks_lead_to_the_pages_of_their_headings(tmp_path: Path) -> None:
    heading = Block(LEADING, keep_with_next=True)
    story = [
        para("One", heading, outline=Outline("One", 0, "one"), bold=True), *fillers(12),
        para("One.a", heading, outline=Outline("One.a", 1, "one-a")), *fillers(12),
        para("Two", heading, outline=Outline("Two", 0, "two")), para("end"),
    ]
    layout, typesetter = lay_out(story)
    path = tmp_path / "outline.pdf"
    canvas = Canvas(str(path))
    draw(layout, canvas, typesetter.measure)
    canvas.save()

    reader = PdfReader(path)
    outline = reader.outline
    one, children, two = outline
    assert [one.title, children[0].title, two.title] == ["One", "One.a", "Two"]
    assert [reader.get_destination_page_number(d) + 1
            for d in (one, children[0], two)] == [1, 2, 3]
    assert BOLD in {run.font for _page, line in all_lines(layout) for run in line.runs}


def test_plain_pieces_join_into_one_run_and_right_to_left_ones_keep_their_own_order() -> None:
    register_fonts()
    plain = joined_runs(["Rosa Mamani", "Юлия", "Νίκος"], " · ", SIZE, BLACK, prefix=" — ")
    assert [(run.text, run.font) for run in plain] == [(" — Rosa Mamani · Юлия · Νίκος", REGULAR)]

    mixed = joined_runs(["Rosa", "مريم الحسيني", "Ana"], " · ", SIZE, BLACK, prefix=": ")
    # Each piece in its own order: the separators do not move into the Arabic name.
    assert "".join(run.text for run in mixed) == ": Rosa · الحسيني مريم · Ana"
    assert {run.font for run in mixed if run.shaped} == {FONTS["arabic"][0]}
