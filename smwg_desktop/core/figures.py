"""The network's figures: who the members are, who leads, what comes next.

Pure functions over a ``Directory``, for every face that shows them (the desktop
dashboard, the CLI, printed reports). Each returns a small frozen dataclass of
counts; labels and translation belong to whoever shows them.

Membership on a date follows the dates the directory keeps:

- a member counts from the day it joined (``member_since``, else the day its status
  became "member"); with neither date recorded it counts on every date;
- a former member counts from the day it joined until the day before its status
  became "former" (``status_since``, the day it left);
- applicants and prospects are never members; they are "in outreach" from the day
  their status was set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.geo import Region
from smwg_desktop.core.model import (
    BODY_KINDS,
    CONSTITUENCIES,
    Activity,
    Affiliation,
    Body,
    Organisation,
    Seat,
)

PRIORITY_REGIONS: tuple[Region, ...] = (Region.AFRICA, Region.EUROPE)
"""The regions the working group names as outreach priorities."""

WOMEN_LED = "women_led"
PRIORITIES: tuple[str, ...] = (*(r.value for r in PRIORITY_REGIONS), WOMEN_LED)
"""The outreach priorities, by key: more groups from Africa, from Europe, led by women."""

LEADING_ROLES: frozenset[str] = frozenset({"chair", "co_chair", "focal_point", "board_member"})
"""Seat roles that lead a body, as opposed to taking part in it."""

OUTREACH_STATUSES: frozenset[str] = frozenset({"prospect", "applicant"})


@dataclass(frozen=True)
class Tally:
    """How many of something, under a stable key (a region, a constituency...)."""

    key: str
    count: int


@dataclass(frozen=True)
class Priority:
    """One outreach priority: how many members meet it, and how many more are coming."""

    key: str
    """``africa``, ``europe`` or ``women_led`` (see ``PRIORITIES``)."""
    members: int
    total_members: int
    in_outreach: int
    """Prospects and applicants that would meet it if they joined."""

    @property
    def share(self) -> float:
        """The part of all members (0.0 to 1.0; 0.0 when there are no members)."""
        return self.members / self.total_members if self.total_members else 0.0


@dataclass(frozen=True)
class MembershipComposition:
    """The membership on a date (or as it stands) by region, constituency and women's leadership."""

    on: date | None
    members: int
    by_region: tuple[Tally, ...]
    """Every region, in ``Region`` order, zeros included."""
    without_region: int
    """Members whose country the directory cannot place in a region."""
    by_constituency: tuple[Tally, ...]
    """Most members first. The working group's named constituencies are always there
    (zeros included); constituencies users added appear when a member has one. A
    member representing several constituencies counts in each."""
    without_constituency: int
    women_led: int
    women_section_only: int
    """Members with a women's section that are not women-led."""
    in_outreach: int
    """Prospects and applicants on the same date."""
    priorities: tuple[Priority, ...]
    """In ``PRIORITIES`` order."""

    @property
    def neither_women_led_nor_section(self) -> int:
        return self.members - self.women_led - self.women_section_only

    def region_count(self, region: Region) -> int:
        return next(t.count for t in self.by_region if t.key == region.value)

    def priority(self, key: str) -> Priority:
        return next(p for p in self.priorities if p.key == key)


@dataclass(frozen=True)
class BodyLeadership:
    """Seats held in one body on a date, and how many by people of member organisations."""

    body: Body
    seats: int
    held_by_members: int
    leading_seats: int
    """Seats in a leading role (chair, co-chair, focal point, board member)."""
    leading_held_by_members: int
    people: int = 0
    """Different people holding those seats (one person may hold two seats in a body)."""
    people_from_members: int = 0
    """Of ``people``, those who sit for a member organisation: the grassroots members
    sitting in the body, as the working group counts its leadership."""


@dataclass(frozen=True)
class HeldSeat:
    """A seat in a body, and whether its holder sits for a member organisation."""

    seat: Seat
    from_member: bool
    """On the date asked for; for a seat's whole history, on its last day held so far."""
    organisation_id: str
    """The member organisation the holder sits for (the seat's own, else one of the
    person's that day), or the seat's organisation when none was a member; may be empty."""


@dataclass(frozen=True)
class UpcomingActivity:
    """An activity that has not ended yet, with where its invitations stand."""

    activity: Activity
    invited: int
    """Everyone on the participants' list, whatever their answer."""
    confirmed: int
    attended: int
    declined: int


