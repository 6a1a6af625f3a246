"""Property tests through real bundle files: damage is always refused, and devices
exchanging bundles in any order, with duplicates and drops, converge."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from smwg_desktop.cli import main
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import Organisation, Person
from smwg_desktop.sync.network import (
    export_bundle,
    import_bundle,
    init_network,
    join_network,
    network_key,
)
from tests.sync.conftest import PASSPHRASE, exported

DEVICES = 3
DAY_MS = 24 * 3600 * 1000


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Three devices of one network, closed, to be copied for each example."""
    root = tmp_path_factory.mktemp("network")
    with Directory.open(root / "device-0") as first:
        org = first.create(Organisation, {"name": "Red Andina (muestra)", "country": "BO"})
        first.add_person({"name": "Rosa Mamani (sample)", "phones": "+591 7 654 3210"}, organisation_id=org.id)
        init_network(first, "SMWG (test)", PASSPHRASE)
        export_bundle(first, root / "seed.smwgbundle", network_key(first, PASSPHRASE), full=True)
    for n in range(1, DEVICES):
        with Directory.open(root / f"device-{n}") as device:
            join_network(device, root / "seed.smwgbundle", PASSPHRASE)
    yield root


@pytest.fixture(scope="module")
def victim(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Directory, Path, bytes]]:
    """A device and a good bundle with changes it lacks, for the fuzz test."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(template, root, dirs_exist_ok=True)
    with Directory.open(root / "device-0") as sender:
        key = network_key(sender, PASSPHRASE)
        for n in range(30):
            sender.create(Organisation, {"name": f"Nueva {n} (muestra)", "country": "PE"})
        export_bundle(sender, root / "good.smwgbundle", key, full=True)
    with Directory.open(root / "device-1") as receiver:
        yield receiver, root / "good.smwgbundle", key


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_flipped_or_cut_bundle_is_refused_and_changes_nothing(
    victim: tuple[Directory, Path, bytes], data: st.DataObject
) -> None:
    receiver, good, key = victim
    raw = bytearray(good.read_bytes())
    if data.draw(st.booleans(), label="flip"):
        for _ in range(data.draw(st.integers(1, 3), label="flips")):
            at = data.draw(st.integers(0, len(raw) - 1), label="at")
            raw[at] ^= data.draw(st.integers(1, 255), label="mask")
    else:
        raw = raw[: data.draw(st.integers(0, len(raw) - 1), label="cut")]
    assume(bytes(raw) != good.read_bytes())
    with tempfile.TemporaryDirectory() as folder:
        broken = Path(folder) / "broken.smwgbundle"
        broken.write_bytes(bytes(raw))
        before = (exported(receiver), receiver.log.seen(), len(receiver.store.backups()))
        with pytest.raises(UserError):
            import_bundle(receiver, broken, key)
        assert (exported(receiver), receiver.log.seen(), len(receiver.store.backups())) == before


device = st.integers(0, DEVICES - 1)
operation = st.one_of(
    st.tuples(st.just("add"), device, st.integers(0, 3)),
    st.tuples(st.just("edit"), device, st.integers(0, 5), st.sampled_from(["acronym", "notes"]), st.integers(0, 3)),
    st.tuples(st.just("phone"), device, st.integers(0, 3)),
    st.tuples(st.just("delete"), device, st.integers(0, 5)),
    st.tuples(st.just("export"), device, st.booleans()),
    st.tuples(st.just("import"), st.integers(0, 30), device),
)


def _smwg_export(data_dir: Path) -> bytes:
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "export", "json", "-", "--include-at-risk"])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    operations=st.lists(operation, min_size=1, max_size=30),
    skews=st.lists(st.integers(-3 * DAY_MS, 3 * DAY_MS), min_size=DEVICES, max_size=DEVICES),
)
def test_devices_exchanging_bundles_in_any_order_converge(
    template: Path, operations: list[tuple[object, ...]], skews: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(template, root, dirs_exist_ok=True)
        devices = [Directory.open(root / f"device-{n}") for n in range(DEVICES)]
        try:
            for directory, skew in zip(devices, skews, strict=True):
                real = directory.log.clock._wall
                directory.log.clock._wall = lambda real=real, skew=skew: real() + skew  # type: ignore[misc]
            key = network_key(devices[0], PASSPHRASE)
            bundles: list[Path] = []
            for op in operations:
                _play(devices, op, key, bundles, root)
            # Then everyone hears from everyone, with incremental bundles only.
            for round_ in range(2):
                finals = []
                for n, directory in enumerate(devices):
                    finals.append(root / f"final-{round_}-{n}.smwgbundle")
                    export_bundle(directory, finals[-1], key)
                for directory in devices:
                    for bundle in finals:
                        import_bundle(directory, bundle, key)
        finally:
            for directory in devices:
                directory.close()
        exports = {_smwg_export(root / f"device-{n}") for n in range(DEVICES)}
        assert len(exports) == 1


def _play(devices: list[Directory], op: tuple[object, ...], key: bytes, bundles: list[Path], root: Path) -> None:
    kind, *args = op
    if kind == "import":
        if bundles:
            index, target = args
            import_bundle(devices[target], bundles[index % len(bundles)], key)  # type: ignore[index, operator]
        return
    here = devices[args[0]]  # type: ignore[index]
    organisations = here.list(Organisation)
    if kind == "add":
        here.create(Organisation, {"name": f"Org {args[1]} (muestra)", "country": "SN"})
    elif kind == "edit" and organisations:
        org = organisations[args[1] % len(organisations)]  # type: ignore[operator]
        here.update(Organisation, org.id, {args[2]: f"v{args[3]}"})  # type: ignore[dict-item]
    elif kind == "phone":
        for person in here.list(Person):
            here.update(Person, person.id, {"phones": f"+591 7 654 321{args[1]}"})
    elif kind == "delete" and organisations:
        here.delete(Organisation, organisations[args[1] % len(organisations)].id)  # type: ignore[operator]
    elif kind == "export":
        bundles.append(root / f"bundle-{len(bundles)}.smwgbundle")
        export_bundle(here, bundles[-1], key, full=bool(args[1]))
