"""Convergence: devices that saw the same changes show the same directory.

Three devices make random edits, deletes, restores and conflict resolutions with
skewed clocks, and exchange their logs in random orders, with old full snapshots
delivered late and twice, and deliveries dropped. Once everyone has heard from
everyone, the canonical exports are byte-identical.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.storage.changelog import Change, encode

DEVICES = 3
SLOTS = [f"00000000-0000-4000-8000-00000000000{n}" for n in range(4)]
DAY_MS = 24 * 3600 * 1000

device = st.integers(min_value=0, max_value=DEVICES - 1)
slot = st.sampled_from(SLOTS)
operation = st.one_of(
    st.tuples(st.just("create"), device, slot, st.sampled_from(["BO", "SN", "IN"])),
    st.tuples(st.just("edit"), device, slot, st.sampled_from(["acronym", "notes", "women_led"]), st.integers(0, 3)),
    st.tuples(st.just("delete"), device, slot),
    st.tuples(st.just("restore"), device, slot),
    st.tuples(st.just("resolve"), device),
    st.tuples(st.just("sync"), device, device),
    st.tuples(st.just("snapshot"), device),
    st.tuples(st.just("deliver"), st.integers(0, 20), device),
)


def _apply(target: Directory, changes: list[Change]) -> None:
    with target.store.transaction():
        target.log.apply(changes)


def _run(directories: list[Directory], operations: list[tuple[object, ...]]) -> None:
    snapshots: list[list[Change]] = []
    for op in operations:
        kind = op[0]
        if kind == "create":
            _, n, record_id, country = op
            here = directories[n]  # type: ignore[index]
            if here.find(Organisation, record_id) is None:  # type: ignore[arg-type]
                here.create(Organisation, {"name": f"Org {record_id[-1]}", "country": country}, record_id=record_id)  # type: ignore[arg-type]
        elif kind == "edit":
            _, n, record_id, field, value = op
            here = directories[n]  # type: ignore[index]
            if here.find(Organisation, record_id) is not None:  # type: ignore[arg-type]
                new = bool(value % 2) if field == "women_led" else f"v{value}"
                here.update(Organisation, record_id, {field: new})  # type: ignore[arg-type, dict-item]
        elif kind == "delete":
            _, n, record_id = op
            here = directories[n]  # type: ignore[index]
            if here.find(Organisation, record_id) is not None:  # type: ignore[arg-type]
                here.delete(Organisation, record_id)  # type: ignore[arg-type]
        elif kind == "restore":
            _, n, record_id = op
            here = directories[n]  # type: ignore[index]
            if here.find(Organisation, record_id) is None and here.log.changes_since({}):  # type: ignore[arg-type]
                known = here.conn.execute(
                    "SELECT 1 FROM change WHERE entity_id = ? AND field = '_deleted' AND live = 1",
                    (record_id,),
                ).fetchone()
                if known:
                    here.restore([("organisation", record_id)])  # type: ignore[list-item]
        elif kind == "resolve":
            here = directories[op[1]]  # type: ignore[index]
            conflicts = [c for c in here.conflicts() if not c.field.startswith("_")]
            if conflicts:
                here.resolve_conflict(conflicts[0], conflicts[0].versions[-1][1])
        elif kind == "sync":
            _, source, target = op
            if source != target:
                _apply(directories[target], list(directories[source].log.changes_since(directories[target].log.seen())))  # type: ignore[index]
        elif kind == "snapshot":
            snapshots.append(list(directories[op[1]].log.changes_since({})))  # type: ignore[index]
        elif kind == "deliver" and snapshots:
            _, k, target = op
            _apply(directories[target], snapshots[k % len(snapshots)])  # type: ignore[index, operator]


def _settle(directories: list[Directory]) -> None:
    for _ in range(2):
        for source in directories:
            for target in directories:
                if source is not target:
                    _apply(target, list(source.log.changes_since(target.log.seen())))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    operations=st.lists(operation, min_size=1, max_size=40),
    skews=st.lists(st.integers(-5 * DAY_MS, 5 * DAY_MS), min_size=DEVICES, max_size=DEVICES),
)
def test_devices_that_heard_everything_export_the_same_bytes(
    operations: list[tuple[object, ...]], skews: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        directories = [Directory.open(Path(folder) / f"device-{n}") for n in range(DEVICES)]
        try:
            for directory, skew in zip(directories, skews, strict=True):
                real = directory.log.clock._wall
                directory.log.clock._wall = lambda real=real, skew=skew: real() + skew  # type: ignore[misc]
            _run(directories, operations)
            _settle(directories)
            exports = {encode(d.export_canonical()) for d in directories}
            assert len(exports) == 1
            # Settling again, or replaying everything, changes nothing.
            _settle(directories)
            everything = list(directories[0].log.changes_since({}))
            _apply(directories[1], everything)
            assert {encode(d.export_canonical()) for d in directories} == exports
        finally:
            for directory in directories:
                directory.close()
