"""What every document shares: paper, styles, running header and footer, page numbers that
refer forward ("page x of y", contents, index), metadata without personal data, and the
atomic write of the finished file.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import phonenumbers
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from smwg_desktop import i18n
from smwg_desktop.core.errors import UserError, ValidationError
from smwg_desktop.core.fields import Contact
from smwg_desktop.i18n import format_date, translator
from smwg_desktop.reports.fonts import BOLD, REGULAR, markup, needs_shaping, register_fonts

PAPERS: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}
APPLICATION = "SMWG Desktop"
WORKING_GROUP = "ESCR-Net — Working Group of Social Movements and Grassroots Groups"
"""The network a document names when the data directory belongs to no named network."""

MARGIN = 18 * mm
GREY = colors.HexColor("#5f6368")
LIGHT = colors.HexColor("#e8eaed")
ACCENT_HEX = "#1f4e79"
ACCENT = colors.HexColor(ACCENT_HEX)


def paper_size(paper: str) -> tuple[float, float]:
    """The page size for "a4" or "letter"; ``ValidationError`` for anything else."""
    size = PAPERS.get(paper.lower())
    if size is None:
        raise ValidationError(
            "paper",
            i18n._("'{paper}' is not one of: {papers}").format(
                paper=paper, papers=", ".join(PAPERS)
            ),
        )
    return size


def network_name(directory: Any) -> str:
    """The name of the network the data directory belongs to, for covers and headers."""
    return str(directory.store.meta("network_name") or "") or WORKING_GROUP


class Styles:
    """The paragraph styles of a document; ``para`` picks the shaped variant when needed."""

    def __init__(self, size: float = 9.5) -> None:
        register_fonts()
        base = ParagraphStyle("body", fontName=REGULAR, fontSize=size, leading=size * 1.3)
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=size * 0.85, leading=size * 1.1,
                                    textColor=GREY)
        self.bold = ParagraphStyle("bold", base, fontName=BOLD)
        self.cell = ParagraphStyle("cell", base, fontSize=size * 0.95, leading=size * 1.2)
        self.cell_small = ParagraphStyle("cell_small", self.cell, fontSize=size * 0.8,
                                         leading=size * 1.0, textColor=GREY)
        self.right = ParagraphStyle("right", self.cell, alignment=TA_RIGHT)
        self.right_small = ParagraphStyle("right_small", self.cell_small, alignment=TA_RIGHT)
        self.entry = ParagraphStyle("entry", base, leftIndent=4 * mm, spaceBefore=2)
        self.index = ParagraphStyle("index", self.cell, leftIndent=4 * mm,
                                    firstLineIndent=-4 * mm)
        self.header = ParagraphStyle("header", base, fontSize=7.5, leading=9, textColor=GREY)
        self.header_right = ParagraphStyle("header_right", self.header, alignment=TA_RIGHT)
        self.h1 = ParagraphStyle("h1", base, fontName=BOLD, fontSize=size * 1.9,
                                 leading=size * 2.3, spaceBefore=4, spaceAfter=8,
                                 textColor=ACCENT, keepWithNext=1)
        self.h2 = ParagraphStyle("h2", base, fontName=BOLD, fontSize=size * 1.4,
                                 leading=size * 1.8, spaceBefore=10, spaceAfter=4,
                                 textColor=ACCENT, keepWithNext=1)
        self.h3 = ParagraphStyle("h3", base, fontName=BOLD, fontSize=size * 1.1,
                                 leading=size * 1.45, spaceBefore=7, spaceAfter=1,
                                 keepWithNext=1)
        self.title = ParagraphStyle("title", base, fontName=BOLD, fontSize=size * 3,
                                    leading=size * 3.6, alignment=TA_CENTER, textColor=ACCENT)
        self.centre = ParagraphStyle("centre", base, fontSize=size * 1.3, leading=size * 1.8,
                                     alignment=TA_CENTER)
        self.notice = ParagraphStyle("notice", base, fontName=BOLD, fontSize=size * 1.2,
                                     leading=size * 1.6, alignment=TA_CENTER)
        self._shaped: dict[str, ParagraphStyle] = {}
        # Parsed markup, kept between the passes of a document (parsing is a third of
        # the time of a large directory).
        self._parsed: dict[tuple[str, ...], Any] = {}

    def shaped(self, style: ParagraphStyle) -> ParagraphStyle:
        """The same style with HarfBuzz shaping on (for Arabic and Devanagari)."""
        found = self._shaped.get(style.name)
        if found is None:
            found = self._shaped[style.name] = ParagraphStyle(
                f"{style.name}-shaped", style, shaping=1
            )
        return found

    def para(self, text_markup: str, style: ParagraphStyle, **attributes: Any) -> Paragraph:
        """A paragraph of markup (see ``fonts.markup``), shaped only if it must be.

        ``attributes`` (``anchors``, ``outline``) are read by ``Document`` when the
        paragraph is laid out.
        """
        chosen = self.shaped(style) if needs_shaping(text_markup) else style
        key = (text_markup, chosen.name)
        frags = self._parsed.get(key)
        paragraph = AnchoredParagraph(text_markup, chosen, frags=frags)
        if frags is None:
            self._parsed[key] = paragraph.frags
        for name, value in attributes.items():
            setattr(paragraph, name, value)
        return paragraph


class AnchoredParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph whose page is recorded (``anchors``) or bookmarked (``outline``)."""

    anchors: tuple[str, ...] = ()
    outline: tuple[str, int, str] | None = None
    """(title, level, key) of a bookmark in the PDF's outline."""

    _wrapped_at: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # KeepTogether measures its content, then the frame measures each piece again
        # at the same width: the lines found the first time still hold.
        if self._wrapped_at == available_width and hasattr(self, "blPara"):
            return self.width, self.height
        size: tuple[float, float] = super().wrap(available_width, available_height)
        self._wrapped_at = available_width
        return size

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        if not getattr(canvas, "dry_run", False):
            super().drawOn(canvas, x, y, _sW)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(available_width, available_height)
        if parts:
            parts[0].anchors = self.anchors
            parts[0].outline = self.outline
            for part in parts[1:]:
                part.anchors = ()
                part.outline = None
        return parts


