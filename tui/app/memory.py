"""When the cyclic garbage collector runs: between keystrokes, not inside a frame.

CPython's collector runs whenever enough objects have been allocated, wherever that
happens; drawing a frame allocates thousands (strips, segments, caches), so collections
landed inside frames. A full (generation 2) one walked everything the reader keeps (the
entity lists, the listing, Textual's widgets) and took 27-56 ms, in the middle of opening
an article: it made the slowest openings of bench_reader. So while the reader runs,
automatic collection is off and `IdleCollector` collects when no key or mouse event came
for a moment (and, as a backstop, after `LONGEST_WAIT_S` of uninterrupted use).
Reference counting, which frees almost everything, is not affected.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

#: Quiet time after a key or mouse event before a collection may run.
IDLE_AFTER_S = 0.5
#: A collection runs after this long even if the reader never pauses.
LONGEST_WAIT_S = 30.0
#: Container objects allocated since the last collection below which none is needed
#: (Python's own first threshold is 700).
MIN_PENDING = 1000


def freeze_long_lived() -> None:
    """Collect, then put every object alive now out of the collector's reach.

    What is alive once the reader has started lives until exit; frozen (`gc.freeze`), it
    is left out of later collections (a full collection after 15 openings: 80 ms unfrozen,
    5-12 ms frozen). Frozen objects are still freed by reference counting as usual: only a
    reference cycle made entirely of them would outlive its use, hence the collection
    first. Call it from a worker thread: the collection holds the GIL for tens of ms.
    """
    gc.collect()
    gc.freeze()


class IdleCollector:
    """Decides when to collect: after a quiet moment, or when the wait has been long."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.last_activity = clock()
        self.last_collection = self.last_activity
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        """Take collection over from the interpreter."""
        self._was_enabled = gc.isenabled()
        gc.disable()

    def stop(self) -> None:
        """Hand collection back (as it was before `start`)."""
        if self._was_enabled:
            gc.enable()

    def activity(self) -> None:
        """A key or mouse event arrived."""
        self.last_activity = self._clock()

    def due(self, pending: int) -> bool:
        """Whether to collect now, with *pending* container objects allocated since the
        last collection (``gc.get_count()[0]``)."""
        if pending < MIN_PENDING:
            return False
        now = self._clock()
        return now - self.last_activity >= IDLE_AFTER_S or (
            now - self.last_collection >= LONGEST_WAIT_S
        )

    def collect_if_due(self) -> bool:
        """Collect if `due`; True if it did."""
        if not self.due(gc.get_count()[0]):
            return False
        gc.collect()
        self.last_collection = self._clock()
        return True
