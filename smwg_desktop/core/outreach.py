"""The outreach pipeline: prospects, the stage each has reached, and the priorities.

A prospect moves through ``OUTREACH_STAGES``. Each move is an ``OutreachMove``
record (date, person responsible, note) and sets the organisation's
``outreach_stage`` and, where the stage says so, its membership status: applying
makes an applicant, joining a member. Both are ordinary changes, so a move
travels in bundles, and two devices that move one prospect differently get a
conflict on its stage.

An organisation is in the pipeline when it has a stage, or is a prospect or an
applicant (then at "identified" or "applied" until someone moves it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import RefusedError, ValidationError
from smwg_desktop.core.figures import (
    WOMEN_LED,
    MembershipComposition,
    Tally,
    membership_composition,
)
from smwg_desktop.core.geo import Region
from smwg_desktop.core.model import OUTREACH_STAGES, Organisation, OutreachMove
from smwg_desktop.i18n import _

ACTIVE_STAGES = ("identified", "contacted", "in_conversation", "applied")
"""Stages of prospects still on their way: the pipeline proper."""
ADVANCED_STAGES = ("in_conversation", "applied")
"""How far is far: in conversation with the working group, or applied to join."""
STAGE_RANK = {stage: n for n, stage in enumerate(OUTREACH_STAGES)}
"""Forward order; "declined" comes last, so reopening a declined prospect is a step back
(and so is any move of a prospect that joined)."""
STAGE_STATUS = {
    "identified": "prospect",
    "contacted": "prospect",
    "in_conversation": "prospect",
    "applied": "applicant",
    "joined": "member",
    "declined": "prospect",
}
"""The membership status an organisation has once it reaches a stage."""
_STATUS_STAGE = {"prospect": "identified", "applicant": "applied"}


@dataclass(frozen=True)
class PipelineGroup:
    """One outreach priority (or two together) as the pipeline stands."""

    key: str
    """``africa``, ``europe``, ``women_led``, ``africa_women_led`` or ``europe_women_led``."""
    region: Region | None
    women_led: bool

    def matches(self, organisation: Organisation) -> bool:
        if self.women_led and not organisation.women_led:
            return False
        return self.region is None or organisation.region == self.region


PIPELINE_GROUPS: tuple[PipelineGroup, ...] = (
    PipelineGroup("africa", Region.AFRICA, False),
    PipelineGroup("europe", Region.EUROPE, False),
    PipelineGroup(WOMEN_LED, None, True),
    PipelineGroup("africa_women_led", Region.AFRICA, True),
    PipelineGroup("europe_women_led", Region.EUROPE, True),
)
"""The working group's outreach priorities (more groups from Africa, from Europe, led
by women), and the two meeting points of them that coordinators ask about."""


def stage_of(organisation: Organisation) -> str:
    """The pipeline stage an organisation is at; empty when it is not in the pipeline."""
    return organisation.outreach_stage or _STATUS_STAGE.get(organisation.status, "")


def clean_stage(stage: str) -> str:
    """A stage as typed ("In conversation", "in-conversation") made the stored word."""
    try:
        cleaned: str = OutreachMove.field_types()["stage"].clean(stage, {})
    except ValueError as exc:
        raise ValidationError("stage", str(exc)) from None
    return cleaned


@dataclass(frozen=True)
class PipelineFilter:
    """Which prospects to look at; empty fields take every value."""

    region: str = ""
    country: str = ""
    constituency: str = ""
    women_led: bool = False
    """Only women-led groups when True."""
    stage: str = ""

    def matches(self, organisation: Organisation, stage: str) -> bool:
        region = organisation.region
        return (
            (not self.region or (region is not None and region.value == self.region))
            and (not self.country or organisation.country == self.country)
            and (not self.constituency or self.constituency in organisation.constituencies)
            and (not self.women_led or organisation.women_led)
            and (not self.stage or stage == self.stage)
        )


@dataclass(frozen=True)
class Prospect:
    """An organisation in the pipeline: its stage, since when, and its last move."""

    organisation: Organisation
    stage: str
    since: date | None
    """The day of its last move, else the day its status was set."""
    last_move: OutreachMove | None


def moves(directory: Directory, organisation_id: str) -> list[OutreachMove]:
    """An organisation's moves through the pipeline, oldest first."""
    organisation = directory.get(Organisation, organisation_id)
    found = directory.list(OutreachMove, {"organisation_id": organisation.id}, order_by=("id",))
    return sorted(found, key=_move_order)


def _move_order(move: OutreachMove) -> tuple[date, int, str]:
    return (move.moved_on or date.min, STAGE_RANK.get(move.stage, 0), move.id)


def pipeline(directory: Directory, wanted: PipelineFilter | None = None) -> list[Prospect]:
    """Every organisation in the pipeline that ``wanted`` lets through, by stage then name."""
    wanted = wanted or PipelineFilter()
    last: dict[str, OutreachMove] = {}
    for step in sorted(directory.list(OutreachMove, order_by=("id",)), key=_move_order):
        last[step.organisation_id] = step
    found = []
    for organisation in directory.list(Organisation):
        stage = stage_of(organisation)
        if not stage or not wanted.matches(organisation, stage):
            continue
        latest = last.get(organisation.id)
        since = latest.moved_on if latest is not None else organisation.status_since
        found.append(Prospect(organisation, stage, since, latest))
    found.sort(key=lambda p: (STAGE_RANK[p.stage], p.organisation.name.casefold(), p.organisation.id))
    return found


