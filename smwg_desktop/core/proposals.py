"""Concept notes and their review by the thematic working groups before the GSM.

Sending a proposal for review opens one ``Review`` per body. The review's id
follows from the proposal and the body, so two devices that send the same note to
the same working group before they sync make one review, not two. Each answer is
an update of that review, so two devices that record different answers for one
working group get a conflict that a person settles (see ``Directory.conflicts``),
never a silent loss.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import RefusedError, ValidationError
from smwg_desktop.core.model import REVIEW_STATES, Body, Proposal, Review, Revision
from smwg_desktop.i18n import _

REVIEW_NAMESPACE = uuid.UUID("6f1d6c2e-4b0a-5c55-9a53-7265766965ff")
"""Fixed for ever: review ids are derived in it from (proposal id, body id)."""

PENDING = "pending"
ANSWERS = tuple(state for state in REVIEW_STATES if state != PENDING)
"""The states that count as an answer: commented, endorsed, declined."""
CLOSED_STATUSES = ("adopted", "withdrawn")
"""A proposal in one of these is no longer sent for review."""


def review_id(proposal_id: str, body_id: str) -> str:
    """The id of the review of ``proposal_id`` by ``body_id``, the same on every device."""
    return str(uuid.uuid5(REVIEW_NAMESPACE, f"{proposal_id}/{body_id}"))


def _body_order(body: Body | None) -> tuple[str, str]:
    return (body.name.casefold(), body.id) if body is not None else ("\uffff", "")


@dataclass(frozen=True)
class ReviewLine:
    """One body's review of a proposal, with the body (None if it was deleted since)."""

    review: Review
    body: Body | None

    @property
    def answered(self) -> bool:
        return self.review.state != PENDING

    @property
    def body_name(self) -> str:
        return self.body.name if self.body is not None else ""


@dataclass(frozen=True)
class ReviewProgress:
    """Where a proposal's review stands on a day: who answered what, and the time left."""

    proposal: Proposal
    lines: tuple[ReviewLine, ...]
    """Every review of the proposal, by body name."""
    on: date

    @property
    def total(self) -> int:
        return len(self.lines)

    @property
    def answered(self) -> int:
        return sum(1 for line in self.lines if line.answered)

    def count(self, state: str) -> int:
        return sum(1 for line in self.lines if line.review.state == state)

    @property
    def endorsed(self) -> int:
        return self.count("endorsed")

    @property
    def commented(self) -> int:
        return self.count("commented")

    @property
    def declined(self) -> int:
        return self.count("declined")

    @property
    def missing(self) -> tuple[ReviewLine, ...]:
        """The bodies that have not answered yet."""
        return tuple(line for line in self.lines if not line.answered)

    @property
    def days_left(self) -> int | None:
        """Days from ``on`` to the deadline: 0 on the day, negative once past; None if none."""
        deadline = self.proposal.deadline
        return None if deadline is None else (deadline - self.on).days

    @property
    def overdue(self) -> bool:
        """Answers are missing and the deadline has passed."""
        left = self.days_left
        return left is not None and left < 0 and bool(self.missing)


def default_review_bodies(directory: Directory) -> list[Body]:
    """The bodies a proposal goes to when none are named: every thematic working group."""
    bodies = directory.list(Body, {"body_kind": "thematic_working_group"})
    return sorted(bodies, key=_body_order)


def review_lines(directory: Directory, proposal_id: str) -> list[ReviewLine]:
    """The reviews of a proposal with their bodies, by body name."""
    proposal = directory.get(Proposal, proposal_id)
    reviews = directory.list(Review, {"proposal_id": proposal.id}, order_by=("id",))
    bodies = {b.id: b for b in directory.list(Body, {"id": sorted({r.body_id for r in reviews})})}
    lines = [ReviewLine(r, bodies.get(r.body_id)) for r in reviews]
    lines.sort(key=lambda line: (_body_order(line.body), line.review.id))
    return lines


def review_progress(directory: Directory, proposal_id: str, on: date | None = None) -> ReviewProgress:
    """How far the review of a proposal has come on ``on`` (today when None)."""
    proposal = directory.get(Proposal, proposal_id)
    return ReviewProgress(proposal, tuple(review_lines(directory, proposal.id)), on or date.today())


