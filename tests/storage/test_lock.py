"""The write lock of a data directory: one holder at a time, whoever takes it."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import filelock
import pytest

from smwg_desktop.storage import lock


def test_a_second_taker_is_refused_until_the_first_releases(tmp_path: Path) -> None:
    path = tmp_path / "smwg.lock"
    first = lock.take(path)

    with pytest.raises(lock.InUse):
        lock.take(path)

    first.release()
    lock.take(path).release()


def test_releasing_twice_is_harmless(tmp_path: Path) -> None:
    held = lock.take(tmp_path / "smwg.lock")
    held.release()
    held.release()
    lock.take(tmp_path / "smwg.lock").release()


def test_filelock_and_this_lock_exclude_each_other(tmp_path: Path) -> None:
    """Another program (or an older version of this one) locking with filelock is kept out."""
    path = tmp_path / "smwg.lock"
    held = lock.take(path)
    with pytest.raises(filelock.Timeout):
        filelock.FileLock(path, timeout=0).acquire()
    held.release()

    other = filelock.FileLock(path, timeout=0)
    other.acquire()
    with pytest.raises(lock.InUse):
        lock.take(path)
    other.release()


def test_another_process_is_kept_out_while_the_lock_is_held(tmp_path: Path) -> None:
    path = tmp_path / "smwg.lock"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from smwg_desktop.storage import lock\n"
        "try:\n"
        "    lock.take(Path(sys.argv[1]))\n"
        "except lock.InUse:\n"
        "    print('in use')\n"
        "else:\n"
        "    print('taken')\n"
    )

    def other_process() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    held = lock.take(path)
    assert other_process() == "in use"
    held.release()
    assert other_process() == "taken"


@pytest.mark.filterwarnings("ignore:flock not supported:UserWarning")
def test_a_file_system_without_flock_falls_back_to_filelock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    def no_flock(fd: int, operation: int) -> None:
        raise OSError(errno.ENOSYS, "flock not supported")

    monkeypatch.setattr(fcntl, "flock", no_flock)
    path = tmp_path / "smwg.lock"
    taken: list[Path] = []
    real_filelock = filelock.FileLock

    def recording_filelock(lock_file: Path, *args: object, **kwargs: object) -> filelock.BaseFileLock:
        taken.append(Path(lock_file))
        return real_filelock(lock_file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(filelock, "FileLock", recording_filelock)

    held = lock.take(path)

    assert taken == [path]
    with pytest.raises(lock.InUse):
        lock.take(path)
    held.release()
    lock.take(path).release()


def _flock_answering(code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    def refusing(fd: int, operation: int) -> None:
        if operation & fcntl.LOCK_UN:
            return
        raise OSError(code, errno.errorcode[code])

    monkeypatch.setattr(fcntl, "flock", refusing)


def test_a_share_that_answers_permission_denied_for_a_held_lock_means_in_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SMB shares answer EACCES, not EAGAIN, when another client holds the lock."""
    from smwg_desktop.core.errors import StorageError
    from smwg_desktop.storage.database import Store

    _flock_answering(errno.EACCES, monkeypatch)

    with pytest.raises(lock.InUse):
        lock.take(tmp_path / "smwg.lock")
    with pytest.raises(StorageError, match="in use by another"):
        Store(tmp_path / "data", write=True)


@pytest.mark.parametrize("code", [errno.EOPNOTSUPP, errno.ENOLCK])
def test_a_file_system_that_cannot_lock_is_refused_with_a_reason(
    code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smwg_desktop.core.errors import StorageError
    from smwg_desktop.storage.database import Store

    _flock_answering(code, monkeypatch)

    with pytest.raises(lock.CannotLock):
        lock.take(tmp_path / "smwg.lock")
    with pytest.raises(StorageError, match="cannot be locked against a second writer") as refused:
        Store(tmp_path / "data", write=True)
    assert "\n" not in str(refused.value)
