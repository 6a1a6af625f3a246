"""Exporting what the filters select to CSV, XLSX or vCard 4.0, as consent allows.

What may leave is decided by ``core.consent`` alone, exactly as for printing: a
person or organisation at risk or not listed is left out entirely, and of the
others only the fields they consented to are written. ``override`` is the same
deliberate per-document choice that printing offers. ``export json`` (the full
canonical dump) is not this module's business.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from smwg_desktop.core.browse import BrowseFilter
from smwg_desktop.core.consent import (
    DEFAULT_STATUSES,
    PrintableOrganisation,
    printable_affiliations,
    visible_organisation,
    visible_person,
)
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError, ValidationError
from smwg_desktop.core.model import Affiliation, Organisation, Person, Record
from smwg_desktop.i18n import _
from smwg_desktop.interop.csvfile import write_csv
from smwg_desktop.interop.rows import OutgoingEntry
from smwg_desktop.interop.vcard import write_vcard
from smwg_desktop.interop.xlsxfile import write_xlsx

WRITERS: dict[str, Callable[[str | os.PathLike[str], Iterable[OutgoingEntry]], int]] = {
    "csv": write_csv,
    "xlsx": write_xlsx,
    "vcf": write_vcard,
}
"""Export formats by the name ``smwg export`` takes."""


@dataclass(frozen=True)
class ExportFilter:
    """Which records to export; every field left empty selects everything.

    Organisation filters (country, region, status, constituency, women-led, ids,
    search text) select organisations and the people who hold a place in them;
    ``text`` also selects the people whose names or contacts match. ``person_ids``
    (the rows a screen shows) selects exactly those people, and the organisations
    they hold places in unless organisation filters are given too.
    """

    text: str = ""
    country: str = ""
    region: str = ""
    status: str = ""
    constituency: str = ""
    women_led: bool = False
    organisation_ids: tuple[str, ...] | None = None
    person_ids: tuple[str, ...] | None = None
    include_prospects: bool = False
    """Also export prospects and former members (implied by a status filter naming them)."""
    standalone_organisations: bool = True
    """Write each selected organisation as an entry of its own. False writes people
    only, each with the organisations beside them that consent allows (an export
    of the People screen)."""

    @property
    def filters_organisations(self) -> bool:
        return bool(
            self.text or self.country or self.region or self.status or self.constituency
            or self.women_led or self.organisation_ids is not None
        )


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote and what consent kept back (counts only)."""

    written: int
    """Rows (CSV, XLSX) or cards (vCard) written."""
    people: int
    organisations: int
    withheld_people: int
    """Selected people left out entirely: at risk or not listed."""
    withheld_organisations: int
    overridden: bool
    """True when something was written only because of the override."""


def _clean(name: str, text: str) -> Any:
    try:
        return Organisation.field_types()[name].clean(text, {})
    except ValueError as exc:
        raise ValidationError(name, str(exc)) from None


def select(directory: Directory, wanted: ExportFilter) -> tuple[list[Organisation], list[Person]]:
    """The organisations and people the filter selects, before consent is asked."""
    where: dict[str, object] = {}
    if wanted.country:
        where["country"] = _clean("country", wanted.country)
    if wanted.region:
        where["region"] = wanted.region.lower()
    if wanted.status:
        where["status"] = _clean("status", wanted.status)
    if wanted.women_led:
        where["women_led"] = True
    organisations = directory.list(Organisation, where)
    if wanted.constituency:
        keys = _clean("constituencies", wanted.constituency)
        organisations = [o for o in organisations if set(keys) <= set(o.constituencies)]
    if wanted.organisation_ids is not None:
        ids = {directory.resolve(Organisation, i) for i in wanted.organisation_ids}
        organisations = [o for o in organisations if o.id in ids]
    matched_people: set[str] = set()
    if wanted.text:
        hits = directory.search(wanted.text, limit=1_000_000)
        found = {h.id for h in hits if h.kind == "organisation"}
        matched_people = {h.id for h in hits if h.kind == "person"}
        organisations = [o for o in organisations if o.id in found]
    places = directory.list(Affiliation, order_by=("id",))
    if wanted.person_ids is not None:
        ids = {directory.resolve(Person, i) for i in wanted.person_ids}
        people = [p for p in directory.list(Person) if p.id in ids]
        if not wanted.filters_organisations:
            held = {a.organisation_id for a in places if a.person_id in ids}
            organisations = [o for o in organisations if o.id in held]
    elif wanted.filters_organisations:
        chosen = {o.id for o in organisations}
        ids = {a.person_id for a in places if a.organisation_id in chosen} | matched_people
        people = [p for p in directory.list(Person) if p.id in ids]
    else:
        people = directory.list(Person)
    return organisations, people


