"""Property tests: whatever a name holds, CSV and vCard give back exactly what was written."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from smwg_desktop.core.consent import PrintableAffiliation, PrintableOrganisation, PrintablePerson
from smwg_desktop.core.fields import Contact, Text
from smwg_desktop.core.model import Person
from smwg_desktop.interop.columns import EXPORT_HEADER, export_table, guess_mapping, rows_from_table
from smwg_desktop.interop.csvfile import csv_text, parse_table
from smwg_desktop.interop.rows import IncomingRow, OutgoingEntry
from smwg_desktop.interop.vcard import card_rows, split_cards, vcard_text

SCRIPTS = "ÁéíñüçÑØßĳœ" + "محمدعلي" + "देवनागरी" + "ỄƯờ" + "中文" + "«»“”‘’"
TRICKY = ",;\"'\\:=+-@ \t\n"
characters = st.one_of(
    st.characters(
        codec="utf-8",
        categories=("L", "M", "N", "P", "S", "Zs"),
    ),
    st.sampled_from(SCRIPTS + TRICKY),
)


def clean(text: str) -> str:
    """The text as the directory would store it (nothing, if it stores nothing)."""
    return str(Text(max_length=300).clean_value(text, {}))


names = st.text(characters, min_size=1, max_size=40).map(clean).filter(bool)
emails = st.from_regex(r"[a-z0-9._-]{1,10}@[a-z0-9-]{1,10}\.[a-z]{2,6}", fullmatch=True)
phones = st.sampled_from(["+51984555123", "+221771234567", "+6799555012", "+525555550102"])


def organisation(name: str) -> PrintableOrganisation:
    return PrintableOrganisation(
        id="00000000-0000-4000-8000-000000000001", name=name, acronym="", country="PE",
        constituencies=(), women_led=False, women_section=False, status="member",
        member_since=None, status_since=None, website="", address="", emails=(), phones=(),
        overridden=False,
    )


def entry(name: str, org: str, role: str, mail: list[str], tel: list[str]) -> OutgoingEntry:
    person = PrintablePerson(
        id="00000000-0000-4000-8000-000000000002", name=name, organisation=True, role=True,
        country="", languages=(), emails=tuple(Contact(m, "work") for m in mail),
        phones=tuple(Contact(t, "mobile") for t in tel), handles=(), overridden=False,
    )
    return OutgoingEntry(person=person, places=(PrintableAffiliation(organisation(org), role),))


def read_back(row: IncomingRow) -> tuple[str, str, str, tuple[Contact, ...], tuple[Contact, ...]]:
    person = Person.build("x", row.person)
    return person.name, row.organisation.get("name", ""), row.role, person.emails, person.phones


@settings(max_examples=150, deadline=None)
@given(names, names, names, st.lists(emails, max_size=3, unique=True),
       st.lists(phones, max_size=2, unique=True), st.sampled_from([",", ";", "\t"]))
def test_csv_round_trip(name: str, org: str, role: str, mail: list[str], tel: list[str],
                        delimiter: str) -> None:
    written = entry(name, org, role, mail, tel)
    text = csv_text(EXPORT_HEADER, export_table([written]), delimiter)

    table = parse_table(text)
    [row] = rows_from_table(guess_mapping(table.header), table.rows)

    assert read_back(row) == (name, org, role, written.person.emails, written.person.phones)  # type: ignore[union-attr]


@settings(max_examples=150, deadline=None)
@given(names, names, names, st.lists(emails, max_size=3, unique=True),
       st.lists(phones, max_size=2, unique=True))
def test_vcard_round_trip(name: str, org: str, role: str, mail: list[str], tel: list[str]) -> None:
    written = entry(name, org, role, mail, tel)
    text, count = vcard_text([written])

    [(line, card)] = list(split_cards(text))
    [row] = card_rows(line, card)

    assert count == 1 and not row.problem, row.problem
    assert all(len(physical.encode("utf-8")) <= 75 for physical in text.split("\r\n"))
    assert read_back(row) == (name, org, role, written.person.emails, written.person.phones)  # type: ignore[union-attr]
