"""When the cyclic garbage collector walks everything: between keystrokes, not in a frame.

CPython's collector runs whenever enough objects have been allocated, wherever that
happens; drawing a frame allocates thousands (strips, segments, caches). Young-generation
collections are short and free most cyclic garbage, but a full (generation 2) one walked
everything the reader keeps (the entity lists, the listing, Textual's widgets) and took
27-56 ms, in the middle of opening an article: it made the slowest openings of
bench_reader. So while the reader runs, full collections are not started by allocations:
`IdleCollector` runs them when no key or mouse event came for a moment (and, as a
backstop, after `LONGEST_WAIT_S` of uninterrupted use).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

#: Quiet time after a key or mouse event before a collection may run.
IDLE_AFTER_S = 0.5
#: A collection runs after this long even if the reader never pauses.
LONGEST_WAIT_S = 30.0
#: Middle-generation collections since the last full one below which a full one is not
#: worth it (Python's own third threshold is 10).
MIN_PENDING = 10
#: The third threshold while the reader runs: never reached, full collections are ours.
NO_AUTOMATIC_FULL = 1 << 30


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
    """Decides when to run full collections: after a quiet moment, or after a long wait."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.last_activity = clock()
        self.last_collection = self.last_activity
        self._thresholds = gc.get_threshold()

    def start(self) -> None:
        """Stop allocations from starting full collections (young ones go on as usual)."""
        self._thresholds = gc.get_threshold()
        young, middle, _ = self._thresholds
        gc.set_threshold(young, middle, NO_AUTOMATIC_FULL)

    def stop(self) -> None:
        """Give the interpreter back its thresholds."""
        gc.set_threshold(*self._thresholds)

    def activity(self) -> None:
        """A key or mouse event arrived."""
        self.last_activity = self._clock()

    def due(self, pending: int) -> bool:
        """Whether to run a full collection now, *pending* middle-generation collections
        having run since the last one (``gc.get_count()[2]``)."""
        if pending < MIN_PENDING:
            return False
        now = self._clock()
        return now - self.last_activity >= IDLE_AFTER_S or (
            now - self.last_collection >= LONGEST_WAIT_S
        )

    def collect_if_due(self) -> bool:
        """Run a full collection if `due`; True if it did."""
        if not self.due(gc.get_count()[2]):
            return False
        gc.collect()
        self.last_collection = self._clock()
        return True


#: A start-up's collections wait at most this long for the first list to be painted.
STARTUP_PAUSE_LIMIT_S = 10.0


def pause_during_startup() -> None:
    """No automatic collection until the first list is painted (`resume_after_startup`).

    Start-up allocates and keeps: Textual's modules and widgets, the corpus's headers. The
    collector walked them over and over to free nothing (263 young, 23 middle and 2 full
    collections, 0.14-0.19 s of the reader process's CPU, measured on a first start of
    10,000 articles), while the parsing workers needed both cores. Objects are still freed
    by reference counting; the few cycles start-up leaves are collected once it is over.
    """
    gc.disable()


def resume_after_startup() -> None:
    """Collect automatically again (idempotent; see `pause_during_startup`)."""
    gc.enable()
