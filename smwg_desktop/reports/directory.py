"""The member directory: cover, contents, organisations by region and country (or by
constituency), the people who may be printed with each, and an index of people.
"""

from __future__ import annotations

import io
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from smwg_desktop import i18n
from smwg_desktop.core.consent import (
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
from smwg_desktop.reports.common import (
    ACCENT,
    ACCENT_HEX,
    LIGHT,
    Document,
    Layout,
    Metadata,
    Running,
    Styles,
    build,
    contact_lines,
    generated_on,
    network_name,
    paper_size,
)
from smwg_desktop.reports.fonts import markup

GROUPINGS = ("region", "country", "constituency")
NO_CONSTITUENCY = ""


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
    seats: dict[str, list[tuple[Seat, PrintablePerson]]]
    individuals: list[PrintablePerson]
    individual_seats: dict[str, list[Seat]]
    bodies: dict[str, Body]


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
    _ = translations(lang).gettext
    paper_size(paper)
    if group_by not in GROUPINGS:
        raise ValidationError(
            "group_by",
            i18n._("'{group_by}' is not one of: {groupings}").format(
                group_by=group_by, groupings=", ".join(GROUPINGS)
            ),
        )
    today = today or date.today()
    content = _collect(directory, include_prospects, closed_meeting, today)
    groups = _groups(list(content.organisations.values()), group_by, lang)
    styles = Styles()
    network = network_name(directory)
    title = _("Member directory")
    right = _("Closed meeting: contains withheld records") if closed_meeting else _(
        "For members only"
    )
    running = Running(
        markup(f"{network} · {title}"), markup(right), generated_on(today, lang)
    )
    metadata = Metadata(title=title, subject=network)

    def make_document(target: io.BytesIO, previous: Layout | None) -> Document:
        return Document(target, paper=paper, lang=lang, running=running, metadata=metadata,
                        previous=previous, styles=styles)

    cover = _cover(content, styles, lang, network, title, today, group_by, include_prospects,
                   closed_meeting)

    def make_story(previous: Layout | None) -> list[Flowable]:
        return [
            *cover, NextPageTemplate("body"), PageBreak(),
            *_contents(groups, content, styles, lang, previous),
            *_body(content, groups, styles, lang, group_by),
            *_index(content, styles, lang, previous),
        ]

    layout = build(path, make_document, make_story)
    printed = {c.person.id for cs in content.contacts.values() for c in cs}
    printed.update(p.id for p in content.individuals)
    return DirectoryResult(layout.pages, len(content.organisations), len(printed))


def _collect(
    directory: Directory, include_prospects: bool, override: bool, today: date
) -> _Content:
    organisations = {
        o.id: shown
        for o in directory.list(Organisation)
        if (shown := visible_organisation(o, include_prospects=include_prospects,
                                          override=override))
    }
    people = {
        p.id: person
        for p in directory.list(Person)
        if (person := visible_person(p, override=override))
    }
    by_person: dict[str, list[Affiliation]] = defaultdict(list)
    for affiliation in directory.list(Affiliation):
        by_person[affiliation.person_id].append(affiliation)
    contacts: dict[str, list[_Contact]] = defaultdict(list)
    individuals: list[PrintablePerson] = []
    for person in people.values():
        places = printable_affiliations(person, by_person.get(person.id, ()), organisations,
                                        on=today)
        for place in places:
            contacts[place.organisation.id].append(_Contact(person, place.role))
        # Someone whose organisations do not print (or who keeps them private) is
        # left out rather than listed on their own, where they would stand out.
        if not places and not any(
            current(a.start, a.end, today) for a in by_person.get(person.id, ())
        ):
            individuals.append(person)
    for found in contacts.values():
        found.sort(key=lambda c: (sort_key(c.person.name), c.person.id))
    individuals.sort(key=lambda p: (sort_key(p.name), p.id))
    seats: dict[str, list[tuple[Seat, PrintablePerson]]] = defaultdict(list)
    individual_seats: dict[str, list[Seat]] = defaultdict(list)
    shown_individuals = {p.id for p in individuals}
    for seat in directory.list(Seat):
        holder = people.get(seat.person_id)
        if holder is None or not seat.holds_on(today):
            continue
        if not printable_seat(seat, holder, organisations):
            continue
        if seat.organisation_id:
            seats[seat.organisation_id].append((seat, holder))
        elif holder.id in shown_individuals:
            individual_seats[holder.id].append(seat)
    bodies = {b.id: b for b in directory.list(Body)}
    return _Content(organisations, contacts, seats, individuals, individual_seats, bodies)


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


def _body(
    content: _Content, groups: Sequence[_Group], styles: Styles, lang: str, group_by: str
) -> list[Flowable]:
    _ = translations(lang).gettext
    story: list[Flowable] = []
    headings: list[Flowable] = []
    for group in groups:
        if group.level == 0:
            story.append(CondPageBreak(90 * mm if group_by == "region" else 60 * mm))
        style = styles.h1 if group.level == 0 else styles.h2
        headings.append(styles.para(markup(group.title), style, anchors=(group.key,),
                                    outline=(group.title, group.level, group.key)))
        for organisation in group.organisations:
            # Headings stay on the page of the first entry under them.
            story += _entry(organisation, group.key, content, styles, lang, headings)
            headings = []
    if content.individuals:
        story.append(CondPageBreak(60 * mm))
        heading = _("People without an organisation")
        story.append(styles.para(markup(heading), styles.h1, anchors=("individuals",),
                                 outline=(heading, 0, "individuals")))
        for person in content.individuals:
            lines = [markup(person.name, bold=True)]
            seats = [_seat_text(s, None, content, lang) for s in
                     content.individual_seats.get(person.id, ())]
            story.append(_person_paragraph(person, lines, seats, styles, lang))
    return story


def _cover(
    content: _Content,
    styles: Styles,
    lang: str,
    network: str,
    title: str,
    today: date,
    group_by: str,
    include_prospects: bool,
    closed_meeting: bool,
) -> list[Flowable]:
    _ = translations(lang).gettext
    ngettext = translations(lang).ngettext
    people = {c.person.id for cs in content.contacts.values() for c in cs}
    people.update(p.id for p in content.individuals)
    grouping = {
        "region": _("Organisations by region and country"),
        "country": _("Organisations by country"),
        "constituency": _("Organisations by constituency"),
    }[group_by]
    counts = " · ".join((
        ngettext("{n} organisation", "{n} organisations", len(content.organisations)).format(
            n=len(content.organisations)),
        ngettext("{n} person", "{n} people", len(people)).format(n=len(people)),
    ))
    statuses = (
        _("Members, applicants, prospects and former members")
        if include_prospects else _("Members and applicants")
    )
    story: list[Flowable] = [
        Spacer(0, 35 * mm),
        styles.para(markup(network), styles.centre),
        Spacer(0, 10 * mm),
        styles.para(markup(title, bold=True), styles.title),
        Spacer(0, 6 * mm),
        styles.para(markup(format_date(today, lang)), styles.centre),
        Spacer(0, 14 * mm),
        _notice(styles, _("For members only. Do not share this directory outside the network."),
                ACCENT),
        Spacer(0, 10 * mm),
        styles.para(markup(grouping), styles.centre),
        styles.para(markup(statuses), styles.centre),
        styles.para(markup(counts), styles.centre),
    ]
    if closed_meeting:
        story += [
            Spacer(0, 10 * mm),
            _notice(
                styles,
                _("Closed-meeting edition. By a deliberate choice for this document, it "
                  "includes people and organisations marked at risk or not listed, and details "
                  "they did not consent to print. Keep it inside the meeting, do not copy it, "
                  "and destroy it afterwards."),
                "#b3261e",
            ),
        ]
    else:
        story += [
            Spacer(0, 10 * mm),
            styles.para(markup(_(
                "People and organisations at risk, and details that people did not consent "
                "to print, are not in this directory."
            )), styles.small),
        ]
    return story


def _notice(styles: Styles, text: str, colour: object) -> Table:
    table = Table([[styles.para(markup(text), styles.notice)]], colWidths=["100%"])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, colour),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
    ]))
    return table


