"""What of a person or an organisation may leave the application: the one place for the rules.

Every document printed and every plain-text export asks here, and prints only what it
gets back. The rules:

- A person or organisation marked at risk, or not listed, is not printed at all.
- A person's name prints; their organisation, role, work e-mail and work phone print by
  default; other e-mails and phones, messaging handles, country and languages only when
  the person consented to each (``Person.consent``, editable in the CLI and the app).
- An organisation's name, acronym, country, constituencies, women's leadership and
  membership status print; its address, website, e-mails and phones only as its
  ``consent`` allows. Prospects and former members print only when a document asks.
- A person is named beside an organisation only if they consented to ``organisation``
  and the organisation itself prints; their role there only with ``role``.
- A person is named as holding a role (a seat in a body, a body's reviewer, the person
  responsible for an outreach move) only if they consented to ``role``.

The **override** is a deliberate choice for one document (a closed meeting): it lets
records marked at risk or not listed through, and every field whatever the consent.
The document must then say so on its cover; ``overridden`` on what comes back is True
exactly when something of that record prints only because of the override.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from smwg_desktop.core.fields import Contact
from smwg_desktop.core.model import (
    ORGANISATION_CONSENT_FIELDS,
    PERSON_CONSENT_FIELDS,
    Affiliation,
    Organisation,
    Person,
    Seat,
)

WORK = "work"
DEFAULT_STATUSES = ("member", "applicant")
"""Membership statuses printed unless a document asks for prospects and former members."""


@dataclass(frozen=True)
class PrintablePerson:
    """The part of a person that may be printed; empty fields are withheld or empty."""

    id: str
    name: str
    organisation: bool
    """Whether their organisations may be named beside them."""
    role: bool
    """Whether their roles (in organisations and in bodies) may be printed."""
    country: str
    languages: tuple[str, ...]
    emails: tuple[Contact, ...]
    phones: tuple[Contact, ...]
    handles: tuple[Contact, ...]
    overridden: bool
    """True when something of this person prints only because of the override."""


@dataclass(frozen=True)
class PrintableOrganisation:
    """The part of an organisation that may be printed."""

    id: str
    name: str
    acronym: str
    country: str
    constituencies: tuple[str, ...]
    women_led: bool
    women_section: bool
    status: str
    member_since: date | None
    status_since: date | None
    website: str
    address: str
    emails: tuple[Contact, ...]
    phones: tuple[Contact, ...]
    overridden: bool


@dataclass(frozen=True)
class PrintableAffiliation:
    """A person's place in a printed organisation, as it may be printed."""

    organisation: PrintableOrganisation
    role: str


def _contacts(contacts: Iterable[Contact], work: bool, other: bool) -> tuple[Contact, ...]:
    return tuple(c for c in contacts if (work if c.kind == WORK else other))


def visible_person(person: Person, *, override: bool = False) -> PrintablePerson | None:
    """What of ``person`` may print; None if nothing may (at risk or not listed).

    With ``override`` (a closed meeting, chosen for one document) people at risk and
    people not listed print too, with every field.
    """
    withheld = person.at_risk or not person.listed
    consented = None if withheld else _person(person, set(person.consent), overridden=False)
    if not override:
        return consented
    everything = _person(person, set(PERSON_CONSENT_FIELDS), overridden=True)
    if everything == replace(consented or everything, overridden=True):
        return consented if consented is not None else everything
    return everything


def _person(person: Person, allowed: set[str], *, overridden: bool) -> PrintablePerson:
    return PrintablePerson(
        id=person.id,
        name=person.name,
        organisation="organisation" in allowed,
        role="role" in allowed,
        country=person.country if "country" in allowed else "",
        languages=person.languages if "languages" in allowed else (),
        emails=_contacts(person.emails, "work_email" in allowed, "other_email" in allowed),
        phones=_contacts(person.phones, "work_phone" in allowed, "other_phone" in allowed),
        handles=person.handles if "handles" in allowed else (),
        overridden=overridden,
    )


def visible_organisation(
    organisation: Organisation, *, include_prospects: bool = False, override: bool = False
) -> PrintableOrganisation | None:
    """What of ``organisation`` may print; None if it may not print at all.

    Prospects and former members print only with ``include_prospects``. With
    ``override`` organisations at risk or not listed print too, with every field.
    """
    if organisation.status not in DEFAULT_STATUSES and not include_prospects:
        return None
    withheld = organisation.at_risk or not organisation.listed
    consented = (
        None if withheld else _organisation(organisation, set(organisation.consent), False)
    )
    if not override:
        return consented
    everything = _organisation(organisation, set(ORGANISATION_CONSENT_FIELDS), True)
    if everything == replace(consented or everything, overridden=True):
        return consented if consented is not None else everything
    return everything


def _organisation(
    organisation: Organisation, allowed: set[str], overridden: bool
) -> PrintableOrganisation:
    return PrintableOrganisation(
        id=organisation.id,
        name=organisation.name,
        acronym=organisation.acronym,
        country=organisation.country,
        constituencies=organisation.constituencies,
        women_led=organisation.women_led,
        women_section=organisation.women_section,
        status=organisation.status,
        member_since=organisation.member_since,
        status_since=organisation.status_since,
        website=organisation.website if "website" in allowed else "",
        address=organisation.address if "address" in allowed else "",
        emails=organisation.emails if "emails" in allowed else (),
        phones=organisation.phones if "phones" in allowed else (),
        overridden=overridden,
    )


def current(start: date | None, end: date | None, on: date) -> bool:
    """Whether a role held from ``start`` to ``end`` (either open) is held ``on`` a day."""
    return (start is None or start <= on) and (end is None or on <= end)


def printable_affiliations(
    person: PrintablePerson,
    affiliations: Iterable[Affiliation],
    organisations: Mapping[str, PrintableOrganisation],
    *,
    on: date,
) -> list[PrintableAffiliation]:
    """The person's places, held ``on`` a day, that may be printed beside their name.

    ``organisations`` holds the organisations that print in this document, by id; a
    place in any other organisation is not printed, and none is printed when the
    person withheld ``organisation``. The role is empty when they withheld ``role``.
    """
    if not person.organisation:
        return []
    found: list[PrintableAffiliation] = []
    for affiliation in affiliations:
        organisation = organisations.get(affiliation.organisation_id)
        if organisation is None or affiliation.person_id != person.id:
            continue
        if current(affiliation.start, affiliation.end, on):
            found.append(PrintableAffiliation(organisation, affiliation.role if person.role else ""))
    return found


def may_be_named_in_role(person: PrintablePerson | None) -> bool:
    """Whether a person may be printed as holding a role: they may print (``person`` is
    what ``visible_person`` gave) and consented to ``role``."""
    return person is not None and person.role


def name_in_role(person: PrintablePerson | None) -> str:
    """The name to print for a person named as holding a role (a body's reviewer, the person
    responsible for an outreach move): theirs if ``may_be_named_in_role``, else nothing."""
    return person.name if person is not None and may_be_named_in_role(person) else ""


def printable_seat(
    seat: Seat,
    person: PrintablePerson | None,
    organisations: Mapping[str, PrintableOrganisation],
) -> bool:
    """Whether a seat in a body may be printed, naming its holder (and organisation).

    A seat names a person and their role, so it prints only for a person who may
    be named in a role (``may_be_named_in_role``); a seat held for an organisation also needs
    their consent to ``organisation`` and the organisation printing.
    """
    if person is None or person.id != seat.person_id or not may_be_named_in_role(person):
        return False
    if seat.organisation_id:
        return person.organisation and seat.organisation_id in organisations
    return True
