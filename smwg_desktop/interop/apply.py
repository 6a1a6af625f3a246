"""Carrying out an import plan: in one transaction, whole rows or nothing.

Without ``skip_bad_rows`` a plan with any refused row writes nothing at all, and a
row that fails while it is written undoes every row before it. With it, the good
rows are written and each bad one is reported with its line and reason; a row is
never half written (each runs in its own savepoint).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import RECORD_TYPES, Affiliation, Organisation, Person, Record
from smwg_desktop.i18n import _
from smwg_desktop.interop import read_file
from smwg_desktop.interop.columns import load_mapping
from smwg_desktop.interop.plan import Action, Plan, RowPlan, Step, Steps, make_plan, run_to_end

_KINDS: dict[str, type[Record]] = {
    "organisation": Organisation,
    "person": Person,
    "affiliation": Affiliation,
}
SHOWN_REFUSALS = 5
"""Refused rows named in the message of an import that wrote nothing."""


class ImportRefused(UserError):
    """A file with bad rows, imported without ``skip_bad_rows``: nothing was written."""

    def __init__(self, refused: list[tuple[int, str]]) -> None:
        self.refused = tuple(refused)
        shown = "; ".join(f"row {line}: {reason}" for line, reason in refused[:SHOWN_REFUSALS])
        more = len(refused) - SHOWN_REFUSALS
        count = f"{len(refused)} row{'s' if len(refused) != 1 else ''}"
        super().__init__(
            f"nothing was imported: {count} cannot be imported ({shown}"
            + (f"; and {more} more" if more > 0 else "")
            + "); correct the file, or import the other rows and skip these (--skip-bad-rows)"
        )


@dataclass(frozen=True)
class ImportReport:
    """What an import wrote, by record kind, and the rows it did not import."""

    created: Mapping[str, int] = field(default_factory=dict)
    updated: Mapping[str, int] = field(default_factory=dict)
    """Records changed (updated by id, or merged into), by kind."""
    rows_written: int = 0
    rows_unchanged: int = 0
    refused: tuple[tuple[int, str], ...] = ()
    """(line, reason) of each row not imported."""

    def describe(self) -> list[str]:
        def counts(found: Mapping[str, int]) -> str:
            return ", ".join(f"{n} {kind}" for kind, n in found.items() if n) or "nothing"

        lines = [f"row {line}: not imported: {reason}" for line, reason in self.refused]
        lines.append(
            f"created {counts(self.created)}; updated {counts(self.updated)}; "
            f"{self.rows_written} rows imported, {self.rows_unchanged} unchanged, "
            f"{len(self.refused)} not imported"
        )
        return lines


@dataclass
class ImportJournal:
    """What an import wrote, so that it can be taken back and done again (the app's undo).

    Filled by ``applying`` as rows are written; a row that is not written leaves
    nothing here. ``undo_import`` and ``redo_import`` use it.
    """

    created: list[tuple[str, str]] = field(default_factory=list)
    """(kind, id) of each record the import created, in the order written."""
    before: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    """The values an existing record had, for each field the import changed."""
    after: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    """The values the import left in those fields."""
    deleted: list[tuple[str, str]] = field(default_factory=list)
    """What ``undo_import`` deleted (the created records and what hung on them)."""
    _made: set[tuple[str, str]] = field(default_factory=set, repr=False)

    @property
    def changes_nothing(self) -> bool:
        return not self.created and not self.after


def _apply_step(directory: Directory, step: Step, journal: ImportJournal) -> None:
    cls = _KINDS[step.kind]
    key = (step.kind, step.record_id)
    if step.action is Action.CREATE:
        directory.create(cls, step.changes, record_id=step.record_id)
        journal.created.append(key)
        journal._made.add(key)
    elif step.action in (Action.UPDATE, Action.MERGE) and step.changes:
        before = directory.get(cls, step.record_id)
        after = directory.update(cls, step.record_id, step.changes)
        if key in journal._made:
            # Undo deletes it whole and redo restores it as it ended: no values to keep.
            return
        old = journal.before.setdefault(key, {})
        for name in step.changes:
            old.setdefault(name, getattr(before, name))
        journal.after.setdefault(key, {}).update(
            {name: getattr(after, name) for name in step.changes}
        )


def apply_plan(
    directory: Directory,
    plan: Plan,
    *,
    skip_bad_rows: bool = False,
    journal: ImportJournal | None = None,
) -> ImportReport:
    """Write what ``plan`` says, in one transaction; returns what was written.

    Raises ``ImportRefused`` (nothing written) if the plan has refused rows, or a
    row fails as it is written, and ``skip_bad_rows`` is False. With it, those
    rows are left out and named in the report. ``journal``, when given, records
    what was written (for ``undo_import``).
    """
    return run_to_end(applying(directory, plan, skip_bad_rows=skip_bad_rows, journal=journal))


def applying(
    directory: Directory,
    plan: Plan,
    *,
    skip_bad_rows: bool = False,
    journal: ImportJournal | None = None,
) -> Steps[ImportReport]:
    """``apply_plan`` a row at a time: yields the rows done, returns the report.

    The transaction stays open between steps and commits after the last one:
    closing the generator before then (``close()``, or an error) rolls back
    every row, so a stopped import writes nothing.
    """
    refused = [(row.line, row.reason) for row in plan.refused]
    if refused and not skip_bad_rows:
        raise ImportRefused(refused)
    journal = journal if journal is not None else ImportJournal()
    created: dict[str, int] = dict.fromkeys(_KINDS, 0)
    updated: dict[str, int] = dict.fromkeys(_KINDS, 0)
    written = unchanged = 0
    made_by: dict[str, int] = {}
    failed: set[int] = set()
    with directory.store.transaction():
        for done, row in enumerate(plan.rows, start=1):
            if row.action is Action.UNCHANGED:
                unchanged += 1
            elif row.action is not Action.REFUSED:
                problem = _dependency(row, made_by, failed)
                row_journal = ImportJournal()
                if problem is None:
                    try:
                        with directory.store.transaction():
                            for step in row.steps:
                                _apply_step(directory, step, row_journal)
                    except UserError as exc:
                        if not skip_bad_rows:
                            raise ImportRefused([(row.line, str(exc))]) from None
                        problem = str(exc)
                if problem is not None:
                    failed.add(row.line)
                    refused.append((row.line, problem))
                else:
                    _keep(journal, row_journal)
                    written += 1
                    for step in row.steps:
                        if step.action is Action.CREATE:
                            created[step.kind] += 1
                            made_by[step.record_id] = row.line
                        elif step.action in (Action.UPDATE, Action.MERGE) and step.changes:
                            updated[step.kind] += 1
            yield done
    refused.sort()
    return ImportReport(created, updated, written, unchanged, tuple(refused))


def _keep(journal: ImportJournal, row: ImportJournal) -> None:
    """Add one written row's part to the import's journal (earliest old values win)."""
    journal.created.extend(row.created)
    journal._made.update(row._made)
    for key, values in row.before.items():
        if key in journal._made:
            continue
        old = journal.before.setdefault(key, {})
        for name, value in values.items():
            old.setdefault(name, value)
    for key, values in row.after.items():
        if key not in journal._made:
            journal.after.setdefault(key, {}).update(values)


def undo_import(directory: Directory, journal: ImportJournal) -> None:
    """Take an import back: old values into the records it changed, its new records deleted.

    Deleted records are tombstones, as for any delete; ``redo_import`` restores
    them. A record deleted since (here or on another device) is left as it is:
    there is nothing of it to take back.
    """
    with directory.store.transaction():
        for (kind, record_id), values in journal.before.items():
            if directory.find(_KINDS[kind], record_id) is not None:
                directory.update(_KINDS[kind], record_id, values)
        deleted: list[tuple[str, str]] = []
        for kind, record_id in reversed(journal.created):
            if directory.find(_KINDS[kind], record_id) is not None:
                deleted.extend(directory.delete(_KINDS[kind], record_id))
        journal.deleted = deleted


def redo_import(directory: Directory, journal: ImportJournal) -> None:
    """Do an import again after ``undo_import``: its records back, its values written again."""
    with directory.store.transaction():
        directory.restore(list(reversed(journal.deleted)))
        for (kind, record_id), values in journal.after.items():
            if directory.find(_KINDS[kind], record_id) is not None:
                directory.update(_KINDS[kind], record_id, values)
        journal.deleted = []


def _dependency(row: RowPlan, made_by: Mapping[str, int], failed: set[int]) -> str | None:
    """Why a row cannot be written because an earlier row it builds on was not."""
    for step in row.steps:
        if step.action is Action.CREATE:
            continue
        line = made_by.get(step.record_id)
        if line is not None and line in failed:
            return _("it adds to the {kind} of row {line}, which was not imported").format(
                kind=_(RECORD_TYPES[step.kind].label).lower(), line=line
            )
    return None


def import_file(
    directory: Directory,
    path: str | os.PathLike[str],
    *,
    mapping: str | os.PathLike[str] | None = None,
    dry_run: bool = False,
    skip_bad_rows: bool = False,
) -> tuple[Plan, ImportReport | None]:
    """``smwg import FILE [--dry-run] [--mapping FILE] [--skip-bad-rows]`` in one call.

    Reads the file (CSV, XLSX or vCard by its extension), plans, and unless
    ``dry_run`` applies the plan. Returns the plan (for the row-by-row report)
    and what was written (None on a dry run, which writes nothing).
    """
    saved = load_mapping(mapping) if mapping is not None else None
    incoming = read_file(Path(path), saved)
    plan = make_plan(directory, incoming)
    if dry_run:
        return plan, None
    return plan, apply_plan(directory, plan, skip_bad_rows=skip_bad_rows)
