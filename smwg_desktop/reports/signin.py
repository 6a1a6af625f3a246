"""A meeting's sign-in sheet: one page (or more) per day, with the confirmed participants
already written in and blank rows for those who come unannounced.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Activity
from smwg_desktop.i18n import format_date, translations
from smwg_desktop.reports.common import (
    Layout,
    Metadata,
    Styles,
    build_without_cover,
    header_row,
    meeting_running,
    network_name,
    paper_size,
)
from smwg_desktop.reports.fonts import markup
from smwg_desktop.reports.meeting import Attendee, People, meeting_day

DEFAULT_BLANK_ROWS = 10
ROW_PADDING = 3.2 * mm


@dataclass(frozen=True)
class SigninResult:
    """What a printed sign-in sheet holds."""

    pages: int
    names: int
    """Participants written in (on each day's sheet)."""
    days: int


def write_signin(
    directory: Directory,
    activity_id: str,
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    paper: str = "a4",
    blank_rows: int = DEFAULT_BLANK_ROWS,
    closed_meeting: bool = False,
    today: date | None = None,
) -> SigninResult:
    """Print the sign-in sheet of an activity (id or unique prefix) to ``path``.

    Columns: number, name, organisation, signature. Each day of the activity has its
    own sheet with the participants who confirmed (or attended) and who may be
    printed under ``core.consent`` (``closed_meeting`` is its override), sorted by
    name, then ``blank_rows`` empty rows. Raises ``UserError`` for an unknown
    activity, language or paper, or a missing folder.
    """
    _ = translations(lang).gettext
    paper_size(paper)
    if blank_rows < 0:
        raise ValueError("blank_rows must be 0 or more")
    activity = directory.get(Activity, activity_id)
    assert activity.start is not None
    attendees = People(directory, override=closed_meeting, on=meeting_day(activity)).attendees(
        activity
    )
    today = today or date.today()
    styles = Styles()
    title = _("Sign-in sheet")
    running = meeting_running(title, activity.title, closed_meeting, today, lang)
    metadata = Metadata(title=title, subject=network_name(directory))
    days = [activity.start.date() + timedelta(days=n) for n in range(activity.days)]

    def make_story(previous: Layout | None) -> list[Flowable]:
        story: list[Flowable] = []
        for number, day in enumerate(days, start=1):
            if story:
                story.append(PageBreak())
            story += _sheet(activity, number, day, len(days), styles, lang)
            story.append(_table(attendees, blank_rows, styles, lang))
        return story

    layout = build_without_cover(path, make_story, styles=styles, running=running,
                                 metadata=metadata, paper=paper, lang=lang)
    return SigninResult(layout.pages, len(attendees), len(days))


def _sheet(
    activity: Activity, number: int, day: date, days: int, styles: Styles, lang: str
) -> list[Flowable]:
    _ = translations(lang).gettext
    when = format_date(day, lang, "full")
    if days > 1:
        when = _("Day {number}: {date}").format(number=number, date=when)
    heading = _("Sign-in sheet")
    story: list[Flowable] = [
        styles.para(markup(heading), styles.small, outline=(when, 0, f"day:{number}")),
        styles.para(markup(activity.title, bold=True), styles.h2),
        styles.para(markup(when), styles.body),
    ]
    place = activity.venue or activity.link
    if place:
        story.append(styles.para(markup(place), styles.small))
    story.append(Spacer(0, 4 * mm))
    return story


def _table(attendees: list[Attendee], blank_rows: int, styles: Styles, lang: str) -> Table:
    _ = translations(lang).gettext
    rows: list[Sequence[object]] = [
        header_row(styles, ("#", _("Name"), _("Organisation"), _("Signature")))
    ]
    for number, attendee in enumerate(attendees, start=1):
        rows.append([
            styles.para(str(number), styles.cell),
            styles.para(markup(attendee.person.name, bold=True), styles.cell),
            styles.para(markup(attendee.organisation_text()), styles.cell),
            "",
        ])
    for number in range(len(attendees) + 1, len(attendees) + blank_rows + 1):
        rows.append([styles.para(str(number), styles.cell), "", "", ""])
    table = Table(rows, colWidths=["6%", "30%", "30%", "34%"], repeatRows=1)
    # Padding rather than fixed heights: a row is tall enough to sign in, and grows
    # when a long organisation name wraps.
    table.setStyle(TableStyle([
        ("TOPPADDING", (0, 1), (-1, -1), ROW_PADDING),
        ("BOTTOMPADDING", (0, 1), (-1, -1), ROW_PADDING),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, "#9aa0a6"),
        ("BACKGROUND", (0, 0), (-1, 0), "#e8eaed"),
    ]))
    return table
