"""Edits of organisations, people, their links and bodies, as undoable commands.

Every edit is one ``QUndoCommand`` on the window's undo stack. Its first doing
happens *before* it is pushed, inside one transaction: when the core refuses
(``ValidationError`` names the field) nothing is written, nothing is pushed, and
the caller shows the reason beside the field. Undo and redo call the core again
(an update back to the old values, a delete or a restore), and the core commits
each call at once: there is never unsaved work for a crash to lose.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import Person, Record
from smwg_desktop.ui.labels import user_message


class RecordEdits(QObject):
    """Makes edits as commands on an undo stack, and says which record each one touched.

    ``applied`` carries the kind and id of the record an edit (or its undo or redo)
    touched, after the core has it. ``refused`` says, in a sentence fit to show,
    that an undo or redo could not be done (changes from another device came in
    between). A refusal of a new edit is raised to its caller instead.
    """

    applied = Signal(str, str)
    refused = Signal(str)

    def __init__(
        self, directory: Directory, undo_stack: QUndoStack, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.undo_stack = undo_stack

    def push(self, command: RecordCommand) -> bool:
        """Do the command and put it on the stack; False when it changed nothing.

        Raises the core's ``UserError`` when the core refuses; nothing is then
        written and the stack is untouched.
        """
        with self.directory.store.transaction():
            command.apply()
        if command.changes_nothing():
            return False
        command.done_before_push = True
        self.undo_stack.push(command)
        return True

    def update(
        self, cls: type[Record], record_id: str, changes: Mapping[str, Any], text: str
    ) -> bool:
        """Change some fields; False when they already had those values."""
        return self.push(UpdateCommand(self, cls, record_id, changes, text))

    def create(self, cls: type[Record], values: Mapping[str, Any], text: str) -> str:
        """Add a record; returns its id."""
        command = CreateCommand(self, cls, text, lambda d: d.create(cls, values).id)
        self.push(command)
        return command.record_id

    def add_person(
        self, values: Mapping[str, Any], organisation_id: str, role: str, text: str
    ) -> str:
        """Add a person, and their place in an organisation when one is given; returns the id."""
        command = CreateCommand(
            self,
            Person,
            text,
            lambda d: d.add_person(values, organisation_id=organisation_id or None, role=role).id,
        )
        self.push(command)
        return command.record_id

    def delete(self, cls: type[Record], record_id: str, text: str) -> list[tuple[str, str]]:
        """Delete a record and the links that hang on it; returns what went."""
        command = DeleteCommand(self, cls, record_id, text)
        self.push(command)
        return list(command.deleted)

    def set_local_note(self, cls: type[Record], record_id: str, note: str, text: str) -> bool:
        return self.push(LocalNoteCommand(self, cls, record_id, note, text))

    def _notify(self, kind: str, record_id: str) -> None:
        # Commands outlive a closed screen on a shared stack: stay quiet once it is gone.
        if shiboken6.isValid(self):
            self.applied.emit(kind, record_id)

    def _report_later_refusal(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            self.refused.emit(user_message(error))


class CoreCommand(QUndoCommand):
    """One edit through the core, done by ``apply`` and reversed by ``revert``.

    Subclasses give ``apply``, ``revert`` and ``notify`` (who to tell after either).
    ``edits`` is the screen's edit helper: it has ``directory`` and reports
    refusals that show up only on a later redo or undo.
    """

    def __init__(self, edits: Any, text: str) -> None:
        super().__init__(text)
        self.edits = edits
        self.directory: Directory = edits.directory
        self.done_before_push = False

    @abc.abstractmethod
    def apply(self) -> None:
        """The first doing; may raise ``UserError``."""

    def reapply(self) -> None:
        """Doing again after an undo."""
        self.apply()

    @abc.abstractmethod
    def revert(self) -> None:
        """Undoing what ``apply`` did."""

    @abc.abstractmethod
    def notify(self) -> None:
        """Tell the screen what changed, after a redo or an undo."""

    def changes_nothing(self) -> bool:
        return False

    def redo(self) -> None:
        if self.done_before_push:
            self.done_before_push = False
        else:
            self._run(self.reapply)
        self.notify()

    def undo(self) -> None:
        self._run(self.revert)
        self.notify()

    def _run(self, step: Callable[[], None]) -> None:
        # Another device's changes (a bundle imported since) can make an old edit
        # impossible: say so, and let the stack drop the command.
        try:
            with self.directory.store.transaction():
                step()
        except UserError as error:
            self.setObsolete(True)
            self.edits._report_later_refusal(error)


class RecordCommand(CoreCommand):
    """An edit of one record of the directory screens."""

    def __init__(self, edits: RecordEdits, cls: type[Record], record_id: str, text: str) -> None:
        # Before the newline, the menu's words ("&" doubled so a name's "&" is no mnemonic).
        super().__init__(edits, f"{text.replace('&', '&&')}\n{text}")
        self.cls = cls
        self.record_id = record_id

    def notify(self) -> None:
        self.edits._notify(self.cls.kind, self.record_id)


class UpdateCommand(RecordCommand):
    """Change some fields of a record; undo puts the old values back."""

    def __init__(
        self,
        edits: RecordEdits,
        cls: type[Record],
        record_id: str,
        changes: Mapping[str, Any],
        text: str,
    ) -> None:
        super().__init__(edits, cls, record_id, text)
        self.changes = dict(changes)
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}

    def apply(self) -> None:
        before = self.directory.get(self.cls, self.record_id)
        self.old = {name: getattr(before, name) for name in self.changes}
        # Values already in place are left alone: no change to travel, no conflict to make.
        wanted = self.cls.build(before.id, self.changes, base=before)
        self.new = {name: getattr(wanted, name) for name in self.changes}
        if self.new != self.old:
            self.directory.update(self.cls, self.record_id, self.changes)

    def reapply(self) -> None:
        self.directory.update(self.cls, self.record_id, self.new)

    def revert(self) -> None:
        self.directory.update(self.cls, self.record_id, self.old)

    def changes_nothing(self) -> bool:
        return self.old == self.new


class CreateCommand(RecordCommand):
    """Add a record; undo deletes it (and what hangs on it), redo restores it."""

    def __init__(
        self,
        edits: RecordEdits,
        cls: type[Record],
        text: str,
        make: Callable[[Directory], str],
    ) -> None:
        super().__init__(edits, cls, "", text)
        self.make = make
        self.deleted: Sequence[tuple[str, str]] = ()

    def apply(self) -> None:
        self.record_id = self.make(self.directory)

    def reapply(self) -> None:
        self.directory.restore(self.deleted)

    def revert(self) -> None:
        self.deleted = self.directory.delete(self.cls, self.record_id)


class DeleteCommand(RecordCommand):
    """Delete a record and what depends on it; undo restores them all."""

    def __init__(self, edits: RecordEdits, cls: type[Record], record_id: str, text: str) -> None:
        super().__init__(edits, cls, record_id, text)
        self.deleted: Sequence[tuple[str, str]] = ()

    def apply(self) -> None:
        self.deleted = self.directory.delete(self.cls, self.record_id)

    def revert(self) -> None:
        self.directory.restore(self.deleted)


class LocalNoteCommand(RecordCommand):
    """Change the note kept on this device only; undo puts the old note back."""

    def __init__(
        self, edits: RecordEdits, cls: type[Record], record_id: str, note: str, text: str
    ) -> None:
        super().__init__(edits, cls, record_id, text)
        self.new = note.strip()
        self.old = ""

    def apply(self) -> None:
        self.old = self.directory.local_note(self.cls, self.record_id)
        self.directory.set_local_note(self.cls, self.record_id, self.new)

    def revert(self) -> None:
        self.directory.set_local_note(self.cls, self.record_id, self.old)

    def changes_nothing(self) -> bool:
        return self.old == self.new
