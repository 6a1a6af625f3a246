"""Any set of changes, in any order, applied by the bulk path and by the ordinary one, leaves the same state.

The changes are drawn freely: several devices, repeated and clashing stamps,
superseded versions (known or not, of any record), tombstones, erasures,
withdrawn values, kinds and fields this version does not know, spread over
several batches, records straddling them.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smwg_desktop.core.directory import Directory
from smwg_desktop.storage import changelog
from smwg_desktop.storage.changelog import Change, Version, encode
from tests.sync.test_bulk_import import state

DEVICES = ["a" * 32, "b" * 32, "c" * 32]
IDS = [f"00000000-0000-4000-8000-00000000000{n}" for n in range(3)]
stamp = st.integers(min_value=1, max_value=40)
version = st.tuples(stamp, st.sampled_from(DEVICES))


@st.composite
def change_lists(draw: st.DrawFn) -> list[list[Change]]:
    """One to three imports' worth of changes; superseded versions are mostly earlier ones."""
    drawn: list[Version] = []
    sets = []
    for _ in range(draw(st.integers(1, 3))):
        changes = []
        for _ in range(draw(st.integers(0, 14))):
            # Superseding and erasing changes send a bulk batch the long way: most go without.
            rare = draw(st.integers(0, 9)) == 0
            field = draw(st.sampled_from(
                ["_erased", "_deleted"] if rare else ["name", "country", "notes", "languages", "later_field"]
            ))
            values: dict[str, st.SearchStrategy[Any]] = {
                "name": st.text(max_size=8),
                "country": st.sampled_from(["BO", "PE", "", "XX"]),
                "notes": st.text(max_size=8),
                "languages": st.lists(st.sampled_from(["es", "qu", "fr"]), max_size=2),
                "_deleted": st.fixed_dictionaries(
                    {"deleted": st.booleans(), "seen": st.lists(version.map(list), max_size=2)}
                ),
                "_erased": st.just(True),
                "later_field": st.integers(),
            }
            supersedes: tuple[Version, ...] = ()
            if draw(st.integers(0, 4)) == 0:
                known = st.sampled_from(drawn) if drawn else version
                supersedes = tuple(draw(st.lists(known | version, min_size=1, max_size=2)))
            change = Change(
                draw(st.sampled_from(DEVICES)),
                draw(stamp),
                draw(st.sampled_from(["organisation", "person", "later_kind"])),
                draw(st.sampled_from(IDS)),
                field,
                draw(st.none() | values[field].map(encode)),
                supersedes,
            )
            drawn.append(change.version)
            changes.append(change)
        sets.append(changes)
    return sets


def outcome(folder: Path, sets: list[list[Change]], bulk: bool) -> tuple[str, Any]:
    with Directory.open(folder) as directory:
        try:
            for changes_of_one_import in sets:
                with directory.store.transaction():
                    directory.log.apply(changes_of_one_import, bulk=bulk)
        except Exception as error:  # the kind of failure must be the same too
            return "error", type(error)
        return "state", state(directory)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sets=change_lists(), batch=st.sampled_from([2, 5, 5_000]))
def test_bulk_and_ordinary_paths_agree(
    sets: list[list[Change]], batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(changelog, "APPLY_BATCH", batch)
    with tempfile.TemporaryDirectory() as scratch:
        bulk = outcome(Path(scratch) / "bulk", sets, bulk=True)
        ordinary = outcome(Path(scratch) / "ordinary", sets, bulk=False)
    assert bulk == ordinary