@dataclass
class Layout:
    """Where things fell in one pass: page count and the pages each anchor is on."""

    pages: int = 0
    anchors: dict[str, list[int]] = field(default_factory=dict)

    def first_page(self, key: str) -> int | None:
        pages = self.anchors.get(key)
        return pages[0] if pages else None


@dataclass(frozen=True)
class Running:
    """The text around every page but the cover: already marked up."""

    header_left: str
    header_right: str
    footer_left: str


class Document(BaseDocTemplate):  # type: ignore[misc]
    """A platypus document with a cover page and body pages with header and footer.

    Page templates: "cover" (no header; the first page's unless ``cover`` is False),
    "body" (one column), "columns" (two columns, for indexes). The header and footer show "page x of y" once a first pass told
    how many pages there are (``previous``).
    """

    def __init__(
        self,
        target: io.BytesIO,
        *,
        paper: str,
        lang: str,
        running: Running,
        metadata: Metadata,
        previous: Layout | None,
        styles: Styles,
        cover: bool = True,
    ) -> None:
        super().__init__(
            target,
            pagesize=paper_size(paper),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 4 * mm,
            bottomMargin=MARGIN,
            title=metadata.title,
            author=metadata.author,
            subject=metadata.subject,
            keywords=[],
            creator=APPLICATION,
            lang=lang,
            initialFontName=REGULAR,
        )
        self._ = translator(lang)
        self.running = running
        self.previous = previous
        self.styles = styles
        self.layout = Layout()
        body = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        gap = 6 * mm
        column = (self.width - gap) / 2
        columns = [
            Frame(self.leftMargin + n * (column + gap), self.bottomMargin, column, self.height,
                  id=f"column{n}")
            for n in range(2)
        ]
        templates = [
            PageTemplate("cover", [body], onPage=self._count),
            PageTemplate("body", [body], onPage=self._decorate),
            PageTemplate("columns", columns, onPage=self._decorate),
        ]
        # The first template is the first page's.
        self.addPageTemplates(templates if cover else templates[1:] + templates[:1])

    def _count(self, canvas: Canvas, doc: Document) -> None:
        self.layout.pages = canvas.getPageNumber()

    def _decorate(self, canvas: Canvas, doc: Document) -> None:
        self._count(canvas, doc)
        if getattr(canvas, "dry_run", False):
            return
        _ = self._
        page = canvas.getPageNumber()
        total = self.previous.pages if self.previous else page
        styles = self.styles
        width, height = self.pagesize
        top = height - MARGIN + 2 * mm
        wide, narrow = self.width * 0.68, self.width * 0.32
        canvas.saveState()
        for text, style, x, y, room in (
            (self.running.header_left, styles.header, self.leftMargin, top, wide),
            (self.running.header_right, styles.header_right, self.leftMargin + wide, top, narrow),
            (self.running.footer_left, styles.header, self.leftMargin, MARGIN - 8 * mm, wide),
            (
                markup(_("Page {page} of {pages}").format(page=page, pages=total)),
                styles.header_right, self.leftMargin + wide, MARGIN - 8 * mm, narrow,
            ),
        ):
            paragraph = styles.para(text, style)
            paragraph.wrap(room, 20 * mm)
            paragraph.drawOn(canvas, x, y)
        canvas.setStrokeColor(LIGHT)
        canvas.setLineWidth(0.6)
        canvas.line(self.leftMargin, top - 1.5 * mm, width - self.rightMargin, top - 1.5 * mm)
        canvas.line(self.leftMargin, MARGIN - 3 * mm, width - self.rightMargin, MARGIN - 3 * mm)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        page = self.page
        for key in getattr(flowable, "anchors", ()):
            pages = self.layout.anchors.setdefault(key, [])
            if not pages or pages[-1] != page:
                pages.append(page)
        outline = getattr(flowable, "outline", None)
        if outline is not None:
            title, level, key = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)


