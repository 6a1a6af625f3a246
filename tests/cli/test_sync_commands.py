"""`smwg init`, `join`, `bundle`, `sync` and `conflicts`, between real data directories.

Argon2id takes about a second per (passphrase, network) pair and keys are cached
per process, so most tests copy the first device of a network made once for this
module, and further devices join it with the same passphrase.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring.backends.fail
import pytest

from smwg_desktop.cli import network as network_commands
from smwg_desktop.core.directory import Directory
from smwg_desktop.storage.database import SCHEMA_VERSION
from smwg_desktop.sync.bundle import FORMAT_VERSION, MAGIC, Preamble, write_bundle
from smwg_desktop.sync.network import network_key, require_network
from tests.cli.conftest import Smwg
from tests.keyrings import MemoryKeyring, keyring_backend

PASSPHRASE = "seven quiet rivers under Andean stars"
WRONG_PASSPHRASE = "seven quiet rivers under Alpine stars"
ID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
DAV_USER, DAV_PASSWORD = "alice", "s3cret-pass"


@pytest.fixture(autouse=True)
def _no_keyring_and_no_secrets_in_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[None]:
    """Like a Linux without a desktop session, whatever machine runs the tests."""
    monkeypatch.delenv("SMWG_PASSPHRASE", raising=False)
    monkeypatch.delenv("SMWG_WEBDAV_PASSWORD", raising=False)
    with keyring_backend(keyring.backends.fail.Keyring()):
        yield


def secret_file(folder: Path, text: str, name: str = "passphrase.txt") -> str:
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


@dataclass(frozen=True)
class Network:
    """A first device made once: its data directory, to copy, and its network's id."""

    data: Path
    network_id: str


def start_network(root: Path, name: str) -> Network:
    smwg = Smwg(root / "data")
    org_id = smwg.add("org", "add", "--name", "Red Andina (sample)", "--country", "BO")
    smwg.add("person", "add", "--name", "Rosa Mamani (sample)", "--org", org_id, "--at-risk")
    with keyring_backend(keyring.backends.fail.Keyring()):
        line = smwg("init", "--network", name, "--passphrase-file", secret_file(root, PASSPHRASE))
    found = re.search(rf"\(id ({ID})\)", line)
    assert found is not None, line
    return Network(root / "data", found.group(1))


def the_organisation(smwg: Smwg) -> str:
    """The id of the one organisation a network starts with."""
    [organisation] = json.loads(smwg("org", "list", "--json"))
    return str(organisation["id"])


@pytest.fixture(scope="module")
def andes(tmp_path_factory: pytest.TempPathFactory) -> Network:
    return start_network(tmp_path_factory.mktemp("andes"), "Red Andina")


@pytest.fixture(scope="module")
def sahel(tmp_path_factory: pytest.TempPathFactory) -> Network:
    """Another network, with the same passphrase but its own salt and id."""
    return start_network(tmp_path_factory.mktemp("sahel"), "Sahel")


@pytest.fixture
def passphrase(tmp_path: Path) -> str:
    return secret_file(tmp_path, PASSPHRASE)


def device(tmp_path: Path, name: str, copy_of: Network | None = None) -> Smwg:
    if copy_of is not None:
        shutil.copytree(copy_of.data, tmp_path / name)
    return Smwg(tmp_path / name)


@pytest.fixture
def first(andes: Network, tmp_path: Path) -> Smwg:
    return device(tmp_path, "first", copy_of=andes)


@pytest.fixture
def second(first: Smwg, tmp_path: Path, passphrase: str) -> Smwg:
    """A device that joined the network from the first one's full bundle."""
    joiner = device(tmp_path, "second")
    bundle = str(tmp_path / "join.smwgbundle")
    first("bundle", "export", bundle, "--full", "--passphrase-file", passphrase)
    joiner("join", bundle, "--passphrase-file", passphrase)
    return joiner


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def sync_folder(smwg: Smwg, folder: Path, passphrase: str) -> str:
    return smwg("sync", "--folder", str(folder), "--passphrase-file", passphrase)


