"""A small typesetter that lays text out once and draws it straight onto a reportlab canvas.

Platypus, reportlab's layout engine, costs about 0.3 ms per paragraph per pass and
needs a second full pass to print page numbers that refer forward. A directory of a
thousand organisations has some 10,000 paragraphs, nearly all of one line. This
engine does only what such a document needs:

- text runs (text, font, size, colour), measured with ``pdfmetrics.stringWidth``
  and remembered per text, font and size; runs in Arabic or Devanagari are shaped
  by HarfBuzz, measured by their shaped advance and drawn shaped;
- greedy line breaking at spaces; a word longer than the line is broken between
  characters (never inside a combining sequence);
- pages of named kinds, each with one or more frames (columns), filled in order;
- paragraphs kept whole (or split with at least two lines on each side), groups
  kept together, paragraphs kept with the next, space needed before a heading;
- anchors (the pages a key is on), PDF bookmarks, and page references drawn at
  the right of a paragraph once every page is known (room is kept for them, so
  the layout never depends on their values);
- ``Later`` items whose content is made when the layout reaches them, from the
  anchors placed before (an index of the pages people are on).

A story is laid out once (``Typesetter.lay_out``); what the pages should carry
besides (running header and footer) is added to the pages; then ``draw`` draws
every page once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from smwg_desktop.reports.fonts import BOLD, REGULAR, font_runs, is_plain

LEFT, CENTRE, RIGHT = "left", "centre", "right"
RGB = tuple[float, float, float]
"""A colour as red, green and blue from 0 to 1. (A reportlab ``Color`` carries an
alpha, and setting one sets a transparency state too: twice the work at every change.)"""
LINE_BREAK = "\n"
"""The text of a run that ends a line (``<br/>`` in platypus)."""

_FUZZ = 1e-6
_UNBREAKABLE_AFTER = frozenset("\u094d\u200c\u200d")
"""A word is never broken after a virama or a joiner: the letters around it form one."""


# Runs, paragraphs and the other items of a story are made by the thousand: named
# tuples are the cheapest immutable records to make and to read.


class Run(NamedTuple):
    """Text in one font, size and colour; a shaped run goes through HarfBuzz."""

    text: str
    font: str
    size: float
    colour: RGB
    shaped: bool = False
    source: str = ""
    """Of a shaped run ready to draw (whose ``text`` holds glyphs): its characters."""


def text_runs(text: str, size: float, colour: RGB, *, bold: bool = False) -> list[Run]:
    """``text`` (a name, a title, a label) as runs in the fonts of its scripts.

    Apply it to each piece of user text on its own, so that a right-to-left name
    keeps its order (``fonts.font_runs``).
    """
    return [Run(run, font, size, colour, shaped)
            for font, run, shaped in font_runs(one_line(text), bold=bold)]


_BREAKING = "\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029"
_LINE_ENDS = re.compile(f"[ {_BREAKING}]*[{_BREAKING}][ {_BREAKING}]*")


def one_line(text: str) -> str:
    """``text`` with its line ends and tabs (a multi-line address, a cell pasted from a
    spreadsheet) read as one space each, as a paragraph reads them; the typesetter
    breaks lines only at spaces."""
    # Each of those characters is unprintable; isprintable rules most texts out at once.
    if text.isprintable() or not _LINE_ENDS.search(text):
        return text
    return _LINE_ENDS.sub(" ", text).strip(" ")


def joined_runs(
    texts: Sequence[str],
    separator: str,
    size: float,
    colour: RGB,
    *,
    bold: bool = False,
    prefix: str = "",
) -> list[Run]:
    """``prefix``, then pieces of text with ``separator`` between them, each piece in
    its own scripts' fonts and order; one run when all of it is plain
    (``fonts.is_plain``), as most of a directory is."""
    texts = [one_line(text) for text in texts]
    whole = prefix + separator.join(texts)
    if is_plain(whole):
        return [Run(whole, BOLD if bold else REGULAR, size, colour)] if whole else []
    runs = text_runs(prefix, size, colour, bold=bold)
    for n, text in enumerate(texts):
        if n:
            runs += text_runs(separator, size, colour, bold=bold)
        runs += text_runs(text, size, colour, bold=bold)
    return runs


def line_break(size: float, colour: RGB) -> Run:
    return Run(LINE_BREAK, "", size, colour)


@dataclass(frozen=True)
class Block:
    """How a paragraph sits: leading, spacing, indents, alignment and what it keeps with.

    Space before a paragraph is dropped at the top of a frame; between two
    paragraphs the larger of the space after the first and before the second
    separates them. ``padding`` is kept above and below the lines, inside a ``box``
    (colour, line width) drawn around the paragraph or above a ``rule`` drawn under
    it. ``reference_width`` is the room kept at the right for a page reference.
    """

    leading: float
    space_before: float = 0.0
    space_after: float = 0.0
    indent: float = 0.0
    first_indent: float = 0.0
    """Added to ``indent`` on the first line; negative for a hanging indent (down to
    the frame's edge)."""
    right_indent: float = 0.0
    padding: float = 0.0
    align: str = LEFT
    keep_with_next: bool = False
    box: tuple[RGB, float] | None = None
    rule: tuple[RGB, float] | None = None
    reference_width: float = 0.0


class Outline(NamedTuple):
    """A bookmark in the PDF's outline: its title, level (0 at the top) and unique key."""

    title: str
    level: int
    key: str


class Reference(NamedTuple):
    """The first page of anchor ``key``, drawn right-aligned on a paragraph's last line."""

    key: str
    font: str
    size: float
    colour: RGB


class Paragraph(NamedTuple):
    runs: Sequence[Run]
    block: Block
    anchors: tuple[str, ...] = ()
    """Keys whose page is the page this paragraph starts on."""
    outline: Outline | None = None
    reference: Reference | None = None


class Keep(NamedTuple):
    """Paragraphs kept on one page (in one frame) when they fit in one."""

    paragraphs: Sequence[Paragraph]


class Space(NamedTuple):
    """Vertical space, dropped at the top of a frame."""

    height: float


class NeedSpace(NamedTuple):
    """Go on in the next frame unless this much height is left in this one."""

    height: float


class NewPage(NamedTuple):
    """Go on at the top of a new page of this kind (and the pages after it)."""

    kind: str


class Later(NamedTuple):
    """Items made when the layout reaches this point, from the anchors placed so far."""

    make: Callable[[Mapping[str, Sequence[int]]], Iterable[Item]]


Item = Paragraph | Keep | Space | NeedSpace | NewPage | Later


@dataclass(frozen=True)
class Frame:
    """A rectangle of a page that text fills from the top: x, y (bottom), width, height."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class PageKind:
    frames: tuple[Frame, ...]
    running: bool = True
    """Whether pages of this kind carry the running header and footer."""


class Line(NamedTuple):
    """A line placed on a page: its start, baseline, runs (shaped text ready to draw)
    and width."""

    x: float
    y: float
    runs: Sequence[Run]
    width: float


class Rule(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    colour: RGB
    width: float


class Box(NamedTuple):
    x: float
    y: float
    width: float
    height: float
    colour: RGB
    line_width: float


class PlacedReference(NamedTuple):
    right: float
    y: float
    reference: Reference


@dataclass
class Page:
    """Everything drawn on one page, in drawing order within each list."""

    kind: str
    lines: list[Line | PlacedReference] = field(default_factory=list)
    """Lines, and page references drawn where they stand among them (text read back
    from the PDF keeps a reference on the line of its title)."""
    rules: list[Rule] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    outlines: list[tuple[Outline, float]] = field(default_factory=list)
    furniture: list[Line] = field(default_factory=list)
    """Lines drawn before the others: the running header and footer."""


@dataclass
class Layout:
    """The pages of a story, and the pages each anchor is on (numbered from 1)."""

    pages: list[Page]
    anchors: dict[str, list[int]]

    def first_page(self, key: str) -> int | None:
        pages = self.anchors.get(key)
        return pages[0] if pages else None


class _Broken(NamedTuple):
    """A line of a paragraph before it is placed: its width, indent and runs."""

    width: float
    indent: float
    runs: list[Run]


class _Set(NamedTuple):
    """A paragraph broken into lines at one width."""

    paragraph: Paragraph
    lines: list[_Broken]
    ascent: float
    """From the top of the first line to its baseline (the largest size on it)."""
    height: float
    width: float
    """The width of the frame the lines were broken for."""


class Measure:
    """Widths of text per (text, font, size), and shaped text with its advance."""

    def __init__(self) -> None:
        self.widths: dict[tuple[str, str, float], float] = {}
        """Widths measured so far, by (text, font, size)."""
        self._shaped: dict[tuple[str, str, float], tuple[str, float]] = {}
        self._fonts: dict[str, Any] = {}

    def width(self, text: str, font: str, size: float) -> float:
        key = (text, font, size)
        found = self.widths.get(key)
        if found is None:
            face = self._fonts.get(font)
            if face is None:
                face = self._fonts[font] = pdfmetrics.getFont(font)
            # What pdfmetrics.stringWidth does, without finding the font each time.
            found = self.widths[key] = face.stringWidth(text, size)
        return found

    def shaped(self, text: str, font: str, size: float) -> tuple[str, float]:
        """``text`` shaped by HarfBuzz (a ``ShapedStr``, or ``text`` when shaping
        changes nothing) and its advance."""
        key = (text, font, size)
        found = self._shaped.get(key)
        if found is None:
            glyphs: str = shapeStr(text, font, size)
            if isinstance(glyphs, ShapedStr):
                advance = sum(d.x_advance for d in glyphs.__shapeData__) * size / 1000
            else:
                advance = self.width(text, font, size)
            found = self._shaped[key] = (glyphs, advance)
        return found

    def run_width(self, run: Run) -> float:
        if run.shaped:
            return self.shaped(run.text, run.font, run.size)[1]
        return self.width(run.text, run.font, run.size)

    def ready(self, run: Run) -> Run:
        """The run as it is drawn: shaped text in place of its characters."""
        if not run.shaped:
            return run
        glyphs = self.shaped(run.text, run.font, run.size)[0]
        return Run(glyphs, run.font, run.size, run.colour, True, run.text)


def set_lines(paragraph: Paragraph, width: float, measure: Measure) -> _Set:
    """The lines of ``paragraph`` in a frame ``width`` wide, and its height.

    Lines are filled greedily and broken at spaces. A line whose runs fit is taken
    whole without looking at its words (most lines of a directory). Each line is no
    wider than the room it has, unless a single character is wider than that room.
    """
    block = paragraph.block
    room = width - block.indent - block.right_indent - block.reference_width
    widths = measure.widths
    lines: list[_Broken] = []
    chunk: list[Run] = []
    """The runs since the last line break, as given."""
    ready: list[Run] = []
    """The same runs as they are drawn if they fit: neighbours of one look merged."""
    total = 0.0
    ascent = 0.0
    first_runs = ready
    for run in paragraph.runs:
        text = run.text
        if text == LINE_BREAK:
            _end_chunk(chunk, ready, total, block, room, measure, lines)
            chunk, ready, total = [], [], 0.0
            continue
        if not text:
            continue
        if not lines and run.size > ascent:
            ascent = run.size
        chunk.append(run)
        if run.shaped:
            glyphs, advance = measure.shaped(text, run.font, run.size)
            total += advance
            ready.append(Run(glyphs, run.font, run.size, run.colour, True, text))
            continue
        found = widths.get((text, run.font, run.size))
        total += measure.width(text, run.font, run.size) if found is None else found
        if ready:
            last = ready[-1]
            if (not last.shaped and last.font == run.font and last.size == run.size
                    and last.colour is run.colour):
                ready[-1] = Run(last.text + text, run.font, run.size, run.colour)
                continue
        ready.append(run)
    _end_chunk(chunk, ready, total, block, room, measure, lines)
    if lines[0].runs is not first_runs or not first_runs:
        # The first runs did not fit on one line (or there were none).
        ascent = _ascent(lines[0], paragraph)
    return _Set(paragraph, lines, ascent, len(lines) * block.leading + 2 * block.padding,
                width)


def _end_chunk(chunk: list[Run], ready: list[Run], total: float, block: Block, room: float,
               measure: Measure, lines: list[_Broken]) -> None:
    """Add the lines of the runs between two line breaks to ``lines``."""
    if lines:
        indent, available = block.indent, room
    else:
        # A hanging indent goes no further left than the frame.
        first = max(block.first_indent, -block.indent)
        indent, available = block.indent + first, room - first
    if total <= available + _FUZZ:
        lines.append(_Broken(total, indent, ready))
        return
    for n, (line_width, runs) in enumerate(
        _fill(_words(chunk, measure), available, room, measure)
    ):
        lines.append(_Broken(line_width, indent if n == 0 else block.indent, runs))


class _Word(NamedTuple):
    pieces: list[Run]
    width: float
    space: Run | None
    """The space after the word, in the font of the run it was typed in."""
    space_width: float


def _words(runs: Sequence[Run], measure: Measure) -> list[_Word]:
    """Runs cut into words at spaces; a word may span runs ("(مريم)")."""
    words: list[_Word] = []
    pieces: list[Run] = []
    width = 0.0
    for run in runs:
        parts = run.text.split(" ")
        for n, part in enumerate(parts):
            if n and pieces:
                space = Run(" ", run.font, run.size, run.colour)
                words.append(_Word(pieces, width, space,
                                   measure.width(" ", run.font, run.size)))
                pieces, width = [], 0.0
            if part:
                piece = Run(part, run.font, run.size, run.colour, run.shaped)
                pieces.append(piece)
                width += measure.run_width(piece)
    if pieces:
        words.append(_Word(pieces, width, None, 0.0))
    return words


def _fill(
    words: list[_Word], first_room: float, room: float, measure: Measure
) -> Iterator[tuple[float, list[Run]]]:
    """Words put on lines greedily; (width, runs ready to draw) of each line."""
    line: list[_Word] = []
    width = 0.0
    available = first_room
    queue = list(reversed(words))
    while queue:
        word = queue.pop()
        gap = line[-1].space_width if line else 0.0
        if width + gap + word.width <= available + _FUZZ:
            line.append(word)
            width += gap + word.width
            continue
        if line:
            yield width, _joined(line, measure)
            line, width, available = [], 0.0, room
            queue.append(word)
            continue
        head, rest = _cut(word, available, measure)
        yield head.width, _joined([head], measure)
        available = room
        if rest is not None:
            queue.append(rest)
    if line:
        yield width, _joined(line, measure)


def _joined(words: list[_Word], measure: Measure) -> list[Run]:
    """The runs of a line: neighbours of one look merged, spaces between words."""
    runs: list[Run] = []
    for n, word in enumerate(words):
        if n:
            space = words[n - 1].space
            assert space is not None
            _append(runs, space)
        for piece in word.pieces:
            _append(runs, measure.ready(piece))
    return runs


def _append(runs: list[Run], run: Run) -> None:
    if runs:
        last = runs[-1]
        if (not last.shaped and not run.shaped and last.font == run.font
                and last.size == run.size and last.colour is run.colour):
            runs[-1] = Run(last.text + run.text, run.font, run.size, run.colour)
            return
    runs.append(run)


def _cut(word: _Word, available: float, measure: Measure) -> tuple[_Word, _Word | None]:
    """A word too long for a whole line: the most of it that fits, and the rest.

    At least one character (with its combining marks) goes on the line, so that
    breaking always ends.
    """
    head: list[Run] = []
    width = 0.0
    pieces = list(word.pieces)
    while pieces:
        piece = pieces.pop(0)
        text = piece.text
        cuts = _cut_points(text)
        # The longest beginning that fits, found by halving (shaped text is measured
        # by shaping it, once per length tried).
        low, high = 0, len(cuts)
        while low < high:
            middle = (low + high + 1) // 2
            part = piece._replace(text=text[:cuts[middle - 1]])
            if width + measure.run_width(part) <= available + _FUZZ:
                low = middle
            else:
                high = middle - 1
        fits = cuts[low - 1] if low else 0
        if fits == len(text):
            head.append(piece)
            width += measure.run_width(piece)
            continue
        if fits == 0 and not head:
            fits = cuts[0]
        if fits:
            taken = piece._replace(text=text[:fits])
            head.append(taken)
            width += measure.run_width(taken)
        rest = [p for p in (piece._replace(text=text[fits:]), *pieces) if p.text]
        if not rest:
            break
        return (_Word(head, width, None, 0.0),
                _Word(rest, sum(measure.run_width(p) for p in rest), word.space,
                      word.space_width))
    return _Word(head, width, word.space, word.space_width), None


def _cut_points(text: str) -> list[int]:
    """Where ``text`` may be cut: after each character that a mark or joiner does not
    continue, ending with its length."""
    points = [
        n for n in range(1, len(text))
        if text[n - 1] not in _UNBREAKABLE_AFTER and text[n] not in _UNBREAKABLE_AFTER
        and not unicodedata.category(text[n]).startswith("M")
    ]
    points.append(len(text))
    return points


def _ascent(line: _Broken, paragraph: Paragraph) -> float:
    """The largest size on a line (of the paragraph if the line is empty)."""
    return max((run.size for run in line.runs or paragraph.runs), default=0.0)


class Typesetter:
    """Lays stories out on pages of given kinds, remembering what it measured."""

    def __init__(self, kinds: Mapping[str, PageKind]) -> None:
        self.kinds = dict(kinds)
        self.measure = Measure()

    def lay_out(self, story: Iterable[Item], first_kind: str) -> Layout:
        """Every item of ``story`` placed on pages, the first of ``first_kind``."""
        return _Run(self, first_kind).lay_out(story)

    def place(self, paragraph: Paragraph, x: float, bottom: float, width: float) -> list[Line]:
        """The lines of ``paragraph`` set in a box ``width`` wide whose bottom is at
        ``bottom`` (a running header grows upwards, as platypus draws it)."""
        placed = set_lines(paragraph, width, self.measure)
        top = bottom + placed.height
        return list(_lines_of(placed.paragraph.block, placed.lines, placed.ascent, x, width,
                              top))


def _lines_of(block: Block, lines: Sequence[_Broken], ascent: float, x: float, width: float,
              top: float) -> Iterator[Line]:
    y = top - block.padding - ascent
    right = x + width - block.right_indent - block.reference_width
    for line in lines:
        if block.align == LEFT:
            start = x + line.indent
        elif block.align == RIGHT:
            start = right - line.width
        else:
            start = x + line.indent + (right - x - line.indent - line.width) / 2
        yield Line(start, y, line.runs, line.width)
        y -= block.leading


class _Run:
    """One layout: where the next paragraph goes, page by page and frame by frame."""

    def __init__(self, typesetter: Typesetter, first_kind: str) -> None:
        self.kinds = typesetter.kinds
        self.measure = typesetter.measure
        self.pages: list[Page] = []
        self.anchors: dict[str, list[int]] = {}
        self.kind = first_kind
        self._new_page()

    def _new_page(self) -> None:
        self.pages.append(Page(self.kind))
        self.frame_index = 0
        self._enter(self.kinds[self.kind].frames[0])

    def _enter(self, frame: Frame) -> None:
        self.frame = frame
        self.y = frame.y + frame.height
        self.at_top = True
        self.after = 0.0
        self.empty_page = self.frame_index == 0

    def _next_frame(self) -> None:
        frames = self.kinds[self.kind].frames
        if self.frame_index + 1 < len(frames):
            self.frame_index += 1
            self._enter(frames[self.frame_index])
        else:
            self._new_page()

    @property
    def room(self) -> float:
        return self.y - self.frame.y

    def _gap(self, paragraph: Paragraph) -> float:
        if self.at_top:
            return 0.0
        return max(paragraph.block.space_before - self.after, 0.0)

    def lay_out(self, story: Iterable[Item]) -> Layout:
        self._items(story)
        return Layout(self.pages, self.anchors)

    def _items(self, story: Iterable[Item]) -> None:
        waiting: list[Paragraph | Space] = []
        """Paragraphs kept with the next one (and spaces between), not yet placed."""
        for item in story:
            if isinstance(item, Paragraph):
                if item.block.keep_with_next or waiting:
                    waiting.append(item)
                    if not item.block.keep_with_next:
                        self._group(waiting)
                        waiting = []
                else:
                    self._paragraph(set_lines(item, self.frame.width, self.measure))
            elif isinstance(item, Keep):
                waiting.extend(item.paragraphs)
                self._group(waiting)
                waiting = []
            elif isinstance(item, Space):
                if waiting:
                    waiting.append(item)
                else:
                    self._space(item.height)
            else:
                if waiting:
                    self._group(waiting)
                    waiting = []
                if isinstance(item, NeedSpace):
                    if not self.at_top and self.room < item.height:
                        self._next_frame()
                elif isinstance(item, NewPage):
                    self.kind = item.kind
                    if self.empty_page and self.at_top:
                        self.pages[-1].kind = item.kind
                        self.frame_index = 0
                        self._enter(self.kinds[item.kind].frames[0])
                    else:
                        self._new_page()
                else:
                    self._items(item.make(self.anchors))
        if waiting:
            self._group(waiting)

    def _space(self, height: float) -> None:
        if self.at_top:
            return
        self.y -= height
        self.after = 0.0

    def _group(self, items: list[Paragraph | Space]) -> None:
        """Items kept together in one frame if they fit in one; else one by one."""
        width = self.frame.width
        sets = [None if isinstance(item, Space) else set_lines(item, width, self.measure)
                for item in items]
        if (len(items) > 1 and not self.at_top
                and self._height(items, sets, self.after, self.at_top) > self.room + _FUZZ
                and self._height(items, sets, 0.0, True) <= self.frame.height + _FUZZ):
            self._next_frame()
        for item, placed in zip(items, sets, strict=True):
            if isinstance(item, Space):
                self._space(item.height)
            elif placed is not None:
                self._paragraph(placed)

    @staticmethod
    def _height(items: list[Paragraph | Space], sets: list[_Set | None], after: float,
                at_top: bool) -> float:
        """The height ``items`` take after a space of ``after`` (at the top of a frame)."""
        needed = 0.0
        for item, placed in zip(items, sets, strict=True):
            if isinstance(item, Space):
                if not at_top:
                    needed += item.height
                    after = 0.0
                continue
            assert placed is not None
            block = placed.paragraph.block
            if not at_top:
                needed += max(block.space_before - after, 0.0)
            needed += placed.height
            if item is not items[-1]:
                needed += block.space_after
            after = block.space_after
            at_top = False
        return needed

    def _paragraph(self, placed: _Set) -> None:
        """A paragraph placed whole here, or in the next frame, or split."""
        if placed.width != self.frame.width:
            placed = set_lines(placed.paragraph, self.frame.width, self.measure)
        gap = self._gap(placed.paragraph)
        if placed.height + gap > self.room + _FUZZ and not self.at_top:
            if self._split(placed, gap):
                return
            self._next_frame()
            if placed.width != self.frame.width:
                placed = set_lines(placed.paragraph, self.frame.width, self.measure)
            gap = 0.0
        if placed.height > self.room + _FUZZ:
            self._split(placed, gap, force=True)
            return
        self._put(placed, placed.lines, gap, first=True, last=True)

    def _split(self, placed: _Set, gap: float, force: bool = False) -> bool:
        """Place as many lines as fit here and the rest in the next frames.

        Without ``force``, only when at least two lines stay on each side, and never
        a boxed paragraph. Returns whether the paragraph was placed.
        """
        block = placed.paragraph.block
        lines = placed.lines
        fit = int((self.room - gap - 2 * block.padding + _FUZZ) // block.leading)
        if not force:
            fit = min(fit, len(lines) - 2)
            if block.box is not None or fit < 2:
                return False
        first = True
        while lines:
            if fit < 1:
                if self.at_top:
                    fit = 1  # a line taller than a whole frame still goes somewhere
                else:
                    self._next_frame()
                    gap = 0.0
                    fit = int((self.room - 2 * block.padding + _FUZZ) // block.leading)
                    continue
            part, lines = lines[:fit], lines[fit:]
            self._put(placed, part, gap, first=first, last=not lines)
            first = False
            if lines:
                self._next_frame()
                if placed.width != self.frame.width:
                    placed = set_lines(placed.paragraph, self.frame.width, self.measure)
                lines = placed.lines[len(placed.lines) - len(lines):]
                gap = 0.0
                fit = int((self.room - 2 * block.padding + _FUZZ) // block.leading)
        return True

    def _put(self, placed: _Set, lines: Sequence[_Broken], gap: float, *, first: bool,
             last: bool) -> None:
        paragraph = placed.paragraph
        block = paragraph.block
        page = self.pages[-1]
        number = len(self.pages)
        top = self.y - gap
        height = len(lines) * block.leading + 2 * block.padding
        frame = self.frame
        if first:
            for key in paragraph.anchors:
                pages = self.anchors.setdefault(key, [])
                if not pages or pages[-1] != number:
                    pages.append(number)
            if paragraph.outline is not None:
                page.outlines.append((paragraph.outline, top))
        ascent = placed.ascent if first else _ascent(lines[0], paragraph)
        if block.align == LEFT:
            y = top - block.padding - ascent
            x = frame.x
            leading = block.leading
            add = page.lines.append
            for line in lines:
                add(Line(x + line.indent, y, line.runs, line.width))
                y -= leading
        else:
            page.lines.extend(_lines_of(block, lines, ascent, frame.x, frame.width, top))
        bottom = top - height
        if block.box is not None:
            colour, line_width = block.box
            page.boxes.append(Box(frame.x, bottom, frame.width, height, colour, line_width))
        if block.rule is not None and last:
            colour, line_width = block.rule
            page.rules.append(Rule(frame.x, bottom, frame.x + frame.width, bottom, colour,
                                   line_width))
        if paragraph.reference is not None and last:
            baseline = top - block.padding - ascent - (len(lines) - 1) * block.leading
            page.lines.append(PlacedReference(
                frame.x + frame.width - block.right_indent, baseline, paragraph.reference))
        self.y = bottom - block.space_after
        self.after = block.space_after
        self.at_top = False
        self.empty_page = False


def draw(layout: Layout, canvas: Canvas, measure: Measure) -> None:
    """Draw every page of ``layout`` on ``canvas``, page references filled in."""
    shown = _Shown(canvas)
    for page in layout.pages:
        for box in page.boxes:
            canvas.setStrokeColor(box.colour)
            canvas.setLineWidth(box.line_width)
            canvas.rect(box.x, box.y, box.width, box.height, stroke=1, fill=0)
        for rule in page.rules:
            canvas.setStrokeColor(rule.colour)
            canvas.setLineWidth(rule.width)
            canvas.line(rule.x1, rule.y1, rule.x2, rule.y2)
        text = canvas.beginText()
        state = _TextState(text, shown)
        for line in page.furniture:
            state.line(line)
        for placed in page.lines:
            if isinstance(placed, PlacedReference):
                found = layout.first_page(placed.reference.key)
                if found is None:
                    continue
                ref = placed.reference
                number = str(found)
                width = measure.width(number, ref.font, ref.size)
                placed = Line(placed.right - width, placed.y,
                              [Run(number, ref.font, ref.size, ref.colour)], width)
            state.line(placed)
        canvas.drawText(text)
        for outline, top in page.outlines:
            canvas.bookmarkPage(outline.key, fit="FitH", top=top)
            canvas.addOutlineEntry(outline.title, outline.key, level=outline.level,
                                   closed=outline.level > 0)
        canvas.showPage()


@dataclass
class _FirstSubset:
    """The characters of a font that have a code in its first subset, for ``str.translate``:
    to their codes, and to nothing (to find a character that has none)."""

    codes: dict[int, int] = field(default_factory=dict)
    known: dict[int, None] = field(default_factory=dict)
    seen: int = 0
    """How many of the font's assignments are in the tables."""


class _Shown:
    """The PDF operators that show a run of unshaped text in a TrueType font, made once
    per text and font for a document: what reportlab's ``PDFTextObject._textOut`` writes.

    ``_textOut`` works the text out character by character (the font's subset and
    code of each, ``TTFont.splitString``) at every run, and a directory draws some
    23,000 runs; names, roles and the running text recur. A font's codes are given
    to characters the first time they are drawn in a document and never change, so
    the same text in the same font splits the same way every later time.

    A shaped run (Arabic, Devanagari) is written by ``_textOut`` the first time, and
    what it wrote is written again for the same glyphs in the same font, size and
    subset in use: a name prints in its entry and in the index, a few marks recur.
    """

    def __init__(self, canvas: Canvas) -> None:
        self.doc = canvas._doc
        self.escape = canvas._escape
        self.pieces: dict[tuple[str, str], tuple[tuple[int, str], ...]] = {}
        self.font_changes: dict[tuple[str, int, float, float], str] = {}
        self.shaped: dict[tuple[Any, ...], tuple[str, int]] = {}
        self.first_subset: dict[str, _FirstSubset] = {}
        self.colours: dict[RGB, str] = {}

    def show(self, text: PDFTextObject, run: Run) -> None:
        """Show ``run`` at the text cursor (its font and size already set on ``text``)."""
        font = pdfmetrics.getFont(run.font)
        if not font._dynamicFont:
            text._textOut(run.text)
            return
        key = (run.font, run.text)
        pieces = self.pieces.get(key)
        if pieces is None:
            codes = self._in_first_subset(font, run.text)
            pieces = self.pieces[key] = (
                ((0, f"({self.escape(codes)}) Tj"),) if codes is not None
                else tuple((subset, f"({self.escape(codes)}) Tj")
                           for subset, codes in font.splitString(run.text, self.doc))
            )
        if len(pieces) == 1 and pieces[0][0] == text._curSubset:
            text._code.append(pieces[0][1])
            return
        parts = []
        for subset, shows in pieces:
            if subset != text._curSubset:
                parts.append(self._font_change(font, subset, text._fontsize, text._leading))
                text._curSubset = subset
            parts.append(shows)
        text._code.append(" ".join(parts))

    def show_shaped(self, text: PDFTextObject, run: Run) -> None:
        """Show a shaped run (``Measure.ready``) as ``_textOut`` does."""
        key = (run.font, text._fontsize, text._leading, text._rise, text._curSubset,
               run.source, str(run.text))
        found = self.shaped.get(key)
        if found is None:
            text._textOut(run.text)
            found = self.shaped[key] = (text._code[-1], text._curSubset)
        else:
            text._code.append(found[0])
            text._curSubset = found[1]

    def _in_first_subset(self, font: Any, text: str) -> bytes | None:
        """The codes ``font.splitString`` gives ``text`` when each of its characters
        already has a code in the font's first subset (most texts after the first
        pages); None otherwise, and nothing is given a code.

        ``splitString`` looks each character up in a loop; ``str.translate`` looks
        them up in the same table at once. A font's table only grows (a character
        keeps its code), so only what was added since the last text is added here.
        """
        state = font.state.get(self.doc)
        if state is None or not text:  # splitString shows nothing of an empty text
            return None
        assignments: dict[int, int] = state.assignments
        table = self.first_subset.get(font.fontName)
        if table is None:
            table = self.first_subset[font.fontName] = _FirstSubset()
        if table.seen != len(assignments):
            for char, code in list(assignments.items())[table.seen:]:
                if code < 256:
                    table.codes[char] = code
                    table.known[char] = None
            table.seen = len(assignments)
            # splitString prints a no-break space as a space.
            if 32 in table.codes:
                table.codes[0xA0] = table.codes[32]
                table.known[0xA0] = None
        if text.translate(table.known):
            return None
        return text.translate(table.codes).encode("latin-1")

    def _font_change(self, font: Any, subset: int, size: float, leading: float) -> str:
        key = (font.fontName, subset, size, leading)
        found = self.font_changes.get(key)
        if found is None:
            name = font.getSubsetInternalName(subset, self.doc)
            found = self.font_changes[key] = f"{name} {fp_str(size)} Tf {fp_str(leading)} TL"
        return found


class _TextState:
    """One text object per page; font and colour set only when they change.

    A line's origin and a colour are written as ``setTextOrigin`` and ``setFillColor``
    write them, without the calls (some 11,000 lines and 12,000 colour changes in a
    directory): the operator of a colour is the one reportlab wrote the first time.
    """

    def __init__(self, text: PDFTextObject, shown: _Shown) -> None:
        self.text = text
        self.shown = shown
        self.font = ""
        self.size = 0.0
        self.colour: RGB | None = None
        self.bottom_up = bool(text._canvas.bottomup)

    def line(self, line: Line) -> None:
        text = self.text
        if self.bottom_up:
            text._code.append(f"1 0 0 1 {fp_str(line.x, line.y)} Tm")
            text._x0 = text._x = line.x
            text._y0 = text._y = line.y
        else:
            text.setTextOrigin(line.x, line.y)
        colours = self.shown.colours
        for run in line.runs:
            if run.font != self.font or run.size != self.size:
                text.setFont(run.font, run.size)
                self.font, self.size = run.font, run.size
            if run.colour is not self.colour:
                colour = run.colour
                written = colours.get(colour)
                if written is None:
                    text.setFillColor(colour)
                    colours[colour] = text._code[-1]
                else:
                    text._code.append(written)
                    text._fillColorObj = colour
                self.colour = colour
            # The text cursor moves by what is drawn; the next run of the line
            # starts where this one ends, as measured.
            if run.shaped:
                self.shown.show_shaped(text, run)
            else:
                self.shown.show(text, run)
