"""People and organisations recorded twice in the directory: finding them and merging them.

``find_duplicates`` proposes pairs (the same e-mail address, the same phone, or
similar names as ``plan`` judges them); ``merge`` folds record A into record B in
one transaction: B keeps its values and gains what A has that B lacks (contacts,
languages, places in organisations, seats in bodies, participation in activities,
and the places A is named as facilitator, speaker, reviewer or outreach organiser,
and an organisation's moves through the outreach pipeline); then A is deleted.
Whatever withholds more wins: if either is at risk or not listed, B is too, and
B keeps only the consent both gave.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import NotFoundError, RefusedError
from smwg_desktop.core.model import (
    Affiliation,
    AgendaItem,
    Organisation,
    OutreachMove,
    Participant,
    Person,
    Proposal,
    Record,
    Review,
    Seat,
)
from smwg_desktop.i18n import _
from smwg_desktop.interop.matching import NAME_THRESHOLD, contradicts, fill_in, name_key, name_score

MAX_BLOCK = 500
"""Names sharing a word are compared pairwise only in groups up to this size."""
_OWN_RULES = ("consent", "notes", "sample")


@dataclass(frozen=True)
class DuplicatePair:
    """Two records that look like one; the proposal is to merge ``merge_id`` into ``into_id``."""

    kind: str
    merge_id: str
    merge_name: str
    into_id: str
    into_name: str
    reasons: tuple[str, ...]
    score: float
    """100 for the same e-mail or phone; the name similarity otherwise."""

    def describe(self) -> str:
        return (
            f"{self.kind} '{self.merge_name}' ({self.merge_id[:8]}) into '{self.into_name}' "
            f"({self.into_id[:8]}): {'; '.join(self.reasons)}"
        )


@dataclass(frozen=True)
class MergeResult:
    kind: str
    kept_id: str
    removed_id: str
    changed: tuple[str, ...]
    """Fields of the kept record that gained values."""
    moved: dict[str, int] = field(default_factory=dict)
    """Links given to the kept record, by kind (affiliation, seat, participant ...)."""


def _weight(record: Person | Organisation, places: dict[str, int]) -> tuple[int, int]:
    contacts = len(record.emails) + len(record.phones)
    return places.get(record.id, 0), contacts


def find_duplicates(
    directory: Directory,
    *,
    kinds: Iterable[str] = ("person", "organisation"),
    threshold: float = NAME_THRESHOLD,
) -> list[DuplicatePair]:
    """Likely duplicates already in the directory, surest first.

    People: the same e-mail address or phone number, or similar names (unless
    both have e-mail addresses, or both phones, and share none). Organisations:
    similar names. In each pair the record with more places and contacts is the
    one to keep.
    """
    wanted = set(kinds)
    places: dict[str, int] = defaultdict(int)
    for place in directory.list(Affiliation, order_by=("id",)):
        places[place.person_id] += 1
        places[place.organisation_id] += 1
    found: dict[tuple[str, str], tuple[list[str], float]] = {}
    records: dict[str, Person | Organisation] = {}

    def propose(a: Person | Organisation, b: Person | Organisation, reason: str, score: float) -> None:
        key = (min(a.id, b.id), max(a.id, b.id))
        reasons, best = found.get(key, ([], 0.0))
        if reason not in reasons:
            reasons.append(reason)
        found[key] = (reasons, max(best, score))
        records[a.id], records[b.id] = a, b

    if "person" in wanted:
        people = directory.list(Person)
        for label, contacts in (
            ("same e-mail", {p.id: [e.value.casefold() for e in p.emails] for p in people}),
            ("same phone", {p.id: [t.value for t in p.phones] for p in people}),
        ):
            holders: dict[str, list[Person]] = defaultdict(list)
            for person in people:
                for value in dict.fromkeys(contacts[person.id]):
                    holders[value].append(person)
            for value, group in holders.items():
                for other in group[1:]:
                    propose(group[0], other, f"{label} {value}", 100.0)
        for a, b, score in _similar(people, threshold):
            assert isinstance(a, Person) and isinstance(b, Person)
            if contradicts([e.value.casefold() for e in a.emails],
                           [e.value.casefold() for e in b.emails]) or contradicts(
                [p.value for p in a.phones], [p.value for p in b.phones]
            ):
                continue
            propose(a, b, f"similar names ({score:.0f}/100)", score)
    if "organisation" in wanted:
        for a, b, score in _similar(directory.list(Organisation), threshold):
            propose(a, b, f"similar names ({score:.0f}/100)", score)
    pairs: list[DuplicatePair] = []
    for (first, second), (reasons, score) in found.items():
        a, b = records[first], records[second]
        keep, drop = sorted((a, b), key=lambda r: (_weight(r, places), r.id), reverse=True)
        pairs.append(DuplicatePair(a.kind, drop.id, drop.name, keep.id, keep.name,
                                   tuple(reasons), score))
    pairs.sort(key=lambda p: (-p.score, p.kind, p.into_name, p.merge_name))
    return pairs


def _similar(
    records: list[Person] | list[Organisation], threshold: float
) -> list[tuple[Person | Organisation, Person | Organisation, float]]:
    """Pairs with similar names, compared within blocks that share a word's first letters."""
    keys = {r.id: name_key(r.name) for r in records}
    by_id = {r.id: r for r in records}
    blocks: dict[str, list[str]] = defaultdict(list)
    for record_id, key in keys.items():
        for word in set(key.split()):
            if len(word) >= 3:
                blocks[word[:4]].append(record_id)
    seen: set[tuple[str, str]] = set()
    pairs: list[tuple[Person | Organisation, Person | Organisation, float]] = []
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            continue
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                pair = (min(first, second), max(first, second))
                if pair in seen:
                    continue
                seen.add(pair)
                score = name_score(keys[first], keys[second])
                if score >= threshold:
                    pairs.append((by_id[pair[0]], by_id[pair[1]], score))
    return pairs