def conflicts_of(smwg: Smwg) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(smwg("conflicts", "--json"))
    return found


# init and join


def test_init_then_join_from_a_bundle_gives_the_same_directory(
    smwg: Smwg, tmp_path: Path, passphrase: str
) -> None:
    org_id = smwg.add("org", "add", "--name", "Red Andina (sample)", "--country", "BO")
    smwg.add("person", "add", "--name", "Rosa Mamani (sample)", "--org", org_id, "--at-risk")
    line = smwg("init", "--network", "  Red   Andina ", "--passphrase-file", passphrase)
    assert re.fullmatch(
        rf"Started the network 'Red Andina' \(id {ID}\); no keyring on this computer holds the key, "
        r"so give the passphrase each time \(--passphrase-file F or SMWG_PASSPHRASE\)\.\n",
        line,
    )
    bundle = tmp_path / "network.smwgbundle"
    exported = smwg("bundle", "export", str(bundle), "--passphrase-file", passphrase)
    assert exported == f"Wrote 6 changes to {bundle} (full).\n"

    other = device(tmp_path, "laptop")
    joined = other("join", str(bundle), "--passphrase-file", passphrase)

    assert re.fullmatch(
        rf"Joined the network 'Red Andina' \(id {ID}\) with 6 changes from \S+; "
        r"no keyring on this computer holds the key, .*\.\n",
        joined,
    )
    assert b"Rosa Mamani" in other.export()
    assert other.export() == smwg.export()


def test_init_is_refused_on_a_directory_already_in_a_network(first: Smwg, passphrase: str) -> None:
    line = first.refused_unchanged("init", "--network", "Again", "--passphrase-file", passphrase)
    assert line == "smwg: this data directory already belongs to the network 'Red Andina'"


def test_init_is_refused_with_a_short_passphrase(smwg: Smwg, tmp_path: Path) -> None:
    short = secret_file(tmp_path, "andes2024")
    line = smwg.refused_unchanged("init", "--network", "Red Andina", "--passphrase-file", short)
    assert line.startswith("smwg: the network passphrase must have at least 10 characters")
    assert "belongs to no network yet" in smwg.refused("bundle", "export", str(tmp_path / "b"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "smwg: cannot read the passphrase file {path}: No such file or directory"),
        ("", "smwg: the passphrase file {path} is empty; put the passphrase on its first line"),
        (
            "\n" + PASSPHRASE,
            "smwg: the passphrase file {path} is empty; put the passphrase on its first line",
        ),
    ],
    ids=["missing", "empty", "empty first line"],
)
def test_an_unusable_passphrase_file_is_refused(
    smwg: Smwg, tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "secret.txt"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    line = smwg.refused_unchanged("init", "--network", "Red Andina", "--passphrase-file", str(path))
    assert line == message.format(path=path)


def test_init_without_a_passphrase_is_refused(smwg: Smwg) -> None:
    line = smwg.refused_unchanged("init", "--network", "Red Andina")
    assert (
        line == "smwg: give the network passphrase with --passphrase-file F or set SMWG_PASSPHRASE"
    )


def test_join_is_refused_into_a_directory_that_holds_records(
    first: Smwg, tmp_path: Path, passphrase: str
) -> None:
    bundle = str(tmp_path / "join.smwgbundle")
    first("bundle", "export", bundle, "--full", "--passphrase-file", passphrase)
    busy = device(tmp_path, "busy")
    busy.add("org", "add", "--name", "Colectivo Sur", "--country", "CL")
    line = busy.refused_unchanged("join", bundle, "--passphrase-file", passphrase)
    assert line.startswith("smwg: this data directory already holds records; join from an empty")


def test_join_is_refused_into_a_directory_of_another_network(
    first: Smwg, sahel: Network, tmp_path: Path, passphrase: str
) -> None:
    bundle = str(tmp_path / "join.smwgbundle")
    first("bundle", "export", bundle, "--full", "--passphrase-file", passphrase)
    other = device(tmp_path, "sahel", copy_of=sahel)
    line = other.refused_unchanged("join", bundle, "--passphrase-file", passphrase)
    assert line.startswith("smwg: this data directory already holds the network 'Sahel'")


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("some.smwgbundle", "--folder", "usb"),
        ("--folder", "usb", "--webdav", "http://127.0.0.1:1/"),
    ],
    ids=["none", "bundle and folder", "folder and webdav"],
)
def test_join_takes_exactly_one_source(smwg: Smwg, passphrase: str, args: tuple[str, ...]) -> None:
    line = smwg.refused_unchanged("join", *args, "--passphrase-file", passphrase)
    assert line == (
        "smwg: give exactly one of BUNDLE, --folder DIR or --webdav URL (see 'smwg join --help')"
    )


