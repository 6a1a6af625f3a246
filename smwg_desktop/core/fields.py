"""Field types: how a value is cleaned, stored as JSON and kept in a table column.

Every record field declares one of these in its dataclass metadata (see ``model``).
``clean`` accepts either the typed value or the text a person typed (command line,
form, spreadsheet cell) and returns the canonical typed value, or raises
``ValueError`` with a reason fit to show; the record layer adds the field name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, ClassVar

from smwg_desktop.core.frozen import Frozen, frozen
from smwg_desktop.core.geo import normalise_country
from smwg_desktop.core.text import nfc
from smwg_desktop.i18n import _

Json = Any
Context = Mapping[str, Any]

_TRUE = {"1", "true", "yes", "y", "on", "sí", "si", "s", "oui", "o", "x"}
_FALSE = {"0", "false", "no", "n", "off", "non", ""}
_COLUMN_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
"""How a list field is kept in its table column (``json.dumps`` without its per-call set-up)."""
_JSON_ESCAPED = re.compile(r'[\x00-\x1f"\\]')
"""The characters ``json.dumps(..., ensure_ascii=False)`` escapes in a string."""
_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]{2,}$")


@frozen
class FieldType(Frozen):
    """Base type: free text. Subclasses override what differs."""

    required: bool = False
    sql_type: ClassVar[str] = "TEXT"

    def empty(self) -> Any:
        return ""

    def clean(self, raw: Any, ctx: Context) -> Any:
        value = self.clean_value(raw, ctx)
        if self.required and self.is_empty(value):
            raise ValueError(_("is required"))
        return value

    def is_empty(self, value: Any) -> bool:
        return value in ("", None, ())

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        if raw is None:
            return ""
        if not isinstance(raw, str):
            raise ValueError(_("expected text, got {raw!r}").format(raw=raw))
        # Decided on the stripped text, so that cleaning a clean value changes nothing:
        # "a\xa0b\n" is one line, its spaces made plain as any one line's are.
        raw = nfc(raw).strip()
        return " ".join(raw.split()) if "\n" not in raw else raw

    def to_json(self, value: Any) -> Json:
        return value

    def from_json(self, data: Json) -> Any:
        return data

    def to_column(self, value: Any) -> Any:
        return value

    def from_column(self, data: Any) -> Any:
        return self.empty() if data is None else data


@frozen
class Text(FieldType):
    """Free text up to ``max_length`` characters; one line unless typed over several."""

    max_length: int = 10_000

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        value = super().clean_value(raw, ctx)
        if len(value) > self.max_length:
            raise ValueError(
                _("is longer than {max_length} characters").format(max_length=self.max_length)
            )
        return value


@frozen
class Url(FieldType):
    """A web address; ``example.org/page`` is taken as ``https://example.org/page``."""

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        value = str(super().clean_value(raw, ctx))
        if value and not re.match(r"^[a-z][a-z0-9+.-]*://\S+$", value, re.I):
            if re.match(r"^[\w-]+(\.[\w-]+)+(/\S*)?$", value):
                return "https://" + value
            raise ValueError(_("'{value}' is not a web address").format(value=value))
        return value


@frozen
class Choice(FieldType):
    """One of the keys in ``choices`` ("In review" is read as ``in_review``); empty is ``default``."""

    choices: tuple[str, ...] = ()
    default: str = ""

    def empty(self) -> Any:
        return self.default

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        value = str(super().clean_value(raw, ctx)).lower().replace(" ", "_").replace("-", "_")
        if not value:
            return self.default
        if value not in self.choices:
            raise ValueError(
                _("'{raw}' is not one of: {choices}").format(
                    raw=raw, choices=", ".join(self.choices)
                )
            )
        return value


@frozen
class Bool(FieldType):
    """Yes or no; typed in English, Spanish or French ("sí", "oui", "x" ...)."""

    sql_type: ClassVar[str] = "INTEGER"

    def empty(self) -> Any:
        return False

    def is_empty(self, value: Any) -> bool:
        return False

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        if isinstance(raw, bool):
            return raw
        if raw is None:
            return False
        text = str(raw).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(_("'{raw}' is not yes or no").format(raw=raw))

    def to_column(self, value: Any) -> Any:
        return int(value)

    def from_column(self, data: Any) -> Any:
        return bool(data)


