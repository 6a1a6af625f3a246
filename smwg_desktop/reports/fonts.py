"""The fonts the documents embed, and names in any script turned into paragraph markup.

reportlab has no font fallback: each run of text must name a font that has its
glyphs. ``markup`` splits a text into runs by script (Latin, Greek and Cyrillic in
Noto Sans; Arabic and Devanagari in their own Noto fonts), wraps each non-Latin run in
``<font name=...>``, puts right-to-left text in visual order and escapes the rest.
Paragraphs with Arabic or Devanagari must be shaped by HarfBuzz (``needs_shaping``);
plain Latin text is not, which keeps large documents fast.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from bidi.algorithm import get_display
from bidi.mirror import MIRRORED
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, makeShapedFragWord
from reportlab.platypus import paragraph as _paragraph

from smwg_desktop.resources import font_files

REGULAR = "NotoSans-Regular"
BOLD = "NotoSans-Bold"
LATIN = "latin"
ARABIC = "arabic"
DEVANAGARI = "devanagari"

FONTS: dict[str, tuple[str, str]] = {
    LATIN: (REGULAR, BOLD),
    ARABIC: ("NotoSansArabic-Regular", "NotoSansArabic-Bold"),
    DEVANAGARI: ("NotoSansDevanagari-Regular", "NotoSansDevanagari-Bold"),
}
"""(regular, bold) PostScript names of the shipped font for each script."""

_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0600, 0x06FF, ARABIC),
    (0x0750, 0x077F, ARABIC),
    (0x0870, 0x08FF, ARABIC),
    (0x0900, 0x097F, DEVANAGARI),
    (0x1CD0, 0x1CFF, DEVANAGARI),
    (0xA8E0, 0xA8FF, DEVANAGARI),
    (0xFB50, 0xFDFF, ARABIC),
    (0xFE70, 0xFEFF, ARABIC),
)
_JOINERS = frozenset("\u200c\u200d\u25cc")
_ISOLATES = dict.fromkeys(range(0x2066, 0x206A))
"""Unicode's directional isolate controls, for ``str.translate`` to drop."""
_SIMPLE_BELOW = "\u0590"
"""Text made only of characters below this (Latin, Greek, Cyrillic...) needs no runs."""


@functools.cache
def register_fonts() -> None:
    """Register every shipped font once, under its own PostScript name.

    Also lets reportlab shape a word whose letters come from two fonts (see
    ``_shape_each_font``). Raises ``FileNotFoundError`` if a font is missing.
    """
    registered = set(pdfmetrics.getRegisteredFontNames())
    for path in font_files():
        font = TTFont(path.stem, str(path))
        postscript = font.face.name.decode("ascii", "replace")
        if postscript != path.stem:
            raise FileNotFoundError(f"{path} holds {postscript}, not {path.stem}")
        if path.stem not in registered:
            pdfmetrics.registerFont(font)
    for regular, bold in FONTS.values():
        pdfmetrics.getFont(regular)
        pdfmetrics.getFont(bold)
        family = regular.rsplit("-", 1)[0]
        for name, is_bold, italic in (
            (regular, 0, 0), (bold, 1, 0), (regular, 0, 1), (bold, 1, 1),
        ):
            addMapping(family, is_bold, italic, name)
            addMapping(regular, is_bold, italic, bold if is_bold else regular)
    _paragraph.shapeFragWord = _shape_each_font
    _paragraph.stringWidth = _string_width


_ORIGINAL_WIDTH: Callable[..., float] = pdfmetrics.stringWidth


@functools.lru_cache(maxsize=1 << 16)
def _string_width(text: str, font_name: str, font_size: float, encoding: str = "utf8") -> float:
    """``pdfmetrics.stringWidth``, remembered: line breaking measures the same words
    (names, countries, "Member since") hundreds of thousands of times in a directory."""
    return _ORIGINAL_WIDTH(text, font_name, font_size, encoding)


_ORIGINAL_SHAPE: Callable[..., Any] = _paragraph.shapeFragWord
_PLAIN_WORDS = (list, _paragraph._HSFrag)
"""Words of plain text (the second followed by a space); others are left to reportlab."""


def _shape_each_font(word: Any, *args: Any, **kwargs: Any) -> Any:
    """Shape each same-font part of a word on its own.

    reportlab shapes a whole word with the font of its first part, so "(مريم)" (the
    brackets in Noto Sans, the name in Noto Sans Arabic) came out as empty boxes.
    """
    if (
        type(word) not in _PLAIN_WORDS
        or len(word) < 3
        or any(hasattr(f, "cbDefn") for f, _ in word[1:])
    ):
        return _ORIGINAL_SHAPE(word, *args, **kwargs)
    groups: list[list[tuple[Any, str]]] = []
    for frag, text in word[1:]:
        if groups and groups[-1][-1][0].fontName == frag.fontName:
            groups[-1].append((frag, text))
        else:
            groups.append([(frag, text)])
    if len(groups) == 1:
        return _ORIGINAL_SHAPE(word, *args, **kwargs)
    width = 0.0
    parts: list[Any] = []
    for group in groups:
        group_width = sum(pdfmetrics.stringWidth(t, f.fontName, f.fontSize) for f, t in group)
        shaped = _ORIGINAL_SHAPE([group_width, *group], force=True)
        width += shaped[0]
        parts.extend(shaped[1:])
    return makeShapedFragWord(word)([width, *parts])


