"""The member directory: cover, contents, organisations by region and country (or by
constituency), the people who may be printed with each, and an index of people.

It is laid out by ``reports.typeset`` in one pass and drawn once: a directory has
some 10,000 paragraphs, nearly all of one line, for which platypus (which the other
documents use) took most of the time, twice over.
"""

from __future__ import annotations

import functools
import gc
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from smwg_desktop import i18n
from smwg_desktop.core.consent import (
    DEFAULT_STATUSES,
    PrintableOrganisation,
    PrintablePerson,
    current,
    printable_affiliations,
    printable_seat,
    visible_organisation,
    visible_person,
)
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import ValidationError
from smwg_desktop.core.geo import Region, region_of
from smwg_desktop.core.model import Affiliation, Body, Organisation, Person, Seat
from smwg_desktop.core.text import fold, sort_key
from smwg_desktop.i18n import (
    CONSTITUENCY_LABELS,
    MEMBERSHIP_STATUS_LABELS,
    REGION_LABELS,
    SEAT_ROLE_LABELS,
    country_name,
    format_date,
    label,
    language_name,
    translations,
)
from smwg_desktop.reports import common
from smwg_desktop.reports.common import (
    MARGIN,
    WARNING_HEX,
    Metadata,
    check_destination,
    contact_lines,
    drawn_document,
    generated_on_text,
    network_name,
    paper_size,
)
from smwg_desktop.reports.fonts import REGULAR, register_fonts
from smwg_desktop.reports.typeset import (
    CENTRE,
    RGB,
    RIGHT,
    Block,
    Frame,
    Item,
    Keep,
    Later,
    Layout,
    NeedSpace,
    NewPage,
    Outline,
    PageKind,
    Paragraph,
    Reference,
    Rule,
    Run,
    Space,
    Typesetter,
    draw,
    joined_runs,
    line_break,
    text_runs,
)

GROUPINGS = ("region", "country", "constituency")
NO_CONSTITUENCY = ""

BLACK: RGB = (0.0, 0.0, 0.0)
GREY: RGB = common.GREY.rgb()
LIGHT: RGB = common.LIGHT.rgb()
ACCENT: RGB = common.ACCENT.rgb()
WARNING: RGB = colors.HexColor(WARNING_HEX).rgb()
SIZE = 9.5
"""The size of body text; the others are set from it, as ``common.Styles`` sets them."""
DETAIL = 8.0
"""The size of a person's contact details and seats, under their name."""
HEADER = 7.5
PAD = 6.0
"""Room between a frame's edge and its text (platypus frames keep 6 points)."""
COVER_DROP = 35 * mm
"""How far down the cover's text begins."""

H1 = Block(SIZE * 2.3, space_before=4, space_after=8, keep_with_next=True)
H2 = Block(SIZE * 1.8, space_before=10, space_after=4, keep_with_next=True)
H3 = Block(SIZE * 1.45, space_before=7, space_after=1, keep_with_next=True)
SMALL = Block(SIZE * 1.1)
ENTRY = Block(SIZE * 1.3, space_before=2, indent=4 * mm)
INDEX = Block(SIZE * 1.2, indent=4 * mm, first_indent=-4 * mm)
TITLE = Block(SIZE * 3.6, align=CENTRE)
CENTRED = Block(SIZE * 1.8, align=CENTRE)
NOTICE_LEADING = SIZE * 1.6
CONTENTS_ROOM = 16 * mm
"""Room kept at the right of the contents for page numbers (four digits fit)."""
HEADER_BLOCK = Block(9)
HEADER_RIGHT = Block(9, align=RIGHT)


@dataclass(frozen=True)
class DirectoryResult:
    """What a printed directory holds."""

    pages: int
    organisations: int
    people: int


@dataclass(frozen=True)
class _Contact:
    person: PrintablePerson
    role: str


@dataclass(frozen=True)
class _Group:
    """A heading of the directory and the organisations under it (or subgroups)."""

    key: str
    title: str
    level: int
    organisations: tuple[PrintableOrganisation, ...] = ()


@dataclass
class _Content:
    organisations: dict[str, PrintableOrganisation]
    contacts: dict[str, list[_Contact]]
    """Each organisation's people, in name order."""
    seats: dict[str, list[tuple[Seat, PrintablePerson]]]
    individuals: list[PrintablePerson]
    individual_seats: dict[str, list[Seat]]
    bodies: dict[str, Body]
    printed: list[PrintablePerson]
    """Everyone the directory names, in name order."""


