"""Benchmark reader state and the sidebar ordering the app does on every refresh.

Figures printed:
* the cost of one change (set_read / toggle / set_position) with synchronous=FULL, which the
  store uses, against NORMAL, to justify FULL: a change is a keystroke, so a few ms is fine;
* opening the store (quick_check and migration check included) with 10,000 marks;
* read_identities() with 10,000 marks (the sidebar asks for it on every refresh);
* sorting and grouping 10,000 headers with Arabic titles and sources.

Run: python tests/benchmarks/bench_state.py [--changes N] [--folder DIR]
(``--folder`` chooses the disk: fsync cost depends on it; default a temporary folder.)
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from tui.corpus.article import ArticleHeader
from tui.listing import (
    SORT_KEYS,
    group_by_source,
    next_unread,
    sort_headers,
    source_key,
    title_key,
)
from tui.state import ReaderState, database

MARKS = 10_000
SOURCES = ["الجزيرة", "الجزيره", "رويترز", "الشرق الأوسط", "BBC عربي", None]
WORDS = ["أخبار", "إعلان", "اتفاق", "روسيا", "أوكرانيا", "موسكو", "الأمم", "المتحدة", "غزة"]


def _per_change_ms(db: Path, changes: int) -> float:
    state = ReaderState.open(db)
    started = time.perf_counter()
    for index in range(changes):
        state.set_read(f"url:https://example.com/{index}", True)
    elapsed = time.perf_counter() - started
    state.close()
    return elapsed / changes * 1000


def _timed(function: Callable[[], object], repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def _headers(count: int) -> list[ArticleHeader]:
    rng = random.Random(8)
    headers = []
    for index in range(count):
        day = rng.choice([None, f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])
        headers.append(
            ArticleHeader(
                title=" ".join(rng.choice(WORDS) for _ in range(6)),
                date=day,
                published=day,
                source=rng.choice(SOURCES),
                url=None,
                path=f"news/{index}.txt",
                position=0,
                format="txt",
                encoding="utf-8",
                identity=f"sha:{index}",
            )
        )
    return headers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=300)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        full = _per_change_ms(Path(folder) / "full.sqlite3", args.changes)
        original = database.open_database

        def normal_sync(path: Path) -> sqlite3.Connection:
            connection = original(path)
            connection.execute("PRAGMA synchronous = NORMAL")
            return connection

        database.open_database = normal_sync  # type: ignore[assignment]
        from tui.state import store

        store.open_database = normal_sync  # type: ignore[assignment]
        normal = _per_change_ms(Path(folder) / "normal.sqlite3", args.changes)
        store.open_database = original  # type: ignore[assignment]
        database.open_database = original
        report("one change, synchronous=FULL (used)", full, "ms")
        report("one change, synchronous=NORMAL", normal, "ms")

        db = Path(folder) / "big.sqlite3"
        with ReaderState.open(db) as state:
            state.set_read_many((f"url:https://example.com/{i}" for i in range(MARKS)), True)
        report(f"open with {MARKS} marks", _timed(lambda: ReaderState.open(db).close()), "ms")
        with ReaderState.open(db) as state:
            report(f"read_identities() of {MARKS}", _timed(state.read_identities), "ms")

    headers = _headers(MARKS)
    for key in SORT_KEYS:
        title_key.cache_clear()
        source_key.cache_clear()
        cold = _timed(partial(sort_headers, headers, key), repeat=1)
        warm = _timed(partial(sort_headers, headers, key))
        report(f"sort {MARKS} headers by {key}, first / again", cold, f"ms / {warm:.1f} ms")
    ordered = sort_headers(headers, "source")
    report(f"group {MARKS} headers by source", _timed(partial(group_by_source, ordered)), "ms")
    read = {h.identity for h in headers[:-1]}
    report(
        f"next_unread, worst case of {MARKS}", _timed(partial(next_unread, headers, read, 0)), "ms"
    )


def report(label: str, value: float, unit: str) -> None:
    print(f"{label:<44} {value:8.2f} {unit}")


if __name__ == "__main__":
    main()