@frozen
class Integer(FieldType):
    """A whole number from ``minimum`` to ``maximum``."""

    minimum: int = 0
    maximum: int = 1_000_000
    default: int = 0
    sql_type: ClassVar[str] = "INTEGER"

    def empty(self) -> Any:
        return self.default

    def is_empty(self, value: Any) -> bool:
        return False

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        if isinstance(raw, bool):
            raise ValueError(_("expected a whole number, got {raw!r}").format(raw=raw))
        if isinstance(raw, int):
            value = raw
        else:
            text = str(raw or "").strip()
            if not text:
                return self.default
            try:
                value = int(text)
            except ValueError:
                raise ValueError(_("'{raw}' is not a whole number").format(raw=raw)) from None
        if not self.minimum <= value <= self.maximum:
            raise ValueError(
                _("must be between {minimum} and {maximum}").format(
                    minimum=self.minimum, maximum=self.maximum
                )
            )
        return value


@frozen
class Date(FieldType):
    """A calendar date, or None. Text must be ISO 8601 (YYYY-MM-DD)."""

    def empty(self) -> Any:
        return None

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        if raw is None or raw == "":
            return None
        if isinstance(raw, datetime):
            raise ValueError(_("expected a date without a time"))
        if isinstance(raw, date):
            return raw
        try:
            return date.fromisoformat(str(raw).strip())
        except ValueError:
            raise ValueError(
                _("'{raw}' is not a date in the form YYYY-MM-DD").format(raw=raw)
            ) from None

    def to_json(self, value: Any) -> Json:
        return value.isoformat() if value else None

    def from_json(self, data: Json) -> Any:
        return date.fromisoformat(data) if data else None

    to_column = to_json
    from_column = from_json


@frozen
class LocalDateTime(FieldType):
    """A wall-clock date and time; the record's ``tz`` field says where."""

    def empty(self) -> Any:
        return None

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        if raw is None or raw == "":
            return None
        if isinstance(raw, datetime):
            value = raw
        else:
            try:
                value = datetime.fromisoformat(str(raw).strip())
            except ValueError:
                raise ValueError(
                    _("'{raw}' is not a date and time in the form YYYY-MM-DDTHH:MM").format(raw=raw)
                ) from None
        if value.tzinfo is not None:
            raise ValueError(_("give the local time without an offset; the time zone goes in tz"))
        return value.replace(second=0, microsecond=0)

    def to_json(self, value: Any) -> Json:
        return value.isoformat(timespec="minutes") if value else None

    def from_json(self, data: Json) -> Any:
        return datetime.fromisoformat(data) if data else None

    to_column = to_json
    from_column = from_json


@frozen
class ClockTime(FieldType):
    """A time of day (HH:MM), used for when a meeting day starts."""

    default: str = "09:00"

    def empty(self) -> Any:
        return time.fromisoformat(self.default)

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        if isinstance(raw, time):
            return raw.replace(second=0, microsecond=0)
        text = str(raw or "").strip()
        if not text:
            return self.empty()
        try:
            return time.fromisoformat(text).replace(second=0, microsecond=0)
        except ValueError:
            raise ValueError(_("'{raw}' is not a time in the form HH:MM").format(raw=raw)) from None

    def to_json(self, value: Any) -> Json:
        return value.isoformat(timespec="minutes")

    def from_json(self, data: Json) -> Any:
        return time.fromisoformat(data) if data else self.empty()

    to_column = to_json
    from_column = from_json


_ZONES: set[str] = set()


@frozen
class TimeZoneName(FieldType):
    """An IANA time zone name, such as America/Lima or UTC."""

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        text = str(super().clean_value(raw, ctx))
        if not text:
            return ""
        # Here: reading records needs no time zone database.
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

        if not _ZONES:
            _ZONES.update(available_timezones())
        if text not in _ZONES:
            raise ValueError(
                _("'{text}' is not a time zone name such as America/Lima or UTC").format(text=text)
            )
        try:
            ZoneInfo(text)
        except ZoneInfoNotFoundError:
            raise ValueError(_("'{text}' is not a known time zone").format(text=text)) from None
        return text