@dataclass(frozen=True)
class Composition:
    """What a directory prints, in order, before it is laid out on pages.

    ``story`` is the text of the contents, the entries and the index (see
    ``reports.typeset``); ``running(page, pages)`` gives the header's left and right
    and the footer's left and right paragraphs of a page. The benchmark draws the
    same text without layout from it.
    """

    story: list[Item]
    running: Callable[[int, int], tuple[Paragraph, Paragraph, Paragraph, Paragraph]]
    metadata: Metadata
    organisations: int
    people: int


def write_directory(
    directory: Directory,
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    paper: str = "a4",
    group_by: str = "region",
    include_prospects: bool = False,
    closed_meeting: bool = False,
    today: date | None = None,
) -> DirectoryResult:
    """Print the member directory to ``path`` (a PDF), as consent allows.

    ``group_by`` is "region" (then country), "country" or "constituency" (an
    organisation with several constituencies appears under each). Members and
    applicants are printed; prospects and former members only with
    ``include_prospects``. ``closed_meeting`` is the deliberate, document-level
    override of ``core.consent``: records at risk or not listed and every field
    print, and the cover and every page say so. ``today`` (default: today) is the
    generation date and the day on which roles must be held to print.

    Raises ``UserError`` for an unknown language, paper, grouping or a missing folder.
    """
    size = paper_size(paper)
    check_destination(Path(path))
    with _cycle_collector_paused():
        composition = compose_directory(directory, lang=lang, group_by=group_by,
                                        include_prospects=include_prospects,
                                        closed_meeting=closed_meeting, today=today)
        typesetter = Typesetter(page_kinds(size))
        layout = typesetter.lay_out(composition.story, "cover")
        _add_running(layout, typesetter, composition, size)
        with drawn_document(path, metadata=composition.metadata, paper=paper,
                            lang=lang) as canvas:
            draw(layout, canvas, typesetter.measure)
    return DirectoryResult(len(layout.pages), composition.organisations, composition.people)


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause CPython's cycle collector while a directory is made.

    Laying out a directory makes some 200,000 small objects (records, runs, lines)
    and keeps most of them to the end; none is in a cycle. The collector would walk
    them again and again, about a sixth of the time. (The bundle import pauses it
    the same way, in ``sync.network``.)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def page_kinds(size: tuple[float, float]) -> dict[str, PageKind]:
    """The cover, body pages (one column) and index pages (two columns) of a paper size.

    The frames are those of ``common.Document``, less the 6 points platypus frames
    keep on each side.
    """
    width, height = size
    left, bottom = MARGIN, MARGIN
    wide = width - 2 * MARGIN
    high = height - 2 * MARGIN - 4 * mm
    body = Frame(left + PAD, bottom + PAD, wide - 2 * PAD, high - 2 * PAD)
    gap = 6 * mm
    column = (wide - gap) / 2
    columns = tuple(
        Frame(left + n * (column + gap) + PAD, bottom + PAD, column - 2 * PAD, high - 2 * PAD)
        for n in range(2)
    )
    cover = Frame(body.x, body.y, body.width, body.height - COVER_DROP)
    return {
        "cover": PageKind((cover,), running=False),
        "body": PageKind((body,)),
        "columns": PageKind(columns),
    }


def _add_running(
    layout: Layout, typesetter: Typesetter, composition: Composition, size: tuple[float, float]
) -> None:
    """The running header and footer of every page but the cover, with "page x of y"."""
    width, height = size
    inner = width - 2 * MARGIN
    wide, narrow = inner * 0.68, inner * 0.32
    top = height - MARGIN + 2 * mm
    foot = MARGIN - 8 * mm
    total = len(layout.pages)
    for number, page in enumerate(layout.pages, 1):
        if not typesetter.kinds[page.kind].running:
            continue
        left, right, footer_left, footer_right = composition.running(number, total)
        place = typesetter.place
        page.furniture = [
            *place(left, MARGIN, top, wide),
            *place(right, MARGIN + wide, top, narrow),
            *place(footer_left, MARGIN, foot, wide),
            *place(footer_right, MARGIN + wide, foot, narrow),
        ]
        for y in (top - 1.5 * mm, MARGIN - 3 * mm):
            page.rules.append(Rule(MARGIN, y, width - MARGIN, y, LIGHT, 0.6))


