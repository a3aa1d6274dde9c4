"""Start reading the corpus the moment the reader starts, while its interface is still loading.

Importing Textual and building the screen take about half a second. A cold start of a large
corpus is CPU-bound for longer than that (parsing every file, in worker processes), so the
reader begins it before importing Textual: the scan and the workers run while the interface
loads, and the screen picks the result up when it mounts (`CorpusPreload.result`).

What is preloaded is what the screen would have done first: the listing remembered from the
last session if there is one (cheap; the screen then checks the files after its first
paint), else a full `load_corpus` that leaves its cache writes to the screen, which makes
them once its list is painted (`Corpus.write_cache`). With *fork_workers*, its worker
processes are forked first (`tui.corpus.forked_workers.prefork`), before any thread
starts; the ones a small or cached corpus does not need end when the read is done.
`cancel` stops the read (the reader quits).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from tui.corpus import forked_workers, workers
from tui.corpus.loader import Corpus, Listing, cached_listing, load_corpus


class CorpusPreload:
    """The first corpus read of a reader, running in a thread of its own from creation."""

    def __init__(
        self, paths: Sequence[Path], *, write_cache: bool, fork_workers: bool = False
    ) -> None:
        if fork_workers and write_cache:  # (read-only: the SSH server has cached its corpus)
            forked_workers.prefork(workers.worker_count())
        self._paths = list(paths)
        self._write_cache = write_cache
        self._result: Listing | Corpus | None = None
        self._error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="akhbar-preload", daemon=True)
        self._thread.start()

    @property
    def paths(self) -> tuple[Path, ...]:
        """The files and folders being read."""
        return tuple(self._paths)

    def _run(self) -> None:
        try:
            listing = cached_listing(self._paths)
            self._result = listing or load_corpus(
                self._paths,
                write_cache=self._write_cache,
                defer_cache_write=True,
                should_stop=self._stop.is_set,
            )
        except BaseException as error:  # handed to whoever waits for the result
            self._error = error
        finally:
            forked_workers.release_spares()

    def cancel(self) -> None:
        """Stop reading (the reader quits): `result` then raises `LoadStopped` at once,
        unless the read was done already."""
        self._stop.set()

    def result(self) -> Listing | Corpus:
        """The remembered listing (the files still to be checked) or the loaded corpus;
        waits for it.

        Raises:
            LoadStopped: `cancel` stopped the read.
            Whatever else the read raised (`load_corpus` reports bad files as problems).
        """
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result