@frozen
class Country(FieldType):
    """An ISO 3166-1 alpha-2 code; a three-letter code or a name (en, es, fr, pt) is accepted."""

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        text = str(super().clean_value(raw, ctx))
        if not text:
            return ""
        code = normalise_country(text)
        if code is None:
            raise ValueError(_("'{text}' is not an ISO 3166 country code").format(text=text))
        return code


@frozen
class Reference(FieldType):
    """The id of another record; the record layer checks that it exists."""

    target: str = ""

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        return str(super().clean_value(raw, ctx)).lower()


def _split_list(raw: Any) -> list[Any]:
    if raw is None or raw == "":
        return []
    if isinstance(raw, str):
        return [part for part in (p.strip() for p in re.split(r"[,;\n]", raw)) if part]
    if isinstance(raw, Sequence):
        return list(raw)
    raise ValueError(_("expected a list, got {raw!r}").format(raw=raw))


@frozen
class ListOf(FieldType):
    """An ordered list without duplicates, stored as a JSON array."""

    item: FieldType = field(default_factory=Text)

    def empty(self) -> Any:
        return ()

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        seen: list[Any] = []
        for part in _split_list(raw):
            value = self.item.clean_value(part, ctx)
            if not self.item.is_empty(value) and value not in seen:
                seen.append(value)
        return tuple(seen)

    def to_json(self, value: Any) -> Json:
        return [self.item.to_json(v) for v in value]

    def from_json(self, data: Json) -> Any:
        return tuple(self.item.from_json(v) for v in data or ())

    def to_column(self, value: Any) -> Any:
        if not value:
            return "[]"
        data = self.to_json(value)
        # Most lists are of words (languages, constituencies, consent): written as
        # json.dumps writes them, without its machinery, when no character needs escaping.
        if all(type(item) is str for item in data):
            joined = '", "'.join(data)
            if not _JSON_ESCAPED.search(joined):
                return f'["{joined}"]'
        return _COLUMN_JSON.encode(data)

    def from_column(self, data: Any) -> Any:
        return self.from_json(json.loads(data)) if data else ()


@frozen
class Language(FieldType):
    """An ISO 639 code (two letters where one exists); a name is accepted."""

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        text = str(super().clean_value(raw, ctx))
        if not text:
            return ""
        import pycountry  # here: reading records needs none of its data

        # Codes first: lookup alone matches names too, and reads "en" as the En language.
        code = text.lower()
        found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
        if found is None and len(code) == 3:
            found = pycountry.languages.get(alpha_3=code)
        if found is None:
            try:
                found = pycountry.languages.lookup(text)
            except LookupError:
                found = None
        if found is None:
            raise ValueError(
                _("'{text}' is not a language code such as es, fr or qu").format(text=text)
            )
        return str(getattr(found, "alpha_2", None) or found.alpha_3)


@frozen
class Keyword(FieldType):
    """A lower-case word from an open vocabulary (constituencies, consent fields)."""

    allowed: tuple[str, ...] = ()

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        text = str(super().clean_value(raw, ctx)).lower().replace("-", "_")
        text = "_".join(text.split())
        if text and self.allowed and text not in self.allowed:
            raise ValueError(
                _("'{raw}' is not one of: {allowed}").format(
                    raw=raw, allowed=", ".join(self.allowed)
                )
            )
        return text


@dataclass(frozen=True)
class Contact:
    """One e-mail address, phone number or messaging handle, with its kind."""

    value: str
    kind: str


