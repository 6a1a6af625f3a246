"""The records the network keeps, named as the product brief names them.

Each record is a frozen dataclass whose fields carry their ``FieldType`` in the
metadata. Everything generic (cleaning, JSON, table columns, the change log) walks
those fields, so adding a field to a record is one line here and one migration.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields, replace
from datetime import date, datetime, time
from typing import Any, ClassVar, TypeVar

from smwg_desktop.core.errors import ValidationError
from smwg_desktop.core.fields import (
    Bool,
    Choice,
    ClockTime,
    Contact,
    Context,
    Country,
    Date,
    Emails,
    FieldType,
    Handles,
    Integer,
    Json,
    Keyword,
    Language,
    ListOf,
    LocalDateTime,
    Phones,
    Reference,
    Text,
    TimeZoneName,
    Url,
    field_meta,
)
from smwg_desktop.core.frozen import Frozen, frozen
from smwg_desktop.core.geo import Region, country_search_names, region_of
from smwg_desktop.core.text import sort_key
from smwg_desktop.i18n import N_, _

CONSTITUENCIES = (
    "indigenous_peoples",
    "peasants",
    "fisherfolk",
    "urban_poor",
    "landless_farmers",
    "domestic_workers",
    "racial_and_ethnic_minorities",
    "communities_resisting_harmful_development_projects",
)
"""The constituencies the working group names; users may add others."""

MEMBERSHIP_STATUSES = ("member", "applicant", "prospect", "former")
OUTREACH_STAGES = (
    "identified", "contacted", "in_conversation", "applied", "joined", "declined",
)
PERSON_CONSENT_FIELDS = (
    "organisation", "role", "work_email", "other_email", "work_phone", "other_phone",
    "handles", "country", "languages",
)
PERSON_DEFAULT_CONSENT = ("organisation", "role", "work_email", "work_phone")
ORGANISATION_CONSENT_FIELDS = ("address", "website", "emails", "phones")
BODY_KINDS = ("board", "thematic_working_group", "working_group", "other")
SEAT_ROLES = ("member", "co_chair", "chair", "focal_point", "board_member", "observer")
ACTIVITY_KINDS = (
    "strategic_exchange", "virtual_dialogue", "in_person_dialogue", "side_meeting",
    "gsm", "publication", "other",
)
OBJECTIVES = (
    "shared_analysis", "proposals", "mutual_learning", "participation_and_leadership",
)
PARTICIPANT_STATUSES = ("invited", "confirmed", "attended", "declined")
PARTICIPANT_ROLES = ("participant", "speaker", "facilitator", "interpreter")
AGENDA_ITEM_KINDS = ("session", "break")
PROPOSAL_STATUSES = ("draft", "in_review", "submitted", "adopted", "withdrawn")
REVIEW_STATES = ("pending", "commented", "endorsed", "declined")

R = TypeVar("R", bound="Record")


@frozen
class Record(Frozen):
    """Fields every shared record has: a stable UUID and the sample-data mark."""

    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""
    id: str
    sample: bool = field_meta(Bool())

    @classmethod
    def field_types(cls) -> dict[str, FieldType]:
        """The record's editable fields (all but ``id``) and their types (do not mutate)."""
        return _field_types(cls)

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        return {f.name: f.default for f in fields(cls) if "type" in f.metadata}

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.field_types()}

    def context(self) -> Context:
        """What cleaning one field may need to know of the others."""
        return {"country": getattr(self, "country", "")}

    def check(self) -> None:
        """Rules that span fields; raise ``ValidationError`` naming the field."""

    @classmethod
    def build(cls: type[R], id: str, raw: Mapping[str, Any], base: R | None = None) -> R:
        """Clean ``raw`` over ``base`` (or the defaults) and return the checked record.

        Raises ``ValidationError`` for the first field (in declaration order) that
        does not fit, naming the field.
        """
        types = cls.field_types()
        unknown = sorted(set(raw) - set(types))
        if unknown:
            known = ", ".join(n for n in types if n != "sample")
            raise ValidationError(
                unknown[0], _("no such field; fields are: {known}").format(known=known)
            )
        record = base if base is not None else cls(id=id)
        # Cleaning a phone needs the country, so the country is cleaned first.
        order = sorted(raw, key=lambda n: (n != "country", list(types).index(n)))
        cleaned: dict[str, Any] = {}
        for name in order:
            ctx = replace(record, **cleaned).context() if cleaned else record.context()
            try:
                cleaned[name] = types[name].clean(raw[name], ctx)
            except ValueError as exc:
                raise ValidationError(name, str(exc)) from None
        record = replace(record, **cleaned)
        for name, kind in types.items():
            if kind.required and kind.is_empty(getattr(record, name)):
                raise ValidationError(name, _("is required"))
        record.check()
        return record

    def to_json(self) -> dict[str, Json]:
        types = self.field_types()
        return {name: types[name].to_json(getattr(self, name)) for name in types}

    @classmethod
    def from_json(cls: type[R], id: str, data: Mapping[str, Json]) -> R:
        readers = _json_readers(cls)
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name in readers:
                read = readers[name]
                values[name] = value if read is None else read(value)
        return cls(id=id, **values)

    def derived_columns(self) -> dict[str, Any]:
        """Columns kept beside the fields for filtering and search, never edited."""
        return {}


