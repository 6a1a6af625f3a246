"""Names in any script become markup that reportlab draws with the right font and shapes."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import SimpleDocTemplate

from smwg_desktop.reports.common import Styles
from smwg_desktop.reports.fonts import (
    FONTS,
    REGULAR,
    font_runs,
    is_plain,
    markup,
    needs_shaping,
    register_fonts,
    runs,
    visual_order,
)
from tests.reports import pdfs

ARABIC = '<font name="NotoSansArabic-Regular">'
DEVANAGARI = '<font name="NotoSansDevanagari-Regular">'


def test_latin_greek_and_cyrillic_text_is_only_escaped() -> None:
    assert markup("Pêcheurs & Co <sample>") == "Pêcheurs &amp; Co &lt;sample&gt;"
    assert markup("Νίκος · Юлия") == "Νίκος · Юлия"
    assert markup("Rosa", bold=True) == '<font name="NotoSans-Bold">Rosa</font>'
    assert not needs_shaping("Ђорђевић Jürgen Νίκος")


def test_each_script_run_gets_its_own_font_and_spaces_stay_in_the_base_font() -> None:
    assert markup("प्रिया पासवान") == f"{DEVANAGARI}प्रिया</font> {DEVANAGARI}पासवान</font>"
    assert markup("(प्रिया)") == f"({DEVANAGARI}प्रिया</font>)"
    assert needs_shaping(markup("प्रिया")) and needs_shaping("مريم")
    assert [script for script, _ in runs("Ana مريم")] == ["latin", "arabic"]


def test_punctuation_the_base_font_lacks_goes_with_the_arabic_run() -> None:
    # The Arabic comma is not in Noto Sans; it is in Noto Sans Arabic.
    assert [script for script, _ in runs("ليلى،")] == ["arabic"]


def test_right_to_left_words_are_in_visual_order_with_letters_in_reading_order() -> None:
    assert visual_order("مريم الحسيني") == "الحسيني مريم"
    assert visual_order("جمعية صيادي الساحل (sample)") == "(sample) الساحل صيادي جمعية"
    assert markup("مريم الحسيني") == f"{ARABIC}الحسيني</font> {ARABIC}مريم</font>"
    assert visual_order("Rosa Mamani") == "Rosa Mamani"


def test_a_word_mixing_fonts_is_shaped_font_by_font(tmp_path: Path) -> None:
    styles = Styles()
    path = tmp_path / "mixed.pdf"
    SimpleDocTemplate(str(path)).build([
        styles.para("Name: " + markup("(مريم)") + " and " + markup("(प्रिया)"), styles.body),
    ])
    raw = pdfs.text(path)
    drawn = pdfs.pdf_glyphs(path, "NotoSansDevanagari-Regular")

    # Shaped with the font of the bracket, the Arabic letters would be empty boxes.
    assert "مريم" in unicodedata.normalize("NFKC", raw)
    assert raw.count("(") == raw.count(")") == 2
    assert pdfs.contains_run(drawn, pdfs.harfbuzz_glyphs("प्रिया", "NotoSansDevanagari-Regular"))


def test_font_runs_are_the_runs_that_markup_marks_up() -> None:
    for name in ("Rosa Mamani", "Νίκος · Юлия", "مريم الحسيني", "प्रिया पासवान",
                 "(مريم)", "ليلى،", "Pêcheurs & Co"):
        for bold in (False, True):
            rebuilt = "".join(
                text if font == REGULAR and not bold else f'<font name="{font}">{text}</font>'
                for font, text, _shaped in font_runs(name, bold=bold)
            )
            assert rebuilt.replace("&", "&amp;") == markup(name, bold=bold), (name, bold)


NAME_CHARACTERS = st.one_of(*[
    st.characters(min_codepoint=low, max_codepoint=high,
                  exclude_categories=("Cs", "Cc", "Cn"))
    for low, high in (
        (0x20, 0x24F),    # Latin
        (0x300, 0x36F),   # combining marks
        (0x370, 0x4FF),   # Greek, Cyrillic
        (0x590, 0x6FF),   # Hebrew, Arabic
        (0x900, 0x97F),   # Devanagari
        (0x2000, 0x206F),  # punctuation, joiners
        (0xFB50, 0xFEFF),  # Arabic presentation forms
    )
])


@given(st.text(alphabet=NAME_CHARACTERS, max_size=30))
@settings(max_examples=300, deadline=None)
def test_plain_text_is_one_run_in_the_base_font_exactly_when_runs_say_so(text: str) -> None:
    register_fonts()
    slow = [(FONTS[script][0], run, script != "latin")
            for script, run in runs(visual_order(text))] if text else []

    assert list(font_runs(text)) == slow
    if is_plain(text):
        assert slow == [(REGULAR, text, False)] or not text


def test_isolate_controls_around_a_name_are_left_out_of_right_to_left_text() -> None:
    # Some programs wrap names in isolates (U+2066..U+2069); python-bidi refused them.
    assert visual_order("مريم \u2066Rosa\u2069") == "Rosa مريم"
    assert markup("\u2067مريم الحسيني\u2069") == markup("مريم الحسيني")