# Bundles and their refusals


def test_an_incremental_bundle_carries_what_the_other_device_has_not_seen(
    first: Smwg, second: Smwg, tmp_path: Path, passphrase: str
) -> None:
    second.add("org", "add", "--name", "Colectivo Sur", "--country", "CL")
    back = tmp_path / "back.smwgbundle"
    assert second("bundle", "export", str(back), "--passphrase-file", passphrase) == (
        f"Wrote 2 changes to {back} (incremental: what the devices heard from have not seen).\n"
    )
    line = first("bundle", "import", str(back), "--passphrase-file", passphrase)
    assert re.fullmatch(
        r"Took 2 changes from \S+ \([0-9a-f]{8}\): 1 record changed; "
        r"backup in .*/backups/smwg-\S+-before-import\.sqlite3\.\n",
        line,
    )
    assert first.export() == second.export()
    again = first("bundle", "import", str(back), "--passphrase-file", passphrase)
    assert again.endswith(": 0 records changed; nothing new, so no backup was needed.\n")


def backups(smwg: Smwg) -> list[str]:
    return sorted(path.name for path in (smwg.data_dir / "backups").glob("*"))


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _flipped(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]


def _newer_format(data: bytes) -> bytes:
    return MAGIC + struct.pack(">H", FORMAT_VERSION + 1) + data[len(MAGIC) + 2 :]


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_truncated, "smwg: the bundle is incomplete (cut short)"),
        (_flipped, "smwg: the bundle is damaged or was altered (authentication failed)"),
        (
            _newer_format,
            f"smwg: this bundle was written in a newer format (version {FORMAT_VERSION + 1}); "
            "update SMWG Desktop to read it",
        ),
        (
            lambda data: b"Dear Rosa,\nthe meeting is on Tuesday.\n",
            "smwg: this file is not an SMWG bundle",
        ),
        (lambda data: b"", "smwg: this file is not an SMWG bundle"),
    ],
    ids=["truncated", "one flipped byte", "newer format", "text file", "empty file"],
)
def test_bundle_that_is_damaged_or_no_bundle_changes_nothing(
    first: Smwg, second: Smwg, tmp_path: Path, passphrase: str, spoil: Any, message: str
) -> None:
    first.add("org", "add", "--name", "Colectivo Sur", "--country", "CL")
    good = tmp_path / "good.smwgbundle"
    first("bundle", "export", str(good), "--passphrase-file", passphrase)
    spoiled = tmp_path / "spoiled.smwgbundle"
    spoiled.write_bytes(spoil(good.read_bytes()))
    backups_before = backups(second)

    line = second.refused_unchanged(
        "bundle", "import", str(spoiled), "--passphrase-file", passphrase
    )

    assert line == message
    assert backups(second) == backups_before
    before = second.export()
    second("bundle", "import", str(good), "--passphrase-file", passphrase)
    assert second.export() != before


def test_bundle_with_wrong_passphrase_changes_nothing(
    first: Smwg, second: Smwg, tmp_path: Path, passphrase: str
) -> None:
    first.add("org", "add", "--name", "Colectivo Sur", "--country", "CL")
    bundle = str(tmp_path / "new.smwgbundle")
    first("bundle", "export", bundle, "--passphrase-file", passphrase)
    wrong = secret_file(tmp_path, WRONG_PASSPHRASE, "wrong.txt")
    line = second.refused_unchanged("bundle", "import", bundle, "--passphrase-file", wrong)
    assert line == "smwg: wrong passphrase for this network"