def shown_on_screen(directory: Directory, cls: type[Record], wanted: BrowseFilter) -> ExportFilter:
    """The export of exactly the records the Organisations or People screen lists for ``wanted``.

    The People screen exports its people, each with their organisations beside
    them as consent allows; the Organisations screen its organisations alone.
    The screen lists prospects and former members, so they are exported too;
    consent still leaves out what is at risk or not listed.
    """
    found = tuple(directory.browse_ids(cls, wanted))
    if cls is Person:
        return ExportFilter(person_ids=found, include_prospects=True, standalone_organisations=False)
    if cls is Organisation:
        return ExportFilter(organisation_ids=found, person_ids=(), include_prospects=True)
    raise ValueError(f"no screen lists {cls.kind} records for export")


def entries(
    directory: Directory,
    wanted: ExportFilter | None = None,
    *,
    override: bool = False,
    on: date | None = None,
) -> tuple[list[OutgoingEntry], ExportSummary]:
    """What may leave for the filter, as consent allows: organisations first, then people.

    ``on`` is the day whose places are written (today by default). ``override``
    is the deliberate per-document choice to let records at risk or not listed
    through; never pass it without the person having chosen it for this export.
    """
    wanted = wanted or ExportFilter()
    day = on or date.today()
    include = wanted.include_prospects or (
        bool(wanted.status) and wanted.status.strip().lower() not in DEFAULT_STATUSES
    )
    organisations, people = select(directory, wanted)
    printable: dict[str, PrintableOrganisation] = {}
    withheld_orgs = 0
    for organisation in organisations:
        shown = visible_organisation(organisation, include_prospects=include, override=override)
        if shown is None:
            if organisation.at_risk or not organisation.listed:
                withheld_orgs += 1
            continue
        printable[organisation.id] = shown
    places: dict[str, list[Affiliation]] = defaultdict(list)
    for place in directory.list(Affiliation, order_by=("start", "id")):
        places[place.person_id].append(place)
    standalone = wanted.standalone_organisations
    found = [OutgoingEntry(organisation=o) for o in printable.values()] if standalone else []
    withheld_people = 0
    for person in people:
        shown_person = visible_person(person, override=override)
        if shown_person is None:
            withheld_people += 1
            continue
        held = printable_affiliations(shown_person, places[person.id], printable, on=day)
        found.append(OutgoingEntry(person=shown_person, places=tuple(held)))
    overridden = any(
        (e.person is not None and e.person.overridden)
        or (e.organisation is not None and e.organisation.overridden)
        for e in found
    )
    summary = ExportSummary(
        written=0,
        people=sum(1 for e in found if e.person is not None),
        organisations=len(printable) if standalone else 0,
        withheld_people=withheld_people,
        withheld_organisations=withheld_orgs if standalone else 0,
        overridden=overridden,
    )
    return found, summary


def export_file(
    directory: Directory,
    fmt: str,
    path: str | os.PathLike[str],
    wanted: ExportFilter | None = None,
    *,
    override: bool = False,
) -> ExportSummary:
    """``smwg export csv|xlsx|vcf FILE [filters]``: write what the filter selects and consent allows."""
    writer = WRITERS.get(fmt.lower().removeprefix("."))
    if writer is None:
        raise UserError(
            _("cannot export as '{fmt}': formats are {formats}").format(
                fmt=fmt, formats=", ".join(WRITERS)
            )
        )
    found, summary = entries(directory, wanted, override=override)
    written = writer(path, found)
    return ExportSummary(
        written, summary.people, summary.organisations, summary.withheld_people,
        summary.withheld_organisations, summary.overridden,
    )
