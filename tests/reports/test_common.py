"""Short cuts in laying out a document give what reportlab itself would give."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as reportlab_paragraph

from smwg_desktop.reports.common import ACCENT_HEX, Styles
from smwg_desktop.reports.fonts import BOLD, FONTS, REGULAR, markup


def described(paragraph: Paragraph) -> list[dict[str, object]]:
    return [dict(vars(fragment)) for fragment in paragraph.frags]


@pytest.mark.parametrize(
    "name", ["Rosa Mamani", "Юлия Петрова", "مريم الحسيني", "प्रिया पासवान", "Pêcheurs & <Co>"]
)
@pytest.mark.parametrize("tail", ["000", "000, 000", "12", "7, 103, 168"])
def test_an_index_entry_with_new_page_numbers_equals_the_one_parsed_whole(
    name: str, tail: str
) -> None:
    styles = Styles()
    text = markup(name, bold=True) + " · " + markup("Red Andina") + " "
    styles.para_ending(text, "000, 000", ACCENT_HEX, styles.index)

    reused = styles.para_ending(text, tail, ACCENT_HEX, styles.index)
    parsed = Paragraph(f'{text}<font color="{ACCENT_HEX}">{tail}</font>', reused.style)

    assert described(reused) == described(parsed)
    assert reused.wrap(120, 800) == parsed.wrap(120, 800)


@pytest.mark.parametrize("font", [REGULAR, BOLD, FONTS["arabic"][0], FONTS["devanagari"][1]])
def test_words_are_measured_as_reportlab_measures_them(font: str) -> None:
    Styles()
    for word in ("Mamani", "Юлия", "مريم", "प्रिया", "Mamani"):
        assert reportlab_paragraph.stringWidth(word, font, 9.5) == pdfmetrics.stringWidth(
            word, font, 9.5
        )
