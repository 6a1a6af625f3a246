"""Syncing through a shared place: a folder (USB stick, Nextcloud, Syncthing) or WebDAV.

Each device writes only files named after itself, so no two devices ever write
the same file, inside a folder named after the network:

    <network id>/<device id>.base.smwgbundle   everything the device knew at some point
    <network id>/<device id>.smwgbundle        what it has learnt since its base

A newcomer reads every base and every incremental file; a device that already
took a file reads it again only when it changed. The base is rewritten when the
incremental grows large, so the files stay small and old values do not linger.
Every file is published under a temporary name and then renamed, and read into
a temporary file and verified before anything is applied: an interrupted
transfer leaves nothing half-applied, and the next sync picks it up again.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.i18n import _
from smwg_desktop.sync.bundle import SUFFIX, BundleError
from smwg_desktop.sync.network import (
    ImportResult,
    export_bundle,
    import_bundle,
    require_network,
)

BASE_SUFFIX = ".base" + SUFFIX
TEMPORARY_PREFIX = ".partial-"
COMPACT_AFTER = 2_000
"""Rewrite the base once the incremental file holds this many changes (or half the base)."""

Progress = Callable[[str, int, int], None]
"""Called with (what is happening, step, steps)."""


class SyncError(UserError):
    """The shared place cannot be used: missing, unreachable, refused."""


class Transport(Protocol):
    """A place holding the network's files, named relative to the network's folder."""

    label: str

    def listing(self) -> dict[str, str]:
        """Bundle file name -> fingerprint that changes whenever the file does."""

    def fetch(self, name: str, target: Path) -> None: ...

    def publish(self, source: Path, name: str) -> None:
        """Make ``source`` appear as ``name`` all at once, replacing what was there."""


@dataclass
class SyncResult:
    imported: list[ImportResult] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    published: list[str] = field(default_factory=list)


class SyncRun:
    """One sync in steps: each other device's new file, then this device's own files.

    ``sync`` runs every step at once; the desktop app runs one step at a time so
    that the window stays responsive and shows progress.
    """

    def __init__(self, directory: Directory, transport: Transport, key: bytes) -> None:
        self.network = require_network(directory)
        self.directory = directory
        self.transport = transport
        self.key = key
        self.result = SyncResult()
        self._state_key = f"sync:{transport.label}"
        self._taken: dict[str, str] = json.loads(directory.store.meta(self._state_key) or "{}")
        self._listing = transport.listing()
        own = {directory.device_id + BASE_SUFFIX, directory.device_id + SUFFIX}
        self.wanted = sorted(
            (n for n, mark in self._listing.items() if n not in own and self._taken.get(n) != mark),
            key=lambda n: (n.removesuffix(BASE_SUFFIX).removesuffix(SUFFIX), not n.endswith(BASE_SUFFIX)),
        )
        self.steps = len(self.wanted) + 1
        self.done = 0
        self._scratch = tempfile.TemporaryDirectory(prefix="smwg-sync-")

    @property
    def finished(self) -> bool:
        return self.done >= self.steps

    def next_step(self) -> str:
        """What the next step does, for a progress line."""
        if self.done < len(self.wanted):
            return f"Receiving {self.wanted[self.done]}"
        return "Sending this device's changes"

    def step(self) -> None:
        """Receive the next file, or, when all are in, publish this device's own."""
        scratch = Path(self._scratch.name)
        try:
            if self.done < len(self.wanted):
                self._receive(self.wanted[self.done], scratch)
            else:
                self.result.published = _publish_own(
                    self.directory, self.transport, self.key, scratch, self.network.id
                )
        except BaseException:
            self.close()
            raise
        self.done += 1
        if self.finished:
            self.close()

    def _receive(self, name: str, scratch: Path) -> None:
        local = scratch / "incoming.smwgbundle"
        try:
            self.transport.fetch(name, local)
            self.result.imported.append(import_bundle(self.directory, local, self.key))
        except BundleError as refused:
            self.result.refused.append((name, str(refused)))
            return
        finally:
            local.unlink(missing_ok=True)
        self._taken[name] = self._listing[name]
        with self.directory.store.transaction():
            self.directory.store.set_meta(self._state_key, json.dumps(self._taken, sort_keys=True))

    def close(self) -> None:
        self._scratch.cleanup()


