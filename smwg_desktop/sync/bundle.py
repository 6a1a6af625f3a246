"""The ``.smwgbundle`` file: changes compressed, encrypted and authenticated.

Layout::

    b"SMWGBNDL"  u16 format  u32 n  header (n bytes of JSON, plain)
    stream header (24 bytes)
    chunks: u32 length, sealed bytes ... (the last one sealed with the final tag)

The plain header names the network and how to derive its key, nothing about
people. It is bound to the first chunk as associated data, so it cannot be
altered either. Decrypted, the chunks form one zstd frame of JSON lines: a
preamble (format, schema, network, sending device, what it had seen, what the
bundle is relative to), one line per change, and a trailer with the count and a
SHA-256 of the change lines. Readers check everything; writers write to a
temporary name beside the target and rename it into place.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import queue
import struct
import tempfile
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Annotated, Any, BinaryIO

import msgspec
import zstandard

from smwg_desktop.core.errors import UserError
from smwg_desktop.i18n import _
from smwg_desktop.storage.changelog import Change
from smwg_desktop.sync.crypto import (
    CryptoError,
    KdfParams,
    StreamWriter,
    key_check,
    open_stream,
)

MAGIC = b"SMWGBNDL"
FORMAT_VERSION = 1
SUFFIX = ".smwgbundle"
CHUNK_BYTES = 256 * 1024
MAX_HEADER_BYTES = 64 * 1024
MAX_CHUNK_BYTES = 4 * CHUNK_BYTES
WRITE_BLOCK = 4_096
"""Changes turned into lines at a time when writing."""
_PREFIX = struct.Struct(">8sHI")
_LENGTH = struct.Struct(">I")


class BundleError(UserError):
    """A bundle that cannot be used: not a bundle, damaged, foreign, too new."""


@dataclass(frozen=True)
class BundleHeader:
    """What can be read without the key."""

    format: int
    network_id: str
    kdf: KdfParams
    check: bytes

    def to_bytes(self) -> bytes:
        return json.dumps(
            {
                "network": self.network_id,
                "kdf": {
                    "alg": "argon2id13",
                    "salt": base64.b64encode(self.kdf.salt).decode(),
                    "ops": self.kdf.opslimit,
                    "mem": self.kdf.memlimit,
                },
                "check": base64.b64encode(self.check).decode(),
            },
            sort_keys=True,
        ).encode()


@dataclass(frozen=True)
class Preamble:
    """The manifest's first half: who sent the bundle and what it is relative to."""

    schema: int
    network_id: str
    network_name: str
    device: str
    device_name: str
    created: str
    seen: dict[str, int]
    """Everything the sender had seen when it wrote the bundle."""
    base: dict[str, int] | None
    """The bundle holds changes after this; None for a full bundle."""


def _change_line(change: Change) -> str:
    """The change as one JSON array (without the newline), as ``json.dumps`` writes it.

    A change that supersedes nothing, with an integer stamp, is written by
    quoting its texts with the encoder's own string function, joined with commas:
    the same characters without the encoder's set-up for each line.
    """
    device, hlc, entity, entity_id, field, value, supersedes = change
    if (
        not supersedes and type(hlc) is int and type(device) is str and type(entity) is str
        and type(entity_id) is str and type(field) is str and (value is None or type(value) is str)
    ):
        return (
            f"[{_quoted(device)},{hlc},{_quoted(entity)},{_quoted(entity_id)},{_quoted(field)},"
            f"{'null' if value is None else _quoted(value)},[]]"
        )
    row = [device, hlc, entity, entity_id, field, value, [list(v) for v in supersedes]]
    return _LINE.encode(row)


_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_quoted: Callable[[str], str] = json.encoder.encode_basestring
"""How the encoder above writes a string (``ensure_ascii=False``)."""


