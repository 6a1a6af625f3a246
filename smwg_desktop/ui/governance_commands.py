"""Undoable edits of the Proposals and Outreach screens that touch more than one record.

Sending a proposal for review opens several reviews (and may make the draft "in
review"); moving a prospect adds a move and changes the organisation's stage and
status. Each is one command on the window's undo stack, done through the same core
calls as ``smwg proposal send-for-review`` and ``smwg outreach move``. Single-record
edits (an answer, a field of a proposal) use ``commands.UpdateCommand``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from smwg_desktop.core.model import Organisation, OutreachMove, Proposal, Review
from smwg_desktop.core.outreach import move_changes
from smwg_desktop.core.proposals import send_for_review
from smwg_desktop.ui.commands import RecordCommand, RecordEdits


class SendForReviewCommand(RecordCommand):
    """Open a review of a proposal in each body; undo deletes them and puts the status back."""

    def __init__(
        self, edits: RecordEdits, proposal_id: str, body_ids: Sequence[str], text: str
    ) -> None:
        super().__init__(edits, Proposal, proposal_id, text)
        self.body_ids = tuple(body_ids)
        self.opened: list[tuple[str, str]] = []
        self.status_before = ""
        self.status_after = ""

    def apply(self) -> None:
        self.status_before = self.directory.get(Proposal, self.record_id).status
        reviews = send_for_review(self.directory, self.record_id, self.body_ids)
        self.opened = [(Review.kind, r.id) for r in reviews]
        self.status_after = self.directory.get(Proposal, self.record_id).status

    def reapply(self) -> None:
        self.directory.restore(self.opened)
        self._set_status(self.status_after)

    def revert(self) -> None:
        for _kind, review_id in self.opened:
            self.directory.delete(Review, review_id)
        self._set_status(self.status_before)

    def _set_status(self, status: str) -> None:
        if self.directory.get(Proposal, self.record_id).status != status:
            self.directory.update(Proposal, self.record_id, {"status": status})


class MoveProspectCommand(RecordCommand):
    """Move a prospect to a stage: the move and the organisation's new stage and status.

    Undo deletes the move and gives the organisation back what it had.
    """

    def __init__(
        self,
        edits: RecordEdits,
        organisation_id: str,
        stage: str,
        text: str,
        *,
        force: bool = False,
        note: str = "",
        responsible_id: str = "",
        on: date | None = None,
    ) -> None:
        super().__init__(edits, Organisation, organisation_id, text)
        self.stage = stage
        self.force = force
        self.note = note
        self.responsible_id = responsible_id
        self.on = on
        self.move_id = ""
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}

    def apply(self) -> None:
        values, self.new = move_changes(
            self.directory, self.record_id, self.stage, on=self.on, note=self.note,
            responsible_id=self.responsible_id, force=self.force,
        )
        before = self.directory.get(Organisation, self.record_id)
        self.old = {name: getattr(before, name) for name in self.new}
        self.move_id = self.directory.create(OutreachMove, values).id
        self.directory.update(Organisation, self.record_id, self.new)

    def reapply(self) -> None:
        self.directory.restore([(OutreachMove.kind, self.move_id)])
        self.directory.update(Organisation, self.record_id, self.new)

    def revert(self) -> None:
        self.directory.delete(OutreachMove, self.move_id)
        self.directory.update(Organisation, self.record_id, self.old)