@frozen
class ContactList(ListOf):
    """Contacts written as ``kind:value`` or a bare value of the default kind."""

    kinds: tuple[str, ...] = ()
    default_kind: str = ""
    strict_kinds: bool = True
    """Refuse an unknown ``word:`` prefix (fax:...) instead of keeping it in the value."""

    def clean_value(self, raw: Any, ctx: Context) -> Any:
        contacts: list[Contact] = []
        for part in _split_list(raw):
            if isinstance(part, Contact):
                kind, text = part.kind, part.value
            elif isinstance(part, Mapping):
                kind, text = str(part.get("kind") or self.default_kind), str(part.get("value", ""))
            else:
                kind, text = self.split_kind(str(part))
            if kind not in self.kinds:
                raise ValueError(
                    _("'{kind}' is not one of: {kinds}").format(
                        kind=kind, kinds=", ".join(self.kinds)
                    )
                )
            contact = Contact(self.clean_contact(text.strip(), ctx), kind)
            if contact.value and all(c.value != contact.value for c in contacts):
                contacts.append(contact)
        return tuple(contacts)

    def split_kind(self, text: str) -> tuple[str, str]:
        head, sep, rest = text.partition(":")
        word = head.strip().lower()
        if sep and word in self.kinds:
            return word, rest
        if self.strict_kinds and sep and word.isalpha() and word not in ("tel", "mailto"):
            return word, rest
        return self.default_kind, text

    def clean_contact(self, text: str, ctx: Context) -> str:
        return text

    def to_json(self, value: Any) -> Json:
        return [{"kind": c.kind, "value": c.value} for c in value]

    def from_json(self, data: Json) -> Any:
        return tuple([Contact(d["value"], d["kind"]) for d in data or ()])

    def to_column(self, value: Any) -> Any:
        if not value:
            return "[]"
        # As json.dumps writes them (keys in order), without its machinery, when
        # every part is text with no character that needs escaping.
        parts = []
        for contact in value:
            kind, text = contact.kind, contact.value
            if type(kind) is not str or type(text) is not str or _JSON_ESCAPED.search(kind + text):
                return _COLUMN_JSON.encode(self.to_json(value))
            parts.append(f'{{"kind": "{kind}", "value": "{text}"}}')
        return "[" + ", ".join(parts) + "]"


@frozen
class Emails(ContactList):
    """E-mail addresses, each with its kind (work, home, other)."""

    kinds: tuple[str, ...] = ("work", "home", "other")
    default_kind: str = "work"

    def clean_contact(self, text: str, ctx: Context) -> str:
        text = text.removeprefix("mailto:")
        if not _EMAIL.match(text):
            raise ValueError(_("'{text}' is not an e-mail address").format(text=text))
        local, _at, domain = text.rpartition("@")
        return f"{local}@{domain.lower()}"


@frozen
class Phones(ContactList):
    """Numbers stored in E.164; the record's country is the default region."""

    kinds: tuple[str, ...] = ("work", "mobile", "home", "other")
    default_kind: str = "work"

    def clean_contact(self, text: str, ctx: Context) -> str:
        return normalise_phone(text, str(ctx.get("country") or ""))


def normalise_phone(text: str, country: str) -> str:
    """A phone number in E.164, read with ``country`` as the default region."""
    # Loaded on the first number, not with the data model: it takes a twentieth
    # of a second that opening the app and every command would otherwise spend.
    import phonenumbers

    text = text.strip().removeprefix("tel:")
    region = country.upper() or None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        hint = "" if region else _(" (give it in international form, +CC...)")
        raise ValueError(
            _("'{text}' is not a phone number{hint}").format(text=text, hint=hint)
        ) from None
    if not phonenumbers.is_possible_number(number):
        number = _without_legacy_prefix(number)
    if not phonenumbers.is_possible_number(number):
        raise ValueError(_("'{text}' is not a possible phone number").format(text=text))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _without_legacy_prefix(number: Any) -> Any:
    """Mexican mobiles written with the "1" dropped in 2019 (+52 1 55 ...), still common in
    address books, as the number they now are; any other number unchanged."""
    import phonenumbers

    national = str(number.national_number)
    if number.country_code == 52 and len(national) == 11 and national.startswith("1"):
        return phonenumbers.PhoneNumber(country_code=52, national_number=int(national[1:]))
    return number


@frozen
class Handles(ContactList):
    """Messaging handles written as ``service:handle`` (signal:@ana, whatsapp:+51...)."""

    kinds: tuple[str, ...] = (
        "signal", "whatsapp", "telegram", "matrix", "skype", "wire", "element", "other",
    )
    default_kind: str = "other"
    strict_kinds: bool = False


def field_meta(kind: FieldType, *, default: Any = None) -> Any:
    """A dataclass field carrying its type; the default follows the type's empty value."""
    value = kind.empty() if default is None else default
    return field(default=value, metadata={"type": kind})