def is_member_on(organisation: Organisation, on: date | None) -> bool:
    """Whether the organisation was a member on ``on`` (its current status when None)."""
    if on is None:
        return organisation.status == "member"
    if organisation.status == "member":
        joined = organisation.member_since or organisation.status_since
        return joined is None or joined <= on
    if organisation.status == "former":
        joined, left = organisation.member_since, organisation.status_since
        return (joined is None or joined <= on) and (left is None or on < left)
    return False


def is_in_outreach_on(organisation: Organisation, on: date | None) -> bool:
    """Whether the organisation was a prospect or an applicant on ``on`` (now when None)."""
    if organisation.status not in OUTREACH_STATUSES:
        return False
    since = organisation.status_since
    return on is None or since is None or since <= on


def meets_priority(organisation: Organisation, key: str) -> bool:
    if key == WOMEN_LED:
        return organisation.women_led
    region = organisation.region
    return region is not None and region.value == key


def membership_composition(
    directory: Directory, on: date | None = None, *, applicants_join: bool = False
) -> MembershipComposition:
    """The membership on ``on`` (as it stands today when None) against the priorities.

    With ``applicants_join``, the "what if" of outreach: every organisation that is
    an applicant (on ``on``) counts as a member, and no longer as in outreach.
    """
    organisations = directory.list(Organisation)
    members = [o for o in organisations if is_member_on(o, on)]
    outreach = [o for o in organisations if is_in_outreach_on(o, on)]
    if applicants_join:
        joining = [o for o in outreach if o.status == "applicant"]
        members += joining
        outreach = [o for o in outreach if o.status != "applicant"]

    regions = Counter(o.region for o in members)
    constituencies = Counter(c for o in members for c in o.constituencies)
    named_order = {name: n for n, name in enumerate(CONSTITUENCIES)}
    constituency_keys = sorted(
        set(CONSTITUENCIES) | set(constituencies),
        key=lambda c: (-constituencies[c], named_order.get(c, len(named_order)), c),
    )
    return MembershipComposition(
        on=on,
        members=len(members),
        by_region=tuple(Tally(r.value, regions[r]) for r in Region),
        without_region=regions[None],
        by_constituency=tuple(Tally(c, constituencies[c]) for c in constituency_keys),
        without_constituency=sum(1 for o in members if not o.constituencies),
        women_led=sum(1 for o in members if o.women_led),
        women_section_only=sum(1 for o in members if o.women_section and not o.women_led),
        in_outreach=len(outreach),
        priorities=tuple(
            Priority(
                key=key,
                members=sum(1 for o in members if meets_priority(o, key)),
                total_members=len(members),
                in_outreach=sum(1 for o in outreach if meets_priority(o, key)),
            )
            for key in PRIORITIES
        ),
    )


class _Membership:
    """Who sat for a member organisation on a day, with the directory read once."""

    def __init__(self, directory: Directory, person_ids: Iterable[str]) -> None:
        self.organisations = {o.id: o for o in directory.list(Organisation)}
        self.affiliations: dict[str, list[Affiliation]] = {}
        wanted = sorted(set(person_ids))
        for affiliation in directory.list(Affiliation, where={"person_id": wanted}):
            self.affiliations.setdefault(affiliation.person_id, []).append(affiliation)

    def member_organisation(self, seat: Seat, on: date) -> str | None:
        """The member organisation the holder of ``seat`` sat for on ``on``, if any.

        A seat that names an organisation counts when that organisation was a
        member that day; one that names none counts when one of the person's
        organisations that day was a member.
        """
        if seat.organisation_id:
            candidates: Iterable[str] = (seat.organisation_id,)
        else:
            candidates = (
                a.organisation_id
                for a in self.affiliations.get(seat.person_id, [])
                if (a.start is None or a.start <= on) and (a.end is None or on <= a.end)
            )
        for organisation_id in candidates:
            organisation = self.organisations.get(organisation_id)
            if organisation is not None and is_member_on(organisation, on):
                return organisation_id
        return None


def _bodies_in_order(directory: Directory) -> list[Body]:
    return sorted(
        directory.list(Body),
        key=lambda b: (BODY_KINDS.index(b.body_kind), b.name.casefold(), b.id),
    )


