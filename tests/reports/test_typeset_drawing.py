"""Runs drawn by the typesetter are written exactly as reportlab's own text object writes them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from smwg_desktop.core.directory import Directory
from smwg_desktop.reports import directory as directory_report
from smwg_desktop.reports import typeset
from smwg_desktop.reports.common import paper_size
from smwg_desktop.reports.fonts import ARABIC, BOLD, DEVANAGARI, FONTS, REGULAR, register_fonts
from smwg_desktop.reports.typeset import (
    RGB,
    Layout,
    Line,
    Measure,
    Page,
    Run,
    Typesetter,
    draw,
)

BLACK = (0.0, 0.0, 0.0)
GREY = (0.4, 0.4, 0.4)


def as_reportlab_writes_it(shown: typeset._Shown, text: PDFTextObject, run: Run) -> None:
    text._textOut(run.text)


MEASURE = Measure()
ARABIC_NAMES = ["مريم", "فاطمة الزهراء", "(مريم)", "ﰲ"]
DEVANAGARI_NAMES = ["प्रिया शर्मा", "क्षत्रिय", "अ"]


def shaped(text: str, font: str, size: float, colour: RGB = (0.0, 0.0, 0.0)) -> Run:
    """A run of Arabic or Devanagari as the typesetter draws it (glyphs, shaped)."""
    register_fonts()
    return MEASURE.ready(Run(text, font, size, colour, True))


def as_reportlab_writes_the_line(state: typeset._TextState, line: Line) -> None:
    """A line through the text object's own calls: origin, font, colour, each run."""
    text = state.text
    text.setTextOrigin(line.x, line.y)
    for run in line.runs:
        if run.font != state.font or run.size != state.size:
            text.setFont(run.font, run.size)
            state.font, state.size = run.font, run.size
        if run.colour is not state.colour:
            text.setFillColor(run.colour)
            state.colour = run.colour
        text._textOut(run.text)


def pdf_bytes(path: Path, layout: Layout, measure: Measure, bottom_up: int = 1) -> bytes:
    canvas = Canvas(str(path), invariant=1, pageCompression=0, bottomup=bottom_up)
    draw(layout, canvas, measure)
    canvas.save()
    return path.read_bytes()


def both_ways(
    tmp_path: Path, layout: Layout, measure: Measure, bottom_up: int = 1
) -> tuple[bytes, bytes]:
    """The PDF as the typesetter draws it, and as reportlab's text object draws each
    line (``setTextOrigin``, ``setFont``, ``setFillColor``, ``_textOut``)."""
    drawn = pdf_bytes(tmp_path / "drawn.pdf", layout, measure, bottom_up)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typeset._Shown, "show", as_reportlab_writes_it)
        patch.setattr(typeset._Shown, "show_shaped", as_reportlab_writes_it)
        patch.setattr(typeset._TextState, "line", as_reportlab_writes_the_line)
        expected = pdf_bytes(tmp_path / "expected.pdf", layout, measure, bottom_up)
    return drawn, expected


def test_the_demo_directory_is_written_as_reportlab_writes_each_run(
    demo: Directory, tmp_path: Path
) -> None:
    """Content streams and embedded font subsets, byte for byte (Arabic and Devanagari
    names, running text repeated on every page, contents and index)."""
    for lang, group_by in (("en", "region"), ("fr", "constituency")):
        composition = directory_report.compose_directory(
            demo, lang=lang, group_by=group_by, include_prospects=True, today=date(2026, 5, 1))
        size = paper_size("a4")
        typesetter = Typesetter(directory_report.page_kinds(size))
        layout = typesetter.lay_out(composition.story, "cover")
        directory_report._add_running(layout, typesetter, composition, size)
        drawn, expected = both_ways(tmp_path, layout, typesetter.measure)
        assert len(layout.pages) > 5
        assert drawn == expected


def page_of(lines: Sequence[Sequence[Run]]) -> Layout:
    return Layout([Page("page", lines=[Line(40, 800 - 12 * n, runs, 0.0)
                                       for n, runs in enumerate(lines)])], {})


