"""Slow work (a sync, a bundle, a large document) on a worker thread, reported by signals.

The window's ``Directory`` belongs to the UI thread. A task gets its own
connection to the same open directory (``Directory.companion``), opened and
closed in the worker thread, so the window goes on answering, and reading, while
the work runs. ``run_task`` starts one; the window waits for every task before it
closes or locks the data (``wait_for_tasks``).
"""

from __future__ import annotations

import contextlib
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.i18n import _


class Cancelled(UserError):
    """The person stopped the task; what was finished before stays done."""

    def __init__(self) -> None:
        super().__init__(_("stopped before the end; every step finished before it was kept"))


class Progress:
    """What a task's work calls to report, and to learn that it should stop."""

    def __init__(self, task: Task) -> None:
        self._task = task

    def __call__(self, what: str, done: int, total: int) -> None:
        """Report a step (the shape of ``sync.exchange.Progress``); stops here if asked."""
        self.check()
        self._task.post("progress", (what, done, total))

    def check(self) -> None:
        if self._task.cancel_requested.is_set():
            raise Cancelled


Work = Callable[[Directory, Progress], Any]
"""A task's work: runs in the worker with its own connection; returns the result."""


class Task(QObject):
    """One piece of work in the background; lives in the UI thread, signals arrive there.

    The worker never emits the public signals itself: it posts to ``_posted``, whose
    slot runs in the UI thread and emits them there. So whatever is connected (a
    screen's method, a closure, a lambda) runs in the UI thread, where widgets may
    be touched.
    """

    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    """The exception: a ``UserError`` to show as such, anything else is a bug (logged)."""
    finished = Signal()
    """After ``succeeded`` or ``failed``, always."""
    _posted = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_requested = threading.Event()
        self.done = threading.Event()
        self._posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        """Ask the work to stop at its next step (see ``Progress.check``)."""
        self.cancel_requested.set()

    @property
    def running(self) -> bool:
        return not self.done.is_set()

    def post(self, kind: str, payload: object = None) -> None:
        """From the worker: deliver ``kind`` in the UI thread (see the class docstring)."""
        with contextlib.suppress(RuntimeError):  # the screen that owned it is gone
            self._posted.emit(kind, payload)

    @Slot(str, object)
    def _deliver(self, kind: str, payload: object) -> None:
        if kind == "progress":
            what, done, total = cast(tuple[str, int, int], payload)
            self.progress.emit(what, done, total)
        elif kind == "succeeded":
            self.succeeded.emit(payload)
        elif kind == "failed":
            self.failed.emit(payload)
        else:
            self.finished.emit()


class _Runner(QRunnable):
    def __init__(self, directory: Directory, work: Work, task: Task) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._directory = directory
        self._work = work
        self._task = task

    def run(self) -> None:
        task = self._task
        try:
            with self._directory.companion() as own:
                result = self._work(own, Progress(task))
        except UserError as refused:
            task.post("failed", refused)
        except Exception as error:
            traceback.print_exception(error, file=sys.stderr)
            task.post("failed", error)
        else:
            task.post("succeeded", result)
        finally:
            task.done.set()
            task.post("finished")


_running: list[Task] = []


def run_task(directory: Directory, work: Work, task: Task) -> Task:
    """Start ``work`` on a worker thread for ``task``, whose signals are already connected.

    Connect first: a signal emitted by the worker before anyone listens is lost.
    """
    _forget_finished()
    _running.append(task)
    QThreadPool.globalInstance().start(_Runner(directory, work, task))
    return task


def _forget_finished() -> None:
    """Drop finished tasks (their runner kept them alive until their last signal)."""
    _running[:] = [task for task in _running if task.running]


def running_tasks() -> list[Task]:
    _forget_finished()
    return list(_running)


def wait_for_tasks(*, cancel: bool = True) -> None:
    """Stop (when ``cancel``) and wait for every task: before the data closes or locks."""
    for task in running_tasks():
        if cancel:
            task.cancel()
    QThreadPool.globalInstance().waitForDone()