def sync(directory: Directory, transport: Transport, key: bytes, progress: Progress | None = None) -> SyncResult:
    """Take every other device's new files, then publish this device's own."""
    run = SyncRun(directory, transport, key)
    while not run.finished:
        if progress is not None:
            progress(run.next_step(), run.done + 1, run.steps)
        run.step()
    return run.result


def _publish_own(directory: Directory, transport: Transport, key: bytes, scratch: Path, network_id: str) -> list[str]:
    store = directory.store
    marker = f"sync-base:{transport.label}"
    recorded = json.loads(store.meta(marker) or "null")
    base_name = directory.device_id + BASE_SUFFIX
    present = transport.listing()
    published: list[str] = []
    local = scratch / "outgoing.smwgbundle"
    needs_base = recorded is None or base_name not in present or store.meta("sync-compact") == "1"
    if not needs_base:
        pending = sum(1 for _ in directory.log.changes_since(recorded["seen"]))
        needs_base = pending > max(COMPACT_AFTER, recorded["count"] // 2)
    if needs_base:
        seen = directory.log.seen()
        base = export_bundle(directory, local, key, full=True)
        transport.publish(local, base_name)
        published.append(base_name)
        recorded = {"seen": seen, "count": base.count}
        with store.transaction():
            store.set_meta(marker, json.dumps(recorded, sort_keys=True))
            store.set_meta("sync-compact", "0")
    export_bundle(directory, local, key, base=recorded["seen"])
    transport.publish(local, directory.device_id + SUFFIX)
    published.append(directory.device_id + SUFFIX)
    local.unlink(missing_ok=True)
    return published


def _is_network_id(name: str) -> bool:
    try:
        return str(uuid.UUID(name)) == name
    except ValueError:
        return False


class FolderTransport:
    """A folder on this computer: a USB stick, or one a sync client keeps in step.

    Without ``network_id`` it only answers ``networks()``, and creates nothing.
    """

    def __init__(self, folder: Path, network_id: str | None = None) -> None:
        if not Path(folder).is_dir():
            raise SyncError(
                _("the sync folder {folder} does not exist or is not mounted").format(folder=folder)
            )
        self.folder = Path(folder)
        self.root = Path(folder) / (network_id or "")
        self.label = f"folder:{Path(folder).resolve()}"
        if network_id is None:
            return
        try:
            self.root.mkdir(exist_ok=True)
        except OSError as exc:
            raise SyncError(
                _("cannot write to the sync folder {folder}: {why}").format(
                    folder=folder, why=exc.strerror
                )
            ) from None

    def networks(self) -> list[str]:
        """Ids of the networks whose devices left a base bundle in this folder, sorted."""
        try:
            return sorted(
                entry.name
                for entry in os.scandir(self.folder)
                if entry.is_dir()
                and _is_network_id(entry.name)
                and any(name.endswith(BASE_SUFFIX) for name in os.listdir(entry.path))
            )
        except OSError as exc:
            raise SyncError(
                _("cannot read the sync folder {folder}: {why}").format(
                    folder=self.folder, why=exc.strerror
                )
            ) from None

    def listing(self) -> dict[str, str]:
        marks: dict[str, str] = {}
        for entry in os.scandir(self.root):
            if entry.name.endswith(SUFFIX) and not entry.name.startswith("."):
                info = entry.stat()
                marks[entry.name] = f"{info.st_size}:{info.st_mtime_ns}"
        return marks

    def fetch(self, name: str, target: Path) -> None:
        try:
            shutil.copyfile(self.root / name, target)
        except OSError as exc:
            raise BundleError(
                _("cannot read {name}: {why}").format(name=name, why=exc.strerror)
            ) from None

    def publish(self, source: Path, name: str) -> None:
        temporary = self.root / f"{TEMPORARY_PREFIX}{name}"
        try:
            shutil.copyfile(source, temporary)
            with open(temporary, "rb+") as written:
                os.fsync(written.fileno())
            os.replace(temporary, self.root / name)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise SyncError(
                _("cannot write to the sync folder: {why}").format(why=exc.strerror)
            ) from None


def check_server_url(url: str) -> str | None:
    """Refuse plain HTTP to the internet; returns a warning for plain HTTP nearby."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(_("'{url}' is not a WebDAV address (https://...)").format(url=url))
    if parts.scheme == "https":
        return None
    host = parts.hostname
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_private or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = host.endswith(".local") or host == "localhost"
    if not local:
        raise SyncError(_("plain http is only accepted for a server on this computer or the local "
                          "network; use https"))
    return "the connection to the server is not encrypted (plain http); bundles stay encrypted"


class WebDavTransport:
    """A WebDAV server (Nextcloud and others) holding the network's folder.

    Without ``network_id`` it only answers ``networks()``, and creates nothing.
    """

    def __init__(self, url: str, user: str, password: str, network_id: str | None = None) -> None:
        from webdav4.client import Client

        self.warning = check_server_url(url)
        self.label = f"webdav:{url.rstrip('/')}"
        self.client = Client(url.rstrip("/") + "/", auth=(user, password), timeout=60)
        self.folder = network_id or ""
        if network_id is not None:
            self._call(lambda: self._ensure_folder())

    def networks(self) -> list[str]:
        """Ids of the networks whose devices left a base bundle on the server, sorted."""

        def names(path: str, kind: str) -> list[str]:
            entries = self.client.ls(path, detail=True)
            wanted = [str(e["name"]) for e in entries if e.get("type") == kind]
            return [name.rstrip("/").rsplit("/", 1)[-1] for name in wanted]

        def holding_a_base() -> list[str]:
            return sorted(
                folder
                for folder in names("", "directory")
                if _is_network_id(folder)
                and any(name.endswith(BASE_SUFFIX) for name in names(folder, "file"))
            )

        found: list[str] = self._call(holding_a_base)
        return found

    def _ensure_folder(self) -> None:
        if not self.client.exists(self.folder):
            self.client.mkdir(self.folder)

    def _call(self, action: Callable[[], Any]) -> Any:
        import httpx
        from webdav4.client import ClientError, HTTPError

        try:
            return action()
        except HTTPError as exc:
            status = getattr(exc, "status_code", None) or getattr(getattr(exc, "response", None), "status_code", None)
            if status == 401:
                raise SyncError(_("the WebDAV server refused the user name or password")) from None
            raise SyncError(
                _("the WebDAV server answered with an error ({status})").format(status=status)
            ) from None
        except ClientError as exc:
            raise SyncError(
                _("the WebDAV server refused the request: {why}").format(why=exc)
            ) from None
        except httpx.HTTPError as exc:
            raise SyncError(_("cannot reach the WebDAV server: {why}").format(why=exc)) from None

    def listing(self) -> dict[str, str]:
        entries = self._call(lambda: self.client.ls(self.folder, detail=True))
        marks: dict[str, str] = {}
        for entry in entries:
            name = str(entry["name"]).rstrip("/").rsplit("/", 1)[-1]
            if entry.get("type") == "file" and name.endswith(SUFFIX) and not name.startswith("."):
                marks[name] = str(entry.get("etag") or f"{entry.get('content_length')}:{entry.get('modified')}")
        return marks

    def fetch(self, name: str, target: Path) -> None:
        self._call(lambda: self.client.download_file(f"{self.folder}/{name}", target))

    def publish(self, source: Path, name: str) -> None:
        temporary = f"{self.folder}/{TEMPORARY_PREFIX}{name}"

        def upload_then_move() -> None:
            self.client.upload_file(source, temporary, overwrite=True)
            self.client.move(temporary, f"{self.folder}/{name}", overwrite=True)

        try:
            self._call(upload_then_move)
        except SyncError:
            # Best effort: a stale temporary file is harmless, readers skip dot-files.
            with contextlib.suppress(SyncError):
                self._call(lambda: self.client.remove(temporary))
            raise
