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

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from smwg_desktop.reports.fonts import font_runs

LEFT, CENTRE, RIGHT = "left", "centre", "right"
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
    colour: Color
    shaped: bool = False


def text_runs(text: str, size: float, colour: Color, *, bold: bool = False) -> list[Run]:
    """``text`` (a name, a title, a label) as runs in the fonts of its scripts.

    Apply it to each piece of user text on its own, so that a right-to-left name
    keeps its order (``fonts.font_runs``).
    """
    return [Run(run, font, size, colour, shaped)
            for font, run, shaped in font_runs(text, bold=bold)]


def line_break(size: float, colour: Color) -> Run:
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
    """Added to ``indent`` on the first line; negative for a hanging indent."""
    right_indent: float = 0.0
    padding: float = 0.0
    align: str = LEFT
    keep_with_next: bool = False
    box: tuple[Color, float] | None = None
    rule: tuple[Color, float] | None = None
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
    colour: Color


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
    """A line placed on a page: its start, baseline and runs (shaped text ready to draw)."""

    x: float
    y: float
    runs: Sequence[Run]


class Rule(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    colour: Color
    width: float


class Box(NamedTuple):
    x: float
    y: float
    width: float
    height: float
    colour: Color
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

    @property
    def height(self) -> float:
        block = self.paragraph.block
        return len(self.lines) * block.leading + 2 * block.padding


class Measure:
    """Widths of text per (text, font, size), and shaped text with its advance."""

    def __init__(self) -> None:
        self._widths: dict[tuple[str, str, float], float] = {}
        self._shaped: dict[tuple[str, str, float], tuple[str, float]] = {}

    def width(self, text: str, font: str, size: float) -> float:
        key = (text, font, size)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = pdfmetrics.stringWidth(text, font, size)
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
                advance = pdfmetrics.stringWidth(text, font, size)
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
        return run._replace(text=self.shaped(run.text, run.font, run.size)[0])


def break_lines(paragraph: Paragraph, width: float, measure: Measure) -> list[_Broken]:
    """The lines of ``paragraph`` in a frame ``width`` wide: greedy, at spaces.

    A line whose runs fit is taken whole without looking at its words (most lines
    of a directory). Each line is no wider than the room it has, unless a single
    character is wider than that room.
    """
    block = paragraph.block
    room = width - block.indent - block.right_indent - block.reference_width
    first_indent = block.indent + block.first_indent
    lines: list[_Broken] = []
    for chunk in _chunks(paragraph.runs):
        first = not lines
        indent = first_indent if first else block.indent
        available = room - (block.first_indent if first else 0.0)
        total = 0.0
        for run in chunk:
            total += measure.run_width(run)
        if total <= available + _FUZZ:
            ready: list[Run] = []
            for run in chunk:
                _append(ready, measure.ready(run))
            lines.append(_Broken(total, indent, ready))
            continue
        for n, (line_width, runs) in enumerate(
            _fill(_words(chunk, measure), available, room, measure)
        ):
            lines.append(_Broken(line_width, indent if n == 0 else block.indent, runs))
            available = room
            indent = block.indent
    if not lines:
        lines.append(_Broken(0.0, first_indent, []))
    return lines


def _chunks(runs: Sequence[Run]) -> Iterator[list[Run]]:
    """The runs between line breaks."""
    chunk: list[Run] = []
    for run in runs:
        if run.text == LINE_BREAK:
            yield chunk
            chunk = []
        elif run.text:
            chunk.append(run)
    yield chunk


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
                space = run._replace(text=" ", shaped=False)
                words.append(_Word(pieces, width, space,
                                   measure.width(" ", run.font, run.size)))
                pieces, width = [], 0.0
            if part:
                piece = run._replace(text=part)
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
            runs[-1] = last._replace(text=last.text + run.text)
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
        cuts = _cut_points(piece.text)
        fits = 0
        for end in cuts:
            if width + measure.run_width(piece._replace(text=piece.text[:end])) > available + _FUZZ:
                break
            fits = end
        if fits == len(piece.text):
            head.append(piece)
            width += measure.run_width(piece)
            continue
        if fits == 0 and not head:
            fits = cuts[0]
        if fits:
            taken = piece._replace(text=piece.text[:fits])
            head.append(taken)
            width += measure.run_width(taken)
        rest = [piece._replace(text=piece.text[fits:]), *pieces]
        rest_width = sum(measure.run_width(p) for p in rest)
        return (_Word(head, width, None, 0.0),
                _Word(rest, rest_width, word.space, word.space_width))
    return _Word(head, width, None, 0.0), None


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


def set_lines(paragraph: Paragraph, width: float, measure: Measure) -> _Set:
    lines = break_lines(paragraph, width, measure)
    ascent = max((run.size for run in lines[0].runs), default=0.0)
    if not lines[0].runs:
        ascent = max((run.size for run in paragraph.runs), default=0.0)
    return _Set(paragraph, lines, ascent)


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
        return list(_lines_of(placed, placed.lines, x, width, top))


def _lines_of(placed: _Set, lines: Sequence[_Broken], x: float, width: float,
              top: float) -> Iterator[Line]:
    block = placed.paragraph.block
    y = top - block.padding - placed.ascent
    right = x + width - block.right_indent - block.reference_width
    for line in lines:
        if block.align == LEFT:
            start = x + line.indent
        elif block.align == RIGHT:
            start = right - line.width
        else:
            start = x + line.indent + (right - x - line.indent - line.width) / 2
        yield Line(start, y, line.runs)
        y -= block.leading


class _Run:
    """One layout: where the next paragraph goes, page by page and frame by frame."""

    def __init__(self, typesetter: Typesetter, first_kind: str) -> None:
        self.kinds = typesetter.kinds
        self.measure = typesetter.measure
        self.pages: list[Page] = []
        self.anchors: dict[str, list[int]] = {}
        self.kind = first_kind
        self._sets: dict[int, tuple[Paragraph, float, _Set]] = {}
        self._new_page()

    # -- frames

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

    # -- the story

    def lay_out(self, story: Iterable[Item]) -> Layout:
        self._items(story)
        return Layout(self.pages, self.anchors)

    def _items(self, story: Iterable[Item]) -> None:
        waiting: list[Paragraph | Space] = []
        """Paragraphs kept with the next one (and spaces between), not yet placed."""
        for item in story:
            if isinstance(item, Paragraph):
                waiting.append(item)
                if not item.block.keep_with_next:
                    self._group(waiting)
                    waiting = []
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

    def _set(self, paragraph: Paragraph) -> _Set:
        """``paragraph`` broken into lines at the width of the current frame, once."""
        width = self.frame.width
        found = self._sets.get(id(paragraph))
        if found is None or found[0] is not paragraph or found[1] != width:
            found = (paragraph, width, set_lines(paragraph, width, self.measure))
            self._sets[id(paragraph)] = found
        return found[2]

    def _group(self, items: list[Paragraph | Space]) -> None:
        """Items kept together in one frame if they fit in one; else one by one."""
        if len(items) > 1 and not self._fits(items) and not self.at_top:
            self._next_frame()
        for item in items:
            self._one(item)

    def _fits(self, items: list[Paragraph | Space]) -> bool:
        needed = 0.0
        after = self.after
        at_top = self.at_top
        for item in items:
            if isinstance(item, Space):
                if not at_top:
                    needed += item.height
                    after = 0.0
                continue
            if not at_top:
                needed += max(item.block.space_before - after, 0.0)
            needed += self._set(item).height
            if item is not items[-1]:
                needed += item.block.space_after
            after = item.block.space_after
            at_top = False
        return needed <= self.room + _FUZZ

    def _one(self, item: Paragraph | Space) -> None:
        if isinstance(item, Space):
            self._space(item.height)
            return
        placed = self._set(item)
        gap = self._gap(item)
        if placed.height + gap > self.room + _FUZZ and not self.at_top:
            if self._split(placed, gap):
                return
            self._next_frame()
            placed = self._set(item)
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
        if not force and (block.box is not None or fit < 2 or len(lines) - fit < 2):
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
                placed = self._set(placed.paragraph)
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
        ascent = placed.ascent if first else max(
            (run.size for run in lines[0].runs), default=placed.ascent)
        shown = placed._replace(ascent=ascent)
        page.lines.extend(_lines_of(shown, lines, frame.x, frame.width, top))
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
        state = _TextState(text)
        for line in page.furniture:
            state.line(line)
        for placed in page.lines:
            if isinstance(placed, PlacedReference):
                found = layout.first_page(placed.reference.key)
                if found is None:
                    continue
                ref = placed.reference
                number = str(found)
                x = placed.right - measure.width(number, ref.font, ref.size)
                placed = Line(x, placed.y, [Run(number, ref.font, ref.size, ref.colour)])
            state.line(placed)
        canvas.drawText(text)
        for outline, top in page.outlines:
            canvas.bookmarkPage(outline.key, fit="FitH", top=top)
            canvas.addOutlineEntry(outline.title, outline.key, level=outline.level,
                                   closed=outline.level > 0)
        canvas.showPage()


class _TextState:
    """One text object per page; font and colour set only when they change."""

    def __init__(self, text: PDFTextObject) -> None:
        self.text = text
        self.font: tuple[str, float] | None = None
        self.colour: Color | None = None

    def line(self, line: Line) -> None:
        text = self.text
        text.setTextOrigin(line.x, line.y)
        for run in line.runs:
            if (run.font, run.size) != self.font:
                text.setFont(run.font, run.size)
                self.font = (run.font, run.size)
            if run.colour is not self.colour:
                text.setFillColor(run.colour)
                self.colour = run.colour
            # The text cursor moves by what is drawn; the next run of the line
            # starts where this one ends, as measured.
            text._textOut(run.text)
