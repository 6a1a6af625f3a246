"""What importing a file would do, row by row, before anything is written.

``make_plan`` matches each incoming row against the directory (and against the rows
before it in the same file) and says, for the organisation, the person and the
place between them, whether it would be created, updated, merged into an existing
record or left unchanged, or why the row is refused. Every value is cleaned and
checked by the core (``Record.build``); nothing is written. ``apply.apply_plan``
carries a plan out.

Matching, in order: the id a file of this application carries; for people, the
same e-mail address, the same phone number (E.164), then a similar name (accents,
case, word order and small typos ignored); for organisations, the same name, then
a similar one. An existing record keeps its values: a match fills in what it
lacks and adds contacts, places and lists (see ``matching.fill_in``).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Generator, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, TypeVar, cast

import phonenumbers

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import ValidationError
from smwg_desktop.core.fields import ContactList, normalise_phone
from smwg_desktop.core.model import RECORD_TYPES, Affiliation, Organisation, Person, Record
from smwg_desktop.i18n import _
from smwg_desktop.interop.matching import (
    NAME_THRESHOLD,
    contradicts,
    fill_in,
    name_key,
    similar_names,
)
from smwg_desktop.interop.rows import Incoming, IncomingRow

R = TypeVar("R", bound=Record)
T = TypeVar("T")


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    """The same record (the id the file carries; for an organisation, the same name) gains fields."""
    MERGE = "merge"
    """Judged the same as an existing record (e-mail, phone or name): what it adds is merged in."""
    UNCHANGED = "unchanged"
    REFUSED = "refused"


_RANK = {
    Action.UNCHANGED: 0, Action.UPDATE: 1, Action.CREATE: 2, Action.MERGE: 3, Action.REFUSED: 4,
}


@dataclass(frozen=True)
class Step:
    """One record's part in a row: an organisation, a person, or the place between them."""

    kind: str
    """``organisation``, ``person`` or ``affiliation``."""
    action: Action
    record_id: str
    """The existing record's id, or the id the new record will have."""
    label: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    """Cleaned values to write: every given field for a creation, the new values otherwise."""
    reason: str = ""
    """How the record was matched ("same e-mail ana@example.org"), or a note."""
    kept: tuple[str, ...] = ()
    """Values of the file that differ from the directory's, which the directory keeps."""
    score: float = 0.0
    """Name similarity (0-100) when the match is by name."""

    def describe(self) -> str:
        what = f"{_(RECORD_TYPES[self.kind].label).lower()} '{self.label}'"
        if self.action is Action.CREATE:
            text = _("create {what}").format(what=what)
        elif self.action is Action.UNCHANGED:
            text = _("{what} unchanged").format(what=what)
        else:
            verb = _("merge into") if self.action is Action.MERGE else _("update")
            fields = ", ".join(self.changes)
            text = f"{verb} {what} ({self.record_id[:8]}): {fields}"
        if self.reason:
            text += f" [{self.reason}]"
        if self.kept:
            text += "; " + "; ".join(self.kept)
        return text


@dataclass(frozen=True)
class RowPlan:
    """What one row of the file would do (``line`` as the file numbers it)."""

    line: int
    action: Action
    steps: tuple[Step, ...] = ()
    reason: str = ""
    """Why the row is refused."""

    def describe(self) -> str:
        if self.action is Action.REFUSED:
            return _("row {line}: refused: {reason}").format(line=self.line, reason=self.reason)
        return _("row {line}: {action}: ").format(line=self.line, action=self.action) + "; ".join(
            s.describe() for s in self.steps
        )


