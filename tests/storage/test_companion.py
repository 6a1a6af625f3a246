"""A second connection to an open directory, as the app's worker threads use."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import StorageError
from smwg_desktop.core.model import Organisation
from smwg_desktop.sync.clock import COUNTER_BITS
from tests.sync.conftest import PASSPHRASE


def test_companion_writes_from_another_thread_and_the_owner_sees_them(directory: Directory) -> None:
    made: list[str] = []

    def work() -> None:
        with directory.companion() as companion:
            made.append(companion.create(Organisation, {"name": "Mesa de Mujeres Rurales", "country": "GT"}).id)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert directory.get(Organisation, made[0]).name == "Mesa de Mujeres Rurales"


def test_closing_the_companion_keeps_the_owners_lock(data_dir: Path, directory: Directory) -> None:
    directory.companion().close()
    with pytest.raises(StorageError, match="in use"):
        Directory.open(data_dir)


def test_an_encrypted_directory_companion_reads_with_the_same_key(data_dir: Path) -> None:
    with Directory.open(data_dir) as plain:
        plain.create(Organisation, {"name": "Comité de Tierras", "country": "HN"})
        plain.store.change_key(PASSPHRASE)
    with Directory.open(data_dir, passphrase=PASSPHRASE) as opened, opened.companion() as twin:
        assert [o.name for o in twin.list(Organisation)] == ["Comité de Tierras"]


def test_a_change_after_a_companion_received_future_stamps_is_stamped_after_them(
    directory: Directory,
) -> None:
    """A sync on the worker's connection may see a peer whose clock runs days ahead."""
    org = directory.create(Organisation, {"name": "Before", "country": "KE"})
    ahead = (directory.log.clock._wall() + 3 * 86_400_000) << COUNTER_BITS
    with directory.companion() as twin:
        twin.log.clock.observe(ahead)
        twin.update(Organisation, org.id, {"name": "From the worker"})
    worker_stamp = directory.conn.execute("SELECT max(hlc) FROM change").fetchone()[0]
    assert worker_stamp > ahead
    directory.update(Organisation, org.id, {"name": "From the window, later"})
    window_stamp = directory.conn.execute(
        "SELECT hlc FROM change WHERE value = ?", ('"From the window, later"',)
    ).fetchone()[0]
    assert window_stamp > worker_stamp