def test_bundle_of_another_network_changes_nothing(
    second: Smwg, sahel: Network, tmp_path: Path, passphrase: str
) -> None:
    foreign = str(tmp_path / "sahel.smwgbundle")
    device(tmp_path, "sahel", copy_of=sahel)(
        "bundle", "export", foreign, "--passphrase-file", passphrase
    )
    line = second.refused_unchanged("bundle", "import", foreign, "--passphrase-file", passphrase)
    assert line == "smwg: this bundle belongs to another network"


def test_bundle_from_a_newer_schema_changes_nothing(
    first: Smwg, second: Smwg, tmp_path: Path, passphrase: str
) -> None:
    newer = tmp_path / "newer.smwgbundle"
    with Directory.open(first.data_dir) as directory:
        network = require_network(directory)
        key = network_key(directory, PASSPHRASE)
        preamble = Preamble(
            schema=SCHEMA_VERSION + 1,
            network_id=network.id,
            network_name=network.name,
            device=directory.device_id,
            device_name="future laptop",
            created="2031-01-01T00:00:00+00:00",
            seen=directory.log.seen(),
            base=None,
        )
        write_bundle(newer, network.header(key), key, preamble, directory.log.changes_since({}))
    line = second.refused_unchanged("bundle", "import", str(newer), "--passphrase-file", passphrase)
    assert line == (
        f"smwg: this bundle comes from a newer version of SMWG Desktop (schema {SCHEMA_VERSION + 1}); "
        "update to read it"
    )


# Where the passphrase comes from