_HIGHEST_STAMP = 2**63 - 1
"""The change log keeps stamps as SQLite integers: none above this, none below zero."""
_Stamp = Annotated[int, msgspec.Meta(ge=0, le=_HIGHEST_STAMP)]
_WRITTEN_CHANGE = msgspec.json.Decoder(
    tuple[str, _Stamp, str, str, str, str | None, tuple[tuple[_Stamp, str], ...]]
)
"""A change line as ``_change_line`` writes it: exactly these seven items, each of its type.

Read and checked in C (msgspec), with no Python code looking at each item. Strict:
a stamp written as text or a float, or a value written as a number, is refused,
not converted.
"""
_CHANGES = msgspec.json.Decoder(Change)
"""Change lines read straight into changes: as quick, but see ``_parse_changes``."""
_make_change: Callable[[Iterable[Any]], Change] = partial(tuple.__new__, Change)
_STAMP = itemgetter(1)
_SUPERSEDES = itemgetter(6)


def _parse_change(line: bytes) -> Change:
    try:
        return _make_change(_WRITTEN_CHANGE.decode(line))
    except msgspec.MsgspecError:
        raise BundleError(_("the bundle holds a change it cannot read")) from None


def _parse_changes(block: bytes) -> list[Change]:
    """``[_parse_change(line) for line in block.split(b"\\n")]``: the same changes, or the same error.

    Every line is read in one call, straight into changes, when that gives the
    same: when each line is one JSON value ending in "]]" and the stamps fit.
    Each line break standing between "]]" and "[" means no value spans two lines
    (a string holds no raw line break, and two items of an array need a comma
    between them); as many values as lines then means no line holds two. A line
    ending in "]]" has a list as its last item, so it has all seven items (the
    value, sixth, is text or null), which ``Change`` alone would not ask for.
    Otherwise, line by line, which also finds the first bad line's error.
    """
    breaks = block.count(b"\n")
    if block.count(b"]]\n[") == breaks and block.endswith(b"]]"):
        try:
            changes: list[Change] = _CHANGES.decode_lines(block)
        except msgspec.MsgspecError:
            changes = []
        if len(changes) == breaks + 1 and _stamps_fit(changes):
            return changes
    return [_parse_change(line) for line in block.split(b"\n")]


def _stamps_fit(changes: list[Change]) -> bool:
    """Whether every stamp of these changes, their own and those they supersede, fits."""
    stamps = list(map(_STAMP, changes))
    if min(stamps) < 0 or max(stamps) > _HIGHEST_STAMP:
        return False
    return not any(map(_SUPERSEDES, changes)) or all(
        0 <= stamp <= _HIGHEST_STAMP for change in changes for stamp, _device in change.supersedes
    )


def write_bundle(
    path: Path,
    header: BundleHeader,
    key: bytes,
    preamble: Preamble,
    changes: Iterable[Change],
) -> int:
    """Write a bundle atomically; returns how many changes it holds."""
    path = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=".smwg-", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            count = _write_stream(out, header, key, preamble, changes)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def _write_stream(
    out: BinaryIO, header: BundleHeader, key: bytes, preamble: Preamble, changes: Iterable[Change]
) -> int:
    header_bytes = header.to_bytes()
    prefix = _PREFIX.pack(MAGIC, FORMAT_VERSION, len(header_bytes))
    stream = StreamWriter(key, associated=prefix + header_bytes)
    out.write(prefix + header_bytes + stream.header)
    pending = bytearray()

    def seal(chunk: bytes, *, final: bool) -> None:
        sealed = stream.push(chunk, final=final)
        out.write(_LENGTH.pack(len(sealed)))
        out.write(sealed)

    def send(data: bytes) -> None:
        pending.extend(data)
        while len(pending) >= CHUNK_BYTES:
            seal(bytes(pending[:CHUNK_BYTES]), final=False)
            del pending[:CHUNK_BYTES]

    digest = hashlib.sha256()
    count = 0
    compressor = zstandard.ZstdCompressor(level=3).compressobj()
    send(compressor.compress(json.dumps(preamble.__dict__, sort_keys=True).encode() + b"\n"))
    remaining = iter(changes)
    # A few thousand lines at a time: hashed, compressed and sealed together.
    while block := list(islice(remaining, WRITE_BLOCK)):
        lines = ("\n".join(map(_change_line, block)) + "\n").encode()
        digest.update(lines)
        send(compressor.compress(lines))
        count += len(block)
    trailer = {"count": count, "sha256": digest.hexdigest()}
    send(compressor.compress(json.dumps(trailer, sort_keys=True).encode() + b"\n"))
    send(compressor.flush())
    seal(bytes(pending), final=True)
    return count


