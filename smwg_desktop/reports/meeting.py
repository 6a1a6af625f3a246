"""Who comes to a meeting, as its printed documents (agenda, sign-in sheet, badges) may show them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from smwg_desktop.core.consent import (
    PrintableOrganisation,
    PrintablePerson,
    printable_affiliations,
    visible_organisation,
    visible_person,
)
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Activity, Organisation, Person
from smwg_desktop.core.text import sort_key
from smwg_desktop.i18n import country_name

COMING = ("confirmed", "attended")
"""Participant statuses printed on participants' lists, sign-in sheets and badges."""


@dataclass(frozen=True)
class Attendee:
    """A participant as printed: the person, their role at the meeting, their organisation."""

    person: PrintablePerson
    role: str
    status: str
    organisation: PrintableOrganisation | None
    """The first organisation the person may be shown with, if any."""

    def organisation_text(self) -> str:
        organisation = self.organisation
        if organisation is None:
            return ""
        if organisation.acronym:
            return f"{organisation.name} ({organisation.acronym})"
        return organisation.name

    def country(self, lang: str) -> str:
        """The country printed beside them: their organisation's, else their own if consented."""
        code = self.organisation.country if self.organisation else self.person.country
        return country_name(code, lang)


class People:
    """The people of one directory as one document may print them (cached lookups)."""

    def __init__(self, directory: Directory, *, override: bool, on: date) -> None:
        self.directory = directory
        self.override = override
        self.on = on
        self._people: dict[str, PrintablePerson | None] = {}
        self._organisations: dict[str, PrintableOrganisation | None] = {}

    def person(self, person_id: str) -> PrintablePerson | None:
        """What of the person may print, or None (at risk, not listed, or unknown)."""
        if person_id not in self._people:
            found = self.directory.find(Person, person_id) if person_id else None
            self._people[person_id] = (
                visible_person(found, override=self.override) if found else None
            )
        return self._people[person_id]

    def organisation_of(self, person: PrintablePerson) -> PrintableOrganisation | None:
        affiliations = self.directory.affiliations(person_id=person.id)
        organisations: dict[str, PrintableOrganisation] = {}
        for affiliation in affiliations:
            found = self._organisation(affiliation.organisation_id)
            if found is not None:
                organisations[found.id] = found
        places = printable_affiliations(person, affiliations, organisations, on=self.on)
        return places[0].organisation if places else None

    def _organisation(self, organisation_id: str) -> PrintableOrganisation | None:
        # At a meeting every organisation may be named, whatever its membership status;
        # one at risk or not listed is still withheld.
        if organisation_id not in self._organisations:
            found = self.directory.find(Organisation, organisation_id)
            self._organisations[organisation_id] = (
                visible_organisation(found, include_prospects=True, override=self.override)
                if found else None
            )
        return self._organisations[organisation_id]

    def attendees(self, activity: Activity, statuses: Sequence[str] = COMING) -> list[Attendee]:
        """Participants with one of ``statuses`` who may be printed, sorted by name."""
        found: list[Attendee] = []
        for participant in self.directory.participants(activity.id):
            if participant.status not in statuses:
                continue
            person = self.person(participant.person_id)
            if person is None:
                continue
            found.append(Attendee(person, participant.role, participant.status,
                                  self.organisation_of(person)))
        found.sort(key=lambda a: (sort_key(a.person.name), a.person.id))
        return found


def meeting_day(activity: Activity) -> date:
    """The day whose roles and affiliations a meeting's documents show: its first day."""
    assert activity.start is not None
    return activity.start.date()