def test_passphrase_from_the_environment(
    first: Smwg, second: Smwg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMWG_PASSPHRASE", PASSPHRASE)
    first.add("org", "add", "--name", "Colectivo Sur", "--country", "CL")
    bundle = str(tmp_path / "new.smwgbundle")
    first("bundle", "export", bundle)
    second("bundle", "import", bundle)
    assert second.export() == first.export()


def test_without_passphrase_or_keyring_export_is_refused(first: Smwg, tmp_path: Path) -> None:
    line = first.refused_unchanged("bundle", "export", str(tmp_path / "new.smwgbundle"))
    assert line == (
        "smwg: no network passphrase given and none remembered on this computer: "
        "give --passphrase-file or set SMWG_PASSPHRASE"
    )
    assert not (tmp_path / "new.smwgbundle").exists()


def test_the_key_remembered_in_the_keyring_is_used(
    memory_keyring: MemoryKeyring, smwg: Smwg, tmp_path: Path, passphrase: str
) -> None:
    line = smwg("init", "--network", "Red Andina", "--passphrase-file", passphrase)
    assert line.endswith("; the key is remembered in this computer's keyring.\n")
    assert len(memory_keyring.secrets) == 1
    bundle = str(tmp_path / "network.smwgbundle")
    smwg("bundle", "export", bundle)

    other = device(tmp_path, "laptop")
    assert other("join", bundle, "--passphrase-file", passphrase).endswith(
        "; the key is remembered in this computer's keyring.\n"
    )
    other.add("org", "add", "--name", "Colectivo Sur", "--country", "CL")
    back = str(tmp_path / "back.smwgbundle")
    other("bundle", "export", back)
    smwg("bundle", "import", back)
    assert smwg.export() == other.export()


# Sync through a folder


def test_sync_folder_shared_by_three_devices_converges(
    first: Smwg, second: Smwg, tmp_path: Path, usb: Path, passphrase: str
) -> None:
    assert sync_folder(first, usb, passphrase) == (
        "Received changes from 0 devices, 0 records changed; published 2 files.\n"
    )
    third = device(tmp_path, "third")
    third("join", "--folder", str(usb), "--passphrase-file", passphrase)

    first_org = the_organisation(first)
    first("org", "edit", first_org, "--set", "acronym=RA")
    second.add("org", "add", "--name", "Colectivo Sur", "--country", "CL")
    third.add("person", "add", "--name", "Amina Diallo (sample)", "--country", "SN")

    sync_folder(first, usb, passphrase)
    assert sync_folder(second, usb, passphrase) == (
        "Received changes from 2 devices, 1 record changed; published 2 files.\n"
    )
    sync_folder(third, usb, passphrase)
    sync_folder(first, usb, passphrase)
    sync_folder(second, usb, passphrase)

    assert first.export() == second.export() == third.export()
    assert b"Amina Diallo" in first.export() and b"Colectivo Sur" in third.export()


def test_join_from_a_sync_folder(first: Smwg, tmp_path: Path, usb: Path, passphrase: str) -> None:
    sync_folder(first, usb, passphrase)
    joiner = device(tmp_path, "laptop")
    lines = joiner("join", "--folder", str(usb), "--passphrase-file", passphrase).splitlines()
    assert len(lines) == 2
    assert re.fullmatch(
        rf"Joined the network 'Red Andina' \(id {ID}\) with 6 changes from .*", lines[0]
    )
    assert lines[1] == "Received changes from 1 device, 0 records changed; published 2 files."
    assert joiner.export() == first.export()
    assert sync_folder(joiner, usb, passphrase).startswith("Received changes from 0 devices")


def test_join_from_a_folder_with_a_wrong_passphrase_changes_nothing(
    first: Smwg, tmp_path: Path, usb: Path, passphrase: str
) -> None:
    sync_folder(first, usb, passphrase)
    wrong = secret_file(tmp_path, WRONG_PASSPHRASE, "wrong.txt")
    joiner = device(tmp_path, "laptop")
    line = joiner.refused_unchanged("join", "--folder", str(usb), "--passphrase-file", wrong)
    assert line == "smwg: wrong passphrase for this network's bundles"
    assert "belongs to no network yet" in joiner.refused("sync", "--folder", str(usb))


def test_join_from_a_folder_without_network_files_is_refused(
    smwg: Smwg, usb: Path, passphrase: str
) -> None:
    line = smwg.refused_unchanged("join", "--folder", str(usb), "--passphrase-file", passphrase)
    assert line == (
        f"smwg: the sync folder {usb} holds no network's files yet; "
        "sync a device of the network to it first"
    )
    assert list(usb.iterdir()) == []


def test_join_from_a_folder_of_two_networks_asks_which(
    first: Smwg, andes: Network, sahel: Network, tmp_path: Path, usb: Path, passphrase: str
) -> None:
    sync_folder(first, usb, passphrase)
    sync_folder(device(tmp_path, "sahel", copy_of=sahel), usb, passphrase)
    joiner = device(tmp_path, "laptop")
    line = joiner.refused_unchanged("join", "--folder", str(usb), "--passphrase-file", passphrase)
    ids = ", ".join(sorted((andes.network_id, sahel.network_id)))
    assert line == (
        f"smwg: the sync folder {usb} holds files of 2 networks ({ids}); "
        "choose one with --network ID"
    )
    joiner(
        "join", "--folder", str(usb), "--network", sahel.network_id, "--passphrase-file", passphrase
    )
    assert joiner.export() == Smwg(sahel.data).export()
    with Directory.open(joiner.data_dir, write=False) as directory:
        assert require_network(directory).name == "Sahel"


def test_sync_takes_what_it_can_and_names_each_refused_file(
    first: Smwg, second: Smwg, usb: Path, passphrase: str, andes: Network
) -> None:
    first.add("org", "add", "--name", "Colectivo Sur", "--country", "CL")
    sync_folder(first, usb, passphrase)
    (usb / andes.network_id / "intruder.smwgbundle").write_text("not a bundle", encoding="utf-8")

    result = second.run("sync", "--folder", str(usb), "--passphrase-file", passphrase)

    assert result.exit_code == 2
    assert result.stdout == "Received changes from 1 device, 1 record changed; published 2 files.\n"
    assert result.stderr == "smwg: refused intruder.smwgbundle: this file is not an SMWG bundle\n"
    assert second.export() == first.export()


def test_sync_shows_progress_only_on_a_terminal(
    first: Smwg, usb: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(network_commands, "_stderr_is_terminal", lambda: True)
    result = first.run("sync", "--folder", str(usb), "--passphrase-file", passphrase)
    assert result.exit_code == 0
    assert result.stderr == "[1/1] Sending this device's changes\n"
    assert (
        result.stdout == "Received changes from 0 devices, 0 records changed; published 2 files.\n"
    )


def test_sync_to_a_missing_folder_is_refused(first: Smwg, tmp_path: Path, passphrase: str) -> None:
    missing = tmp_path / "unplugged"
    line = first.refused_unchanged(
        "sync", "--folder", str(missing), "--passphrase-file", passphrase
    )
    assert line == f"smwg: the sync folder {missing} does not exist or is not mounted"


# Conflicts


def conflicting_edits(
    first: Smwg,
    second: Smwg,
    usb: Path,
    passphrase: str,
    field: str = "acronym",
    values: tuple[str, str] = ("RA", "REDAN"),
) -> str:
    """Both devices change one field of one organisation between syncs; returns its id."""
    org_id = the_organisation(first)
    sync_folder(first, usb, passphrase)
    sync_folder(second, usb, passphrase)
    first("org", "edit", org_id, "--set", f"{field}={values[0]}")
    second("org", "edit", org_id, "--set", f"{field}={values[1]}")
    for smwg in (first, second, first):
        sync_folder(smwg, usb, passphrase)
    return org_id


def test_conflict_on_a_field_is_listed_and_resolved(
    first: Smwg, second: Smwg, usb: Path, passphrase: str
) -> None:
    org_id = conflicting_edits(first, second, usb, passphrase)
    [conflict] = conflicts_of(first)
    assert conflicts_of(second) == [conflict]
    shown, other = (choice["value"] for choice in conflict["choices"])
    assert {shown, other} == {"RA", "REDAN"}
    assert json.loads(first("org", "show", org_id, "--json"))["acronym"] == shown
    assert conflict == {
        "ref": "c1",
        "key": f"organisation:{org_id}:acronym",
        "kind": "organisation",
        "id": org_id,
        "name": "Red Andina (sample)",
        "deleted": False,
        "field": "acronym",
        "choices": [
            {"number": 1, "text": shown, "value": shown, "shown": True},
            {"number": 2, "text": other, "value": other, "shown": False},
        ],
    }
    assert first("conflicts").splitlines() == [
        f'c1  organisation {org_id[:8]} "Red Andina (sample)", field acronym',
        f"    1  {shown}  (shown now)",
        f"    2  {other}",
    ]

    assert (
        second("conflicts", "resolve", "c1", "--choose", "2")
        == f"Settled c1: acronym is {other}.\n"
    )
    assert second("conflicts") == "No conflicts.\n"
    sync_folder(second, usb, passphrase)
    sync_folder(first, usb, passphrase)
    assert conflicts_of(first) == []
    assert json.loads(first("org", "show", org_id, "--json"))["acronym"] == other
    assert first.export() == second.export()


def test_conflicting_values_of_several_lines_stay_readable(
    first: Smwg, second: Smwg, usb: Path, passphrase: str
) -> None:
    notes = ("Office in El Alto\nAsk for Rosa", "Office moved\nto Cochabamba")
    org_id = conflicting_edits(first, second, usb, passphrase, "notes", notes)
    [conflict] = conflicts_of(first)
    shown, other = (choice["value"] for choice in conflict["choices"])
    first_line, second_line = shown.split("\n")
    assert first("conflicts").splitlines()[:3] == [
        f'c1  organisation {org_id[:8]} "Red Andina (sample)", field notes',
        f"    1  {first_line}",
        f"       {second_line}  (shown now)",
    ]
    assert first("conflicts", "resolve", "c1", "--choose", "2") == (
        f"Settled c1: notes is {' '.join(other.split())}.\n"
    )
    assert json.loads(first("org", "show", org_id, "--json"))["notes"] == other


@pytest.mark.parametrize(
    ("ref", "choose", "message"),
    [
        ("c2", "1", "smwg: no conflict 'c2'; 'smwg conflicts' lists them"),
        (
            "person:x:acronym",
            "1",
            "smwg: no conflict 'person:x:acronym'; 'smwg conflicts' lists them",
        ),
        ("c1", "3", "smwg: c1 has 2 choices: choose 1 to 2"),
        ("c1", "0", "smwg: c1 has 2 choices: choose 1 to 2"),
    ],
    ids=["unknown ref", "unknown key", "choice too high", "choice zero"],
)
def test_resolving_an_unknown_conflict_or_choice_changes_nothing(
    first: Smwg, second: Smwg, usb: Path, passphrase: str, ref: str, choose: str, message: str
) -> None:
    conflicting_edits(first, second, usb, passphrase)
    assert first.refused_unchanged("conflicts", "resolve", ref, "--choose", choose) == message
    assert len(conflicts_of(first)) == 1


def test_no_conflicts_is_said_plainly(first: Smwg) -> None:
    assert first("conflicts") == "No conflicts.\n"
    assert conflicts_of(first) == []


@pytest.mark.parametrize(("choose", "restored"), [("1", False), ("2", True)])
def test_an_edit_that_raced_a_delete_is_settled_through_the_cli(
    first: Smwg, second: Smwg, usb: Path, passphrase: str, choose: str, restored: bool
) -> None:
    org_id = the_organisation(first)
    sync_folder(first, usb, passphrase)
    sync_folder(second, usb, passphrase)
    first("org", "delete", org_id)
    second("org", "edit", org_id, "--set", "notes=New office in El Alto")
    for smwg in (first, second, first):
        sync_folder(smwg, usb, passphrase)

    [conflict] = conflicts_of(second)
    assert (conflict["key"], conflict["deleted"], conflict["name"]) == (
        f"organisation:{org_id}:_deleted",
        True,
        None,
    )
    assert first("conflicts").splitlines() == [
        f"c1  organisation {org_id} (deleted), edited on one device while deleted on another",
        "    1  keep it deleted",
        "    2  restore it (with the edits made meanwhile)",
    ]

    outcome = "the record is restored" if restored else "the record stays deleted"
    assert first("conflicts", "resolve", conflict["key"], "--choose", choose) == (
        f"Settled {conflict['key']}: {outcome}.\n"
    )
    sync_folder(first, usb, passphrase)
    sync_folder(second, usb, passphrase)
    for smwg in (first, second):
        assert conflicts_of(smwg) == []
        shown = smwg.run("org", "show", org_id, "--json")
        if restored:
            assert json.loads(shown.stdout)["notes"] == "New office in El Alto"
        else:
            assert shown.exit_code == 2
    assert first.export() == second.export()


# Sync through a WebDAV server


@dataclass(frozen=True)
class DavServer:
    root: Path
    url: str

    def folder(self, name: str) -> str:
        """A fresh folder on the server for one test, as a URL."""
        (self.root / name).mkdir()
        return f"{self.url}/{name}/"


@pytest.fixture(scope="module")
def dav(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DavServer]:
    from cheroot import wsgi
    from wsgidav.wsgidav_app import WsgiDAVApp

    root = tmp_path_factory.mktemp("dav")
    app = WsgiDAVApp(
        {
            "provider_mapping": {"/": str(root)},
            "http_authenticator": {
                "accept_basic": True,
                "accept_digest": False,
                "default_to_digest": False,
            },
            "simple_dc": {"user_mapping": {"*": {DAV_USER: {"password": DAV_PASSWORD}}}},
            "verbose": 1,
            "logging": {"enable": False},
        }
    )
    server = wsgi.Server(("127.0.0.1", 0), app)
    server.prepare()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        yield DavServer(root, f"http://127.0.0.1:{server.bind_addr[1]}")
    finally:
        server.stop()
        thread.join(timeout=10)


@pytest.fixture
def dav_password(tmp_path: Path) -> str:
    return secret_file(tmp_path, DAV_PASSWORD, "dav-password.txt")


def sync_dav(smwg: Smwg, url: str, password: str, passphrase: str) -> tuple[str, str]:
    result = smwg.run(
        "sync", "--webdav", url, "--user", DAV_USER, "--password-file", password,
        "--passphrase-file", passphrase,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


PLAIN_HTTP = (
    "smwg: warning: the connection to the server is not encrypted (plain http); "
    "bundles stay encrypted\n"
)


def test_two_devices_sync_through_a_webdav_server(
    first: Smwg, second: Smwg, dav: DavServer, dav_password: str, passphrase: str
) -> None:
    url = dav.folder("two-devices")
    first.add("org", "add", "--name", "Colectivo Sur", "--country", "CL")
    assert sync_dav(first, url, dav_password, passphrase) == (
        "Received changes from 0 devices, 0 records changed; published 2 files.\n",
        PLAIN_HTTP,
    )
    second.add("person", "add", "--name", "Amina Diallo (sample)", "--country", "SN")
    stdout, _ = sync_dav(second, url, dav_password, passphrase)
    assert stdout == "Received changes from 1 device, 1 record changed; published 2 files.\n"
    sync_dav(first, url, dav_password, passphrase)
    assert first.export() == second.export()
    assert b"Amina Diallo" in first.export() and b"Colectivo Sur" in second.export()


def test_join_from_a_webdav_server(
    first: Smwg,
    tmp_path: Path,
    dav: DavServer,
    dav_password: str,
    passphrase: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = dav.folder("join")
    sync_dav(first, url, dav_password, passphrase)
    monkeypatch.setenv("SMWG_WEBDAV_PASSWORD", DAV_PASSWORD)
    joiner = device(tmp_path, "laptop")
    result = joiner.run(
        "join", "--webdav", url, "--user", DAV_USER, "--passphrase-file", passphrase
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == PLAIN_HTTP
    assert result.stdout.splitlines()[1] == (
        "Received changes from 1 device, 0 records changed; published 2 files."
    )
    assert joiner.export() == first.export()


def test_a_wrong_webdav_password_is_one_clear_line(
    first: Smwg, tmp_path: Path, dav: DavServer, passphrase: str
) -> None:
    url = dav.folder("wrong-password")
    wrong = secret_file(tmp_path, "guess", "wrong-password.txt")
    expected = "smwg: the WebDAV server refused the user name or password"
    args = ("--webdav", url, "--user", DAV_USER, "--password-file", wrong)
    assert first.refused_unchanged("sync", *args, "--passphrase-file", passphrase) == expected
    joiner = device(tmp_path, "laptop")
    assert joiner.refused_unchanged("join", *args, "--passphrase-file", passphrase) == expected
    assert list((dav.root / "wrong-password").iterdir()) == []


def test_webdav_needs_a_user_and_a_password(first: Smwg, dav: DavServer, passphrase: str) -> None:
    url = dav.folder("no-password")
    line = first.refused_unchanged("sync", "--webdav", url, "--passphrase-file", passphrase)
    assert line == "smwg: --webdav needs --user (see 'smwg sync --help')"
    line = first.refused_unchanged(
        "sync", "--webdav", url, "--user", DAV_USER, "--passphrase-file", passphrase
    )
    assert line == (
        "smwg: give the WebDAV password with --password-file F or set SMWG_WEBDAV_PASSWORD"
    )


def test_sync_with_a_wrong_passphrase_publishes_nothing(
    first: Smwg, usb: Path, tmp_path: Path
) -> None:
    wrong = secret_file(tmp_path, WRONG_PASSPHRASE, "wrong-for-sync.txt")
    line = first.refused_unchanged("sync", "--folder", str(usb), "--passphrase-file", wrong)
    assert line == "smwg: wrong passphrase for this network"
    assert not any(path.is_file() for path in usb.rglob("*"))