def _contents(
    groups: Sequence[_Group],
    content: _Content,
    styles: Styles,
    lang: str,
    previous: Layout | None,
) -> list[Flowable]:
    _ = translations(lang).gettext
    heading = _("Contents")
    rows: list[list[Flowable]] = []
    entries = [(g.title, g.level, g.key) for g in groups]
    if content.individuals:
        entries.append((_("People without an organisation"), 0, "individuals"))
    entries.append((_("Index of people"), 0, "index"))
    for text, level, key in entries:
        page = previous.first_page(key) if previous else None
        style = styles.bold if level == 0 else styles.cell
        rows.append([
            styles.para(("&nbsp;" * 6 * level) + markup(text), style),
            styles.para(str(page) if page else "", styles.right),
        ])
    table = Table(rows, colWidths=["88%", "12%"], repeatRows=0)
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return [styles.para(markup(heading), styles.h1, outline=(heading, 0, "contents")), table]


def _status_text(organisation: PrintableOrganisation, lang: str) -> str:
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
    return text().format(date=format_date(day, lang))


def _seat_text(seat: Seat, holder: PrintablePerson | None, content: _Content, lang: str) -> str:
    _ = translations(lang).gettext
    body = content.bodies.get(seat.body_id)
    body_name = (body.acronym or body.name) if body else "?"
    text = markup(body_name) + " — " + markup(label(SEAT_ROLE_LABELS, seat.role, _))
    if holder is not None:
        text += ": " + markup(holder.name)
    return text