def read_header(path: Path) -> BundleHeader:
    """The plain header; refuses files that are not bundles or are of a newer format."""
    try:
        with open(path, "rb") as source:
            return _read_header(source)
    except OSError as exc:
        raise BundleError(
            _("cannot read {path}: {why}").format(path=path, why=exc.strerror)
        ) from None


def _read_header(source: BinaryIO) -> BundleHeader:
    prefix = source.read(_PREFIX.size)
    if len(prefix) < _PREFIX.size or not prefix.startswith(MAGIC):
        raise BundleError(_("this file is not an SMWG bundle"))
    _magic, version, length = _PREFIX.unpack(prefix)
    if version > FORMAT_VERSION:
        raise BundleError(
            _("this bundle was written in a newer format (version {version}); "
              "update SMWG Desktop to read it").format(version=version)
        )
    if version < 1 or length > MAX_HEADER_BYTES:
        raise BundleError(_("the bundle is damaged (bad header)"))
    raw = source.read(length)
    try:
        data = json.loads(raw)
        kdf = data["kdf"]
        if kdf["alg"] != "argon2id13":
            raise ValueError(kdf["alg"])
        return BundleHeader(
            version,
            str(data["network"]),
            KdfParams(base64.b64decode(kdf["salt"]), int(kdf["ops"]), int(kdf["mem"])),
            base64.b64decode(data["check"]),
        )
    except (ValueError, KeyError, TypeError, OverflowError):
        raise BundleError(_("the bundle is damaged (bad header)")) from None


def verify_bundle(path: Path, key: bytes) -> Preamble:
    """Read the whole bundle once, checking every chunk and the checksum; its preamble."""
    stream = read_blocks(path, key, parse_changes=False)
    preamble = next(stream)
    assert isinstance(preamble, Preamble)
    for _block in stream:
        pass
    return preamble


def read_bundle(path: Path, key: bytes) -> Iterator[Preamble | Change]:
    """The preamble, then each change; raises ``BundleError`` at the first fault.

    A fault can show up only at the end (truncation, a wrong checksum), so a
    caller either verifies first (``verify_bundle``) or applies what it reads
    inside a transaction that it rolls back on error. Importing into a directory
    with data does both; joining, into an empty one, the second.
    """
    for item in read_blocks(path, key):
        if isinstance(item, list):
            yield from item
        else:
            yield item


def read_blocks(
    path: Path, key: bytes, *, parse_changes: bool = True
) -> Generator[Preamble | list[Change], None, None]:
    """``read_bundle``, the changes coming a block (a few thousand) at a time.

    Without ``parse_changes`` the blocks are empty: everything is checked, nothing parsed.
    """
    with open(path, "rb") as source:
        header = _read_header(source)
        if key_check(key) != header.check:
            raise BundleError(_("wrong passphrase for this network's bundles"))
        source.seek(0)
        prefix = source.read(_PREFIX.size)
        associated = prefix + source.read(_PREFIX.unpack(prefix)[2])
        stream_header = source.read(24)
        try:
            plain = open_stream(key, stream_header, associated, _sealed_chunks(source))
            with _made_ahead(_decompress(plain)) as blocks:
                yield from _parse_lines(blocks, parse_changes)
        except CryptoError as exc:
            raise BundleError(str(exc)) from None


_AHEAD = 4
"""Decompressed blocks (a megabyte or two each) read ahead of the one being parsed."""
_END = object()


@contextmanager
def _made_ahead(blocks: Iterator[bytes]) -> Iterator[Iterator[bytes]]:
    """``blocks``, made a few ahead by a thread of their own.

    Reading, decrypting and decompressing run in C without holding the GIL, so
    on a second core they go on while this thread parses what they made and
    writes it to the database. An error in that thread is raised here, in order,
    where its block would have come. Leaving the block (at the end, on an error
    or when the reader stops early) stops the thread and waits for it, so
    nothing reads the file after its caller closes it.
    """
    made: queue.Queue[Any] = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()

    def make() -> None:
        try:
            for block in blocks:
                if stop.is_set():
                    return
                made.put(block)
            made.put(_END)
        except BaseException as error:  # handed over, raised in the reading thread
            made.put(error)

    def taken() -> Iterator[bytes]:
        while (block := made.get()) is not _END:
            if isinstance(block, BaseException):
                raise block
            yield block

    maker = threading.Thread(target=make, name="bundle-reader", daemon=True)
    maker.start()
    try:
        yield taken()
    finally:
        stop.set()
        # The maker may be waiting to hand over a block: take them until it is done.
        while maker.is_alive():
            with suppress(queue.Empty):
                made.get(timeout=0.05)


