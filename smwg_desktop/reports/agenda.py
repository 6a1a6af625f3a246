"""A meeting's agenda: what, when, where, in which languages, the timetable of each day
with computed times, who facilitates and speaks, and the participants' list.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer, Table, TableStyle

from smwg_desktop.core.agenda import Slot
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Activity
from smwg_desktop.i18n import (
    ACTIVITY_KIND_LABELS,
    OBJECTIVE_LABELS,
    PARTICIPANT_ROLE_LABELS,
    format_date,
    format_date_range,
    format_time,
    label,
    language_name,
    translations,
)
from smwg_desktop.reports.common import (
    LIGHT,
    Document,
    Layout,
    Metadata,
    Styles,
    build,
    meeting_running,
    network_name,
    paper_size,
)
from smwg_desktop.reports.fonts import markup
from smwg_desktop.reports.meeting import Attendee, People, meeting_day

BREAK_BACKGROUND = "#f1f3f4"


@dataclass(frozen=True)
class AgendaResult:
    """What a printed agenda holds."""

    pages: int
    items: int
    participants: int


def write_agenda(
    directory: Directory,
    activity_id: str,
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    paper: str = "a4",
    closed_meeting: bool = False,
    today: date | None = None,
) -> AgendaResult:
    """Print the agenda of an activity (id or unique prefix) to ``path``.

    Facilitators, speakers and participants print as ``core.consent`` allows;
    ``closed_meeting`` is its document-level override, said on the first page. The
    participants' list holds those confirmed or who attended. ``today`` is the
    generation date in the footer. Raises ``UserError`` for an unknown activity,
    language or paper, an activity without a start, or a missing folder.
    """
    _ = translations(lang).gettext
    paper_size(paper)
    activity = directory.get(Activity, activity_id)
    slots = directory.timetable(activity.id)
    today = today or date.today()
    people = People(directory, override=closed_meeting, on=meeting_day(activity))
    attendees = people.attendees(activity)
    styles = Styles()
    title = _("Meeting agenda")
    running = meeting_running(title, activity.title, closed_meeting, today, lang)
    metadata = Metadata(title=title, subject=network_name(directory))

    def make_document(target: io.BytesIO, previous: Layout | None) -> Document:
        return Document(target, paper=paper, lang=lang, running=running, metadata=metadata,
                        previous=previous, styles=styles, cover=False)

    def make_story(previous: Layout | None) -> list[Flowable]:
        story = _heading(activity, styles, lang, closed_meeting)
        story += _timetable(slots, people, styles, lang)
        story += _participants(attendees, styles, lang)
        return story

    layout = build(path, make_document, make_story)
    return AgendaResult(layout.pages, len(slots), len(attendees))


def _unbroken(text: str) -> str:
    """A time that never breaks between its figures and "AM"."""
    return "".join("\xa0" if ch.isspace() else ch for ch in text)


def _heading(
    activity: Activity, styles: Styles, lang: str, closed_meeting: bool
) -> list[Flowable]:
    _ = translations(lang).gettext
    assert activity.start is not None and activity.end is not None
    facts: list[tuple[str, str]] = [
        (_("Dates"), markup(format_date_range(activity.start.date(), activity.end.date(), lang))),
        (_("Time zone"), markup(_("All times are local time in {zone}.").format(
            zone=activity.tz.replace("_", " ")))),
    ]
    if activity.venue:
        facts.append((_("Venue"), markup(activity.venue)))
    if activity.link:
        facts.append((_("Link"), markup(activity.link)))
    if activity.languages:
        facts.append((_("Languages"), markup(", ".join(
            language_name(code, lang) for code in activity.languages))))
    if activity.interpretation:
        facts.append((_("Interpretation"), markup(activity.interpretation)))
    if activity.objective:
        facts.append((_("Objective"), markup(label(OBJECTIVE_LABELS, activity.objective, _))))
    story: list[Flowable] = [
        styles.para(markup(label(ACTIVITY_KIND_LABELS, activity.activity_kind, _)),
                    styles.small),
        styles.para(markup(activity.title, bold=True), styles.h1),
    ]
    if closed_meeting:
        warning = _(
            "Closed-meeting edition: includes people marked at risk or not listed and "
            "details they did not consent to print. Do not copy or share it."
        )
        story.append(styles.para(
            f'<font color="#b3261e">{markup(warning, bold=True)}</font>', styles.body
        ))
        story.append(Spacer(0, 3 * mm))
    table = Table(
        [[styles.para(markup(name, bold=True), styles.cell), styles.para(value, styles.cell)]
         for name, value in facts],
        colWidths=["22%", "78%"],
    )
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    story.append(table)
    if activity.description:
        story += [Spacer(0, 4 * mm), styles.para(markup(activity.description), styles.body)]
    return story


def _names(person_ids: tuple[str, ...], people: People) -> list[str]:
    found = [people.person(person_id) for person_id in person_ids]
    return [markup(p.name) for p in found if p is not None]


def _timetable(
    slots: list[Slot], people: People, styles: Styles, lang: str
) -> list[Flowable]:
    _ = translations(lang).gettext
    story: list[Flowable] = []
    for day_number, day_slots in groupby(slots, key=lambda s: s.item.day):
        day_list = list(day_slots)
        heading = _("Day {number}: {date}").format(
            number=day_number, date=format_date(day_list[0].date, lang, "full")
        )
        story.append(styles.para(markup(heading), styles.h2,
                                 outline=(heading, 0, f"day:{day_number}")))
        rows: list[list[Flowable]] = [[
            styles.para(markup(_("Time"), bold=True), styles.cell),
            styles.para(markup(_("Session"), bold=True), styles.cell),
            styles.para(markup(_("Facilitation and speakers"), bold=True), styles.cell),
        ]]
        commands: list[tuple[object, ...]] = []
        for row, slot in enumerate(day_list, start=1):
            item = slot.item
            times = " – ".join(
                _unbroken(format_time(t.time(), lang)) for t in (slot.start, slot.end)
            )
            session = markup(item.title, bold=item.item_kind != "break")
            if item.language:
                session += (f'<br/><font size="7.5" color="#5f6368">'
                            f"{markup(language_name(item.language, lang))}</font>")
            who: list[str] = []
            facilitator = _names((item.facilitator_id,), people) if item.facilitator_id else []
            if facilitator:
                who.append(markup(_("Facilitation:")) + " " + facilitator[0])
            speakers = _names(item.speaker_ids, people)
            if speakers:
                who.append(markup(_("Speakers:")) + " " + ", ".join(speakers))
            rows.append([
                styles.para(markup(times), styles.cell),
                styles.para(session, styles.cell),
                styles.para("<br/>".join(who), styles.cell_small),
            ])
            if item.item_kind == "break":
                commands.append(("BACKGROUND", (0, row), (-1, row), BREAK_BACKGROUND))
        table = Table(rows, colWidths=["20%", "48%", "32%"], repeatRows=1)
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, "#5f6368"),
            *commands,
        ]))
        story += [table, Spacer(0, 4 * mm)]
    return story


def _participants(attendees: list[Attendee], styles: Styles, lang: str) -> list[Flowable]:
    _ = translations(lang).gettext
    heading = _("Participants")
    story: list[Flowable] = [
        NextPageTemplate("body"),
        PageBreak(),
        styles.para(markup(heading), styles.h1, outline=(heading, 0, "participants")),
    ]
    if not attendees:
        story.append(styles.para(markup(_("No confirmed participants yet.")), styles.body))
        return story
    rows: list[list[Flowable]] = [[
        styles.para(markup(text, bold=True), styles.cell)
        for text in (_("Name"), _("Organisation"), _("Country"), _("Role"))
    ]]
    for attendee in attendees:
        rows.append([
            styles.para(markup(attendee.person.name, bold=True), styles.cell),
            styles.para(markup(attendee.organisation_text()), styles.cell),
            styles.para(markup(attendee.country(lang)), styles.cell),
            styles.para(markup(label(PARTICIPANT_ROLE_LABELS, attendee.role, _)), styles.cell),
        ])
    table = Table(rows, colWidths=["30%", "38%", "16%", "16%"], repeatRows=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, "#5f6368"),
    ]))
    story.append(table)
    return story
