"""Validation at the core boundary: each refusal names the field and the reason."""

from __future__ import annotations

from datetime import date, datetime

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smwg_desktop.core.errors import ValidationError
from smwg_desktop.core.fields import Contact, Text
from smwg_desktop.core.geo import Region, normalise_country, region_of
from smwg_desktop.core.model import Activity, AgendaItem, Organisation, Person, Seat


def test_every_iso_country_has_a_region() -> None:
    for country in pycountry.countries:
        assert region_of(country.alpha_2) in set(Region), country.alpha_2


def test_the_region_table_lists_only_iso_codes_each_once() -> None:
    """Asia and the Pacific is listed too, so that reading a record needs no pycountry."""
    from smwg_desktop.core.geo import _REGION_MEMBERS

    listed = [code for codes in _REGION_MEMBERS.values() for code in codes.split()]
    assert len(listed) == len(set(listed))
    assert {c for c in listed if pycountry.countries.get(alpha_2=c) is None} == set()


def test_a_code_missing_from_the_table_is_asia_pacific_if_iso_knows_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from smwg_desktop.core import geo

    monkeypatch.setattr(geo, "_REGION_OF", {k: v for k, v in geo._REGION_OF.items() if k != "FJ"})
    geo.region_of.cache_clear()
    try:
        assert region_of("FJ") is Region.ASIA_PACIFIC
        assert region_of("XX") is None
        assert region_of("") is None
    finally:
        geo.region_of.cache_clear()


@pytest.mark.parametrize(
    ("country", "region"),
    [
        ("PE", Region.LATIN_AMERICA_CARIBBEAN),
        ("HT", Region.LATIN_AMERICA_CARIBBEAN),
        ("ZA", Region.AFRICA),
        ("SN", Region.AFRICA),
        ("EG", Region.MENA),
        ("PS", Region.MENA),
        ("IN", Region.ASIA_PACIFIC),
        ("FJ", Region.ASIA_PACIFIC),
        ("UA", Region.EUROPE),
        ("US", Region.NORTH_AMERICA),
        ("CA", Region.NORTH_AMERICA),
    ],
)
def test_region_follows_from_country(country: str, region: Region) -> None:
    assert Organisation.build("o", {"name": "X", "country": country}).region is region


def test_country_accepts_code_three_letters_or_english_name() -> None:
    assert normalise_country("pe") == "PE"
    assert normalise_country("PER") == "PE"
    assert normalise_country("Peru") == "PE"
    assert normalise_country("Atlantis") is None


def test_phone_is_stored_in_e164_with_the_country_as_default_region() -> None:
    person = Person.build("p", {"name": "Rosa", "country": "BO", "phones": "7 654 3210"})
    assert person.phones == (Contact("+59176543210", "work"),)


def test_phone_kind_prefix_and_international_form() -> None:
    person = Person.build("p", {"name": "Thabo", "phones": ["mobile:+27 82 555 0199"]})
    assert person.phones == (Contact("+27825550199", "mobile"),)


def test_email_domain_is_lowercased_and_duplicates_dropped() -> None:
    person = Person.build("p", {"name": "A", "emails": "a@Example.ORG, a@example.org"})
    assert person.emails == (Contact("a@example.org", "work"),)


def test_names_are_stored_in_nfc() -> None:
    decomposed = "Jose\u0301"
    assert Person.build("p", {"name": decomposed}).name == "Jos\u00e9"


@pytest.mark.parametrize(
    ("cls", "values", "field"),
    [
        (Organisation, {"name": "X", "country": "ZZ"}, "country"),
        (Organisation, {"country": "PE"}, "name"),
        (Organisation, {"name": "X"}, "country"),
        (Organisation, {"name": "X", "country": "PE", "status": "friend"}, "status"),
        (Organisation, {"name": "X", "country": "PE", "member_since": "2016-13-01"}, "member_since"),
        (Organisation, {"name": "X", "country": "PE", "women_led": "maybe"}, "women_led"),
        (Organisation, {"name": "X", "country": "PE", "website": "not a url"}, "website"),
        (Person, {"name": "A", "emails": "not-an-email"}, "emails"),
        (Person, {"name": "A", "phones": "12"}, "phones"),
        (Person, {"name": "A", "phones": "fax:+51 1 555 1234"}, "phones"),
        (Person, {"name": "A", "languages": "klingonese"}, "languages"),
        (Person, {"name": "A", "consent": "home_address"}, "consent"),
        (Person, {"name": "A", "shoe_size": "42"}, "shoe_size"),
        (Activity, {"title": "T", "start": "2026-01-01T09:00", "end": "2026-01-01T10:00", "tz": "Mars/Olympus"}, "tz"),
        (Activity, {"title": "T", "start": "tomorrow", "end": "2026-01-01T10:00", "tz": "UTC"}, "start"),
        (Activity, {"title": "T", "start": "2026-01-02T09:00", "end": "2026-01-01T10:00", "tz": "UTC"}, "end"),
        (Activity, {"title": "T", "start": "2026-01-01T09:00+02:00", "end": "2026-01-01T10:00", "tz": "UTC"}, "start"),
        (AgendaItem, {"activity_id": "a", "title": "T", "minutes": "-5"}, "minutes"),
        (AgendaItem, {"activity_id": "a", "title": "T", "minutes": "ninety"}, "minutes"),
        (Seat, {"person_id": "p", "body_id": "b", "start": "2020-01-01", "end": "2019-01-01"}, "end"),
    ],
)
def test_bad_input_is_refused_naming_the_field(cls: type, values: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        cls.build("id", values)
    assert refused.value.field == field
    assert str(refused.value).startswith(f"{field}: ")
    assert "\n" not in str(refused.value)


def test_text_values_become_typed_values() -> None:
    activity = Activity.build(
        "a",
        {"title": "GSM", "start": "2026-12-01T09:00", "end": "2026-12-03T17:30", "tz": "America/Lima",
         "languages": "es, English, fr", "day_start": "08:30"},
    )
    assert activity.start == datetime(2026, 12, 1, 9, 0)
    assert activity.languages == ("es", "en", "fr")
    assert activity.days == 3
    org = Organisation.build(
        "o", {"name": "X", "country": "PE", "member_since": "2016-03-01", "women_led": "sí"}
    )
    assert org.member_since == date(2016, 3, 1)
    assert org.women_led is True


def test_json_round_trip_gives_the_same_record() -> None:
    person = Person.build(
        "p",
        {"name": "Олена Петренко", "country": "UA", "phones": "mobile:+380 67 555 0123",
         "emails": "olena@example.org", "handles": "signal:@olena", "languages": "uk, ru"},
    )
    assert Person.from_json("p", person.to_json()) == person



def test_a_text_whose_line_ends_are_only_at_its_ends_is_cleaned_as_one_line() -> None:
    """Its spaces (a no-break space too) are made plain, so that a name read back from
    a CSV file is the name stored; a text of several lines keeps its spaces."""
    assert Text().clean_value("0\xa00\n", {}) == "0 0"
    assert Text().clean_value(" Calle 1\nPiso  2\n", {}) == "Calle 1\nPiso  2"


@given(st.text(st.sampled_from("a\xa0 \t\n\r\u2028é\u0301")))
def test_cleaning_a_clean_text_changes_nothing(raw: str) -> None:
    once = Text().clean_value(raw, {})
    assert Text().clean_value(once, {}) == once