def leadership(directory: Directory, on: date) -> tuple[BodyLeadership, ...]:
    """Per body (the Board first, then working groups by name), the seats held on ``on``.

    A seat counts as held by a member when the organisation it names was a member
    on that day; a seat that names no organisation counts when one of the person's
    organisations on that day was a member.
    """
    seats = [s for s in directory.seats() if s.holds_on(on)]
    membership = _Membership(directory, (s.person_id for s in seats))
    by_body: dict[str, list[Seat]] = {}
    for seat in seats:
        by_body.setdefault(seat.body_id, []).append(seat)
    figures = []
    for body in _bodies_in_order(directory):
        held = by_body.get(body.id, [])
        from_members = [s for s in held if membership.member_organisation(s, on) is not None]
        leading = [s for s in held if s.role in LEADING_ROLES]
        figures.append(
            BodyLeadership(
                body=body,
                seats=len(held),
                held_by_members=len(from_members),
                leading_seats=len(leading),
                leading_held_by_members=sum(1 for s in leading if s in from_members),
                people=len({s.person_id for s in held}),
                people_from_members=len({s.person_id for s in from_members}),
            )
        )
    return tuple(figures)


def grassroots_on_board(directory: Directory, on: date) -> int:
    """How many people of member organisations sit on the Board on ``on``.

    The question the working group asks of its leadership objective; the same
    count as the Board's ``people_from_members`` in ``leadership``.
    """
    board = {b.id for b in directory.list(Body, {"body_kind": "board"})}
    seats = [s for s in directory.seats() if s.body_id in board and s.holds_on(on)]
    membership = _Membership(directory, (s.person_id for s in seats))
    return len({s.person_id for s in seats if membership.member_organisation(s, on) is not None})


def body_seats(
    directory: Directory, body_id: str, *, on: date | None = None, today: date | None = None
) -> tuple[HeldSeat, ...]:
    """The seats of one body: those held on ``on``, or every seat ever when None.

    Longest-held first within each role; leading roles before members. Whether a
    holder sits for a member organisation is judged on ``on``, or for the whole
    history on the seat's last day held up to ``today`` (its first day if it has
    not begun).
    """
    body = directory.get(Body, body_id)
    today = today or date.today()
    seats = [s for s in directory.seats(body_id=body.id) if on is None or s.holds_on(on)]
    membership = _Membership(directory, (s.person_id for s in seats))
    found = []
    for seat in seats:
        day = on if on is not None else _last_day_held(seat, today)
        member = membership.member_organisation(seat, day)
        found.append(HeldSeat(seat, member is not None, member or seat.organisation_id))
    rank = {role: n for n, role in enumerate(SEAT_ROLE_ORDER)}
    found.sort(
        key=lambda h: (
            rank.get(h.seat.role, len(rank)),
            h.seat.start or date.min,
            h.seat.end or date.max,
            h.seat.id,
        )
    )
    return tuple(found)


SEAT_ROLE_ORDER = ("chair", "co_chair", "board_member", "focal_point", "member", "observer")
"""How seats are listed within a body: leading roles first."""


def _last_day_held(seat: Seat, today: date) -> date:
    day = min(seat.end, today) if seat.end is not None else today
    return max(day, seat.start) if seat.start is not None else day


def activity_instant(activity: Activity, moment: datetime) -> datetime:
    """A wall-clock time of the activity as an aware datetime in its time zone."""
    return moment.replace(tzinfo=ZoneInfo(activity.tz or "UTC"))


def upcoming_activities(
    directory: Directory, today: date, limit: int | None = 5
) -> tuple[UpcomingActivity, ...]:
    """Activities whose last day (in their own time zone) is ``today`` or later, soonest first.

    An activity under way today is still upcoming: people are checking in.
    """
    coming = [
        a
        for a in directory.list(Activity)
        if a.start is not None and a.end is not None and a.end.date() >= today
    ]
    coming.sort(key=lambda a: (a.start.date() if a.start else today, _utc_start(a), a.title))
    figures = []
    for activity in coming[:limit]:
        statuses = Counter(p.status for p in directory.participants(activity.id))
        figures.append(
            UpcomingActivity(
                activity=activity,
                invited=sum(statuses.values()),
                confirmed=statuses["confirmed"],
                attended=statuses["attended"],
                declined=statuses["declined"],
            )
        )
    return tuple(figures)


def _utc_start(activity: Activity) -> datetime:
    assert activity.start is not None
    return activity_instant(activity, activity.start).astimezone(ZoneInfo("UTC"))
