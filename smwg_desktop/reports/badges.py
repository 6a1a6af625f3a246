"""Name badges for a meeting: several cards per page, the name large, organisation and
country below, the role at the meeting, and cut marks around the grid.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Activity
from smwg_desktop.i18n import PARTICIPANT_ROLE_LABELS, label, translations
from smwg_desktop.reports.common import (
    ACCENT_HEX,
    Metadata,
    Styles,
    drawn_document,
    network_name,
    paper_size,
)
from smwg_desktop.reports.fonts import markup
from smwg_desktop.reports.meeting import Attendee, People, meeting_day

CARD_WIDTH = 90 * mm
CARD_HEIGHT = 60 * mm
PADDING = 5 * mm
MIN_MARGIN = 12 * mm
"""Room left around the grid for the cut marks."""
MARK_GAP = 2 * mm
MARK_LENGTH = 5 * mm
NAME_SIZES = (24, 22, 20, 18, 16, 14, 12, 11)
ORGANISATION_SIZES = (10, 9, 8)


@dataclass(frozen=True)
class BadgesResult:
    """What a printed sheet of badges holds."""

    pages: int
    badges: int
    """Badges with a name on them."""
    blank: int
    """Blank badges that fill the last page, for people who come unannounced."""


def write_badges(
    directory: Directory,
    activity_id: str,
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    paper: str = "a4",
    closed_meeting: bool = False,
    fill_page: bool = True,
) -> BadgesResult:
    """Print name badges for an activity (id or unique prefix) to ``path``.

    One 90 × 60 mm card per participant who confirmed or attended and who may be
    printed under ``core.consent`` (``closed_meeting`` is its override), sorted by
    name; with ``fill_page`` the last page is filled with blank badges. The
    organisation and country print only as consent allows. Raises ``UserError`` for
    an unknown activity, language or paper, or a missing folder.
    """
    _ = translations(lang).gettext
    page_width, page_height = paper_size(paper)
    columns = int((page_width - 2 * MIN_MARGIN) // CARD_WIDTH)
    rows = int((page_height - 2 * MIN_MARGIN) // CARD_HEIGHT)
    per_page = columns * rows
    left = (page_width - columns * CARD_WIDTH) / 2
    bottom = (page_height - rows * CARD_HEIGHT) / 2
    metadata = Metadata(title=_("Name badges"), subject=network_name(directory))
    with drawn_document(path, metadata=metadata, paper=paper, lang=lang) as canvas:
        activity = directory.get(Activity, activity_id)
        attendees = People(
            directory, override=closed_meeting, on=meeting_day(activity)
        ).attendees(activity)
        count = max(len(attendees), 1)
        pages = -(-count // per_page)
        slots: list[Attendee | None] = list(attendees)
        if fill_page or not slots:
            slots += [None] * (pages * per_page - len(slots))
        styles = Styles()
        for page in range(pages):
            for index, attendee in enumerate(slots[page * per_page:(page + 1) * per_page]):
                row, column = divmod(index, columns)
                x = left + column * CARD_WIDTH
                y = bottom + (rows - 1 - row) * CARD_HEIGHT
                _draw_card(canvas, x, y, activity, attendee, styles, lang)
            _draw_cut_marks(canvas, left, bottom, columns, rows)
            canvas.showPage()
    return BadgesResult(pages, len(attendees), len(slots) - len(attendees))


def _fit(
    styles: Styles, text: str, base: ParagraphStyle, sizes: tuple[int, ...], width: float,
    max_lines: int,
) -> Paragraph:
    """The paragraph at the largest size at which ``text`` fits in ``max_lines`` lines."""
    paragraph: Paragraph | None = None
    for size in sizes:
        style = ParagraphStyle(f"{base.name}-{size}", base, fontSize=size,
                               leading=size * 1.18)
        paragraph = styles.para(text, style)
        paragraph.wrap(width, 1000)
        if len(paragraph.blPara.lines) <= max_lines and paragraph.minWidth() <= width:
            break
    assert paragraph is not None
    return paragraph


def _draw_card(
    canvas: Canvas,
    x: float,
    y: float,
    activity: Activity,
    attendee: Attendee | None,
    styles: Styles,
    lang: str,
) -> None:
    _ = translations(lang).gettext
    width = CARD_WIDTH - 2 * PADDING
    top = y + CARD_HEIGHT - PADDING
    title = styles.para(markup(activity.title), styles.header)
    _w, height = title.wrap(width, 20 * mm)
    if len(title.blPara.lines) > 1:
        title = styles.para(markup(activity.title[:60].rstrip() + "…"), styles.header)
        _w, height = title.wrap(width, 20 * mm)
    title.drawOn(canvas, x + PADDING, top - height)
    top -= height + 5 * mm
    if attendee is None:
        return
    name_style = ParagraphStyle("badge-name", styles.body, fontName="NotoSans-Bold")
    name = _fit(styles, markup(attendee.person.name, bold=True), name_style, NAME_SIZES,
                width, 2)
    height = name.height
    name.drawOn(canvas, x + PADDING, top - height)
    top -= height + 2.5 * mm
    organisation = attendee.organisation_text()
    if organisation:
        org_style = ParagraphStyle("badge-organisation", styles.body)
        paragraph = _fit(styles, markup(organisation), org_style, ORGANISATION_SIZES, width, 2)
        paragraph.drawOn(canvas, x + PADDING, top - paragraph.height)
        top -= paragraph.height + 1 * mm
    country = attendee.country(lang)
    if country:
        paragraph = styles.para(markup(country), styles.small)
        paragraph.wrap(width, 20 * mm)
        paragraph.drawOn(canvas, x + PADDING, top - paragraph.height)
    if attendee.role != "participant":
        role = styles.para(
            f'<font color="{ACCENT_HEX}">'
            f"{markup(label(PARTICIPANT_ROLE_LABELS, attendee.role, _).upper(), bold=True)}"
            "</font>",
            styles.body,
        )
        role.wrap(width, 20 * mm)
        role.drawOn(canvas, x + PADDING, y + PADDING - 1 * mm)


def _draw_cut_marks(canvas: Canvas, left: float, bottom: float, columns: int, rows: int) -> None:
    """Short lines outside the grid, in line with every edge of every card."""
    right = left + columns * CARD_WIDTH
    top = bottom + rows * CARD_HEIGHT
    canvas.saveState()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.5)
    for column in range(columns + 1):
        x = left + column * CARD_WIDTH
        canvas.line(x, top + MARK_GAP, x, top + MARK_GAP + MARK_LENGTH)
        canvas.line(x, bottom - MARK_GAP, x, bottom - MARK_GAP - MARK_LENGTH)
    for row in range(rows + 1):
        y = bottom + row * CARD_HEIGHT
        canvas.line(left - MARK_GAP, y, left - MARK_GAP - MARK_LENGTH, y)
        canvas.line(right + MARK_GAP, y, right + MARK_GAP + MARK_LENGTH, y)
    canvas.restoreState()