def test_texts_beyond_a_fonts_first_subset_switch_subsets_as_reportlab_does(
    tmp_path: Path,
) -> None:
    """More than 256 characters in one font: runs whose characters fall in two subsets,
    the same runs again once every character has its code, characters the font lacks,
    no-break spaces, and what PDF strings escape."""
    register_fonts()
    letters = [chr(c) for c in range(0x21, 0x17F)] + [chr(c) for c in range(0x400, 0x45F)]
    mixed = "".join(letters[n] + letters[-1 - n] for n in range(0, 200, 7))
    texts = ["(a) \\ b)", "x\xa0y", "中文 ok", mixed, *("".join(letters[n:n + 40])
                                                       for n in range(0, len(letters), 40))]
    lines = [[Run(text, font, 9.5, colour) for text in (*texts, *texts)]
             for font, colour in ((REGULAR, BLACK), (BOLD, GREY), (REGULAR, GREY))]
    # Shaped names between them, again and again, in two sizes and both weights.
    lines += [[shaped(name, FONTS[script][bold], size), Run(" · ", REGULAR, size, BLACK)]
              for script, names in ((ARABIC, ARABIC_NAMES), (DEVANAGARI, DEVANAGARI_NAMES))
              for name in (*names, *names) for size in (9.5, 8.0) for bold in (0, 1)]
    # Shaped text whose glyphs fall in two subsets, again once each glyph has its code:
    # the subset in use after a run drawn again is the one its first drawing left.
    lines += [[shaped(text, REGULAR, 9.5), Run(text[:3], REGULAR, 9.5, BLACK)]
              for text in (mixed, *texts[3:], mixed, *texts[3:])]
    drawn, expected = both_ways(tmp_path, page_of(lines), Measure())
    assert re.search(rb"/F\d+\+1 [\d.]+ Tf", drawn)  # a second subset was used
    assert drawn == expected


plain_runs = st.builds(
    Run,
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x52F) | st.sampled_from("\xa0()\\中"),
            max_size=30),
    st.sampled_from([REGULAR, BOLD]),
    st.sampled_from([8.0, 9.5]),
    st.sampled_from([BLACK, GREY]),
)
shaped_runs = st.builds(
    shaped,
    st.sampled_from(ARABIC_NAMES),
    st.sampled_from(FONTS[ARABIC]),
    st.sampled_from([8.0, 9.5]),
) | st.builds(
    shaped,
    st.sampled_from(DEVANAGARI_NAMES),
    st.sampled_from(FONTS[DEVANAGARI]),
    st.sampled_from([8.0, 9.5]),
)
runs = plain_runs | shaped_runs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(runs, min_size=1, max_size=6), min_size=1, max_size=30))
def test_any_runs_are_written_as_reportlab_writes_them(
    tmp_path: Path, lines: list[list[Run]]
) -> None:
    register_fonts()
    drawn, expected = both_ways(tmp_path, page_of(lines), Measure())
    assert drawn == expected


def test_texts_whose_characters_all_have_a_first_subset_code_split_as_reportlab_splits_them(
    tmp_path: Path,
) -> None:
    """The short cut takes a text only when each character has a code below 256 (a
    no-break space as a space's), and then gives the codes splitString gives."""
    register_fonts()
    canvas = Canvas(str(tmp_path / "x.pdf"))
    shown = typeset._Shown(canvas)
    font = pdfmetrics.getFont(REGULAR)
    assert shown._in_first_subset(font, "abc") is None  # nothing drawn yet in this document
    font.splitString("abcé", canvas._doc)
    assert shown._in_first_subset(font, "éab") == b"".join(
        codes for _subset, codes in font.splitString("éab", canvas._doc))
    assert shown._in_first_subset(font, "abcñö") is None
    font.splitString("ñö", canvas._doc)  # given codes after the tables were made
    assert shown._in_first_subset(font, "öñé a") == b"".join(
        codes for _subset, codes in font.splitString("öñé a", canvas._doc))
    first = "".join(chr(c) for c in range(0x21, 0x17F))  # more than one subset
    later = "".join(chr(c) for c in range(0x400, 0x45F))
    font.splitString(first + later, canvas._doc)
    for text in ("Maria", "x\xa0y z", first[:94], first[130:200]):
        assert shown._in_first_subset(font, text) == b"".join(
            codes for _subset, codes in font.splitString(text, canvas._doc))
    # Codes in a later subset, a character the font lacks (code 0, never given), none.
    for text in (later[:5], "Maria " + later[-1], "\u4e2d", "a\x85", ""):
        assert shown._in_first_subset(font, text) is None


def test_a_top_down_canvas_gets_the_origins_reportlab_writes(tmp_path: Path) -> None:
    register_fonts()
    lines = [[Run("Maria", REGULAR, 9.5, BLACK), Run(" · Lima", BOLD, 8.0, GREY)],
             [Run("Ana", BOLD, 9.5, BLACK)]]
    drawn, expected = both_ways(tmp_path, page_of(lines), Measure(), bottom_up=0)
    assert b"1 0 0 -1 40 800 Tm" in drawn
    assert drawn == expected


def test_runs_in_a_standard_font_are_written_as_reportlab_writes_them(tmp_path: Path) -> None:
    """A Type 1 font (no subsets) between TrueType runs, the same texts again."""
    register_fonts()
    lines = [[Run("Maria (x)", font, 9.5, BLACK), Run(" é·", REGULAR, 9.5, GREY)]
             for font in ("Helvetica", "Times-Bold", "Helvetica")]
    drawn, expected = both_ways(tmp_path, page_of([*lines, *lines]), Measure())
    assert b"(Maria \\(x\\)) Tj" in drawn
    assert drawn == expected