def compose_directory(
    directory: Directory,
    *,
    lang: str = "en",
    group_by: str = "region",
    include_prospects: bool = False,
    closed_meeting: bool = False,
    today: date | None = None,
) -> Composition:
    """What ``write_directory`` prints with these options, before layout."""
    _ = translations(lang).gettext
    if group_by not in GROUPINGS:
        raise ValidationError(
            "group_by",
            i18n._("'{group_by}' is not one of: {groupings}").format(
                group_by=group_by, groupings=", ".join(GROUPINGS)
            ),
        )
    register_fonts()
    today = today or date.today()
    content = _collect(directory, include_prospects, closed_meeting, today)
    groups = _groups(list(content.organisations.values()), group_by, lang)
    network = network_name(directory)
    title = _("Member directory")
    printed = len(content.printed)
    writer = _Writer(content, lang)
    story: list[Item] = [
        *writer.cover(network, title, today, group_by, include_prospects, closed_meeting,
                      printed),
        NewPage("body"),
        *writer.contents(groups),
        *writer.body(groups, group_by),
        *writer.index(),
    ]
    right = (_("Closed meeting: contains withheld records") if closed_meeting
             else _("For members only"))
    header_left = Paragraph(joined_runs([network, title], " · ", HEADER, GREY), HEADER_BLOCK)
    header_right = Paragraph(text_runs(right, HEADER, GREY), HEADER_RIGHT)
    footer_left = Paragraph(text_runs(generated_on_text(today, lang), HEADER, GREY),
                            HEADER_BLOCK)

    def running(page: int, pages: int) -> tuple[Paragraph, Paragraph, Paragraph, Paragraph]:
        number = _("Page {page} of {pages}").format(page=page, pages=pages)
        return (header_left, header_right, footer_left,
                Paragraph(text_runs(number, HEADER, GREY), HEADER_RIGHT))

    return Composition(story, running, Metadata(title=title, subject=network),
                       len(content.organisations), printed)


def _collect(
    directory: Directory, include_prospects: bool, override: bool, today: date
) -> _Content:
    # Prospects and former members never print unless asked for: not even read.
    statuses = {} if include_prospects else {"status": list(DEFAULT_STATUSES)}
    organisations = {
        o.id: shown
        for o in directory.list(Organisation, statuses)
        if (shown := visible_organisation(o, include_prospects=include_prospects,
                                          override=override))
    }
    by_person: dict[str, list[Affiliation]] = defaultdict(list)
    for affiliation in directory.list(Affiliation):
        by_person[affiliation.person_id].append(affiliation)
    held = [seat for seat in directory.list(Seat) if seat.holds_on(today)]
    people = {
        p.id: person
        for p in _people_who_may_print(directory, by_person, held, organisations, today)
        if (person := visible_person(p, override=override))
    }
    contacts: dict[str, list[_Contact]] = defaultdict(list)
    individuals: list[PrintablePerson] = []
    printed: list[PrintablePerson] = []
    for person in sorted(people.values(), key=lambda p: (sort_key(p.name), p.id)):
        places = printable_affiliations(person, by_person.get(person.id, ()), organisations,
                                        on=today)
        for place in places:
            contacts[place.organisation.id].append(_Contact(person, place.role))
        if places:
            printed.append(person)
        # Someone whose organisations do not print (or who keeps them private) is
        # left out rather than listed on their own, where they would stand out.
        elif not any(current(a.start, a.end, today) for a in by_person.get(person.id, ())):
            individuals.append(person)
            printed.append(person)
    seats: dict[str, list[tuple[Seat, PrintablePerson]]] = defaultdict(list)
    individual_seats: dict[str, list[Seat]] = defaultdict(list)
    shown_individuals = {p.id for p in individuals}
    for seat in held:
        holder = people.get(seat.person_id)
        if holder is None or not printable_seat(seat, holder, organisations):
            continue
        if seat.organisation_id:
            seats[seat.organisation_id].append((seat, holder))
        elif holder.id in shown_individuals:
            individual_seats[holder.id].append(seat)
    bodies = {b.id: b for b in directory.list(Body)}
    return _Content(organisations, contacts, seats, individuals, individual_seats, bodies,
                    printed)


_IDS_PER_QUERY = 5_000
"""Ids asked for at once: SQLite takes at most 32,766 parameters in one statement."""


