"""The write lock of a data directory: one writer at a time, across processes.

Where the system has ``flock`` (Linux, macOS) the lock is an ``flock`` on a file
of the directory, as filelock's own Unix lock takes it (so the two exclude each
other), without the 30 ms that importing filelock costs every start. Elsewhere
(Windows), and on a file system without ``flock`` at all (ENOSYS), filelock takes
it, with its own fallback. A file system that has ``flock`` but cannot lock this
file (some network shares) raises ``CannotLock``: writing there unlocked could
let two programs damage the database.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

_HELD = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES}
"""What ``flock`` answers when another holds the lock (EACCES on SMB shares)."""


class InUse(Exception):
    """Another process (or another open store of this one) holds the lock."""


class CannotLock(Exception):
    """The file system refuses to lock the file; the message says what it answered."""


class HeldLock:
    """A lock taken; ``release`` gives it back (once; later calls do nothing)."""

    def __init__(self, release: Callable[[], None]) -> None:
        self._release: Callable[[], None] | None = release

    def release(self) -> None:
        if self._release is not None:
            release, self._release = self._release, None
            release()


def take(path: Path) -> HeldLock:
    """Take the lock on ``path`` (created if missing) now, or raise ``InUse`` (held by
    another) or ``CannotLock`` (the file system cannot lock it)."""
    try:
        import fcntl
    except ImportError:
        return _take_with_filelock(path)
    fd, created = _open(path)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in _HELD:
            raise InUse(str(path)) from None
        if exc.errno != errno.ENOSYS:
            raise CannotLock(exc.strerror or str(exc)) from None
        # filelock's fallback there is a file that exists only while the lock is
        # held: leave none behind that it would take for another holder's.
        if created:
            path.unlink(missing_ok=True)
        return _take_with_filelock(path)

    def release() -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    return HeldLock(release)


def _open(path: Path) -> tuple[int, bool]:
    """The lock file open for writing, and whether this call created it."""
    while True:
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644), True
        except FileExistsError:
            pass
        try:
            return os.open(path, os.O_RDWR), False
        except FileNotFoundError:
            continue  # removed in between: create it after all


def _take_with_filelock(path: Path) -> HeldLock:
    import filelock

    lock = filelock.FileLock(path, timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise InUse(str(path)) from None
    return HeldLock(lock.release)
