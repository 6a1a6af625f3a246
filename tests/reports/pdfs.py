"""Reading printed documents back: their text, their glyphs and their pages as images."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdfium2
import uharfbuzz
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from smwg_desktop.resources import resource_path


def page_texts(path: Path, *, normalise: bool = True) -> list[str]:
    """The text of each page, NFKC-normalised (ligatures and Arabic forms come back plain)."""
    pages = [page.extract_text() or "" for page in PdfReader(path).pages]
    return [unicodedata.normalize("NFKC", t) if normalise else t for t in pages]


def running_heads(path: Path) -> list[str]:
    """The first line of each page: what its running header says on the left."""
    return [page.splitlines()[0] for page in page_texts(path)]


def text(path: Path) -> str:
    return "\n".join(page_texts(path))


def lines(path: Path) -> list[str]:
    return [line.strip() for line in text(path).splitlines() if line.strip()]


def visual_words(name: str) -> str:
    """A right-to-left name as text extraction returns it: its words in visual order."""
    return " ".join(reversed(name.split()))


def harfbuzz_glyphs(word: str, font_name: str) -> list[int]:
    """The glyph ids HarfBuzz gives for ``word`` in one of the shipped fonts."""
    data = resource_path("fonts", f"{font_name}.ttf").read_bytes()
    font = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(data)))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(word)
    buffer.guess_segment_properties()
    uharfbuzz.shape(font, buffer, {"kern": True, "liga": True})
    return [info.codepoint for info in buffer.glyph_infos]


def cmap_glyphs(word: str, font_name: str) -> list[int]:
    """The glyph ids of ``word`` letter by letter, as they would be without shaping."""
    char_to_glyph = pdfmetrics.getFont(font_name).face.charToGlyph
    return [char_to_glyph.get(ord(ch), 0) for ch in word]


def pdf_glyphs(path: Path, font_name: str) -> list[int | None]:
    """The glyph ids the PDF draws, read back through its text and the font's own map.

    reportlab gives a shaped glyph without a character of its own a private-use
    character; mapping each extracted character back through the registered font
    (in this process, which wrote the PDF) gives the glyph that was drawn.
    """
    char_to_glyph = pdfmetrics.getFont(font_name).face.charToGlyph
    raw = "\n".join(page_texts(path, normalise=False))
    return [char_to_glyph.get(ord(ch)) for ch in raw]


def contains_run(haystack: list[int | None], needle: list[int]) -> bool:
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def render(path: Path, scale: float = 0.5) -> list[Image.Image]:
    """Every page rendered by PDFium (no system tool needed)."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            images.append(page.render(scale=scale).to_pil().convert("L"))
            page.close()
        return images
    finally:
        document.close()


def has_ink(image: Image.Image) -> bool:
    low, _high = image.getextrema()
    return bool(low < 128)


def metadata(path: Path) -> tuple[str | None, str | None, str | None, str | None]:
    """The document information: title, subject, author and creator."""
    info = PdfReader(path).metadata
    assert info is not None
    return info.title, info.subject, info.author, info.creator


def page_size(path: Path) -> tuple[float, float]:
    box = PdfReader(path).pages[0].mediabox
    return float(box.width), float(box.height)