def _people_who_may_print(
    directory: Directory,
    by_person: Mapping[str, Sequence[Affiliation]],
    held: Sequence[Seat],
    organisations: Mapping[str, PrintableOrganisation],
    today: date,
) -> list[Person]:
    """The people the directory may name: with a current place in an organisation that
    prints, with no current place at all (listed on their own), or holding a seat for
    an organisation that prints.

    The others (whose only places are in organisations left out) are never read:
    turning a row into a record is most of the cost of reading people.
    """
    wanted: list[str] = []
    for person_id in directory.browse_ids(Person):
        places = [a.organisation_id for a in by_person.get(person_id, ())
                  if current(a.start, a.end, today)]
        if not places or any(place in organisations for place in places):
            wanted.append(person_id)
    wanted += [seat.person_id for seat in held if seat.organisation_id in organisations]
    wanted = list(dict.fromkeys(wanted))
    return [
        person
        for start in range(0, len(wanted), _IDS_PER_QUERY)
        for person in directory.list(Person, {"id": wanted[start:start + _IDS_PER_QUERY]})
    ]


def _by_name(organisations: Iterable[PrintableOrganisation]) -> tuple[PrintableOrganisation, ...]:
    return tuple(sorted(organisations, key=lambda o: (sort_key(o.name), o.id)))


def _groups(
    organisations: Sequence[PrintableOrganisation], group_by: str, lang: str
) -> list[_Group]:
    """The headings in order, each followed by its organisations (level 0 then 1)."""
    _ = translations(lang).gettext
    groups: list[_Group] = []
    if group_by == "constituency":
        by_constituency: dict[str, list[PrintableOrganisation]] = defaultdict(list)
        for organisation in organisations:
            for constituency in organisation.constituencies or (NO_CONSTITUENCY,):
                by_constituency[constituency].append(organisation)
        titles = {
            c: label(CONSTITUENCY_LABELS, c, _) if c else _("No constituency given")
            for c in by_constituency
        }
        for constituency in sorted(by_constituency, key=lambda c: (not c, fold(titles[c]))):
            groups.append(_Group(f"constituency:{constituency}", titles[constituency], 0,
                                 _by_name(by_constituency[constituency])))
        return groups
    by_country: dict[str, list[PrintableOrganisation]] = defaultdict(list)
    for organisation in organisations:
        by_country[organisation.country].append(organisation)
    names = {c: country_name(c, lang) for c in by_country}
    countries = sorted(by_country, key=lambda c: (fold(names[c]), c))
    if group_by == "country":
        return [
            _Group(f"country:{c}", names[c], 0, _by_name(by_country[c])) for c in countries
        ]
    regions = list(Region)
    for region in regions:
        inside = [c for c in countries if region_of(c) == region]
        if not inside:
            continue
        groups.append(_Group(f"region:{region.value}", label(REGION_LABELS, region.value, _), 0))
        groups.extend(
            _Group(f"country:{c}", names[c], 1, _by_name(by_country[c])) for c in inside
        )
    unplaced = [c for c in countries if region_of(c) is None]
    if unplaced:
        groups.append(_Group("region:", _("Other countries"), 0))
        groups.extend(
            _Group(f"country:{c}", names[c], 1, _by_name(by_country[c])) for c in unplaced
        )
    return groups


def _status_text(
    organisation: PrintableOrganisation, lang: str, dates: Callable[[date], str]
) -> str:
    _ = translations(lang).gettext
    status = organisation.status
    day = organisation.member_since if status == "member" else organisation.status_since
    if day is None:
        return label(MEMBERSHIP_STATUS_LABELS, status, _)
    text: Callable[[], str] = {
        "member": lambda: _("Member since {date}"),
        "applicant": lambda: _("Applicant since {date}"),
        "prospect": lambda: _("Prospect since {date}"),
        "former": lambda: _("Former member until {date}"),
    }.get(status, lambda: label(MEMBERSHIP_STATUS_LABELS, status, _) + " ({date})")
    return text().format(date=dates(day))


def _seat_text(seat: Seat, holder: PrintablePerson | None, content: _Content, lang: str) -> str:
    _ = translations(lang).gettext
    body = content.bodies.get(seat.body_id)
    body_name = (body.acronym or body.name) if body else "?"
    text = f"{body_name} — {label(SEAT_ROLE_LABELS, seat.role, _)}"
    return f"{text}: {holder.name}" if holder is not None else text