def _sealed_chunks(source: BinaryIO) -> Iterator[bytes]:
    while True:
        prefix = source.read(_LENGTH.size)
        if not prefix:
            return
        if len(prefix) < _LENGTH.size:
            raise BundleError(_("the bundle is incomplete (cut short)"))
        (length,) = _LENGTH.unpack(prefix)
        if length > MAX_CHUNK_BYTES:
            raise BundleError(_("the bundle is damaged (bad chunk length)"))
        sealed = source.read(length)
        if len(sealed) < length:
            raise BundleError(_("the bundle is incomplete (cut short)"))
        yield sealed


def _decompress(chunks: Iterator[bytes]) -> Iterator[bytes]:
    decompressor = zstandard.ZstdDecompressor().decompressobj()
    try:
        for chunk in chunks:
            data = decompressor.decompress(chunk)
            if data:
                yield data
    except zstandard.ZstdError:
        raise BundleError(_("the bundle is damaged (cannot decompress)")) from None
    if not decompressor.eof:
        raise BundleError(_("the bundle is incomplete (compressed data cut short)"))


def _parse_lines(blocks: Iterator[bytes], parse_changes: bool) -> Iterator[Preamble | list[Change]]:
    """The preamble, then lists of changes; checks the trailer's count and checksum at the end.

    Lines are: the preamble, change lines, and the trailer (the first line after
    the preamble that starts with "{"), each ending with a newline. Each block's
    complete lines are taken together: hashed, counted and parsed at once.
    """
    buffer = b""
    preamble: Preamble | None = None
    digest = hashlib.sha256()
    count = 0
    trailer: dict[str, Any] | None = None
    for block in blocks:
        buffer += block
        cut = buffer.rfind(b"\n")
        if cut < 0:
            continue
        whole, buffer = buffer[:cut], buffer[cut + 1 :]
        if trailer is not None:
            raise BundleError(_("the bundle has data after its end"))
        if preamble is None:
            first, newline, whole = whole.partition(b"\n")
            preamble = _parse_preamble(first)
            yield preamble
            if not newline:
                continue
        changes: bytes | None
        tail: bytes | None
        if whole.startswith(b"{"):
            changes, tail = None, whole
        else:
            at = whole.find(b"\n{")
            changes, tail = (whole, None) if at < 0 else (whole[:at], whole[at + 1 :])
        if changes is not None:
            # Hashed in two pieces, not joined first: a block is a megabyte or two.
            digest.update(changes)
            digest.update(b"\n")
            count += changes.count(b"\n") + 1
            yield _parse_changes(changes) if parse_changes else []
        if tail is not None:
            last, newline, _rest = tail.partition(b"\n")
            trailer = _parse_json(last)
            if newline:
                raise BundleError(_("the bundle has data after its end"))
    if buffer or preamble is None or trailer is None:
        raise BundleError(_("the bundle is incomplete (no end marker)"))
    if trailer.get("count") != count or trailer.get("sha256") != digest.hexdigest():
        raise BundleError(_("the bundle's checksum does not match its contents"))


def _parse_json(line: bytes) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except ValueError:
        raise BundleError(_("the bundle is damaged (unreadable manifest)")) from None
    if not isinstance(data, dict):
        raise BundleError(_("the bundle is damaged (unreadable manifest)"))
    return data


def _parse_preamble(line: bytes) -> Preamble:
    data = _parse_json(line)
    try:
        base = data["base"]
        return Preamble(
            schema=int(data["schema"]),
            network_id=str(data["network_id"]),
            network_name=str(data["network_name"]),
            device=str(data["device"]),
            device_name=str(data["device_name"]),
            created=str(data["created"]),
            seen={str(k): int(v) for k, v in data["seen"].items()},
            base=None if base is None else {str(k): int(v) for k, v in base.items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        raise BundleError(_("the bundle is damaged (unreadable manifest)")) from None
