"""The network a data directory belongs to, and bundles in and out of it.

``init`` makes a directory the first device of a new network (its data, if any,
becomes the network's first state); ``join`` makes an empty directory a device
of an existing network from a bundle. ``export_bundle`` and ``import_bundle``
move changes; every transport (file, sync folder, WebDAV) is built on them.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import chain
from pathlib import Path

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import RefusedError, UserError
from smwg_desktop.i18n import _
from smwg_desktop.storage.changelog import Change
from smwg_desktop.storage.database import BACKUP_FOLDER, SCHEMA_VERSION
from smwg_desktop.sync import keys
from smwg_desktop.sync.bundle import (
    BundleError,
    BundleHeader,
    Preamble,
    read_blocks,
    read_header,
    verify_bundle,
    write_bundle,
)
from smwg_desktop.sync.crypto import KdfParams, check_passphrase_strength, derive_key, key_check

PASSPHRASE_VARIABLE = "SMWG_PASSPHRASE"
RESTORE_POINT_AGE = timedelta(days=1)
"""How old the last copy before an import may be and still serve the next import."""
RESTORE_POINT_KEY = "restore_point"


@dataclass(frozen=True)
class Network:
    id: str
    name: str
    kdf: KdfParams

    def header(self, key: bytes) -> BundleHeader:
        return BundleHeader(1, self.id, self.kdf, key_check(key))


@dataclass(frozen=True)
class ImportResult:
    device: str
    device_name: str
    received: int
    """Changes the bundle held."""
    records_changed: int
    """Records that changed here because of it (0 when everything was known)."""
    backup: Path | None
    """A copy of the database from before the import, if it could change anything: taken
    for it, or an earlier one that lacks nothing this device alone holds (``restore_point``)."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    count: int
    full: bool


MAX_DEVICE_NAME = 80


def network_of(directory: Directory) -> Network | None:
    """The network this directory belongs to, or None before ``init`` or ``join``."""
    network_id = directory.store.meta("network_id")
    if network_id is None:
        return None
    kdf = json.loads(directory.store.meta("network_kdf") or "{}")
    return Network(
        network_id,
        directory.store.meta("network_name") or "",
        KdfParams(bytes.fromhex(kdf["salt"]), int(kdf["ops"]), int(kdf["mem"])),
    )


def require_network(directory: Directory) -> Network:
    network = network_of(directory)
    if network is None:
        raise RefusedError(
            _("this data directory belongs to no network yet: run 'smwg init' to start one "
              "or 'smwg join' to join one")
        )
    return network


def device_name(directory: Directory) -> str:
    return directory.store.meta("device_name") or socket.gethostname() or "device"


def set_device_name(directory: Directory, name: str) -> str:
    """Name this device as the other devices will see it in their sync results."""
    name = " ".join(name.split())
    if not name:
        raise UserError(_("device name: give this device a name, such as 'Field laptop, Nairobi'"))
    if len(name) > MAX_DEVICE_NAME:
        raise UserError(
            _("device name: at most {limit} characters").format(limit=MAX_DEVICE_NAME)
        )
    with directory.store.transaction():
        directory.store.set_meta("device_name", name)
    return name


_NETWORK_KEYS = ("network_key_check", "network_id", "network_name", "network_kdf")
"""The meta keys that make a directory a device of a network (``_remember_network``)."""


def _remember_network(directory: Directory, network: Network, key: bytes) -> None:
    store = directory.store
    store.set_meta("network_key_check", key_check(key).hex())
    store.set_meta("network_id", network.id)
    store.set_meta("network_name", network.name)
    store.set_meta(
        "network_kdf",
        json.dumps({"salt": network.kdf.salt.hex(), "ops": network.kdf.opslimit, "mem": network.kdf.memlimit}),
    )


def init_network(directory: Directory, name: str, passphrase: str) -> Network:
    """Start a network on this device; what the directory holds is its first state."""
    name = " ".join(name.split())
    if not name:
        raise UserError(_("network: give the network a name"))
    check_passphrase_strength(passphrase)
    existing = network_of(directory)
    if existing is not None:
        raise RefusedError(
            _("this data directory already belongs to the network '{name}'").format(
                name=existing.name
            )
        )
    network = Network(str(uuid.uuid4()), name, KdfParams.fresh())
    key = derive_key(passphrase, network.kdf)
    with directory.store.transaction():
        _remember_network(directory, network, key)
    keys.remember(network.id, key)
    return network


def network_key(directory: Directory, passphrase: str | None) -> bytes:
    """The key from the passphrase given, ``SMWG_PASSPHRASE``, or the remembered one."""
    network = require_network(directory)
    passphrase = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_VARIABLE)
    if passphrase is not None:
        key = derive_key(passphrase, network.kdf)
    else:
        remembered = keys.recall(network.id)
        if remembered is None:
            raise UserError(
                _(
                    "no network passphrase given and none remembered on this computer: "
                    "give --passphrase-file or set {variable}"
                ).format(variable=PASSPHRASE_VARIABLE)
            )
        key = remembered
    # A wrong passphrase would otherwise write bundles that no other device can read.
    if key_check(key).hex() != directory.store.meta("network_key_check"):
        raise UserError(_("wrong passphrase for this network"))
    return key


