"""Edits of activities, their participants and agendas, as undoable commands.

Every edit a person makes on the activities screen is one ``QUndoCommand`` on the
window's undo stack: its ``redo`` calls the core, its ``undo`` reverses the call
(an update back to the old values, a delete or restore for additions and
removals, a move back for moves). The core commits each call at once, so nothing
waits for a Save button and a crash loses nothing.

A command is first done *before* it is pushed: a refusal from the core
(``ValidationError``) then never reaches the stack, and the caller shows the
reason beside the field. Pushing does not do the work a second time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError, ValidationError
from smwg_desktop.core.model import Activity, AgendaItem, Record
from smwg_desktop.i18n import N_, _
from smwg_desktop.ui.commands import CoreCommand


class ActivityEdits(QObject):
    """Makes the activity screen's edits as commands on an undo stack, and says when data changed.

    ``applied`` carries the id of the activity an edit (or its undo or redo) touched,
    after the core has it. ``refused`` says, in a sentence fit to show, that an undo
    or redo could not be done (another device's changes came in between). A
    refusal of a new edit is raised to its caller instead.
    """

    applied = Signal(str)
    refused = Signal(str)

    def __init__(
        self, directory: Directory, undo_stack: QUndoStack, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.undo_stack = undo_stack

    def push(self, command: DirectoryCommand) -> bool:
        """Do the command and put it on the stack; False when it changed nothing.

        Raises the core's ``UserError`` (a ``ValidationError`` names the field) when
        the core refuses; the stack is then untouched.
        """
        with self.directory.store.transaction():
            command.apply()
        if command.changes_nothing():
            return False
        command.done_before_push = True
        self.undo_stack.push(command)
        return True

    # The edits the screen makes; each raises UserError when the core refuses.

    def update(
        self,
        cls: type[Record],
        record_id: str,
        changes: Mapping[str, Any],
        *,
        activity_id: str,
        text: str,
    ) -> bool:
        return self.push(UpdateCommand(self, cls, record_id, changes, activity_id, text))

    def create(
        self, cls: type[Record], values: Mapping[str, Any], *, activity_id: str, text: str
    ) -> str:
        """Add a record; returns its id."""
        command = CreateCommand(self, cls, values, activity_id, text)
        self.push(command)
        return command.record_id

    def create_activity(self, values: Mapping[str, Any]) -> str:
        command = CreateCommand(self, Activity, values, "", _("New activity"))
        self.push(command)
        return command.record_id

    def delete(self, cls: type[Record], record_id: str, *, activity_id: str, text: str) -> bool:
        return self.push(DeleteCommand(self, cls, record_id, activity_id, text))

    def add_agenda_item(
        self, activity_id: str, values: Mapping[str, Any], place: int | None, *, text: str
    ) -> str:
        """Add an item to its day, at ``place`` (1 = first) or at the end; returns its id."""
        command = AddAgendaItemCommand(self, activity_id, values, place, text)
        self.push(command)
        return command.record_id

    def move_agenda_item(self, item: AgendaItem, place: int, day: int) -> bool:
        return self.push(MoveAgendaItemCommand(self, item, place, day))

    def _notify(self, activity_id: str) -> None:
        # Commands outlive a closed screen on a shared stack: stay quiet once it is gone.
        if shiboken6.isValid(self):
            self.applied.emit(activity_id)

    def _report_later_refusal(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            self.refused.emit(user_message(error))


FIELD_LABELS: dict[str, str] = {
    "title": N_("Title"),
    "activity_kind": N_("Kind"),
    "start": N_("Starts"),
    "end": N_("Ends"),
    "tz": N_("Time zone"),
    "day_start": N_("Later days start at"),
    "venue": N_("Venue"),
    "link": N_("Online link"),
    "languages": N_("Languages"),
    "interpretation": N_("Interpretation"),
    "objective": N_("Objective"),
    "description": N_("Description"),
    "minutes": N_("Duration"),
    "day": N_("Day"),
    "item_kind": N_("Kind"),
    "position": N_("Place"),
    "status": N_("Status"),
    "role": N_("Role"),
    "person_id": N_("Person"),
}


def reason(error: UserError) -> str:
    """Why the core refused, as a sentence to show beside the field it names."""
    text = error.reason if isinstance(error, ValidationError) else error.message
    return text[:1].upper() + text[1:]


def user_message(error: UserError) -> str:
    """Why the core refused, naming the field, for a message away from the field."""
    if isinstance(error, ValidationError):
        name = FIELD_LABELS.get(error.field)
        return f"{_(name)}: {error.reason}" if name else f"{error.field}: {error.reason}"
    return reason(error)


class DirectoryCommand(CoreCommand):
    """An edit made on the activities screen; the screen shows its activity after it."""

    def __init__(self, edits: ActivityEdits, activity_id: str, text: str) -> None:
        super().__init__(edits, text)
        self.activity_id = activity_id

    def notify(self) -> None:
        self.edits._notify(self.activity_id)


class UpdateCommand(DirectoryCommand):
    """Change some fields of a record; undo puts the old values back."""

    def __init__(
        self,
        edits: ActivityEdits,
        cls: type[Record],
        record_id: str,
        changes: Mapping[str, Any],
        activity_id: str,
        text: str,
    ) -> None:
        super().__init__(edits, activity_id, text)
        self.cls = cls
        self.record_id = record_id
        self.changes = dict(changes)
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}

    def apply(self) -> None:
        before = self.directory.get(self.cls, self.record_id)
        after = self.directory.update(self.cls, self.record_id, self.changes)
        self.old = {name: getattr(before, name) for name in self.changes}
        self.new = {name: getattr(after, name) for name in self.changes}

    def reapply(self) -> None:
        self.directory.update(self.cls, self.record_id, self.new)

    def revert(self) -> None:
        self.directory.update(self.cls, self.record_id, self.old)

    def changes_nothing(self) -> bool:
        return self.old == self.new


class CreateCommand(DirectoryCommand):
    """Add a record; undo deletes it (and what hangs on it), redo restores it."""

    def __init__(
        self,
        edits: ActivityEdits,
        cls: type[Record],
        values: Mapping[str, Any],
        activity_id: str,
        text: str,
    ) -> None:
        super().__init__(edits, activity_id, text)
        self.cls = cls
        self.values = dict(values)
        self.record_id = ""
        self.deleted: Sequence[tuple[str, str]] = ()

    def apply(self) -> None:
        self.record_id = self.directory.create(self.cls, self.values).id
        if self.cls is Activity:
            self.activity_id = self.record_id

    def reapply(self) -> None:
        self.directory.restore(self.deleted)

    def revert(self) -> None:
        self.deleted = self.directory.delete(self.cls, self.record_id)


class AddAgendaItemCommand(CreateCommand):
    def __init__(
        self,
        edits: ActivityEdits,
        activity_id: str,
        values: Mapping[str, Any],
        place: int | None,
        text: str,
    ) -> None:
        super().__init__(edits, AgendaItem, values, activity_id, text)
        self.place = place

    def apply(self) -> None:
        with self.directory.store.transaction():
            item = self.directory.add_agenda_item(self.activity_id, self.values)
            if self.place is not None:
                self.directory.move_agenda_item(item.id, self.place)
        self.record_id = item.id


class DeleteCommand(DirectoryCommand):
    """Delete a record and what depends on it; undo restores them all."""

    def __init__(
        self,
        edits: ActivityEdits,
        cls: type[Record],
        record_id: str,
        activity_id: str,
        text: str,
    ) -> None:
        super().__init__(edits, activity_id, text)
        self.cls = cls
        self.record_id = record_id
        self.deleted: Sequence[tuple[str, str]] = ()

    def apply(self) -> None:
        self.deleted = self.directory.delete(self.cls, self.record_id)

    def revert(self) -> None:
        self.directory.restore(self.deleted)


class MoveAgendaItemCommand(DirectoryCommand):
    """Put an agenda item at another place (and day); undo gives it back its old place.

    Undo and redo set the order key the item had: the agenda comes back exactly.
    """

    def __init__(self, edits: ActivityEdits, item: AgendaItem, place: int, day: int) -> None:
        super().__init__(edits, item.activity_id, _("Move “{title}”").format(title=item.title))
        self.item_id = item.id
        self.place = place
        self.day = day
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}

    def apply(self) -> None:
        before = self.directory.get(AgendaItem, self.item_id)
        after = self.directory.move_agenda_item(self.item_id, self.place, day=self.day)
        self.old = {"position": before.position, "day": before.day}
        self.new = {"position": after.position, "day": after.day}

    def reapply(self) -> None:
        self.directory.update(AgendaItem, self.item_id, self.new)

    def revert(self) -> None:
        self.directory.update(AgendaItem, self.item_id, self.old)

    def changes_nothing(self) -> bool:
        return self.old == self.new
