"""A hybrid logical clock: wall-clock milliseconds with a logical counter.

A stamp is one integer, ``milliseconds << 16 | counter``, so stamps sort as numbers.
A device never issues a stamp lower than one it has issued or seen, so a device
whose wall clock is days behind still orders its new changes after everything it
has received; one whose clock runs ahead pulls the others forward, never back.
"""

from __future__ import annotations

import time
from collections.abc import Callable

COUNTER_BITS = 16
_COUNTER_MASK = (1 << COUNTER_BITS) - 1


def stamp_millis(stamp: int) -> int:
    """The wall-clock part of a stamp, in milliseconds since the epoch."""
    return stamp >> COUNTER_BITS


class HybridClock:
    """Issues strictly increasing stamps; ``observe`` folds in stamps from elsewhere."""

    def __init__(self, last: int = 0, wall: Callable[[], int] | None = None) -> None:
        self.last = last
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)

    def tick(self) -> int:
        physical = self._wall() << COUNTER_BITS
        self.last = physical if physical > self.last else self.last + 1
        return self.last

    def observe(self, stamp: int) -> None:
        if stamp > self.last:
            self.last = stamp
