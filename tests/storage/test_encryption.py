"""Encryption at rest: a copied data directory reads as noise without the passphrase."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import StorageError
from smwg_desktop.core.model import Organisation, Person
from smwg_desktop.storage.changelog import encode
from smwg_desktop.storage.database import DATABASE_NAME, KEY_FILE_NAME

PASSPHRASE = "a long device passphrase"
NAMES = (b"Zaynab", b"Haddad", b"zaynab@example.org")


def _fill(directory: Directory) -> None:
    org = directory.create(Organisation, {"name": "Red Andina (muestra)", "country": "BO"})
    for n in range(40):
        directory.add_person(
            {"name": f"Zaynab Haddad {n}", "emails": "zaynab@example.org", "phones": "+591 7 654 3210"},
            organisation_id=org.id,
        )
    directory.store.backup(reason="test")


def _all_bytes(data_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data_dir)): p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}


def test_an_encrypted_directory_discloses_no_name_anywhere(data_dir: Path) -> None:
    with Directory.open(data_dir) as directory:
        _fill(directory)
        before = encode(directory.export_canonical())
        assert any(name in blob for blob in _all_bytes(data_dir).values() for name in NAMES)
        rewritten = directory.store.change_key(PASSPHRASE)
        assert len(rewritten) == 1
        directory.create(Person, {"name": "Zaynab written after encryption"})
        # Still open, so the write-ahead log holds the last write: it is encrypted too.
        assert (data_dir / f"{DATABASE_NAME}-wal").stat().st_size > 0
        for path, blob in _all_bytes(data_dir).items():
            for name in NAMES:
                assert name not in blob, (path, name)
    with Directory.open(data_dir, passphrase=PASSPHRASE) as reopened:
        after = encode(reopened.export_canonical())
        assert reopened.count(Person) == 41
    assert before != after and "Zaynab written after encryption" in after


def test_the_standard_sqlite3_refuses_an_encrypted_file(data_dir: Path) -> None:
    with Directory.open(data_dir) as directory:
        _fill(directory)
        directory.store.change_key(PASSPHRASE)
    for path in [data_dir / DATABASE_NAME, *(data_dir / "backups").glob("*.sqlite3")]:
        with closing(sqlite3.connect(path)) as plain, pytest.raises(sqlite3.DatabaseError):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchall()


@pytest.mark.parametrize("given", [None, "not the passphrase at all"])
def test_a_wrong_or_missing_passphrase_is_refused_and_changes_nothing(data_dir: Path, given: str | None) -> None:
    with Directory.open(data_dir) as directory:
        _fill(directory)
        directory.store.change_key(PASSPHRASE)
    before = _all_bytes(data_dir)
    with pytest.raises(StorageError) as refused:
        Directory.open(data_dir, passphrase=given)
    assert "\n" not in str(refused.value)
    assert ("wrong passphrase" if given else "encrypted") in str(refused.value)
    after = _all_bytes(data_dir)
    after.pop("smwg.lock", None)
    before.pop("smwg.lock", None)
    assert after == before


def test_the_passphrase_can_come_from_the_environment(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Directory.open(data_dir) as directory:
        _fill(directory)
        directory.store.change_key(PASSPHRASE)
    monkeypatch.setenv("SMWG_DB_PASSPHRASE", PASSPHRASE)
    with Directory.open(data_dir) as directory:
        assert directory.count(Person) == 40


def test_rekey_changes_the_passphrase_of_the_database_and_its_backups(data_dir: Path) -> None:
    with Directory.open(data_dir) as directory:
        _fill(directory)
        directory.store.change_key(PASSPHRASE)
        directory.store.change_key("another long passphrase")
        backup = directory.store.backups()[0]
    with pytest.raises(StorageError, match="wrong passphrase"):
        Directory.open(data_dir, passphrase=PASSPHRASE)
    with Directory.open(data_dir, passphrase="another long passphrase") as directory:
        assert directory.count(Person) == 40
        key = directory.store.key
    from smwg_desktop.storage import driver

    with closing(driver.connect(backup, key)) as copy:
        assert copy.execute("SELECT count(*) FROM person").fetchone()[0] == 40


def test_a_short_passphrase_is_refused(data_dir: Path) -> None:
    from smwg_desktop.core.errors import UserError

    with Directory.open(data_dir) as directory, pytest.raises(UserError, match="at least"):
        directory.store.change_key("short")
    assert not (data_dir / KEY_FILE_NAME).exists()


_ENCRYPT = """
import sys
from smwg_desktop.core.directory import Directory
with Directory.open(sys.argv[1]) as directory:
    directory.store.change_key(sys.argv[2])
print("done")
"""


@pytest.mark.slow
def test_killing_encrypt_part_way_never_loses_data(tmp_path: Path) -> None:
    """Kill the encryption at random moments: the data is always intact afterwards."""
    template = tmp_path / "template"
    with Directory.open(template) as directory:
        _fill(directory)
        expected = encode(directory.export_canonical())
    # Kill times are fractions of one whole run timed here, on this machine, now:
    # a busy machine stretches the encryption and the kills alike.
    timed = tmp_path / "timed"
    subprocess.run(["cp", "-a", str(template), str(timed)], check=True)
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", _ENCRYPT, str(timed), PASSPHRASE], check=True,
                   capture_output=True)
    whole = time.monotonic() - started
    rng = random.Random(11)
    delays = [rng.uniform(0.3, 1.3) * whole for _ in range(8)]
    outcomes: set[object] = set()
    attempt = 0
    while attempt < 8 or (attempt < 16 and not _both_sides(outcomes)):
        if attempt < 8:
            delay = delays[attempt]
        elif ("encrypted", True) not in outcomes:
            delay = 1.6 * whole  # every kill came before the switch: let one finish
        else:
            delay = rng.uniform(0.1, 0.3) * whole  # every kill came after it: kill sooner
        data_dir = tmp_path / f"attempt-{attempt}"
        attempt += 1
        subprocess.run(["cp", "-a", str(template), str(data_dir)], check=True)
        worker = subprocess.Popen(
            [sys.executable, "-c", _ENCRYPT, str(data_dir), PASSPHRASE],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        time.sleep(delay)
        worker.send_signal(signal.SIGKILL)
        out, _ = worker.communicate()
        outcomes.add(b"done" in out)
        with Directory.open(data_dir, passphrase=PASSPHRASE) as directory:
            assert encode(directory.export_canonical()) == expected
            outcomes.add(("encrypted", directory.store.encrypted))
    # The kills landed both before and after the switch to the encrypted file.
    assert _both_sides(outcomes)


def _both_sides(outcomes: set[object]) -> bool:
    return {("encrypted", False), ("encrypted", True)} <= outcomes