@dataclass(frozen=True)
class Plan:
    """The row-by-row plan for one file; ``apply.apply_plan`` carries it out."""

    source: str
    rows: tuple[RowPlan, ...]
    ignored_columns: tuple[str, ...] = ()

    def counts(self) -> dict[Action, int]:
        """Rows per action, every action present."""
        found = dict.fromkeys(Action, 0)
        for row in self.rows:
            found[row.action] += 1
        return found

    @property
    def refused(self) -> tuple[RowPlan, ...]:
        return tuple(r for r in self.rows if r.action is Action.REFUSED)

    @property
    def merges(self) -> tuple[RowPlan, ...]:
        return tuple(r for r in self.rows if r.action is Action.MERGE)

    @property
    def changes_nothing(self) -> bool:
        return all(r.action is Action.UNCHANGED for r in self.rows)

    def describe(self) -> list[str]:
        """One line per row, then one with the counts: the dry run's report."""
        counts = ", ".join(f"{n} {a}" for a, n in self.counts().items() if n)
        lines = [row.describe() for row in self.rows]
        lines.append(
            _("{source}: {n} rows: {counts}").format(
                source=self.source, n=len(self.rows), counts=counts or _("nothing to import")
            )
        )
        if self.ignored_columns:
            lines.append(_("columns not imported: ") + ", ".join(self.ignored_columns))
        return lines


class _Refused(Exception):
    pass


def _build(cls: type[R], record_id: str, raw: Mapping[str, Any], who: str,
           base: R | None = None) -> R:
    try:
        return cls.build(record_id, raw, base=base)
    except ValidationError as exc:
        raise _Refused(f"{who} {exc.field}: {exc.reason}") from None


def phone_country(phones: str) -> str:
    """The country of the first number given in international form, or ""."""
    splitter = Person.field_types()["phones"]
    assert isinstance(splitter, ContactList)
    for line in phones.splitlines():
        _, text = splitter.split_kind(line)
        try:
            number = phonenumbers.parse(normalise_phone(text, ""), None)
        except (ValueError, phonenumbers.NumberParseException):
            continue
        region = phonenumbers.region_code_for_number(number)
        if region and region != "001":
            return str(region)
    return ""


def _needs_region(phones: str) -> bool:
    return any(
        not line.partition(":")[2].strip().removeprefix("tel:").startswith(("+", "00"))
        for line in phones.splitlines() if line.strip()
    )


