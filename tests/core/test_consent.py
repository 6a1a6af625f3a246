"""Consent decides what of a person or an organisation may leave the application."""

from __future__ import annotations

from datetime import date
from typing import Any

from smwg_desktop.core.consent import (
    PrintableOrganisation,
    may_be_named_in_role,
    name_in_role,
    printable_affiliations,
    printable_seat,
    visible_organisation,
    visible_person,
)
from smwg_desktop.core.fields import Contact
from smwg_desktop.core.model import Affiliation, Organisation, Person, Seat

TODAY = date(2026, 3, 1)


def _person(**values: Any) -> Person:
    base: dict[str, Any] = {
        "name": "Rosa Mamani",
        "country": "BO",
        "emails": "work:rosa@example.org, home:rosa.home@example.net",
        "phones": "work:+591 2 2345678, mobile:+591 71234567",
        "handles": "signal:@rosa.12",
        "languages": "es, qu",
    }
    return Person.build("p1", {**base, **values})


def _organisation(**values: Any) -> Organisation:
    base: dict[str, Any] = {
        "name": "Red Andina (muestra)", "country": "BO", "status": "member",
        "website": "https://red.example.org", "address": "Casilla 12, El Alto",
        "emails": "red@example.org", "phones": "+591 2 2345600",
    }
    return Organisation.build("o1", {**base, **values})


def _printable(organisation: Organisation) -> dict[str, PrintableOrganisation]:
    shown = visible_organisation(organisation)
    assert shown is not None
    return {shown.id: shown}


def test_by_default_a_person_prints_name_work_email_and_work_phone_only() -> None:
    shown = visible_person(_person())

    assert shown is not None
    assert shown.name == "Rosa Mamani"
    assert shown.organisation and shown.role
    assert shown.emails == (Contact("rosa@example.org", "work"),)
    assert shown.phones == (Contact("+59122345678", "work"),)
    assert shown.handles == ()
    assert shown.country == ""
    assert shown.languages == ()
    assert not shown.overridden


def test_withdrawn_consent_removes_the_field() -> None:
    shown = visible_person(_person(consent="organisation"))

    assert shown is not None
    assert shown.organisation
    assert not shown.role
    assert shown.emails == ()
    assert shown.phones == ()


def test_consent_to_other_contacts_handles_country_and_languages_prints_them() -> None:
    shown = visible_person(_person(
        consent="other_email, other_phone, handles, country, languages"))

    assert shown is not None
    assert shown.emails == (Contact("rosa.home@example.net", "home"),)
    assert shown.phones == (Contact("+59171234567", "mobile"),)
    assert shown.handles == (Contact("@rosa.12", "signal"),)
    assert shown.country == "BO"
    assert shown.languages == ("es", "qu")
    assert not shown.organisation


def test_a_person_at_risk_or_not_listed_prints_nothing() -> None:
    assert visible_person(_person(at_risk=True)) is None
    assert visible_person(_person(listed=False)) is None


def test_the_override_prints_people_at_risk_with_every_field_and_says_so() -> None:
    shown = visible_person(_person(at_risk=True, consent="organisation"), override=True)

    assert shown is not None
    assert shown.overridden
    assert len(shown.emails) == 2 and len(shown.phones) == 2
    assert shown.country == "BO" and shown.handles


def test_the_override_marks_only_people_who_print_more_because_of_it() -> None:
    everything = "organisation, role, work_email, other_email, work_phone, other_phone, handles, country, languages"
    plain = visible_person(_person(consent=everything), override=True)
    narrowed = visible_person(_person(), override=True)

    assert plain is not None and not plain.overridden
    assert narrowed is not None and narrowed.overridden


def test_organisations_print_members_and_applicants_and_prospects_only_when_asked() -> None:
    assert visible_organisation(_organisation(status="member")) is not None
    assert visible_organisation(_organisation(status="applicant")) is not None
    assert visible_organisation(_organisation(status="prospect")) is None
    assert visible_organisation(_organisation(status="former")) is None
    assert visible_organisation(_organisation(status="prospect"), include_prospects=True)
    assert visible_organisation(_organisation(status="former"), include_prospects=True)


def test_an_organisation_at_risk_or_not_listed_prints_only_with_the_override() -> None:
    assert visible_organisation(_organisation(at_risk=True)) is None
    assert visible_organisation(_organisation(listed=False)) is None
    shown = visible_organisation(_organisation(at_risk=True, consent="website"), override=True)
    assert shown is not None and shown.overridden and shown.address


def test_an_organisation_prints_only_the_contact_fields_it_consented_to() -> None:
    shown = visible_organisation(_organisation(consent="website"))

    assert shown is not None
    assert shown.website == "https://red.example.org"
    assert (shown.address, shown.emails, shown.phones) == ("", (), ())


def test_a_person_is_named_beside_a_printed_organisation_only_with_consent() -> None:
    organisation = _organisation()
    held = Affiliation.build("a1", {"person_id": "p1", "organisation_id": "o1",
                                    "role": "Tesorera", "start": "2020-01-01"})
    ended = Affiliation.build("a2", {"person_id": "p1", "organisation_id": "o1",
                                     "role": "Vocera", "start": "2010-01-01",
                                     "end": "2015-01-01"})
    printed = _printable(organisation)
    everyone = visible_person(_person())
    no_role = visible_person(_person(consent="organisation"))
    private = visible_person(_person(consent="role, work_email"))
    assert everyone and no_role and private

    places = printable_affiliations(everyone, [held, ended], printed, on=TODAY)
    assert [(p.organisation.id, p.role) for p in places] == [("o1", "Tesorera")]
    assert [p.role for p in printable_affiliations(no_role, [held], printed, on=TODAY)] == [""]
    assert printable_affiliations(private, [held], printed, on=TODAY) == []
    assert printable_affiliations(everyone, [held], {}, on=TODAY) == []


def test_a_person_is_named_in_a_role_only_with_consent_to_their_role() -> None:
    assert name_in_role(visible_person(_person(consent="role"))) == "Rosa Mamani"
    assert name_in_role(visible_person(_person(consent="organisation, work_email"))) == ""
    assert name_in_role(visible_person(_person(consent="role", at_risk=True))) == ""
    assert name_in_role(visible_person(_person(consent="role", listed=False))) == ""
    assert name_in_role(None) == ""
    assert may_be_named_in_role(visible_person(_person(consent="role"))) is True
    assert may_be_named_in_role(visible_person(_person(consent="organisation"))) is False
    assert may_be_named_in_role(None) is False
    # A closed meeting names everyone, in every role.
    withheld = _person(consent="organisation", at_risk=True)
    assert name_in_role(visible_person(withheld, override=True)) == "Rosa Mamani"


def test_a_seat_prints_only_for_a_person_who_consented_to_their_role() -> None:
    organisation = _organisation()
    seat = Seat.build("s1", {"person_id": "p1", "body_id": "b1", "role": "co_chair",
                             "organisation_id": "o1"})
    independent = Seat.build("s2", {"person_id": "p1", "body_id": "b1"})
    printed = _printable(organisation)

    assert printable_seat(seat, visible_person(_person()), printed)
    assert not printable_seat(seat, visible_person(_person(consent="organisation")), printed)
    assert not printable_seat(seat, visible_person(_person(consent="role")), printed)
    assert not printable_seat(seat, visible_person(_person()), {})
    assert printable_seat(independent, visible_person(_person(consent="role")), {})
    assert not printable_seat(seat, None, printed)
