"""vCard 3.0 and 4.0: what phones, Google, Outlook, Apple and Thunderbird write.

Cards are read with vobject, one at a time, so that a card that does not parse is
refused on its own (with the line it starts on) and the others still read.
Grouped properties (``item1.TEL`` with ``item1.X-ABLabel``) take their label from
the group; ``TEL;VALUE=uri:tel:+...`` is read as the number. A card of
``KIND:org`` is an organisation on its own. Exports are vCard 4.0.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import vobject

from smwg_desktop.core.errors import UserError
from smwg_desktop.core.geo import country_name
from smwg_desktop.i18n import _
from smwg_desktop.interop.columns import (
    EMAIL_KINDS,
    HANDLE_KINDS,
    PHONE_KINDS,
    contact_lines,
    label_kind,
)
from smwg_desktop.interop.files import decode, read_bytes, write_atomically
from smwg_desktop.interop.rows import Incoming, IncomingRow, OutgoingEntry

_BEGIN = re.compile(r"^begin:vcard\s*$", re.I)
_END = re.compile(r"^end:vcard\s*$", re.I)
_IGNORED_TYPES = {"internet", "pref", "voice", "x400", "text", "msg"}
_UNUSABLE_TYPES = {"fax", "pager"}
_UUID_URN = re.compile(r"^urn:uuid:([0-9a-f-]{36})$", re.I)


def split_cards(text: str) -> Iterator[tuple[int, str]]:
    """Each ``BEGIN:VCARD`` ... ``END:VCARD`` block with the line it starts on."""
    start = 0
    lines: list[str] = []
    # Only CR LF (or LF) ends a line: a name may hold U+2028 and other separators.
    for number, line in enumerate(text.split("\n"), start=1):
        if _BEGIN.match(line.strip()):
            if lines:
                yield start, "\r\n".join(lines)
            start, lines = number, [line.strip()]
        elif lines:
            lines.append(line.rstrip("\r"))
            if _END.match(line.strip()):
                yield start, "\r\n".join(lines) + "\r\n"
                lines = []
    if lines:
        yield start, "\r\n".join(lines)


def read_vcard(path: str | os.PathLike[str]) -> Incoming:
    """A .vcf file (one or many cards) as incoming rows: one per organisation named
    on a card (a card naming none, or an organisation's own card, is one row)."""
    source = Path(path).name
    text, encoding = decode(read_bytes(path), source)
    rows: list[IncomingRow] = []
    for line, chunk in split_cards(text):
        rows.extend(card_rows(line, chunk))
    if not rows:
        raise UserError(_("{source} holds no vCard (no BEGIN:VCARD line)").format(source=source))
    return Incoming(source=source, format="vcard", rows=tuple(rows), encoding=encoding)


def card_rows(line: int, chunk: str) -> list[IncomingRow]:
    """The rows of one card's text; a card that cannot be read is one refused row."""
    if not _END.match(chunk.rstrip().rsplit("\n", 1)[-1].strip()):
        return [IncomingRow(line, problem=_("the card has no END:VCARD line; the file may be cut short"))]
    try:
        card = vobject.readOne(chunk)
        return _rows(line, card)
    except Exception as exc:  # vobject raises many kinds on malformed input
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return [IncomingRow(line, problem=_("the card cannot be read: {why}").format(why=reason))]


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value if str(v).strip())
    return str(value or "").strip()


def _types(prop: Any) -> list[str]:
    found: list[str] = []
    for value in prop.params.get("TYPE", []):
        found.extend(t.strip().lower() for t in str(value).split(",") if t.strip())
    return found


def _label(prop: Any, labels: dict[str, str], kinds: Sequence[str]) -> str:
    if prop.group and prop.group.lower() in labels:
        return label_kind(labels[prop.group.lower()], kinds)
    types = [t for t in _types(prop) if t not in _IGNORED_TYPES]
    if not types:
        return kinds[0]
    return label_kind(" ".join("mobile" if t == "cell" else t for t in types), kinds)


