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

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import Affiliation, Organisation, Person, Record
from smwg_desktop.interop import read_file
from smwg_desktop.interop.columns import load_mapping
from smwg_desktop.interop.plan import Action, Plan, RowPlan, Step, make_plan

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


def _apply_step(directory: Directory, step: Step) -> None:
    cls = _KINDS[step.kind]
    if step.action is Action.CREATE:
        directory.create(cls, step.changes, record_id=step.record_id)
    elif step.action in (Action.UPDATE, Action.MERGE) and step.changes:
        directory.update(cls, step.record_id, step.changes)


def apply_plan(directory: Directory, plan: Plan, *, skip_bad_rows: bool = False) -> ImportReport:
    """Write what ``plan`` says, in one transaction; returns what was written.

    Raises ``ImportRefused`` (nothing written) if the plan has refused rows, or a
    row fails as it is written, and ``skip_bad_rows`` is False. With it, those
    rows are left out and named in the report.
    """
    refused = [(row.line, row.reason) for row in plan.refused]
    if refused and not skip_bad_rows:
        raise ImportRefused(refused)
    created: dict[str, int] = dict.fromkeys(_KINDS, 0)
    updated: dict[str, int] = dict.fromkeys(_KINDS, 0)
    written = unchanged = 0
    made_by: dict[str, int] = {}
    failed: set[int] = set()
    with directory.store.transaction():
        for row in plan.rows:
            if row.action is Action.REFUSED:
                continue
            if row.action is Action.UNCHANGED:
                unchanged += 1
                continue
            problem = _dependency(row, made_by, failed)
            if problem is None:
                try:
                    with directory.store.transaction():
                        for step in row.steps:
                            _apply_step(directory, step)
                except UserError as exc:
                    if not skip_bad_rows:
                        raise ImportRefused([(row.line, str(exc))]) from None
                    problem = str(exc)
            if problem is not None:
                failed.add(row.line)
                refused.append((row.line, problem))
                continue
            written += 1
            for step in row.steps:
                if step.action is Action.CREATE:
                    created[step.kind] += 1
                    made_by[step.record_id] = row.line
                elif step.action in (Action.UPDATE, Action.MERGE) and step.changes:
                    updated[step.kind] += 1
    refused.sort()
    return ImportReport(created, updated, written, unchanged, tuple(refused))


def _dependency(row: RowPlan, made_by: Mapping[str, int], failed: set[int]) -> str | None:
    """Why a row cannot be written because an earlier row it builds on was not."""
    for step in row.steps:
        if step.action is Action.CREATE:
            continue
        line = made_by.get(step.record_id)
        if line is not None and line in failed:
            return f"it adds to the {step.kind} of row {line}, which was not imported"
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