@dataclass(frozen=True)
class Metadata:
    """The PDF's document information: fixed text only, never a person's data."""

    title: str
    subject: str
    author: str = APPLICATION


MAX_PASSES = 4


class DryRunCanvas(Canvas):  # type: ignore[misc]
    """The canvas of a first pass, which only measures: paragraphs are laid out, not drawn."""

    dry_run = True


def build(
    path: str | os.PathLike[str],
    make_document: Callable[[io.BytesIO, Layout | None], Document],
    make_story: Callable[[Layout | None], Sequence[Flowable]],
) -> Layout:
    """Lay out the document until its page references settle, then write it atomically.

    The first pass learns the page count and where each anchor falls, without drawing;
    the next uses them (contents, index, "of y"). A story whose reserved space does not
    change settles in two passes. ``make_story`` is called once per pass and may reuse
    flowables that do not depend on the layout. Passes are built in memory: nothing
    reaches a temporary folder.
    """
    target = Path(path)
    check_destination(target)
    previous: Layout | None = None
    data = b""
    for _ in range(MAX_PASSES):
        buffer = io.BytesIO()
        document = make_document(buffer, previous)
        document.build(list(make_story(previous)),
                       canvasmaker=DryRunCanvas if previous is None else Canvas)
        data = buffer.getvalue()
        if previous is not None and document.layout == previous:
            break
        previous = document.layout
    write_atomically(target, data)
    assert previous is not None
    return previous


