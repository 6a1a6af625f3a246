"""A meeting's agenda: what, when, where, in which languages, the timetable of each day
with computed times, who facilitates and speaks, and the participants' list.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

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
    Layout,
    Metadata,
    Styles,
    build_without_cover,
    grid,
    header_row,
    meeting_running,
    network_name,
    opening,
    paper_size,
    section,
    shaded,
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

    def make_story(previous: Layout | None) -> list[Flowable]:
        story = _heading(activity, styles, lang, closed_meeting)
        story += _timetable(slots, people, styles, lang)
        story += _participants(attendees, styles, lang)
        return story

    layout = build_without_cover(path, make_story, styles=styles, running=running,
                                 metadata=metadata, paper=paper, lang=lang)
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
    return opening(
        styles, lang, kind=label(ACTIVITY_KIND_LABELS, activity.activity_kind, _),
        title=activity.title, closed_meeting=closed_meeting, facts=facts, label_width=22,
        about=markup(activity.description),
    )


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
        story.append(section(styles, heading, f"day:{day_number}", styles.h2))
        rows = [header_row(styles, (_("Time"), _("Session"), _("Facilitation and speakers")))]
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
                commands.append(shaded(row, BREAK_BACKGROUND))
        story += [grid(rows, ["20%", "48%", "32%"], commands), Spacer(0, 4 * mm)]
    return story


def _participants(attendees: list[Attendee], styles: Styles, lang: str) -> list[Flowable]:
    _ = translations(lang).gettext
    heading = _("Participants")
    story: list[Flowable] = [
        NextPageTemplate("body"),
        PageBreak(),
        section(styles, heading, "participants", styles.h1),
    ]
    if not attendees:
        story.append(styles.para(markup(_("No confirmed participants yet.")), styles.body))
        return story
    rows = [header_row(styles, (_("Name"), _("Organisation"), _("Country"), _("Role")))]
    for attendee in attendees:
        rows.append([
            styles.para(markup(attendee.person.name, bold=True), styles.cell),
            styles.para(markup(attendee.organisation_text()), styles.cell),
            styles.para(markup(attendee.country(lang)), styles.cell),
            styles.para(markup(label(PARTICIPANT_ROLE_LABELS, attendee.role, _)), styles.cell),
        ])
    story.append(grid(rows, ["30%", "38%", "16%", "16%"]))
    return story