class _Writer:
    """The directory's text as paragraphs, in the look of the platypus documents."""

    def __init__(self, content: _Content, lang: str) -> None:
        self.content = content
        self.lang = lang
        self._ = translations(lang).gettext
        self.ngettext = translations(lang).ngettext
        # Countries, languages and dates repeat from entry to entry; CLDR is slow to ask.
        self.country = functools.cache(lambda code: country_name(code, lang))
        self.language = functools.cache(lambda code: language_name(code, lang))
        self.date = functools.cache(lambda day: format_date(day, lang))

    def cover(
        self,
        network: str,
        title: str,
        today: date,
        group_by: str,
        include_prospects: bool,
        closed_meeting: bool,
        people: int,
    ) -> list[Item]:
        _, ngettext, lang = self._, self.ngettext, self.lang
        organisations = len(self.content.organisations)
        grouping = {
            "region": _("Organisations by region and country"),
            "country": _("Organisations by country"),
            "constituency": _("Organisations by constituency"),
        }[group_by]
        counts = " · ".join((
            ngettext("{n} organisation", "{n} organisations", organisations).format(
                n=organisations),
            ngettext("{n} person", "{n} people", people).format(n=people),
        ))
        statuses = (
            _("Members, applicants, prospects and former members")
            if include_prospects else _("Members and applicants")
        )
        centre = SIZE * 1.3
        story: list[Item] = [
            Paragraph(text_runs(network, centre, BLACK), CENTRED),
            Space(10 * mm),
            Paragraph(text_runs(title, SIZE * 3, ACCENT, bold=True), TITLE),
            Space(6 * mm),
            Paragraph(text_runs(format_date(today, lang), centre, BLACK), CENTRED),
            Space(14 * mm),
            _notice(_("For members only. Do not share this directory outside the network."),
                    ACCENT),
            Space(10 * mm),
            Paragraph(text_runs(grouping, centre, BLACK), CENTRED),
            Paragraph(text_runs(statuses, centre, BLACK), CENTRED),
            Paragraph(text_runs(counts, centre, BLACK), CENTRED),
            Space(10 * mm),
        ]
        if closed_meeting:
            story.append(_notice(
                _("Closed-meeting edition. By a deliberate choice for this document, it "
                  "includes people and organisations marked at risk or not listed, and details "
                  "they did not consent to print. Keep it inside the meeting, do not copy it, "
                  "and destroy it afterwards."),
                WARNING,
            ))
        else:
            story.append(Paragraph(text_runs(_(
                "People and organisations at risk, and details that people did not consent "
                "to print, are not in this directory."
            ), SIZE * 0.85, GREY), SMALL))
        return story

    def contents(self, groups: Sequence[_Group]) -> list[Item]:
        _ = self._
        heading = _("Contents")
        entries = [(g.title, g.level, g.key) for g in groups]
        if self.content.individuals:
            entries.append((_("People without an organisation"), 0, "individuals"))
        entries.append((_("Index of people"), 0, "index"))
        story: list[Item] = [_heading(heading, 0, "contents", anchor=False)]
        number = SIZE * 0.95
        indent = _nbsp_width(number)
        for text, level, key in entries:
            bold = level == 0
            size = SIZE if bold else number
            block = Block(
                SIZE * (1.3 if bold else 1.2), indent=PAD + 6 * level * indent,
                right_indent=PAD, padding=1.5, rule=(LIGHT, 0.4),
                reference_width=CONTENTS_ROOM,
            )
            story.append(Paragraph(text_runs(text, size, BLACK, bold=bold), block,
                                   reference=Reference(key, REGULAR, number, BLACK)))
        return story

    def body(self, groups: Sequence[_Group], group_by: str) -> list[Item]:
        _ = self._
        story: list[Item] = []
        for group in groups:
            if group.level == 0:
                story.append(NeedSpace(90 * mm if group_by == "region" else 60 * mm))
            story.append(_heading(group.title, group.level, group.key))
            for organisation in group.organisations:
                story += self.entry(organisation)
        if self.content.individuals:
            story.append(NeedSpace(60 * mm))
            story.append(_heading(_("People without an organisation"), 0, "individuals"))
            for person in self.content.individuals:
                seats = [_seat_text(s, None, self.content, self.lang)
                         for s in self.content.individual_seats.get(person.id, ())]
                story.append(self.person(person, "", seats))
        return story

    def entry(self, organisation: PrintableOrganisation) -> list[Item]:
        _, lang, content = self._, self.lang, self.content
        heading_size = SIZE * 1.1
        small = SIZE * 0.85
        head = text_runs(organisation.name, heading_size, BLACK, bold=True)
        if organisation.acronym:
            head += joined_runs([organisation.acronym], "", heading_size, GREY, bold=True,
                                prefix=" · ")
        facts = [self.country(organisation.country)]
        facts += [label(CONSTITUENCY_LABELS, c, _) for c in organisation.constituencies]
        fact_runs = joined_runs(facts, " · ", small, GREY)
        if organisation.women_led:
            fact_runs += text_runs(" · ", small, GREY)
            fact_runs += text_runs(_("Women-led"), small, ACCENT, bold=True)
        later = [_("Women's section")] if organisation.women_section else []
        later.append(_status_text(organisation, lang, self.date))
        fact_runs += joined_runs(later, " · ", small, GREY, prefix=" · ")
        paragraphs = [
            Paragraph(head, H3),
            Paragraph(fact_runs, SMALL),
        ]
        reach = [organisation.website] if organisation.website else []
        reach += [e.value for e in organisation.emails]
        reach += contact_lines((), organisation.phones, ())
        if organisation.address:
            reach.append(organisation.address)
        if reach:
            paragraphs.append(Paragraph(joined_runs(reach, " · ", small, GREY), SMALL))
        seats = content.seats.get(organisation.id, [])
        if seats:
            texts = [_seat_text(seat, holder, content, lang) for seat, holder in seats]
            paragraphs.append(Paragraph(
                text_runs(_("Bodies and roles"), small, GREY, bold=True)
                + joined_runs(texts, "; ", small, GREY, prefix=": "),
                SMALL,
            ))
        people = [self.person(contact.person, contact.role, [])
                  for contact in content.contacts.get(organisation.id, ())]
        if not people:
            return [Keep(paragraphs), Space(2 * mm)]
        return [Keep([*paragraphs, people[0]]), *people[1:], Space(2 * mm)]

    def person(self, person: PrintablePerson, role: str, seats: list[str]) -> Paragraph:
        runs = text_runs(person.name, SIZE, BLACK, bold=True)
        if role:
            runs += joined_runs([role], "", SIZE, BLACK, prefix=" — ")
        details = contact_lines(person.emails, person.phones, person.handles)
        if person.country:
            details.append(self.country(person.country))
        if person.languages:
            details.append(", ".join(self.language(code) for code in person.languages))
        if details:
            runs.append(line_break(DETAIL, GREY))
            runs += joined_runs(details, " · ", DETAIL, GREY)
        if seats:
            runs.append(line_break(DETAIL, BLACK))
            runs += joined_runs(seats, "; ", DETAIL, BLACK)
        return Paragraph(runs, ENTRY, anchors=(f"person:{person.id}",))

    def index(self) -> list[Item]:
        _, content = self._, self.content
        heading = _("Index of people")
        where: dict[str, list[str]] = defaultdict(list)
        for organisation_id, contacts in content.contacts.items():
            organisation = content.organisations[organisation_id]
            for contact in contacts:
                where[contact.person.id].append(organisation.acronym or organisation.name)
        size = SIZE * 0.95
        entries: list[tuple[str, list[Run]]] = []
        folded = functools.cache(fold)  # an organisation is named beside each of its people
        for person in content.printed:
            runs = text_runs(person.name, size, BLACK, bold=True)
            organisations = sorted(dict.fromkeys(where.get(person.id, [])), key=folded)
            if organisations:
                runs += joined_runs(organisations, ", ", size, BLACK, prefix=" · ")
            entries.append((f"person:{person.id}", runs))

        def with_pages(anchors: Mapping[str, Sequence[int]]) -> Iterable[Item]:
            # The index comes after every entry: the pages people are on are known.
            for key, runs in entries:
                pages = ", ".join(str(n) for n in anchors.get(key, ()))
                yield Paragraph([*runs, Run(" " + pages, REGULAR, size, ACCENT)], INDEX)

        return [
            NewPage("columns"),
            _heading(heading, 0, "index"),
            Later(with_pages),
        ]


def _heading(text: str, level: int, key: str, *, anchor: bool = True) -> Paragraph:
    size, block = (SIZE * 1.9, H1) if level == 0 else (SIZE * 1.4, H2)
    return Paragraph(text_runs(text, size, ACCENT, bold=True), block,
                     anchors=(key,) if anchor else (), outline=Outline(text, level, key))


def _notice(text: str, colour: RGB) -> Paragraph:
    block = Block(NOTICE_LEADING, padding=8, indent=10, right_indent=10, align=CENTRE,
                  box=(colour, 1.2))
    return Paragraph(text_runs(text, SIZE * 1.2, BLACK, bold=True), block)


def _nbsp_width(size: float) -> float:
    return float(stringWidth("\xa0", REGULAR, size))
