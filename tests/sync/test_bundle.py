"""Bundles: what goes in comes out, and anything else is refused without a change."""

from __future__ import annotations

import gc
import os
import struct
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import RefusedError, UserError
from smwg_desktop.core.model import Organisation, Person
from smwg_desktop.storage.database import Store
from smwg_desktop.sync.bundle import (
    _AHEAD,
    CHUNK_BYTES,
    MAGIC,
    BundleError,
    _made_ahead,
    read_header,
)
from smwg_desktop.sync.network import (
    export_bundle,
    import_bundle,
    init_network,
    join_network,
    network_key,
)
from tests.sync.conftest import PASSPHRASE, exported

Network = Callable[[int], list[Directory]]


def _state(directory: Directory) -> tuple[str, dict[str, int], int]:
    backups = len(directory.store.backups())
    return exported(directory), directory.log.seen(), backups


def test_joined_device_holds_the_same_directory(network: Network) -> None:
    a, b = network(2)
    assert exported(a) == exported(b)
    assert b.list(Person)[0].name == "Rosa Mamani (sample)"


def test_bundle_discloses_no_name_email_or_phone(network: Network, tmp_path: Path) -> None:
    a, _ = network(2)
    path = tmp_path / "out.smwgbundle"
    export_bundle(a, path, network_key(a, PASSPHRASE), full=True)
    raw = path.read_bytes()
    for secret in (b"Rosa", b"Mamani", b"rosa@example.org", b"+59176543210", b"Andina", "Rosa".encode("utf-16-le")):
        assert secret not in raw


def test_incremental_bundle_of_one_edit_is_a_few_kilobytes(network: Network, tmp_path: Path) -> None:
    a, b = network(2)
    key = network_key(a, PASSPHRASE)
    for n in range(300):
        a.create(Organisation, {"name": f"Organisation {n} (sample)", "country": "SN", "notes": "x" * 200})
    full = tmp_path / "full.smwgbundle"
    export_bundle(a, full, key, full=True)
    import_bundle(b, full, key)
    export_bundle(b, tmp_path / "reply.smwgbundle", key)
    import_bundle(a, tmp_path / "reply.smwgbundle", key)
    org = a.list(Organisation)[0]
    a.update(Organisation, org.id, {"acronym": "NEW"})
    small = tmp_path / "small.smwgbundle"
    result = export_bundle(a, small, key)
    assert result.count == 1 and not result.full
    assert small.stat().st_size < 4096 < full.stat().st_size
    import_bundle(b, small, key)
    assert b.get(Organisation, org.id).acronym == "NEW"


def test_importing_twice_or_out_of_order_gives_the_same_directory(network: Network, tmp_path: Path) -> None:
    a, b, c = network(3)
    key = network_key(a, PASSPHRASE)
    org = a.list(Organisation)[0]
    a.update(Organisation, org.id, {"acronym": "RA"})
    export_bundle(a, tmp_path / "1.smwgbundle", key, full=True)
    a.update(Organisation, org.id, {"notes": "second"})
    export_bundle(a, tmp_path / "2.smwgbundle", key, full=True)
    for name in ("2", "1", "2", "1"):
        import_bundle(b, tmp_path / f"{name}.smwgbundle", key)
    for name in ("1", "2"):
        import_bundle(c, tmp_path / f"{name}.smwgbundle", key)
    assert exported(a) == exported(b) == exported(c)


def test_import_that_changes_data_takes_a_backup_first(network: Network, tmp_path: Path) -> None:
    a, b = network(2)
    key = network_key(a, PASSPHRASE)
    export_bundle(a, tmp_path / "same.smwgbundle", key, full=True)
    assert import_bundle(b, tmp_path / "same.smwgbundle", key).backup is None
    a.create(Organisation, {"name": "Nueva (muestra)", "country": "PE"})
    export_bundle(a, tmp_path / "new.smwgbundle", key, full=True)
    result = import_bundle(b, tmp_path / "new.smwgbundle", key)
    assert result.backup is not None and result.backup.exists()
    assert result.records_changed == 1


def _bundle(network: Network, tmp_path: Path) -> tuple[Directory, Directory, Path, bytes]:
    a, b = network(2)
    key = network_key(a, PASSPHRASE)
    a.create(Organisation, {"name": "Nueva (muestra)", "country": "PE"})
    path = tmp_path / "bundle.smwgbundle"
    export_bundle(a, path, key, full=True)
    return a, b, path, key


