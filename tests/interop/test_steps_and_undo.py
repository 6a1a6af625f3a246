"""An import in steps (the app's progress bar), stopped part way, taken back and done again."""

from __future__ import annotations

from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Affiliation, Organisation, Person
from smwg_desktop.interop import read_file
from smwg_desktop.interop.apply import (
    ImportJournal,
    ImportRefused,
    apply_plan,
    applying,
    redo_import,
    undo_import,
)
from smwg_desktop.interop.plan import Plan, make_plan, planning, run_to_end
from tests.interop.conftest import changes, snapshot


def test_planning_in_steps_counts_every_row_and_gives_the_same_plan(
    directory: Directory, data: Path
) -> None:
    incoming = read_file(data / "google-bom.csv")
    steps = planning(directory, incoming)

    counted = []
    while True:
        try:
            counted.append(next(steps))
        except StopIteration as end:
            plan = end.value
            break

    assert counted == list(range(1, len(incoming.rows) + 1))
    # New records get new random ids: compare what each row would do, without them.
    def actions(found: Plan) -> list[tuple[int, str, tuple[tuple[str, str, str], ...]]]:
        return [
            (r.line, r.action, tuple((s.kind, s.action, s.label) for s in r.steps))
            for r in found.rows
        ]

    assert actions(plan) == actions(make_plan(directory, incoming))


def test_an_import_stopped_part_way_writes_nothing(directory: Directory, data: Path) -> None:
    plan = make_plan(directory, read_file(data / "thunderbird.csv"))
    before = snapshot(directory), changes(directory)
    steps = applying(directory, plan)

    next(steps)
    next(steps)
    assert directory.count(Person) > 0, "the first rows are written inside the transaction"
    steps.close()

    assert (snapshot(directory), changes(directory)) == before
    assert not directory.conn.in_transaction


def test_an_import_run_in_steps_commits_at_the_end(directory: Directory, data: Path) -> None:
    plan = make_plan(directory, read_file(data / "thunderbird.csv"))

    report = run_to_end(applying(directory, plan))

    assert not directory.conn.in_transaction
    assert report.rows_written == len(plan.rows)
    assert directory.count(Person) == report.created["person"]


def test_a_plan_with_refused_rows_is_refused_before_the_first_step(
    directory: Directory, data: Path
) -> None:
    plan = make_plan(directory, read_file(data / "broken-utf8.csv"))

    with pytest.raises(ImportRefused):
        next(applying(directory, plan))

    assert directory.count(Person) == 0


def test_undo_takes_the_import_back_and_redo_does_it_again(
    directory: Directory, data: Path
) -> None:
    existing = directory.add_person(
        {"name": "Hanna Berhane", "emails": "hanna@example.org"}, organisation_id=None
    )
    before = snapshot(directory)
    journal = ImportJournal()
    plan = make_plan(directory, read_file(data / "broken-utf8.csv"))

    report = apply_plan(directory, plan, skip_bad_rows=True, journal=journal)
    after = snapshot(directory)

    assert report.updated["person"] == 1, "Hanna is merged in by her e-mail"
    assert ("person", existing.id) in journal.before
    assert all(kind in ("organisation", "person", "affiliation") for kind, _ in journal.created)
    assert directory.get(Person, existing.id).phones

    undo_import(directory, journal)

    assert snapshot(directory) == before
    assert directory.get(Person, existing.id).phones == ()
    assert directory.count(Organisation) == 0

    redo_import(directory, journal)

    assert snapshot(directory) == after


def test_a_record_created_and_then_merged_into_is_undone_whole(
    directory: Directory, tmp_path: Path
) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(
        "Name,Email,Phone,Organisation,Country\n"
        "Ana Quispe,ana@example.org,,Red Andina (muestra),PE\n"
        "Ana Quispe,ana@example.org,+51 984 555 123,Red Andina (muestra),PE\n",
        encoding="utf-8",
    )
    before = snapshot(directory)
    journal = ImportJournal()

    apply_plan(directory, make_plan(directory, read_file(path)), journal=journal)

    assert journal.before == {} and journal.after == {}
    undo_import(directory, journal)
    assert snapshot(directory) == before
    redo_import(directory, journal)
    ana = directory.list(Person)[0]
    assert [c.value for c in ana.phones] == ["+51984555123"]
    assert directory.count(Affiliation) == 1


def test_a_skipped_row_leaves_nothing_in_the_journal(directory: Directory, data: Path) -> None:
    journal = ImportJournal()
    plan = make_plan(directory, read_file(data / "broken-utf8.csv"))

    apply_plan(directory, plan, skip_bad_rows=True, journal=journal)

    created_people = {directory.get(Person, i).name for k, i in journal.created if k == "person"}
    assert created_people == {"Hanna Berhane", "Selam Tesfaye"}
    assert len(journal.created) == 6


def test_undo_leaves_alone_a_record_deleted_since(directory: Directory, data: Path) -> None:
    journal = ImportJournal()
    apply_plan(directory, make_plan(directory, read_file(data / "thunderbird.csv")), journal=journal)
    person_id = next(i for k, i in journal.created if k == "person")
    directory.delete(Person, person_id)

    undo_import(directory, journal)

    assert directory.count(Person) == 0
    assert directory.count(Organisation) == 0
    redo_import(directory, journal)
    assert directory.find(Person, person_id) is None, "redo brings back only what undo took"
    assert directory.count(Person) == len([k for k, _ in journal.created if k == "person"]) - 1