def export_bundle(
    directory: Directory, path: Path, key: bytes, *, full: bool = False, base: dict[str, int] | None = None
) -> ExportResult:
    """Write a bundle of what the known peers have not seen (everything if ``full``).

    ``base`` overrides the peers: the bundle then holds what comes after it.
    """
    network = require_network(directory)
    if base is None and not full:
        base = known_by_every_peer(directory)
    if full:
        base = None
    preamble = Preamble(
        schema=SCHEMA_VERSION,
        network_id=network.id,
        network_name=network.name,
        device=directory.device_id,
        device_name=device_name(directory),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        seen=directory.log.seen(),
        base=base,
    )
    if not Path(path).parent.is_dir():
        raise UserError(_("the folder {parent} does not exist").format(parent=Path(path).parent))
    count = write_bundle(
        Path(path), network.header(key), key, preamble, directory.log.changes_since(base or {})
    )
    return ExportResult(Path(path), count, base is None)


def known_by_every_peer(directory: Directory) -> dict[str, int] | None:
    """What every device this one has heard from has seen; None when it knows none."""
    peers = [json.loads(row[0]) for row in directory.conn.execute("SELECT seen FROM peer")]
    if not peers:
        return None
    devices = set().union(*peers)
    return {d: min(p.get(d, -1) for p in peers) for d in devices if all(d in p for p in peers)}


def import_bundle(directory: Directory, path: Path, key: bytes) -> ImportResult:
    """Verify and apply a bundle in one transaction; on any fault nothing changes."""
    network = require_network(directory)
    header = read_header(Path(path))
    if header.network_id != network.id:
        raise BundleError(_("this bundle belongs to another network"))
    if key_check(key) != header.check:
        raise BundleError(_("wrong passphrase for this network's bundles"))
    return _apply_verified(directory, path, key, verify_bundle(Path(path), key))


def _apply_verified(directory: Directory, path: Path, key: bytes, preamble: Preamble) -> ImportResult:
    """Apply a bundle whose every chunk and checksum were just verified (``verify_bundle``).

    It is read again as it is applied, and that reading checks everything again:
    a file changed in between fails, and the transaction is rolled back.
    """
    with closing(read_blocks(Path(path), key)) as stream:
        _first_preamble(stream)
        _check_preamble(preamble, require_network(directory).id)
        return _apply(directory, preamble, stream)


def _apply(directory: Directory, preamble: Preamble, stream: Iterator[Preamble | list[Change]]) -> ImportResult:
    """Apply the changes ``stream`` reads (after its preamble) in one transaction.

    The reading checks every chunk and, at the end, the count and checksum; a
    fault raises there and the transaction is rolled back: nothing changes. The
    preamble is the caller's to check against the network.
    """
    ours = directory.log.seen()
    backup = None
    if any(stamp > ours.get(device, -1) for device, stamp in preamble.seen.items()):
        backup = restore_point(directory) or _take_restore_point(directory)
    # A bundle relative to changes we lack still carries good changes; take them,
    # but do not count its devices as seen, so the gap is asked for again.
    gapless = preamble.base is None or all(ours.get(d, -1) >= s for d, s in preamble.base.items())
    counted = _Counted(stream)
    with _cycle_collector_paused(), directory.store.transaction():
        # One apply for the whole bundle: each record is written once, however
        # many batches its changes are spread over.
        changed = len(directory.log.apply(counted, note_seen=gapless))
        _remember_peer(directory, preamble)
    directory.scrub_erasures()
    return ImportResult(preamble.device, preamble.device_name, counted.count, changed, backup)


class _Counted:
    """The changes of a bundle's blocks, counted as they go by; refuses a second manifest."""

    def __init__(self, stream: Iterator[Preamble | list[Change]]) -> None:
        self.stream = stream
        self.count = 0

    def __iter__(self) -> Iterator[Change]:
        return chain.from_iterable(self._blocks())

    def _blocks(self) -> Iterator[list[Change]]:
        for block in self.stream:
            if not isinstance(block, list):
                raise BundleError(_("the bundle is damaged (a second manifest)"))
            self.count += len(block)
            yield block


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause CPython's cycle collector while a bundle is applied.

    Applying a network makes and drops millions of small objects (changes, rows,
    records), none in cycles, so reference counting frees them all; the
    collector would only walk them again and again (about a sixth of the time).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def restore_point(directory: Directory) -> Path | None:
    """The last copy taken before an import, if this device could go back to it losing nothing.

    An import runs in one transaction after the whole bundle was verified, so a
    damaged bundle or a crash changes nothing; the copy is there to get back the
    data as it was before a bundle that was sound but unwanted. Copying 100,000
    people before each import of a few edits took over a second, so a copy serves
    the imports after it as long as it is under a day old and this device wrote
    nothing of its own since (no change, no local note): everything added since
    then came in bundles that the devices which wrote it still hold, and a sync
    after restoring the copy brings it back. Otherwise None: take a new copy.
    """
    try:
        mark = json.loads(directory.store.meta(RESTORE_POINT_KEY) or "{}")
        path = directory.store.data_dir / BACKUP_FOLDER / str(mark["file"])
        taken = datetime.fromisoformat(str(mark["taken"]))
        state = mark["state"]
    except (KeyError, TypeError, ValueError):
        return None
    fresh = timedelta(0) <= datetime.now(UTC) - taken < RESTORE_POINT_AGE
    return path if fresh and state == _own_state(directory) and path.exists() else None