DAMAGES = pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda raw: raw[: len(raw) // 2], "incomplete"),
        (lambda raw: raw[:-1], "incomplete"),
        (lambda raw: raw[:-30], "cut short|incomplete|damaged"),
        (lambda raw: raw[: len(raw) // 2] + bytes([raw[len(raw) // 2] ^ 0x01]) + raw[len(raw) // 2 + 1 :], "damaged|altered"),
        (lambda raw: raw + b"extra", "damaged|altered|after its end|incomplete"),
        (lambda raw: b"", "not an SMWG bundle"),
        (lambda raw: b"Nombre;Apellidos\nMar\xeda;Ch\xe1vez\n", "not an SMWG bundle"),
        (lambda raw: MAGIC + struct.pack(">H", 2) + raw[10:], "newer format"),
        (lambda raw: MAGIC + struct.pack(">H", 1) + raw[10:12] + b"\xff\xff" + raw[14:], "damaged"),
    ],
    ids=["half", "last-byte", "last-chunk", "bit-flip", "appended", "empty", "csv", "newer-format", "header-length"],
)


@DAMAGES
def test_damaged_bundle_is_refused_and_changes_nothing(
    network: Network, tmp_path: Path, damage: Callable[[bytes], bytes], message: str
) -> None:
    _, b, path, key = _bundle(network, tmp_path)
    broken = tmp_path / "broken.smwgbundle"
    broken.write_bytes(damage(path.read_bytes()))
    before = _state(b)
    with pytest.raises(BundleError, match=message) as refused:
        import_bundle(b, broken, key)
    assert "\n" not in str(refused.value)
    assert _state(b) == before


def test_altered_header_is_refused(network: Network, tmp_path: Path) -> None:
    _, b, path, key = _bundle(network, tmp_path)
    raw = bytearray(path.read_bytes())
    at = raw.index(b'"ops": ') + len(b'"ops": ')
    raw[at] = ord("9") if raw[at] != ord("9") else ord("8")
    (tmp_path / "altered.smwgbundle").write_bytes(bytes(raw))
    before = _state(b)
    with pytest.raises(BundleError):
        import_bundle(b, tmp_path / "altered.smwgbundle", key)
    assert _state(b) == before


def test_a_header_number_too_large_for_an_integer_is_a_damaged_bundle(
    network: Network, tmp_path: Path
) -> None:
    _, b, path, key = _bundle(network, tmp_path)
    raw = path.read_bytes()
    length = struct.unpack(">I", raw[10:14])[0]
    header = raw[14 : 14 + length]
    at = header.index(b'"ops": ') + len(b'"ops": ')
    end = at + len(header[at:].split(b",")[0])
    header = header[:at] + b"1e999" + header[end:]
    spoiled = tmp_path / "spoiled.smwgbundle"
    spoiled.write_bytes(raw[:10] + struct.pack(">I", len(header)) + header + raw[14 + length :])
    before = _state(b)
    with pytest.raises(BundleError, match="bad header"):
        import_bundle(b, spoiled, key)
    assert _state(b) == before


def test_wrong_passphrase_is_refused_and_changes_nothing(network: Network, tmp_path: Path) -> None:
    _, b, path, _ = _bundle(network, tmp_path)
    header = read_header(path)
    from smwg_desktop.sync.crypto import derive_key

    before = _state(b)
    with pytest.raises(BundleError, match="wrong passphrase"):
        import_bundle(b, path, derive_key("not the passphrase at all", header.kdf))
    assert _state(b) == before


def test_another_networks_bundle_is_refused(network: Network, tmp_path: Path) -> None:
    _, b, _, key = _bundle(network, tmp_path)
    with Directory.open(tmp_path / "elsewhere") as other:
        other.create(Organisation, {"name": "Otra red (muestra)", "country": "CL"})
        init_network(other, "Another network", PASSPHRASE)
        foreign = tmp_path / "foreign.smwgbundle"
        export_bundle(other, foreign, network_key(other, PASSPHRASE), full=True)
    before = _state(b)
    with pytest.raises(BundleError, match="another network"):
        import_bundle(b, foreign, key)
    assert _state(b) == before


def test_bundle_from_a_newer_schema_is_refused(network: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = network(2)
    key = network_key(a, PASSPHRASE)
    from smwg_desktop.sync import network as network_module

    monkeypatch.setattr(network_module, "SCHEMA_VERSION", 99)
    export_bundle(a, tmp_path / "future.smwgbundle", key, full=True)
    monkeypatch.undo()
    before = _state(b)
    with pytest.raises(BundleError, match="newer version"):
        import_bundle(b, tmp_path / "future.smwgbundle", key)
    assert _state(b) == before


def test_init_refuses_a_short_passphrase_and_a_second_init(tmp_path: Path) -> None:
    with Directory.open(tmp_path / "d") as directory:
        with pytest.raises(UserError, match="at least"):
            init_network(directory, "SMWG", "short")
        init_network(directory, "SMWG", PASSPHRASE)
        with pytest.raises(RefusedError, match="already belongs"):
            init_network(directory, "Other", PASSPHRASE)


def test_sample_data_becomes_the_networks_first_state(tmp_path: Path) -> None:
    with Directory.open(tmp_path / "a") as a, Directory.open(tmp_path / "b") as b:
        from smwg_desktop.core.demo import load_demo

        load_demo(a, organisations=5, people=8)
        init_network(a, "SMWG", PASSPHRASE)
        export_bundle(a, tmp_path / "seed.smwgbundle", network_key(a, PASSPHRASE))
        join_network(b, tmp_path / "seed.smwgbundle", PASSPHRASE)
        assert exported(a) == exported(b)
        assert b.count(Person) == 8


def test_join_refuses_a_directory_with_records_or_another_network(network: Network, tmp_path: Path) -> None:
    _, _, path, _ = _bundle(network, tmp_path)
    with Directory.open(tmp_path / "used") as used:
        used.create(Organisation, {"name": "Local (muestra)", "country": "PE"})
        with pytest.raises(RefusedError, match="already holds records"):
            join_network(used, path, PASSPHRASE)
        init_network(used, "Mine", PASSPHRASE)
        with pytest.raises(RefusedError, match="already holds the network"):
            join_network(used, path, PASSPHRASE)


@DAMAGES
def test_joining_from_a_damaged_bundle_leaves_the_directory_empty_and_unjoined(
    network: Network, tmp_path: Path, damage: Callable[[bytes], bytes], message: str
) -> None:
    """A join reads its bundle once, applying as it reads: a fault found at any
    point, the last byte included, rolls everything back."""
    a, _, path, _ = _bundle(network, tmp_path)
    broken = tmp_path / "broken.smwgbundle"
    broken.write_bytes(damage(path.read_bytes()))
    with Directory.open(tmp_path / "new") as new:
        with pytest.raises(BundleError, match=message):
            join_network(new, broken, PASSPHRASE)
        assert new.store.meta("network_id") is None
        assert new.log.seen() == {}
        assert new.count(Organisation) == 0 and new.count(Person) == 0
        assert not [t for t in threading.enumerate() if t.name == "bundle-reader"]
        join_network(new, path, PASSPHRASE)
        assert exported(new) == exported(a)


def _large_bundle(network: Network, tmp_path: Path) -> tuple[Directory, Path]:
    """A bundle of several encrypted chunks: damage past the first is found after the
    manifest has been read, once the join has written the network's details."""
    (a,) = network(1)
    for n in range(120):
        a.create(Organisation, {"name": f"Org {n} (muestra)", "country": "PE", "notes": os.urandom(4500).hex()})
    path = tmp_path / "large.smwgbundle"
    export_bundle(a, path, network_key(a, PASSPHRASE), full=True)
    assert path.stat().st_size > 2 * CHUNK_BYTES  # three chunks or more
    return a, path


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) * 3 // 4],
        lambda raw: raw[:-1],
        lambda raw: raw[: len(raw) * 3 // 4] + bytes([raw[len(raw) * 3 // 4] ^ 0x01]) + raw[len(raw) * 3 // 4 + 1 :],
    ],
    ids=["three-quarters", "last-byte", "bit-flip-late"],
)
def test_a_join_that_fails_past_the_manifest_leaves_no_network_details_and_no_copy(
    network: Network, tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    a, path = _large_bundle(network, tmp_path)
    broken = tmp_path / "broken.smwgbundle"
    broken.write_bytes(damage(path.read_bytes()))
    with Directory.open(tmp_path / "new") as new:
        with pytest.raises(BundleError):
            join_network(new, broken, PASSPHRASE)
        assert new.store.meta("network_id") is None and new.store.meta("restore_point") is None
        assert new.store.backups() == []  # a copy would hold the network's details
        assert new.log.seen() == {} and new.count(Organisation) == 0
        join_network(new, path, PASSPHRASE)
        assert exported(new) == exported(a)


def test_a_join_whose_changes_are_in_stays_joined_when_a_later_step_fails(
    network: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _, path, _ = _bundle(network, tmp_path)

    def restore_fails(self: Store, mode: str, *, failed: bool) -> None:
        raise RuntimeError("the database is busy")

    monkeypatch.setattr(Store, "_restore_after_filling", restore_fails)
    with Directory.open(tmp_path / "new") as new:
        with pytest.raises(RuntimeError, match="busy"):
            join_network(new, path, PASSPHRASE)
        assert new.store.meta("network_id") == a.store.meta("network_id")
        assert exported(new) == exported(a)


def test_join_with_a_wrong_passphrase_leaves_the_directory_unjoined(network: Network, tmp_path: Path) -> None:
    _, _, path, _ = _bundle(network, tmp_path)
    with Directory.open(tmp_path / "new") as new:
        with pytest.raises(BundleError, match="wrong passphrase"):
            join_network(new, path, "a different long passphrase")
        assert new.store.meta("network_id") is None
        assert new.count(Organisation) == 0


def test_bundle_relative_to_changes_the_importer_lacks_does_not_hide_them(
    network: Network, tmp_path: Path
) -> None:
    a, b, c = network(3)
    key = network_key(a, PASSPHRASE)
    org = a.list(Organisation)[0]

    def hand(source: Directory, target: Directory, name: str) -> None:
        export_bundle(source, tmp_path / name, key)
        import_bundle(target, tmp_path / name, key)

    hand(c, a, "c-to-a-1")  # a now knows what c has seen
    a.update(Organisation, org.id, {"acronym": "FIRST"})
    hand(a, c, "a-to-c-1")
    hand(c, a, "c-to-a-2")  # a knows c has the first edit
    a.update(Organisation, org.id, {"notes": "second"})
    # Meant for c, this bundle holds only the second edit; b lacks the first.
    export_bundle(a, tmp_path / "for-c", key)
    import_bundle(b, tmp_path / "for-c", key)
    assert b.get(Organisation, org.id).notes == "second"
    hand(b, a, "b-to-a")
    hand(a, b, "a-to-b")
    assert b.get(Organisation, org.id).acronym == "FIRST"
    assert exported(a) == exported(b)


def test_a_wrong_passphrase_is_refused_before_any_bundle_is_written(network: Network, tmp_path: Path) -> None:
    a, _ = network(2)
    with pytest.raises(UserError, match="wrong passphrase"):
        network_key(a, "a wrong passphrase entirely")
    assert not list(tmp_path.glob("*.partial"))


def test_the_cycle_collector_runs_again_after_an_import_good_or_damaged(
    network: Network, tmp_path: Path
) -> None:
    _, b, path, key = _bundle(network, tmp_path)
    raw = path.read_bytes()
    damaged = tmp_path / "damaged.smwgbundle"
    damaged.write_bytes(raw[:-1])
    assert gc.isenabled()
    with pytest.raises(BundleError):
        import_bundle(b, damaged, key)
    assert gc.isenabled()
    import_bundle(b, path, key)
    assert gc.isenabled()


def test_blocks_made_ahead_stop_being_made_when_their_reader_stops() -> None:
    made: list[int] = []

    def endless() -> Iterator[bytes]:
        while True:
            made.append(len(made))
            yield b"block"

    with _made_ahead(endless()) as blocks:
        assert next(blocks) == b"block"
    assert not [t for t in threading.enumerate() if t.name == "bundle-reader"]
    assert len(made) <= _AHEAD + 3  # the one read, those waiting, the one being handed over


def test_an_error_while_making_blocks_is_raised_where_its_block_would_come() -> None:
    def failing() -> Iterator[bytes]:
        yield b"first"
        yield b"second"
        raise BundleError("the bundle is incomplete (cut short)")

    with _made_ahead(failing()) as blocks:
        assert next(blocks) == b"first"
        assert next(blocks) == b"second"
        with pytest.raises(BundleError, match="cut short"):
            next(blocks)