class _Planner:
    """The directory as the plan sees it: what exists, plus what earlier rows would create."""

    def __init__(self, directory: Directory, declined: Collection[int], threshold: float) -> None:
        self.declined = declined
        self.threshold = threshold
        self.people: dict[str, Person] = {}
        self.orgs: dict[str, Organisation] = {}
        self.emails: dict[str, str] = {}
        self.phones: dict[str, str] = {}
        self.person_names: dict[str, str] = {}
        self.org_names: dict[str, str] = {}
        self.org_keys: dict[str, str] = {}
        self.places: dict[tuple[str, str], Affiliation] = {}
        self.refs: dict[str, str] = {}
        """Ids a file gave to records it creates here, to the new ids: the rows of one
        person in an export of another directory become one person again."""
        for person in directory.list(Person):
            self.keep_person(person)
        for organisation in directory.list(Organisation):
            self.keep_org(organisation)
        for place in directory.list(Affiliation, order_by=("id",)):
            self.places.setdefault((place.person_id, place.organisation_id), place)

    def keep_person(self, person: Person) -> None:
        self.people[person.id] = person
        for email in person.emails:
            self.emails.setdefault(email.value.casefold(), person.id)
        for phone in person.phones:
            self.phones.setdefault(phone.value, person.id)
        self.person_names[person.id] = name_key(person.name)

    def keep_org(self, organisation: Organisation) -> None:
        self.orgs[organisation.id] = organisation
        key = name_key(organisation.name)
        self.org_names[organisation.id] = key
        self.org_keys.setdefault(key, organisation.id)

    # One row

    def plan(self, row: IncomingRow) -> RowPlan | None:
        if row.problem:
            return RowPlan(row.line, Action.REFUSED, reason=row.problem)
        if row.is_empty:
            return None
        try:
            steps, records = self._steps(row)
        except _Refused as exc:
            return RowPlan(row.line, Action.REFUSED, reason=str(exc))
        for record in records:
            if isinstance(record, Person):
                self.keep_person(record)
            elif isinstance(record, Organisation):
                self.keep_org(record)
            elif isinstance(record, Affiliation):
                self.places[(record.person_id, record.organisation_id)] = record
        action = max((s.action for s in steps), key=_RANK.__getitem__)
        return RowPlan(row.line, action, tuple(steps))

    def _steps(self, row: IncomingRow) -> tuple[list[Step], list[Record]]:
        person_raw = {k: v for k, v in row.person.items() if v.strip()}
        org_raw = {k: v for k, v in row.organisation.items() if v.strip()}
        has_person = bool(person_raw or row.person_ref)
        if not has_person and not org_raw:
            raise _Refused(_("a role is given, but no person or organisation"))
        steps: list[Step] = []
        records: list[Record] = []
        organisation: Organisation | None = None
        if org_raw:
            organisation, step = self._organisation(row, org_raw, person_raw)
            steps.append(step)
            records.append(organisation)
        if not has_person:
            return steps, records
        phones = person_raw.get("phones", "")
        if organisation is not None and not person_raw.get("country") and _needs_region(phones):
            # As Directory.add_person does: national numbers dial from the organisation.
            person_raw["country"] = organisation.country
        person, step = self._person(row, person_raw)
        steps.append(step)
        records.append(person)
        if organisation is not None:
            place, step = self._place(person, organisation, row.role)
            steps.append(step)
            records.append(place)
        return steps, records

    def _organisation(
        self, row: IncomingRow, raw: dict[str, str], person_raw: Mapping[str, str]
    ) -> tuple[Organisation, Step]:
        name = raw.get("name", "")
        if not name:
            raise _Refused(
                _("organisation name: is required when other organisation values are given")
            )
        key = name_key(name)
        target: Organisation | None = None
        how, score = "", 0.0
        ref = self.refs.get(row.organisation_ref.lower(), row.organisation_ref.lower())
        if ref and ref in self.orgs:
            target, how = self.orgs[ref], "same id"
        elif key in self.org_keys:
            target, how = self.orgs[self.org_keys[key]], "same name"
        elif row.line not in self.declined:
            for found, score in similar_names(key, self.org_names, self.threshold, limit=1):
                target, how = self.orgs[found], f"similar name ({score:.0f}/100)"
        if target is not None:
            built = _build(Organisation, target.id, raw, "organisation", base=target)
            changes, kept = fill_in(target, built, raw)
            if not changes:
                action = Action.UNCHANGED
            elif how.startswith("similar"):
                action = Action.MERGE
            else:
                action = Action.UPDATE
            step = Step("organisation", action, target.id, target.name, changes, how,
                        tuple(kept), score)
            return replace(target, **changes), step
        reason = ""
        if not raw.get("country"):
            country = person_raw.get("country", "")
            reason = _("country from the person's address") if country else ""
            if not country:
                country = phone_country(person_raw.get("phones", ""))
                reason = _("country from the phone number's country code") if country else ""
            if not country:
                raise _Refused(
                    _("organisation '{name}' is new and its country is not known: add a country "
                      "column (Country, País, Pays) or give the person's address").format(name=name)
                )
            raw = {**raw, "country": country}
        created = _build(Organisation, str(uuid.uuid4()), raw, "organisation")
        if row.organisation_ref:
            self.refs[row.organisation_ref.lower()] = created.id
        values = {n: getattr(created, n) for n in raw}
        return created, Step("organisation", Action.CREATE, created.id, created.name, values, reason)

    def _person(self, row: IncomingRow, raw: dict[str, str]) -> tuple[Person, Step]:
        ref = self.refs.get(row.person_ref.lower(), row.person_ref.lower())
        target: Person | None = self.people.get(ref) if ref else None
        how, score = ("same id", 0.0) if target is not None else ("", 0.0)
        note = ""
        if target is None:
            probe = _build(Person, str(uuid.uuid4()), raw, "person")
            target, how, score, note = self._match_person(row, probe)
            if target is None:
                if row.person_ref:
                    self.refs[row.person_ref.lower()] = probe.id
                values = {n: getattr(probe, n) for n in raw}
                return probe, Step("person", Action.CREATE, probe.id, probe.name, values, note)
        built = _build(Person, target.id, raw, "person", base=target)
        changes, kept = fill_in(target, built, raw)
        if not changes:
            action = Action.UNCHANGED
        else:
            action = Action.UPDATE if how == "same id" else Action.MERGE
        step = Step("person", action, target.id, target.name, changes, how, tuple(kept), score)
        return replace(target, **changes), step

    def _match_person(
        self, row: IncomingRow, probe: Person
    ) -> tuple[Person | None, str, float, str]:
        """The existing person the row is, how that was decided, and a note if none is."""
        if row.line in self.declined:
            return None, "", 0.0, _("created separately, as asked")
        for email in probe.emails:
            found = self.emails.get(email.value.casefold())
            if found:
                return self.people[found], _("same e-mail {email}").format(email=email.value), 0.0, ""
        for phone in probe.phones:
            found = self.phones.get(phone.value)
            if found:
                return self.people[found], _("same phone {phone}").format(phone=phone.value), 0.0, ""
        note = ""
        for found, score in similar_names(name_key(probe.name), self.person_names, self.threshold):
            other = self.people[found]
            if contradicts([e.value.casefold() for e in probe.emails],
                           [e.value.casefold() for e in other.emails]) or contradicts(
                [p.value for p in probe.phones], [p.value for p in other.phones]
            ):
                note = note or (
                    _("similar name to '{name}' ({id}) but other contacts: "
                      "created separately").format(name=other.name, id=found[:8])
                )
                continue
            return other, _("similar name ({score:.0f}/100)").format(score=score), score, ""
        return None, "", 0.0, note

    def _place(
        self, person: Person, organisation: Organisation, role: str
    ) -> tuple[Affiliation, Step]:
        label = _("{person} in {organisation}").format(person=person.name, organisation=organisation.name)
        existing = self.places.get((person.id, organisation.id))
        if existing is None:
            values = {"person_id": person.id, "organisation_id": organisation.id, "role": role}
            created = _build(Affiliation, str(uuid.uuid4()), values, "role")
            return created, Step("affiliation", Action.CREATE, created.id, label,
                                 {"person_id": person.id, "organisation_id": organisation.id,
                                  "role": created.role})
        if not role.strip():
            return existing, Step("affiliation", Action.UNCHANGED, existing.id, label)
        built = _build(Affiliation, existing.id, {"role": role}, "role", base=existing)
        changes, kept = fill_in(existing, built, ["role"])
        action = Action.UPDATE if changes else Action.UNCHANGED
        step = Step("affiliation", action, existing.id, label, changes, kept=tuple(kept))
        return replace(existing, **changes), step


