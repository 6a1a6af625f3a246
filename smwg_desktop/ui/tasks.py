"""Slow work (a sync, a bundle, a large document) on a worker thread, reported by signals.

The window's ``Directory`` belongs to the UI thread. A task gets its own
connection to the same open directory (``Directory.companion``), opened and
closed in the worker thread, so the window goes on answering, and reading, while
the work runs. ``run_task`` starts one; the window waits for every task before it
closes or locks the data (``wait_for_tasks``).
"""

from __future__ import annotations

import gc
import queue
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

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
        self._task.post_step(what, done, total)

    def check(self) -> None:
        if self._task.cancel_requested.is_set():
            raise Cancelled


Work = Callable[[Directory, Progress], Any]
"""A task's work: runs in the worker with its own connection; returns the result."""


class Task(QObject):
    """One piece of work in the background; lives in the UI thread, signals arrive there.

    The worker touches nothing of Qt: it puts its steps and its outcome in a queue,
    and a timer of the task, in the UI thread, takes them out and emits the public
    signals there. (A signal emitted from the worker thread while the UI thread
    emits another can crash PySide 6.12.) So whatever is connected (a screen's
    method, a closure, a lambda) runs where widgets may be touched.
    """

    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    """The exception: a ``UserError`` to show as such, anything else is a bug (logged)."""
    finished = Signal()
    """After ``succeeded`` or ``failed``, always."""

    POLL_MS = 30
    """How often the UI thread looks for news: often enough that progress looks smooth."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_requested = threading.Event()
        self.done = threading.Event()
        self._news: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._timer = QTimer(self)
        self._timer.setInterval(self.POLL_MS)
        self._timer.timeout.connect(self._deliver)

    def cancel(self) -> None:
        """Ask the work to stop at its next step (see ``Progress.check``)."""
        self.cancel_requested.set()

    @property
    def running(self) -> bool:
        return not self.done.is_set()

    def post_step(self, what: str, done: int, total: int) -> None:
        """From the worker: report a step."""
        self._news.put(("progress", (what, done, total)))

    def post_end(self, succeeded: bool, outcome: object) -> None:
        """From the worker, last: the result or the exception."""
        self._news.put(("succeeded" if succeeded else "failed", outcome))
        self.done.set()

    def _deliver(self) -> None:
        """In the UI thread: emit what the worker reported since the last look."""
        while True:
            try:
                kind, payload = self._news.get_nowait()
            except queue.Empty:
                return
            if kind == "progress":
                self.progress.emit(*payload)
                continue
            self._timer.stop()
            _collect_only_here()
            (self.succeeded if kind == "succeeded" else self.failed).emit(payload)
            self.finished.emit()
            return


class _Runner(QRunnable):
    def __init__(self, directory: Directory, work: Work, task: Task) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._directory = directory
        self._work = work
        self._task = task

    def run(self) -> None:
        task = self._task
        outcome: tuple[bool, object]
        try:
            with self._directory.companion() as own:
                outcome = (True, self._work(own, Progress(task)))
        except UserError as refused:
            outcome = (False, refused)
        except Exception as error:
            traceback.print_exception(error, file=sys.stderr)
            outcome = (False, error)
        task.post_end(*outcome)


_running: list[Task] = []


def run_task(directory: Directory, work: Work, task: Task) -> Task:
    """Start ``work`` on a worker thread for ``task``; its signals follow in the UI thread."""
    _forget_finished()
    _running.append(task)
    _collect_only_here()
    task._timer.start()
    QThreadPool.globalInstance().start(_Runner(directory, work, task))
    return task


def _collect_only_here() -> None:
    """Let Python's cycle collector run only while no task runs (call in the UI thread).

    The collector runs in whichever thread happens to allocate; in a worker it would
    free Qt objects of the UI thread from the wrong thread, and PySide crashes.
    """
    if any(task.running for task in _running):
        gc.disable()
    else:
        gc.enable()


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
    _forget_finished()
    _collect_only_here()