def script_of(char: str) -> str | None:
    """ARABIC or DEVANAGARI for a letter of those scripts; None for anything else."""
    code = ord(char)
    for low, high, script in _SCRIPT_RANGES:
        if low <= code <= high:
            return script
    return None


def needs_shaping(text: str) -> bool:
    """Whether text (plain or markup) has Arabic or Devanagari, which only read shaped."""
    return not text.isascii() and any(script_of(ch) for ch in text if ch >= _SIMPLE_BELOW)


def is_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text if ch >= _SIMPLE_BELOW)


@functools.cache
def _coverage(font_name: str) -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


@functools.lru_cache(maxsize=8192)
def _font_for(char: str, previous: str) -> str:
    """The script whose font draws ``char``, given the script of the run before it."""
    script = script_of(char)
    code = ord(char)
    if script and code in _coverage(FONTS[script][0]):
        return script
    if char.isspace():
        return LATIN
    if char in _JOINERS or unicodedata.category(char) in ("Mn", "Me"):
        return previous if code in _coverage(FONTS[previous][0]) else LATIN
    if code in _coverage(REGULAR):
        return LATIN
    if code in _coverage(FONTS[previous][0]):
        return previous
    for other, (regular, _) in FONTS.items():
        if code in _coverage(regular):
            return other
    return LATIN


def runs(text: str) -> list[tuple[str, str]]:
    """``text`` split into (script, run) pairs, each run drawable by that script's font."""
    found: list[tuple[str, str]] = []
    previous = LATIN
    for char in text:
        script = _font_for(char, previous)
        if found and found[-1][0] == script:
            found[-1] = (script, found[-1][1] + char)
        else:
            found.append((script, char))
        previous = script
    return found


def visual_order(text: str) -> str:
    """Right-to-left text in the order HarfBuzz must get it to show it correctly.

    The bidi algorithm (base direction from the first strong letter, as for a name
    shown on its own) puts words and neutral characters in visual order and mirrors
    brackets; HarfBuzz then shapes each Arabic run right to left by itself, so the
    letters inside each Arabic run go back to reading order (and unmirrored).
    """
    if not is_right_to_left(text):
        return text
    # python-bidi refuses the isolate controls (LRI, RLI, FSI, PDI) that some
    # programs put around names; they draw nothing, so they are left out here.
    display = str(get_display(text.translate(_ISOLATES)))
    parts: list[str] = []
    for script, run in runs(display):
        if script == ARABIC:
            run = "".join(MIRRORED.get(ch, ch) for ch in reversed(run))
        parts.append(run)
    return "".join(parts)


def font_runs(text: str, *, bold: bool = False) -> tuple[tuple[str, str, bool], ...]:
    """``text`` as (font name, run, shaped) in drawing order: what ``markup`` marks up.

    Right-to-left text is put in visual order first; a run is shaped (by HarfBuzz)
    when its script needs it. Apply it to each piece of user text on its own, as
    ``markup``.
    """
    if not text:
        return ()
    if is_plain(text):
        return ((BOLD if bold else REGULAR, text, False),)
    return _font_runs(text, bold)


def is_plain(text: str) -> bool:
    """Whether ``text`` is drawn in the base font alone, left to right, unshaped."""
    return (text.isascii() or max(text) < _SIMPLE_BELOW
            or _plain_characters().issuperset(text))


@functools.cache
def _plain_characters() -> frozenset[str]:
    """The characters ``runs`` always gives to the base font and bidi leaves in place."""
    return frozenset(
        char for char in map(chr, _coverage(REGULAR))
        if script_of(char) is None and unicodedata.bidirectional(char) not in ("R", "AL")
    )


@functools.lru_cache(maxsize=4096)
def _font_runs(text: str, bold: bool) -> tuple[tuple[str, str, bool], ...]:
    # Remembered: a name in Arabic or Devanagari prints in its entry and in the index.
    return tuple(
        (FONTS[script][1 if bold else 0], run, script != LATIN)
        for script, run in runs(visual_order(text))
    )


def markup(text: str, *, bold: bool = False) -> str:
    """Paragraph markup that shows ``text`` (a name, a title, an address) in any script.

    The result is escaped: use it inside reportlab paragraph markup, and apply it to
    each piece of user text on its own so that a right-to-left name keeps its order.
    """
    if not text:
        return ""
    register_fonts()
    if max(text) < _SIMPLE_BELOW:
        plain = escape(text)
        return f'<font name="{BOLD}">{plain}</font>' if bold else plain
    out: list[str] = []
    for script, run in runs(visual_order(text)):
        if script == LATIN and not bold:
            out.append(escape(run))
        else:
            out.append(f'<font name="{FONTS[script][1 if bold else 0]}">{escape(run)}</font>')
    return "".join(out)