def check_destination(path: Path) -> None:
    """Refuse a destination whose folder is missing or which is a folder itself."""
    if path.is_dir():
        raise UserError(
            i18n._("{path} is a folder; give a file name for the PDF").format(path=path)
        )
    if not path.parent.is_dir():
        raise UserError(i18n._("folder {folder} does not exist").format(folder=path.parent))


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A reader never sees half a file, an interrupted write leaves the old file as it
    was, and nothing is written to the system's temporary folder. The file is
    readable by its owner only, as befits a directory of people at risk.
    """
    check_destination(path)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def contact_lines(
    emails: Iterable[Contact], phones: Iterable[Contact], handles: Iterable[Contact]
) -> list[str]:
    """E-mails, phones (international form) and messaging handles as printed, plain text."""
    lines = [e.value for e in emails]
    for phone in phones:
        try:
            number = phonenumbers.parse(phone.value, None)
            lines.append(phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
        except phonenumbers.NumberParseException:
            lines.append(phone.value)
    lines += [f"{h.kind}: {h.value}" if h.kind != "other" else h.value for h in handles]
    return lines


WARNING_HEX = "#b3261e"
"""The red of warnings (a missed deadline, a closed meeting), as the screens use."""


def meeting_running(title: str, about: str, closed_meeting: bool, today: date, lang: str) -> Running:
    """The running header and footer of a document about one thing (a meeting, a proposal, a
    network's outreach): its title and what it is about, shortened to fit on one line."""
    _ = translator(lang)
    return Running(
        markup(title) + " · " + markup(shorten(about)),
        markup(_("Closed meeting: contains withheld records")) if closed_meeting else "",
        generated_on(today, lang),
    )


def shorten(text: str, limit: int = 70) -> str:
    """A title cut to fit a running header, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def generated_on(day: date, lang: str) -> str:
    """The footer's "Generated on ..." line, marked up."""
    return markup(generated_on_text(day, lang))


def generated_on_text(day: date, lang: str) -> str:
    """The footer's "Generated on ..." line, as plain text."""
    _ = translator(lang)
    return _("Generated on {date}").format(date=format_date(day, lang))


# The parts that the documents about one thing (a meeting's agenda, a proposal's review)
# and the outreach summary are built of: an opening, headings that are bookmarks, tables.


def build_without_cover(
    path: str | os.PathLike[str],
    make_story: Callable[[Layout | None], Sequence[Flowable]],
    *,
    styles: Styles,
    running: Running,
    metadata: Metadata,
    paper: str,
    lang: str,
) -> Layout:
    """``build`` a document whose first page is a body page, with header and footer."""

    def make_document(target: io.BytesIO, previous: Layout | None) -> Document:
        return Document(target, paper=paper, lang=lang, running=running, metadata=metadata,
                        previous=previous, styles=styles, cover=False)

    return build(path, make_document, make_story)


def closed_meeting_warning(styles: Styles, lang: str) -> Paragraph:
    """The first page's warning of a closed-meeting edition, in red."""
    _ = translator(lang)
    warning = _(
        "Closed-meeting edition: includes people marked at risk or not listed and "
        "details they did not consent to print. Do not copy or share it."
    )
    return styles.para(f'<font color="{WARNING_HEX}">{markup(warning, bold=True)}</font>',
                       styles.body)


def opening(
    styles: Styles,
    lang: str,
    *,
    kind: str,
    title: str,
    closed_meeting: bool,
    facts: Sequence[tuple[str, str]],
    label_width: int,
    about: str = "",
) -> list[Flowable]:
    """The top of a document about one thing: what kind of thing and its title, the
    closed-meeting warning, its facts as a table of labels and values, and what it is about.

    ``kind``, ``title`` and the labels are plain text; the facts' values and ``about``
    are markup. ``label_width`` is the labels' share of the width, in percent.
    """
    story: list[Flowable] = [
        styles.para(markup(kind), styles.small),
        styles.para(markup(title, bold=True), styles.h1),
    ]
    if closed_meeting:
        story += [closed_meeting_warning(styles, lang), Spacer(0, 3 * mm)]
    table = Table(
        [[styles.para(markup(name, bold=True), styles.cell), styles.para(value, styles.cell)]
         for name, value in facts],
        colWidths=[f"{label_width}%", f"{100 - label_width}%"],
    )
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    story.append(table)
    if about:
        story += [Spacer(0, 4 * mm), styles.para(about, styles.body)]
    return story


def section(
    styles: Styles, text: str, key: str, style: ParagraphStyle, level: int = 0
) -> Paragraph:
    """A heading (plain text) that is also an entry of the PDF's outline, at ``level``."""
    return styles.para(markup(text), style, outline=(text, level, key))


def header_row(
    styles: Styles, texts: Iterable[str], style: ParagraphStyle | None = None
) -> list[Flowable]:
    """A table's first row: each column's name (plain text) in bold."""
    chosen = style or styles.cell
    return [styles.para(markup(text, bold=True), chosen) for text in texts]


def shaded(row: int, colour: str) -> tuple[object, ...]:
    """The table style command that fills one row with ``colour``."""
    return ("BACKGROUND", (0, row), (-1, row), colour)


def grid(
    rows: list[list[Flowable]],
    widths: Sequence[str],
    commands: Iterable[tuple[object, ...]] = (),
    *,
    padding: float | None = None,
) -> Table:
    """A table whose first row (``header_row``) is ruled off and repeats on every page.

    Cells align at the top and rows are ruled lightly; ``commands`` add to the style
    (``shaded`` rows); ``padding`` narrows the cells' left and right padding.
    """
    style: list[tuple[object, ...]] = []
    if padding is not None:
        style += [("LEFTPADDING", (0, 0), (-1, -1), padding),
                  ("RIGHTPADDING", (0, 0), (-1, -1), padding)]
    style += [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, GREY),
        *commands,
    ]
    table = Table(rows, colWidths=list(widths), repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


# Documents drawn straight onto their pages (name badges), not laid out as flowing text.


@contextmanager
def drawn_document(
    path: str | os.PathLike[str], *, metadata: Metadata, paper: str, lang: str
) -> Iterator[Canvas]:
    """The canvas of a document drawn page by page, written to ``path`` atomically when the
    block ends without an error, with the metadata every document carries.

    The destination is checked before the block runs, so nothing is drawn for a file
    that cannot be written; an error in the block writes nothing.
    """
    target = Path(path)
    check_destination(target)
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=paper_size(paper), lang=lang, initialFontName=REGULAR)
    canvas.setTitle(metadata.title)
    canvas.setAuthor(metadata.author)
    canvas.setSubject(metadata.subject)
    canvas.setCreator(APPLICATION)
    yield canvas
    canvas.save()
    write_atomically(target, buffer.getvalue())