def _kind_of(directory: Directory, a_id: str, b_id: str) -> type[Person] | type[Organisation]:
    def kinds(record_id: str) -> list[type[Person] | type[Organisation]]:
        found: list[type[Person] | type[Organisation]] = []
        for cls in (Person, Organisation):
            try:
                directory.resolve(cls, record_id)
            except NotFoundError:
                continue
            found.append(cls)
        if not found:
            raise NotFoundError(
                _("no person or organisation with id '{record_id}'").format(record_id=record_id)
            )
        return found

    a_kinds, b_kinds = kinds(a_id), kinds(b_id)
    both = [cls for cls in a_kinds if cls in b_kinds]
    if not both:
        raise RefusedError(
            _("'{a_id}' and '{b_id}' are not two people or two organisations").format(
                a_id=a_id, b_id=b_id
            )
        )
    return both[0]


def merge(
    directory: Directory, merge_id: str, into_id: str, *, kind: str | None = None
) -> MergeResult:
    """Merge record A (``merge_id``) into record B (``into_id``) in one transaction.

    Both are people or both organisations (``kind`` may say which; ids may be
    unique prefixes). Raises ``NotFoundError`` for an unknown id and
    ``RefusedError`` for a record merged into itself.
    """
    cls: type[Person] | type[Organisation]
    if kind is None:
        cls = _kind_of(directory, merge_id, into_id)
    else:
        cls = {"person": Person, "organisation": Organisation}[kind]
    a = directory.get(cls, merge_id)
    b = directory.get(cls, into_id)
    if a.id == b.id:
        raise RefusedError(_("a record cannot be merged into itself"))
    moved: dict[str, int] = defaultdict(int)
    with directory.store.transaction():
        changes = _merged_values(a, b)
        if changes:
            directory.update(cls, b.id, changes)
        if isinstance(a, Person):
            _move_person_links(directory, a.id, b.id, moved)
        else:
            _move_organisation_links(directory, a.id, b.id, moved)
        note_a, note_b = directory.local_note(cls, a.id), directory.local_note(cls, b.id)
        if note_a and note_a not in note_b:
            directory.set_local_note(cls, b.id, f"{note_b}\n\n{note_a}".strip())
        directory.delete(cls, a.id)
    return MergeResult(cls.kind, b.id, a.id, tuple(changes), dict(moved))