def _entry(
    organisation: PrintableOrganisation,
    group_key: str,
    content: _Content,
    styles: Styles,
    lang: str,
    headings: Sequence[Flowable] = (),
) -> list[Flowable]:
    _ = translations(lang).gettext
    heading = markup(organisation.name, bold=True)
    if organisation.acronym:
        heading += f' <font color="#5f6368">· {markup(organisation.acronym)}</font>'
    facts = [markup(country_name(organisation.country, lang))]
    facts += [markup(label(CONSTITUENCY_LABELS, c, _)) for c in organisation.constituencies]
    if organisation.women_led:
        women_led = markup(_("Women-led"), bold=True)
        facts.append(f'<font color="{ACCENT_HEX}">{women_led}</font>')
    if organisation.women_section:
        facts.append(markup(_("Women's section")))
    facts.append(markup(_status_text(organisation, lang)))
    head: list[Flowable] = [
        *headings,
        styles.para(heading, styles.h3, anchors=(f"org:{organisation.id}:{group_key}",)),
        styles.para(" · ".join(facts), styles.small),
    ]
    reach = [markup(organisation.website)] if organisation.website else []
    reach += [markup(e.value) for e in organisation.emails]
    reach += [markup(phone) for phone in contact_lines((), organisation.phones, ())]
    if organisation.address:
        reach.append(markup(organisation.address))
    if reach:
        head.append(styles.para(" · ".join(reach), styles.small))
    seats = content.seats.get(organisation.id, [])
    if seats:
        texts = [_seat_text(seat, holder, content, lang) for seat, holder in seats]
        head.append(styles.para(
            markup(_("Bodies and roles"), bold=True) + ": " + "; ".join(texts), styles.small
        ))
    people = [
        _person_paragraph(contact.person, _person_head(contact), [], styles, lang)
        for contact in content.contacts.get(organisation.id, ())
    ]
    if not people:
        return [KeepTogether([*head, Spacer(0, 2 * mm)])]
    return [KeepTogether([*head, people[0]]), *people[1:], Spacer(0, 2 * mm)]


def _person_head(contact: _Contact) -> list[str]:
    head = [markup(contact.person.name, bold=True)]
    if contact.role:
        head.append(markup(contact.role))
    return head


def _person_paragraph(
    person: PrintablePerson, head: list[str], seats: list[str], styles: Styles, lang: str
) -> Flowable:
    details = [markup(line) for line in contact_lines(person.emails, person.phones,
                                                      person.handles)]
    extra = []
    if person.country:
        extra.append(markup(country_name(person.country, lang)))
    if person.languages:
        extra.append(markup(", ".join(language_name(code, lang) for code in person.languages)))
    text = " — ".join(head)
    if details or extra:
        text += f'<br/><font size="8" color="#5f6368">{" · ".join(details + extra)}</font>'
    if seats:
        text += f'<br/><font size="8">{"; ".join(seats)}</font>'
    return styles.para(text, styles.entry, anchors=(f"person:{person.id}",))


def _index(
    content: _Content, styles: Styles, lang: str, previous: Layout | None
) -> list[Flowable]:
    _ = translations(lang).gettext
    heading = _("Index of people")
    where: dict[str, list[str]] = defaultdict(list)
    for organisation_id, contacts in content.contacts.items():
        organisation = content.organisations[organisation_id]
        for contact in contacts:
            where[contact.person.id].append(organisation.acronym or organisation.name)
    people = {c.person.id: c.person for cs in content.contacts.values() for c in cs}
    people.update((p.id, p) for p in content.individuals)
    story: list[Flowable] = [
        NextPageTemplate("columns"),
        PageBreak(),
        styles.para(markup(heading), styles.h1, anchors=("index",),
                    outline=(heading, 0, "index")),
    ]
    for person in sorted(people.values(), key=lambda p: (sort_key(p.name), p.id)):
        found = previous.anchors.get(f"person:{person.id}", []) if previous else []
        # The first pass reserves room for as many page numbers as entries.
        pages = ", ".join(str(n) for n in found) if previous else ", ".join(
            "000" for _n in where.get(person.id, [""])
        )
        text = markup(person.name, bold=True)
        organisations = sorted(dict.fromkeys(where.get(person.id, [])), key=fold)
        if organisations:
            text += " · " + ", ".join(markup(o) for o in organisations)
        story.append(styles.para_ending(text + " ", pages, ACCENT_HEX, styles.index))
    return story