def send_for_review(
    directory: Directory, proposal_id: str, body_ids: Sequence[str] = ()
) -> list[Review]:
    """Open a pending review for each body named (every thematic working group if none).

    A body that already has the proposal is left as it is; a review deleted before
    is brought back with what it held. A draft becomes "in review". Returns the
    reviews opened. Refuses (``RefusedError``) a proposal that was adopted or
    withdrawn, and a sending that would open nothing.
    """
    proposal = directory.get(Proposal, proposal_id)
    if proposal.status in CLOSED_STATUSES:
        raise RefusedError(
            _("“{title}” is {status}: it is not sent for review").format(
                title=proposal.title, status=proposal.status
            )
        )
    bodies = (
        [directory.get(Body, body_id) for body_id in body_ids]
        if body_ids
        else default_review_bodies(directory)
    )
    if not bodies:
        raise RefusedError(_("there is no thematic working group to send it to; name the bodies"))
    reviewing = {r.body_id for r in directory.list(Review, {"proposal_id": proposal.id})}
    opened: list[Review] = []
    with directory.store.transaction():
        for body in dict.fromkeys(bodies):
            if body.id in reviewing:
                continue
            record_id = review_id(proposal.id, body.id)
            if directory.has_history(Review, record_id):
                directory.restore([(Review.kind, record_id)])
                review = directory.find(Review, record_id)
                if review is None:
                    # Erased for good: its id cannot be used again, so it gets a new one.
                    review = directory.create(
                        Review, {"proposal_id": proposal.id, "body_id": body.id}
                    )
            else:
                review = directory.create(
                    Review, {"proposal_id": proposal.id, "body_id": body.id}, record_id=record_id
                )
            opened.append(review)
        if not opened:
            names = ", ".join(b.acronym or b.name for b in bodies)
            raise RefusedError(
                _("“{title}” was already sent to {names}").format(title=proposal.title, names=names)
            )
        if proposal.status == "draft":
            directory.update(Proposal, proposal.id, {"status": "in_review"})
    return opened


def find_review(directory: Directory, proposal_id: str, body_id: str) -> Review:
    """The review of a proposal by a body; ``RefusedError`` if it was not sent there."""
    proposal = directory.get(Proposal, proposal_id)
    body = directory.get(Body, body_id)
    found = directory.list(Review, {"proposal_id": proposal.id, "body_id": body.id})
    if not found:
        raise RefusedError(
            _("“{title}” was not sent to {name} for review").format(
                title=proposal.title, name=body.name
            )
        )
    return found[0]


def record_review(
    directory: Directory,
    proposal_id: str,
    body_id: str,
    state: str,
    *,
    comments: str | None = None,
    reviewer_id: str | None = None,
    revision_id: str | None = None,
    answered_on: date | str | None = None,
    today: date | None = None,
) -> Review:
    """Record a body's answer in one step: its state, and any comments, reviewer or revision.

    An answer is dated ``answered_on`` (today when not given); back to pending, it
    has no date. Options left as None keep what the review holds. Refuses a body
    the proposal was not sent to, an unknown state (``ValidationError``) and a
    revision of another proposal.
    """
    review = find_review(directory, proposal_id, body_id)
    return directory.update(
        Review,
        review.id,
        review_changes(
            directory, review, state, comments=comments, reviewer_id=reviewer_id,
            revision_id=revision_id, answered_on=answered_on, today=today,
        ),
    )


def review_changes(
    directory: Directory,
    review: Review,
    state: str,
    *,
    comments: str | None = None,
    reviewer_id: str | None = None,
    revision_id: str | None = None,
    answered_on: date | str | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """The field changes that record an answer (see ``record_review``), checked, not written."""
    try:
        cleaned = Review.field_types()["state"].clean(state, {})
    except ValueError as exc:
        raise ValidationError("state", str(exc)) from None
    changes: dict[str, Any] = {"state": cleaned}
    if cleaned == PENDING:
        changes["answered_on"] = None
    else:
        changes["answered_on"] = answered_on or today or date.today()
    if comments is not None:
        changes["comments"] = comments
    if reviewer_id is not None:
        changes["reviewer_id"] = reviewer_id
    if revision_id:
        revision = directory.get(Revision, revision_id)
        if revision.proposal_id != review.proposal_id:
            raise RefusedError(
                _("revision “{name}” is a version of another proposal").format(name=revision.name)
            )
        changes["revision_id"] = revision.id
    elif revision_id is not None:
        changes["revision_id"] = ""
    return changes


def revisions(directory: Directory, proposal_id: str) -> list[Revision]:
    """The versions of a proposal's note, oldest first (undated ones last)."""
    proposal = directory.get(Proposal, proposal_id)
    found = directory.list(Revision, {"proposal_id": proposal.id}, order_by=("id",))
    return sorted(found, key=lambda r: (r.issued_on is None, r.issued_on or date.min, r.name, r.id))


def add_revision(directory: Directory, proposal_id: str, values: Mapping[str, Any]) -> Revision:
    """Record a new version of a proposal's note (label, date, link or file name)."""
    proposal = directory.get(Proposal, proposal_id)
    return directory.create(Revision, {**values, "proposal_id": proposal.id})