def _merged_values(a: Person | Organisation, b: Person | Organisation) -> dict[str, Any]:
    names = [n for n in b.field_types() if n not in _OWN_RULES]
    changes, _ = fill_in(b, a, names)
    both = tuple(c for c in b.consent if c in a.consent)
    if both != b.consent:
        changes["consent"] = both
    if a.notes and a.notes not in b.notes:
        changes["notes"] = f"{b.notes}\n\n{a.notes}".strip()
    return changes


def _copy(directory: Directory, record: Record, **values: Any) -> None:
    directory.create(type(record), {**record.values(), **values})


def _move_person_links(directory: Directory, a: str, b: str, moved: dict[str, int]) -> None:
    held = {p.organisation_id: p for p in directory.affiliations(person_id=b)}
    for place in directory.affiliations(person_id=a):
        mine = held.get(place.organisation_id)
        if mine is None:
            _copy(directory, place, person_id=b)
            moved["affiliation"] += 1
        elif place.role and not mine.role:
            directory.update(Affiliation, mine.id, {"role": place.role})
    seats = {(s.body_id, s.role, s.organisation_id) for s in directory.seats(person_id=b)}
    for seat in directory.seats(person_id=a):
        if (seat.body_id, seat.role, seat.organisation_id) not in seats:
            _copy(directory, seat, person_id=b)
            moved["seat"] += 1
    attending = {p.activity_id for p in directory.list(Participant, {"person_id": b})}
    for participant in directory.list(Participant, {"person_id": a}):
        if participant.activity_id not in attending:
            _copy(directory, participant, person_id=b)
            moved["participant"] += 1
    for item in directory.list(AgendaItem, order_by=("id",)):
        changes: dict[str, Any] = {}
        if item.facilitator_id == a:
            changes["facilitator_id"] = b
        if a in item.speaker_ids:
            changes["speaker_ids"] = tuple(dict.fromkeys(b if s == a else s for s in item.speaker_ids))
        if changes:
            directory.update(AgendaItem, item.id, changes)
            moved["agenda_item"] += 1
    for review in directory.list(Review, {"reviewer_id": a}, order_by=("id",)):
        directory.update(Review, review.id, {"reviewer_id": b})
        moved["review"] += 1
    for step in directory.list(OutreachMove, {"responsible_id": a}, order_by=("id",)):
        directory.update(OutreachMove, step.id, {"responsible_id": b})
        moved["outreach_move"] += 1


def _move_organisation_links(directory: Directory, a: str, b: str, moved: dict[str, int]) -> None:
    members = {p.person_id: p for p in directory.affiliations(organisation_id=b)}
    for place in directory.affiliations(organisation_id=a):
        mine = members.get(place.person_id)
        if mine is None:
            _copy(directory, place, organisation_id=b)
            moved["affiliation"] += 1
        elif place.role and not mine.role:
            directory.update(Affiliation, mine.id, {"role": place.role})
    for seat in directory.list(Seat, {"organisation_id": a}, order_by=("id",)):
        directory.update(Seat, seat.id, {"organisation_id": b})
        moved["seat"] += 1
    # The history of how A came through the outreach pipeline is B's now; B keeps its stage.
    for step in directory.list(OutreachMove, {"organisation_id": a}, order_by=("id",)):
        _copy(directory, step, organisation_id=b)
        moved["outreach_move"] += 1
    for proposal in directory.list(Proposal, order_by=("id",)):
        if a in proposal.author_ids:
            authors = tuple(dict.fromkeys(b if o == a else o for o in proposal.author_ids))
            directory.update(Proposal, proposal.id, {"author_ids": authors})
            moved["proposal"] += 1
