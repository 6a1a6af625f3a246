"""Long work of the core on the UI thread, in slices, so the window keeps answering.

The window's database connection lives on the UI thread and the data directory's
lock is the window's, so work that reads or writes the directory cannot move to
another thread. The core offers such work as a generator of steps
(``interop.plan.Steps``); ``StepRunner`` advances it for a few milliseconds per
turn of the event loop, reports progress between turns, and closes it when
stopped, which rolls back whatever it had not committed.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from smwg_desktop.core.errors import UserError
from smwg_desktop.interop.plan import Steps

SLICE_SECONDS = 0.04
"""Work per turn: short enough that a click or a repaint waits no longer than this."""


class StepRunner(QObject):
    """Runs ``steps`` a slice at a time from the event loop.

    ``progressed`` carries the steps done so far, ``finished`` the generator's
    result, ``failed`` the ``UserError`` that stopped it. Any other exception is
    a bug: the runner stops and lets it reach the application's exception hook.
    """

    progressed = Signal(int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, steps: Steps[Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: Steps[Any] | None = steps
        self.done = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._turn)

    @property
    def running(self) -> bool:
        return self._steps is not None

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """Give up: the generator is closed, so what it had not committed is rolled back."""
        self._timer.stop()
        steps, self._steps = self._steps, None
        if steps is not None:
            steps.close()

    def _turn(self) -> None:
        steps = self._steps
        if steps is None:
            self._timer.stop()
            return
        until = time.monotonic() + SLICE_SECONDS
        try:
            while time.monotonic() < until:
                self.done = next(steps)
        except StopIteration as end:
            self._end()
            self.finished.emit(end.value)
            return
        except UserError as error:
            self._end()
            self.failed.emit(error)
            return
        except BaseException:
            self._end()
            raise
        self.progressed.emit(self.done)

    def _end(self) -> None:
        self._timer.stop()
        self._steps = None