_FIELD_TYPES: dict[str, dict[str, FieldType]] = {}


def _field_types(cls: type[Record]) -> dict[str, FieldType]:
    key = f"{cls.__module__}.{cls.__qualname__}"
    if key not in _FIELD_TYPES:
        _FIELD_TYPES[key] = {f.name: f.metadata["type"] for f in fields(cls) if "type" in f.metadata}
    return _FIELD_TYPES[key]


_JSON_READERS: dict[type[Record], dict[str, Callable[[Json], Any] | None]] = {}


def _json_readers(cls: type[Record]) -> dict[str, Callable[[Json], Any] | None]:
    """How each field's JSON becomes its value (None: as it is), worked out once per kind.

    Skipping the call for the many fields kept as they are matters when a whole
    network's records are built from its change log.
    """
    if cls not in _JSON_READERS:
        _JSON_READERS[cls] = {
            name: None if type(kind).from_json is FieldType.from_json else kind.from_json
            for name, kind in _field_types(cls).items()
        }
    return _JSON_READERS[cls]


def _check_order(start: Any, end: Any, field: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(field, _("is before the start"))


@frozen
class Organisation(Record):
    """An organisation of the network: member, applicant, prospect or former member."""

    kind: ClassVar[str] = "organisation"
    label: ClassVar[str] = N_("Organisation")
    name: str = field_meta(Text(required=True, max_length=300))
    acronym: str = field_meta(Text(max_length=40))
    country: str = field_meta(Country(required=True))
    constituencies: tuple[str, ...] = field_meta(ListOf(item=Keyword()))
    women_led: bool = field_meta(Bool())
    women_section: bool = field_meta(Bool())
    status: str = field_meta(Choice(choices=MEMBERSHIP_STATUSES, default="member"))
    status_since: date | None = field_meta(Date())
    member_since: date | None = field_meta(Date())
    outreach_stage: str = field_meta(Choice(choices=("", *OUTREACH_STAGES)))
    languages: tuple[str, ...] = field_meta(ListOf(item=Language()))
    website: str = field_meta(Url())
    emails: tuple[Contact, ...] = field_meta(Emails())
    phones: tuple[Contact, ...] = field_meta(Phones())
    address: str = field_meta(Text(max_length=1000))
    notes: str = field_meta(Text())
    listed: bool = field_meta(Bool(), default=True)
    at_risk: bool = field_meta(Bool())
    consent: tuple[str, ...] = field_meta(
        ListOf(item=Keyword(allowed=ORGANISATION_CONSENT_FIELDS)),
        default=ORGANISATION_CONSENT_FIELDS,
    )

    @property
    def region(self) -> Region | None:
        return region_of(self.country)

    def derived_columns(self) -> dict[str, Any]:
        return {
            "region": self.region.value if self.region else "",
            "country_name": country_search_names(self.country),
            "sort_key": sort_key(self.name),
        }


@frozen
class Person(Record):
    """Someone in the directory, with the consent that says what of them may be shared."""

    kind: ClassVar[str] = "person"
    label: ClassVar[str] = N_("Person")
    name: str = field_meta(Text(required=True, max_length=300))
    country: str = field_meta(Country())
    emails: tuple[Contact, ...] = field_meta(Emails())
    phones: tuple[Contact, ...] = field_meta(Phones())
    handles: tuple[Contact, ...] = field_meta(Handles())
    languages: tuple[str, ...] = field_meta(ListOf(item=Language()))
    interpretation: str = field_meta(Text(max_length=1000))
    notes: str = field_meta(Text())
    listed: bool = field_meta(Bool(), default=True)
    at_risk: bool = field_meta(Bool())
    consent: tuple[str, ...] = field_meta(
        ListOf(item=Keyword(allowed=PERSON_CONSENT_FIELDS)), default=PERSON_DEFAULT_CONSENT
    )

    def derived_columns(self) -> dict[str, Any]:
        return {
            "country_name": country_search_names(self.country),
            "contact_text": " ".join(c.value for c in self.emails + self.handles),
            "sort_key": sort_key(self.name),
        }


@frozen
class Affiliation(Record):
    """A person's place in an organisation: a role held from one date to another."""

    kind: ClassVar[str] = "affiliation"
    label: ClassVar[str] = N_("Affiliation")
    person_id: str = field_meta(Reference(required=True, target="person"))
    organisation_id: str = field_meta(Reference(required=True, target="organisation"))
    role: str = field_meta(Text(max_length=200))
    start: date | None = field_meta(Date())
    end: date | None = field_meta(Date())

    def check(self) -> None:
        _check_order(self.start, self.end, "end")


@frozen
class Body(Record):
    """The Board, a thematic working group, this working group."""

    kind: ClassVar[str] = "body"
    label: ClassVar[str] = N_("Body")
    name: str = field_meta(Text(required=True, max_length=300))
    body_kind: str = field_meta(Choice(choices=BODY_KINDS, default="thematic_working_group"))
    acronym: str = field_meta(Text(max_length=40))
    notes: str = field_meta(Text())


@frozen
class Seat(Record):
    """Who holds which role in a body, from when to when."""

    kind: ClassVar[str] = "seat"
    label: ClassVar[str] = N_("Seat")
    person_id: str = field_meta(Reference(required=True, target="person"))
    body_id: str = field_meta(Reference(required=True, target="body"))
    role: str = field_meta(Choice(choices=SEAT_ROLES, default="member"))
    organisation_id: str = field_meta(Reference(target="organisation"))
    start: date | None = field_meta(Date())
    end: date | None = field_meta(Date())

    def check(self) -> None:
        _check_order(self.start, self.end, "end")

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@frozen
class Activity(Record):
    """An activity of the network: an exchange, a dialogue, a side meeting, a publication..."""

    kind: ClassVar[str] = "activity"
    label: ClassVar[str] = N_("Activity")
    title: str = field_meta(Text(required=True, max_length=300))
    activity_kind: str = field_meta(Choice(choices=ACTIVITY_KINDS, default="other"))
    start: datetime | None = field_meta(LocalDateTime(required=True))
    end: datetime | None = field_meta(LocalDateTime(required=True))
    tz: str = field_meta(TimeZoneName(required=True))
    day_start: time = field_meta(ClockTime())
    venue: str = field_meta(Text(max_length=500))
    link: str = field_meta(Url())
    languages: tuple[str, ...] = field_meta(ListOf(item=Language()))
    interpretation: str = field_meta(Text(max_length=500))
    objective: str = field_meta(Choice(choices=("", *OBJECTIVES)))
    description: str = field_meta(Text())

    def check(self) -> None:
        _check_order(self.start, self.end, "end")

    @property
    def days(self) -> int:
        if self.start is None or self.end is None:
            return 1
        return (self.end.date() - self.start.date()).days + 1


@frozen
class Participant(Record):
    """A person in an activity: invited, confirmed, attended or declined, and in what role."""

    kind: ClassVar[str] = "participant"
    label: ClassVar[str] = N_("Participant")
    activity_id: str = field_meta(Reference(required=True, target="activity"))
    person_id: str = field_meta(Reference(required=True, target="person"))
    status: str = field_meta(Choice(choices=PARTICIPANT_STATUSES, default="invited"))
    role: str = field_meta(Choice(choices=PARTICIPANT_ROLES, default="participant"))


@frozen
class AgendaItem(Record):
    """One item of a meeting's agenda; its start time is computed, never stored."""

    kind: ClassVar[str] = "agenda_item"
    label: ClassVar[str] = N_("Agenda item")
    activity_id: str = field_meta(Reference(required=True, target="activity"))
    title: str = field_meta(Text(required=True, max_length=300))
    minutes: int = field_meta(Integer(minimum=0, maximum=24 * 60, default=60))
    day: int = field_meta(Integer(minimum=1, maximum=366, default=1))
    position: str = field_meta(Text(max_length=200))
    item_kind: str = field_meta(Choice(choices=AGENDA_ITEM_KINDS, default="session"))
    facilitator_id: str = field_meta(Reference(target="person"))
    speaker_ids: tuple[str, ...] = field_meta(ListOf(item=Reference(target="person")))
    language: str = field_meta(Language())
    notes: str = field_meta(Text())


@frozen
class Proposal(Record):
    """A concept note that the thematic working groups vet before the GSM."""

    kind: ClassVar[str] = "proposal"
    label: ClassVar[str] = N_("Proposal")
    title: str = field_meta(Text(required=True, max_length=300))
    summary: str = field_meta(Text())
    author_ids: tuple[str, ...] = field_meta(ListOf(item=Reference(target="organisation")))
    status: str = field_meta(Choice(choices=PROPOSAL_STATUSES, default="draft"))
    deadline: date | None = field_meta(Date())


@frozen
class Review(Record):
    """One body's answer to a proposal."""

    kind: ClassVar[str] = "review"
    label: ClassVar[str] = N_("Review")
    proposal_id: str = field_meta(Reference(required=True, target="proposal"))
    body_id: str = field_meta(Reference(required=True, target="body"))
    state: str = field_meta(Choice(choices=REVIEW_STATES, default="pending"))
    reviewer_id: str = field_meta(Reference(target="person"))
    answered_on: date | None = field_meta(Date())
    comments: str = field_meta(Text())
    revision_id: str = field_meta(Reference(target="revision"))
    """The version of the note the body answered, when it says."""


@frozen
class Revision(Record):
    """One version of a proposal's note: its label, date and where it is kept.

    The document itself stays outside the application; ``location`` is a link or a
    file name that people of the network can find.
    """

    kind: ClassVar[str] = "revision"
    label: ClassVar[str] = N_("Revision")
    proposal_id: str = field_meta(Reference(required=True, target="proposal"))
    name: str = field_meta(Text(required=True, max_length=200))
    issued_on: date | None = field_meta(Date())
    location: str = field_meta(Text(max_length=1000))
    notes: str = field_meta(Text())


@frozen
class OutreachMove(Record):
    """A prospect organisation's move to a stage of the outreach pipeline, and who made it."""

    kind: ClassVar[str] = "outreach_move"
    label: ClassVar[str] = N_("Outreach move")
    organisation_id: str = field_meta(Reference(required=True, target="organisation"))
    stage: str = field_meta(Choice(required=True, choices=OUTREACH_STAGES))
    moved_on: date | None = field_meta(Date(required=True))
    responsible_id: str = field_meta(Reference(target="person"))
    note: str = field_meta(Text())


RECORD_TYPES: dict[str, type[Record]] = {
    cls.kind: cls
    for cls in (
        Organisation, Person, Affiliation, Body, Seat, Activity, Participant, AgendaItem,
        Proposal, Review, Revision, OutreachMove,
    )
}
"""Every kind of shared record, by the name used in tables and the change log."""