Steps = Generator[int, None, T]
"""Work done in steps: yields how many rows are done after each, returns the result.

The desktop app advances it a little at a time so the window keeps answering;
``run_to_end`` does it all at once for the command line.
"""


def run_to_end(steps: Steps[T]) -> T:
    """Every step of ``steps``; returns its result."""
    while True:
        try:
            next(steps)
        except StopIteration as end:
            return cast(T, end.value)


def planning(
    directory: Directory,
    incoming: Incoming | Iterable[IncomingRow],
    *,
    declined: Collection[int] = (),
    threshold: float = NAME_THRESHOLD,
) -> Steps[Plan]:
    """``make_plan`` one row at a time: yields the rows planned so far, returns the plan."""
    planner = _Planner(directory, frozenset(declined), threshold)
    rows = incoming.rows if isinstance(incoming, Incoming) else tuple(incoming)
    plans: list[RowPlan] = []
    for done, row in enumerate(rows, start=1):
        planned = planner.plan(row)
        if planned is not None:
            plans.append(planned)
        yield done
    source = incoming.source if isinstance(incoming, Incoming) else "rows"
    ignored = incoming.ignored_columns if isinstance(incoming, Incoming) else ()
    return Plan(source, tuple(plans), ignored)


def make_plan(
    directory: Directory,
    incoming: Incoming | Iterable[IncomingRow],
    *,
    declined: Collection[int] = (),
    threshold: float = NAME_THRESHOLD,
) -> Plan:
    """The row-by-row plan for importing ``incoming`` into ``directory``; writes nothing.

    ``declined`` holds lines whose proposed merge a person turned down: their
    person is planned as new, and their organisation is matched by exact name
    only. ``threshold`` (0-100) is how alike names must be to be proposed as the
    same. Re-planning a file already imported gives only ``unchanged`` rows.
    """
    return run_to_end(planning(directory, incoming, declined=declined, threshold=threshold))
