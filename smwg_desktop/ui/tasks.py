"""Slow work (a sync, a bundle, a large document) on a worker thread, reported by signals.

The window's ``Directory`` belongs to the UI thread. A task gets its own
connection to the same open directory (``Directory.companion``), opened and
closed in the worker thread, so the window goes on answering, and reading, while
the work runs. ``run_task`` starts one; the window waits for every task before it
closes or locks the data (``wait_for_tasks``).
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

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
        self._task.progress.emit(what, done, total)

    def check(self) -> None:
        if self._task.cancel_requested.is_set():
            raise Cancelled


Work = Callable[[Directory, Progress], Any]
"""A task's work: runs in the worker with its own connection; returns the result."""


class Task(QObject):
    """One piece of work in the background; lives in the UI thread, signals arrive there."""

    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    """The exception: a ``UserError`` to show as such, anything else is a bug (logged)."""
    finished = Signal()
    """After ``succeeded`` or ``failed``, always."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_requested = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next step (see ``Progress.check``)."""
        self.cancel_requested.set()

    @property
    def running(self) -> bool:
        return not self.done.is_set()


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
            task.failed.emit(refused)
        except Exception as error:
            traceback.print_exception(error, file=sys.stderr)
            task.failed.emit(error)
        else:
            task.succeeded.emit(result)
        finally:
            task.done.set()
            task.finished.emit()


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