def _take_restore_point(directory: Directory) -> Path:
    state = _own_state(directory)
    path = directory.store.backup(reason="before-import")
    mark = {"file": path.name, "taken": datetime.now(UTC).isoformat(), "state": state}
    with directory.store.transaction():
        directory.store.set_meta(RESTORE_POINT_KEY, json.dumps(mark, sort_keys=True))
    return path


def _own_state(directory: Directory) -> dict[str, object]:
    """What only this device holds, in brief: its last change and a digest of its local notes."""
    notes = hashlib.sha256()
    for row in directory.conn.execute(
        "SELECT entity, entity_id, text FROM local_note ORDER BY entity, entity_id"
    ):
        notes.update(json.dumps(row).encode())
    return {"last_change": directory.log.seen().get(directory.device_id), "notes": notes.hexdigest()}


def _first_preamble(stream: Iterator[Preamble | list[Change]]) -> Preamble:
    first = next(stream, None)
    if not isinstance(first, Preamble):
        raise BundleError(_("the bundle is damaged (no manifest)"))
    return first


def _check_preamble(preamble: Preamble, network_id: str) -> None:
    if preamble.network_id != network_id:
        raise BundleError(_("this bundle belongs to another network"))
    if preamble.schema > SCHEMA_VERSION:
        raise BundleError(
            _("this bundle comes from a newer version of SMWG Desktop (schema {schema}); "
              "update to read it").format(schema=preamble.schema)
        )


def _remember_peer(directory: Directory, preamble: Preamble) -> None:
    if preamble.device == directory.device_id:
        return
    directory.conn.execute(
        "INSERT INTO peer (device, name, seen, last_sync) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (device) DO UPDATE SET name = excluded.name, seen = excluded.seen, "
        "last_sync = excluded.last_sync",
        (
            preamble.device,
            preamble.device_name,
            json.dumps(preamble.seen, sort_keys=True),
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )


def join_network(directory: Directory, path: Path, passphrase: str) -> ImportResult:
    """Make an empty directory a device of the network a bundle comes from."""
    header = read_header(Path(path))
    existing = network_of(directory)
    if existing is not None and existing.id != header.network_id:
        raise RefusedError(
            _("this data directory already holds the network '{name}'; "
              "join from an empty data directory").format(name=existing.name)
        )
    if existing is None and directory.log.seen():
        raise RefusedError(
            _("this data directory already holds records; join from an empty data directory, "
              "or start a network from these records with 'smwg init'")
        )
    key = derive_key(passphrase, header.kdf)
    if key_check(key) != header.check:
        raise BundleError(_("wrong passphrase for this network's bundles"))
    if existing is not None:
        result = _apply_verified(directory, path, key, verify_bundle(Path(path), key))
    else:
        result = _join(directory, path, key, header)
    keys.remember(header.network_id, key)
    return result


def _join(directory: Directory, path: Path, key: bytes, header: BundleHeader) -> ImportResult:
    """Fill an empty directory from a network's bundle, read once.

    Importing into a directory with data verifies the whole bundle before it
    reads it again to apply it (see ``import_bundle``). An empty directory has
    nothing a half-read bundle could spoil: its one transaction is rolled back at
    the first fault the reading finds (to the last byte's checksum), and what the
    join wrote before it (the network's details, the copy taken before the
    import) is removed again, leaving the directory as empty and unjoined as it
    was. One reading is enough.
    """
    with closing(read_blocks(Path(path), key)) as stream:
        preamble = _first_preamble(stream)
        _check_preamble(preamble, header.network_id)
        earlier_copy, copies = directory.store.meta(RESTORE_POINT_KEY), set(directory.store.backups())
        with directory.store.transaction():
            _remember_network(
                directory, Network(header.network_id, preamble.network_name, header.kdf), key
            )
        try:
            with directory.store.writing_whole():
                return _apply(directory, preamble, stream)
        except BaseException:
            # Once the changes are in (a later step failed), the directory has joined.
            if not directory.log.seen():
                _unjoin(directory, earlier_copy, copies)
            raise


def _unjoin(directory: Directory, earlier_copy: str | None, copies: set[Path]) -> None:
    """Remove what a join that took nothing in wrote: the network's details and its copy.

    The copy taken before the import holds the network's details too. A failure
    here must not hide the join's own error, which says what went wrong.
    """
    store = directory.store
    with suppress(Exception), store.transaction():
        for key in _NETWORK_KEYS:
            store.delete_meta(key)
        if earlier_copy is None:
            store.delete_meta(RESTORE_POINT_KEY)
        else:
            store.set_meta(RESTORE_POINT_KEY, earlier_copy)
    for copy in set(store.backups()) - copies:
        with suppress(OSError):
            copy.unlink()