def _rows(line: int, card: Any) -> list[IncomingRow]:
    props = list(card.getChildren())
    labels = {
        p.group.lower(): _text(p.value) for p in props if p.group and p.name == "X-ABLABEL"
    }
    values: dict[str, list[str]] = {}
    languages: list[tuple[int, str]] = []
    orgs: list[tuple[str, str]] = []
    titles: dict[str, str] = {}
    is_org = False
    ref = ""
    name = ""
    family = ""
    address = ""
    for prop in props:
        what = prop.name
        if what == "FN":
            name = name or _text(prop.value)
        elif what == "N":
            parts = [prop.value.prefix, prop.value.given, prop.value.additional,
                     prop.value.family, prop.value.suffix]
            family = family or " ".join(_text(p) for p in parts if _text(p))
        elif what == "KIND":
            is_org = _text(prop.value).lower() in ("org", "organization")
        elif what == "ORG":
            parts = prop.value if isinstance(prop.value, list) else [prop.value]
            org = str(parts[0]).strip() if parts else ""
            if org:
                orgs.append((prop.group or "", org))
        elif what in ("TITLE", "ROLE"):
            titles.setdefault(prop.group or "", _text(prop.value))
        elif what == "EMAIL":
            kind = _label(prop, labels, EMAIL_KINDS)
            values.setdefault("emails", []).extend(contact_lines(kind, EMAIL_KINDS, _text(prop.value)))
        elif what == "TEL":
            if set(_types(prop)) & _UNUSABLE_TYPES:
                continue
            kind = _label(prop, labels, PHONE_KINDS)
            number = _text(prop.value)
            if number.lower().startswith("tel:"):
                # A tel: URI's parameters (;ext=2) are not part of an E.164 number.
                number = number.split(";", 1)[0]
            values.setdefault("phones", []).append(f"{kind}:{number}")
        elif what == "IMPP":
            values.setdefault("handles", []).extend(
                contact_lines("other", HANDLE_KINDS, _text(prop.value))
            )
        elif what == "ADR":
            country = _text(prop.value.country)
            if country:
                values.setdefault("country", [country])
            street = _text(prop.value.street)
            address = address or street
        elif what == "LANG":
            pref = str(prop.params.get("PREF", ["100"])[0])
            languages.append((int(pref) if pref.isdigit() else 100, _text(prop.value)))
        elif what == "NOTE":
            values.setdefault("notes", []).append(_text(prop.value))
        elif what == "URL":
            values.setdefault("website", [_text(prop.value)])
        elif what == "NICKNAME" and is_org:
            values.setdefault("acronym", [_text(prop.value)])
        elif what == "UID":
            found = _UUID_URN.match(_text(prop.value))
            ref = found.group(1).lower() if found else ""
    if languages:
        # Most preferred first; sorted() keeps the card's order among equals.
        values["languages"] = [code for _, code in sorted(languages, key=lambda p: p[0])]
    if is_org:
        organisation = {k: "\n".join(v) for k, v in values.items() if k != "handles"}
        organisation["name"] = orgs[0][1] if orgs else name
        if address:
            organisation["address"] = address
        return [IncomingRow(line, organisation=organisation, organisation_ref=ref)]
    values.pop("website", None)
    person = {k: "\n".join(v) for k, v in values.items()}
    if name or family:
        person["name"] = name or family
    if not orgs:
        return [IncomingRow(line, person=person, person_ref=ref)]
    return [
        IncomingRow(line, person=person, organisation={"name": org},
                    role=titles.get(group, titles.get("", "") if len(orgs) == 1 else ""),
                    person_ref=ref)
        for group, org in orgs
    ]


# Writing vCard 4.0 (RFC 6350) by hand: every byte is ours to check.

_TEL_TYPES = {"work": "work,voice", "mobile": "cell", "home": "home,voice", "other": "voice"}


def escape(text: str) -> str:
    """A text value with backslashes, commas, semicolons and new lines escaped."""
    return (
        text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
        .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    )


def fold_line(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 sequence."""
    pieces: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += width
    pieces.append(current)
    return "\r\n".join(pieces) + "\r\n"


def _card(entry: OutgoingEntry) -> list[str]:
    lines = ["BEGIN:VCARD", "VERSION:4.0"]
    person, organisation = entry.person, entry.organisation
    if person is not None:
        lines += [f"UID:urn:uuid:{person.id}", f"FN:{escape(person.name)}"]
        grouped = len(entry.places) > 1
        for number, place in enumerate(entry.places, start=1):
            group = f"item{number}." if grouped else ""
            lines.append(f"{group}ORG:{escape(place.organisation.name)}")
            if place.role:
                lines.append(f"{group}TITLE:{escape(place.role)}")
        lines += [f"EMAIL;TYPE={c.kind}:{escape(c.value)}" for c in person.emails]
        lines += [f"TEL;VALUE=uri;TYPE=\"{_TEL_TYPES.get(c.kind, 'voice')}\":tel:{c.value}"
                  for c in person.phones]
        lines += [f"IMPP:{c.kind}:{escape(c.value)}" for c in person.handles]
        if person.country:
            lines.append(f"ADR:;;;;;;{escape(country_name(person.country))}")
        lines += [f"LANG;PREF={n}:{code}" for n, code in enumerate(person.languages, start=1)]
    elif organisation is not None:
        lines += [
            "KIND:org",
            f"UID:urn:uuid:{organisation.id}",
            f"FN:{escape(organisation.name)}",
            f"ORG:{escape(organisation.name)}",
        ]
        if organisation.acronym:
            lines.append(f"NICKNAME:{escape(organisation.acronym)}")
        lines += [f"EMAIL;TYPE={c.kind}:{escape(c.value)}" for c in organisation.emails]
        lines += [f"TEL;VALUE=uri;TYPE=\"{_TEL_TYPES.get(c.kind, 'voice')}\":tel:{c.value}"
                  for c in organisation.phones]
        if organisation.website:
            lines.append(f"URL:{escape(organisation.website)}")
        lines.append(
            f"ADR;TYPE=work:;;{escape(organisation.address)};;;;"
            f"{escape(country_name(organisation.country))}"
        )
    lines.append("END:VCARD")
    return lines


def vcard_text(entries: Iterable[OutgoingEntry]) -> tuple[str, int]:
    """The vCard 4.0 text of the entries and how many cards it holds."""
    cards = [_card(entry) for entry in entries]
    return "".join(fold_line(line) for card in cards for line in card), len(cards)


def write_vcard(path: str | os.PathLike[str], entries: Iterable[OutgoingEntry]) -> int:
    """Write the entries (already filtered by consent) as vCard 4.0; returns the cards written."""
    text, count = vcard_text(entries)
    write_atomically(path, text.encode("utf-8"))
    return count