@dataclass(frozen=True)
class GroupFigures:
    """How many prospects of one priority group there are, and how far they have come."""

    group: PipelineGroup
    by_stage: tuple[Tally, ...]
    """Every stage in order, zeros included."""

    def at(self, stage: str) -> int:
        return next(t.count for t in self.by_stage if t.key == stage)

    @property
    def in_pipeline(self) -> int:
        """Still on their way (identified to applied)."""
        return sum(self.at(s) for s in ACTIVE_STAGES)

    @property
    def advanced(self) -> int:
        """In conversation or applied."""
        return sum(self.at(s) for s in ADVANCED_STAGES)


@dataclass(frozen=True)
class OutreachSummary:
    """The pipeline by stage and against the priorities, and the membership now and "what if"."""

    wanted: PipelineFilter
    everyone: GroupFigures
    """Every prospect the filter lets through (its group is "all")."""
    groups: tuple[GroupFigures, ...]
    """In ``PIPELINE_GROUPS`` order, within what the filter lets through."""
    composition: MembershipComposition
    """The membership as it stands (the whole network, whatever the filter)."""
    what_if: MembershipComposition
    """The membership if every current applicant joined."""

    def group(self, key: str) -> GroupFigures:
        return next(g for g in self.groups if g.group.key == key)


def _figures(group: PipelineGroup, prospects: Iterable[Prospect]) -> GroupFigures:
    counts = Counter(p.stage for p in prospects if group.matches(p.organisation))
    return GroupFigures(group, tuple(Tally(s, counts[s]) for s in OUTREACH_STAGES))


def outreach_summary(directory: Directory, wanted: PipelineFilter | None = None) -> OutreachSummary:
    """The figures of the outreach summary, the board and ``smwg outreach summary``."""
    wanted = wanted or PipelineFilter()
    prospects = pipeline(directory, wanted)
    return OutreachSummary(
        wanted=wanted,
        everyone=_figures(PipelineGroup("all", None, False), prospects),
        groups=tuple(_figures(group, prospects) for group in PIPELINE_GROUPS),
        composition=membership_composition(directory),
        what_if=membership_composition(directory, applicants_join=True),
    )


class BackwardsMoveError(RefusedError):
    """A move to an earlier stage (or out of "declined"), which must be forced."""


def move_changes(
    directory: Directory,
    organisation_id: str,
    stage: str,
    *,
    on: date | str | None = None,
    responsible_id: str = "",
    note: str = "",
    force: bool = False,
    today: date | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The move record's values and the organisation's changes for a move; nothing written.

    Refuses (``RefusedError``) a move to the stage the organisation is at, a member
    that never was in the pipeline, and, unless ``force``, a step back
    (``BackwardsMoveError``) or a move dated before the last one.
    """
    organisation = directory.get(Organisation, organisation_id)
    stage = clean_stage(stage)
    day = OutreachMove.field_types()["moved_on"].clean(on or today or date.today(), {})
    current = stage_of(organisation)
    name = organisation.name
    if stage == current:
        raise RefusedError(_("{name} is already at stage '{stage}'").format(name=name, stage=stage))
    if not current and organisation.status == "member" and not force:
        raise RefusedError(
            _("{name} is a member and not in the outreach pipeline").format(name=name)
        )
    # Out of "joined" every move is back: leaving the membership is no outreach.
    back = current == "joined" or (current and STAGE_RANK[stage] < STAGE_RANK[current])
    if back and not force:
        raise BackwardsMoveError(
            _("{name} is at '{current}': '{stage}' would be a step back").format(
                name=name, current=current, stage=stage
            )
        )
    earlier = moves(directory, organisation.id)
    if earlier and earlier[-1].moved_on and day < earlier[-1].moved_on and not force:
        raise RefusedError(
            _("the last move of {name} is dated {day}; a move cannot be dated before it").format(
                name=name, day=earlier[-1].moved_on.isoformat()
            )
        )
    values = {
        "organisation_id": organisation.id,
        "stage": stage,
        "moved_on": day,
        "responsible_id": responsible_id,
        "note": note,
    }
    changes: dict[str, Any] = {"outreach_stage": stage}
    status = STAGE_STATUS[stage]
    if status != organisation.status:
        changes["status"] = status
        changes["status_since"] = day
        if status == "member" and organisation.member_since is None:
            changes["member_since"] = day
    return values, changes


def move(
    directory: Directory,
    organisation_id: str,
    stage: str,
    *,
    on: date | str | None = None,
    responsible_id: str = "",
    note: str = "",
    force: bool = False,
    today: date | None = None,
) -> OutreachMove:
    """Move a prospect to ``stage`` on ``on`` (today when None): the move and the
    organisation's new stage and status, in one transaction. See ``move_changes``."""
    values, changes = move_changes(
        directory, organisation_id, stage, on=on, responsible_id=responsible_id, note=note,
        force=force, today=today,
    )
    with directory.store.transaction():
        record = directory.create(OutreachMove, values)
        directory.update(Organisation, record.organisation_id, changes)
    return record
