"""Syncing through a shared folder and through a real WebDAV server."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation, Person
from smwg_desktop.sync.exchange import (
    BASE_SUFFIX,
    COMPACT_AFTER,
    FolderTransport,
    SyncError,
    WebDavTransport,
    check_server_url,
    sync,
)
from smwg_desktop.sync.network import network_key, network_of
from tests.sync.conftest import PASSPHRASE, exported
from tests.webdav_server import PASSWORD, USER, DavServer, dav_server

Network = Callable[[int], list[Directory]]


def _folder_sync(device: Directory, folder: Path) -> None:
    network = network_of(device)
    assert network is not None
    result = sync(device, FolderTransport(folder, network.id), network_key(device, PASSPHRASE))
    assert result.refused == []


def test_a_folder_shared_by_three_devices_brings_them_together(network: Network, tmp_path: Path) -> None:
    a, b, c = network(3)
    folder = tmp_path / "usb"
    folder.mkdir()
    org = a.list(Organisation)[0]
    a.update(Organisation, org.id, {"acronym": "RA"})
    b.create(Organisation, {"name": "Red de Pescadoras (muestra)", "country": "SN"})
    c.update(Organisation, org.id, {"women_led": True})
    for device in (a, b, c, a, b):
        _folder_sync(device, folder)
    assert exported(a) == exported(b) == exported(c)
    assert a.get(Organisation, org.id).acronym == "RA"
    assert c.count(Organisation) == 2
    network_folder = folder / network_of(a).id  # type: ignore[union-attr]
    names = sorted(os.listdir(network_folder))
    assert names == sorted(
        f"{d.device_id}{suffix}" for d in (a, b, c) for suffix in (BASE_SUFFIX, ".smwgbundle")
    )


def test_every_device_writes_only_files_named_after_itself(network: Network, tmp_path: Path) -> None:
    a, b = network(2)
    folder = tmp_path / "shared"
    folder.mkdir()
    _folder_sync(a, folder)
    network_folder = folder / network_of(a).id  # type: ignore[union-attr]
    a_files = {p.name: p.stat().st_mtime_ns for p in network_folder.iterdir()}
    b.create(Organisation, {"name": "Nueva (muestra)", "country": "PE"})
    _folder_sync(b, folder)
    for name, mtime in a_files.items():
        assert (network_folder / name).stat().st_mtime_ns == mtime


def test_unchanged_files_are_not_read_again(network: Network, tmp_path: Path) -> None:
    a, b = network(2)
    folder = tmp_path / "shared"
    folder.mkdir()
    _folder_sync(a, folder)
    key = network_key(b, PASSPHRASE)
    transport = FolderTransport(folder, network_of(b).id)  # type: ignore[union-attr]
    first = sync(b, transport, key)
    second = sync(b, transport, key)
    assert len(first.imported) == 2
    assert second.imported == []


def test_a_damaged_file_from_one_device_does_not_stop_the_others(network: Network, tmp_path: Path) -> None:
    a, b, c = network(3)
    folder = tmp_path / "shared"
    folder.mkdir()
    a.create(Organisation, {"name": "De A (muestra)", "country": "PE"})
    b.create(Organisation, {"name": "De B (muestra)", "country": "SN"})
    _folder_sync(a, folder)
    _folder_sync(b, folder)
    network_id = network_of(a).id  # type: ignore[union-attr]
    damaged = folder / network_id / f"{a.device_id}{BASE_SUFFIX}"
    damaged.write_bytes(damaged.read_bytes()[:-40])
    result = sync(c, FolderTransport(folder, network_id), network_key(c, PASSPHRASE))
    assert [name for name, _ in result.refused] == [damaged.name]
    assert {o.name for o in c.list(Organisation)} >= {"De B (muestra)"}
    # Once A writes a good file again, C takes it on its next sync.
    damaged.unlink()
    _folder_sync(a, folder)
    _folder_sync(c, folder)
    assert exported(a) == exported(c)
    assert {o.name for o in c.list(Organisation)} >= {"De A (muestra)", "De B (muestra)"}


def test_the_base_file_is_rewritten_when_the_incremental_grows(network: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from smwg_desktop.sync import exchange

    monkeypatch.setattr(exchange, "COMPACT_AFTER", 5)
    a, b = network(2)
    folder = tmp_path / "shared"
    folder.mkdir()
    _folder_sync(a, folder)
    base = folder / network_of(a).id / f"{a.device_id}{BASE_SUFFIX}"  # type: ignore[union-attr]
    first = base.stat().st_mtime_ns
    for n in range(4):
        a.create(Organisation, {"name": f"Org {n} (muestra)", "country": "PE"})
    _folder_sync(a, folder)
    assert base.stat().st_mtime_ns != first
    _folder_sync(b, folder)
    assert exported(a) == exported(b)
    assert COMPACT_AFTER > 5


def test_a_missing_sync_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SyncError, match="does not exist"):
        FolderTransport(tmp_path / "unplugged-usb", "network")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[DavServer]:
    with dav_server(tmp_path / "dav") as running:
        yield running


def _dav_sync(device: Directory, server: DavServer, password: str = PASSWORD) -> None:
    network = network_of(device)
    assert network is not None
    result = sync(device, WebDavTransport(server.url, USER, password, network.id), network_key(device, PASSPHRASE))
    assert result.refused == []


def test_two_devices_sync_through_a_webdav_server(network: Network, server: DavServer) -> None:
    a, b = network(2)
    org = a.list(Organisation)[0]
    a.update(Organisation, org.id, {"acronym": "RA"})
    b.update(Person, b.list(Person)[0].id, {"languages": "es, ay"})
    for device in (a, b, a):
        _dav_sync(device, server)
    assert exported(a) == exported(b)
    assert b.get(Organisation, org.id).acronym == "RA"
    stored = list((server.root / network_of(a).id).iterdir())  # type: ignore[union-attr]
    assert all(b"Rosa" not in p.read_bytes() for p in stored)


def test_a_wrong_webdav_password_is_one_clear_refusal(network: Network, server: DavServer) -> None:
    a, _ = network(2)
    with pytest.raises(SyncError, match="refused the user name or password"):
        WebDavTransport(server.url, USER, "not the password", network_of(a).id)  # type: ignore[union-attr]


def test_an_interrupted_upload_leaves_nothing_half_written_and_resumes(network: Network, server: DavServer) -> None:
    a, b = network(2)
    _dav_sync(a, server)
    _dav_sync(b, server)
    folder = server.root / network_of(a).id  # type: ignore[union-attr]
    before = {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}
    a.create(Organisation, {"name": "Nueva (muestra)", "country": "PE"})
    server.cut_uploads_after = 100
    with pytest.raises(SyncError):
        _dav_sync(a, server)
    after = {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}
    assert after == before
    server.cut_uploads_after = None
    _dav_sync(b, server)
    assert b.count(Organisation) == 1
    _dav_sync(a, server)
    _dav_sync(b, server)
    assert exported(a) == exported(b)
    assert b.count(Organisation) == 2


def test_plain_http_only_nearby(server: DavServer) -> None:
    assert check_server_url("https://cloud.example.org/remote.php/dav/files/a/") is None
    assert "not encrypted" in str(check_server_url("http://127.0.0.1:8080/"))
    assert "not encrypted" in str(check_server_url("http://192.168.1.20/dav/"))
    with pytest.raises(SyncError, match="use https"):
        check_server_url("http://cloud.example.org/dav/")
    with pytest.raises(SyncError, match="not a WebDAV address"):
        check_server_url("ftp://example.org/")
