"""Read many article files at once: this process and worker processes share them by chunks.

A cold load of thousands of files is CPU-bound (cleaning is pure Python). `FileReader`
takes files as a folder scan finds them; from `PARALLEL_MIN_FILES` files on it starts one
worker process per CPU, each a fresh ``python -m tui.corpus.worker_process`` (or one
forked at start-up, `tui.corpus.forked_workers`, from the first chunk on), and hands out
`CHUNK_FILES` files at a time to whichever worker is free, so they all finish within a
chunk of each other however busy each is. Workers parse from the first files the scan
finds, not after it. This process only stores and lists their answers (`HELP_WORKERS`),
leaving its CPU to the reader's start-up and its interface; a reader's first start even
leaves the storing for after its list is painted (*defer_store*).

Fresh interpreters rather than `multiprocessing`: forking a caller that runs threads (a
Textual worker) is unsafe, and spawn/forkserver re-import the caller's main script in
every worker. The one exception is `tui.corpus.forked_workers.prefork`, which the reader
calls at start-up while it runs no other thread.

Requests (file keys) go to a worker's stdin and answers come back on its stdout, pickled:
for each file the cache rows it parsed (`FileRows`: plain strings and numbers, built once,
in the process that parsed), which this process writes unchanged.
Only this process writes the cache, so no two processes wait on each other's write lock.
A chunk a worker does not answer (it could not start, crashed, or answered nonsense) is
read in this process.
"""

from __future__ import annotations

import collections
import contextlib
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Protocol

from tui.corpus import reading
from tui.corpus.article import Problem
from tui.corpus.cache import (
    ArticleCache,
    CachedFile,
    FileKey,
    FileRows,
    ParsedFile,
    listed_file,
    rows_of,
)
from tui.corpus.forked_workers import spare_count, take_spare

#: From this many files to parse, worker processes are worth their start-up (about 0.1 s);
#: workers forked already (`prefork`) cost nothing to start and take the first chunk.
PARALLEL_MIN_FILES = 1000
#: Files per request to a worker (about 50 ms of parsing): small enough that all processes
#: finish within a chunk of each other, large enough that requests cost little.
CHUNK_FILES = 100
#: Requests queued at a worker, so it never waits for its next chunk.
IN_FLIGHT = 2
#: Files per cache transaction.
STORE_FILES = 500
MAX_WORKERS = 4
#: Whether this process reads chunks too while the workers read theirs (off: with a worker
#: per CPU, it only stores and lists their answers and leaves its own CPU to the reader's
#: start-up; on, it took a third of the CPU from them and the reader alike).
HELP_WORKERS = False
#: The module a worker process runs (``python -m``).
WORKER_MODULE = "tui.corpus.worker_process"
#: How often a reader waiting for its workers asks whether to stop (seconds).
STOP_CHECK_SECONDS = 0.1

_Chunk = list[FileKey]
#: Put in a queue: no more chunks (for `_Pool.todo`), a worker ended (for `_Pool.done`).
_END = None


def read_files(keys: list[FileKey], cache_path: Path | None) -> dict[str, CachedFile | Problem]:
    """Parse every file of *keys* and store them in the cache at *cache_path* (None: none).

    Returns:
        What lists each file, by path.
    """
    with FileReader(cache_path) as reader:
        for key in keys:
            reader.add(key)
        return reader.finish()


def worker_count() -> int:
    """Worker processes worth starting: one per CPU this process may use (none for one)."""
    try:
        available = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        available = os.cpu_count() or 1
    return 0 if available < 2 else min(available, MAX_WORKERS)


class LoadStopped(Exception):
    """The reading was asked to stop (`FileReader`'s *should_stop*): the reader quit."""


class FileReader:
    """Parses the files it is given (`add`) and stores them in the cache; `finish` waits.

    Use as a context manager: leaving it stops the workers and closes the cache. With
    *defer_store*, nothing is written: the rows to store are kept in `deferred` for the
    caller to store later (`ArticleCache.store_rows`). *should_stop* is asked between files
    and while waiting for workers; when it says so, `add` and `finish` raise `LoadStopped`.
    """

    def __init__(
        self,
        cache_path: Path | None,
        *,
        defer_store: bool = False,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        self._should_stop = should_stop or (lambda: False)
        self._defer = defer_store
        self.deferred: list[FileRows] = []
        self._cache = None if cache_path is None or defer_store else ArticleCache(cache_path)
        self._pending: _Chunk = []
        self._added = 0
        self._workers = worker_count()
        self._pool: _Pool | None = None
        self._unstored: list[FileRows] = []
        self.results: dict[str, CachedFile | Problem] = {}

    def add(self, key: FileKey) -> None:
        """Parse *key*'s file (now or later, here or in a worker)."""
        if self._should_stop():
            raise LoadStopped
        self._pending.append(key)
        self._added += 1
        if (
            self._pool is None
            and self._workers
            and (
                self._added >= PARALLEL_MIN_FILES
                or (self._added >= CHUNK_FILES and spare_count() >= self._workers)
            )
        ):
            self._pool = _Pool(self._workers)
        if self._pool is not None and len(self._pending) >= CHUNK_FILES:
            self._submit()
            self._collect(block=False)

    def finish(self) -> dict[str, CachedFile | Problem]:
        """Wait for every file added (reading here what no worker could); returns
        `results`, what lists each file by path."""
        pool = self._pool
        if pool is None:
            self._read_here(self._pending)
        else:
            self._submit()
            pool.close()
            while HELP_WORKERS and (chunk := pool.take()) is not None:
                self._read_here(chunk)
                self._collect(block=False)
            while pool.running:
                if self._should_stop():
                    raise LoadStopped
                self._collect(block=True)
            while (chunk := pool.take()) is not None:  # left by workers that failed
                self._read_here(chunk)
        self._pending = []
        self._store(force=True)
        return self.results

    def _submit(self) -> None:
        assert self._pool is not None
        pending = self._pending
        for start in range(0, len(pending), CHUNK_FILES):
            self._pool.submit(pending[start : start + CHUNK_FILES])
        self._pending = []

    def _read_here(self, keys: _Chunk) -> None:
        for key in keys:
            if self._should_stop():
                raise LoadStopped
            parsed = reading.parse_file(key)
            if isinstance(parsed, ParsedFile):
                self.results[key.path] = reading.as_cached(parsed)
                self._unstored.append(rows_of(parsed))
            else:
                self.results[key.path] = parsed
            if len(self._unstored) >= STORE_FILES:
                self._store()

    def _collect(self, *, block: bool) -> None:
        """List and store what workers answered (*block*: wait for at least one event)."""
        assert self._pool is not None
        for chunk, answer in self._pool.answers(block=block):
            listed = _listed(chunk, answer)
            if listed is None:
                self._read_here(chunk)
                continue
            for key, (item, rows) in zip(chunk, listed, strict=True):
                self.results[key.path] = item
                if rows is not None:
                    self._unstored.append(rows)
            self._store()

    def _store(self, *, force: bool = False) -> None:
        if self._defer:
            self.deferred.extend(self._unstored)
            self._unstored = []
        elif self._cache is None:
            self._unstored.clear()
        elif self._unstored and (force or len(self._unstored) >= STORE_FILES):
            self._cache.store_rows(self._unstored)
            self._unstored = []

    def __enter__(self) -> FileReader:
        return self

    def __exit__(self, *_: object) -> None:
        if self._pool is not None:
            self._pool.stop()
        if self._cache is not None:
            self._cache.close()


def _listed(
    chunk: _Chunk, answer: object
) -> list[tuple[CachedFile | Problem, FileRows | None]] | None:
    """A worker's *answer* to *chunk* as listings and rows; None if it is not one."""
    if not isinstance(answer, list) or len(answer) != len(chunk):
        return None
    listed: list[tuple[CachedFile | Problem, FileRows | None]] = []
    try:
        for key, item in zip(chunk, answer, strict=True):
            if isinstance(item, FileRows):
                cached = listed_file(item)
                if cached.key.path != key.path:
                    return None
                listed.append((cached, item))
            else:
                path, message = item
                if path != key.path or not isinstance(message, str):
                    return None
                listed.append((Problem(path, message), None))
    except (TypeError, ValueError):
        return None
    return listed


class _Process(Protocol):
    """What `_Worker` uses of a worker process (a `subprocess.Popen` or a `ForkedWorker`)."""

    stdin: IO[bytes] | None
    stdout: IO[bytes] | None

    def kill(self) -> None: ...

    def wait(self) -> int: ...


class _Pool:
    """Worker processes taking chunks from one queue; their answers arrive in another."""

    def __init__(self, count: int) -> None:
        self.todo: queue.SimpleQueue[_Chunk | None] = queue.SimpleQueue()
        self.done: queue.SimpleQueue[tuple[_Chunk, object] | None] = queue.SimpleQueue()
        self._workers = [w for w in (_Worker.start(self) for _ in range(count)) if w is not None]
        self.running = len(self._workers)

    def submit(self, chunk: _Chunk) -> None:
        self.todo.put(chunk)

    def close(self) -> None:
        """No more chunks: each worker stops once the queue is empty."""
        self.todo.put(_END)

    def take(self) -> _Chunk | None:
        """A chunk for this process to read, or None once the queue is empty."""
        try:
            chunk = self.todo.get_nowait()
        except queue.Empty:
            return None
        if chunk is _END:
            self.todo.put(_END)  # for the workers still to see it
        return chunk

    def answers(self, *, block: bool) -> list[tuple[_Chunk, object]]:
        """Answers received so far as (chunk, answer); answer None means "read it here"."""
        events: list[tuple[_Chunk, object] | None] = []
        with contextlib.suppress(queue.Empty):
            events.append(self.done.get(block=block, timeout=STOP_CHECK_SECONDS if block else None))
            while True:
                events.append(self.done.get_nowait())
        self.running -= sum(1 for event in events if event is _END)
        return [event for event in events if event is not None]

    def stop(self) -> None:
        """End every worker now (after an error; a finished pool has ended them)."""
        self.close()
        for worker in self._workers:
            worker.kill()


class _Worker:
    """One worker process, a thread writing its requests and one reading its answers."""

    def __init__(self, pool: _Pool, process: _Process) -> None:
        self._pool = pool
        self._process = process
        self._lock = threading.Lock()
        self._in_flight: collections.deque[_Chunk] = collections.deque()
        self._slots = threading.Semaphore(IN_FLIGHT)
        self._dead = False
        self._writer = threading.Thread(target=self._write, daemon=True)
        self._writer.start()
        threading.Thread(target=self._read, daemon=True).start()

    @classmethod
    def start(cls, pool: _Pool) -> _Worker | None:
        spare = take_spare()
        if spare is not None:
            return cls(pool, spare)
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", WORKER_MODULE],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return None
        return cls(pool, process)

    def _write(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            while True:
                self._slots.acquire()
                chunk = self._pool.todo.get()
                if chunk is _END:
                    self._pool.todo.put(_END)
                    return
                with self._lock:
                    dead = self._dead
                    if not dead:
                        self._in_flight.append(chunk)
                if dead:
                    self._pool.done.put((chunk, None))
                    return
                request = [(key.path, key.mtime_ns, key.size) for key in chunk]
                pickle.dump(request, stdin, protocol=pickle.HIGHEST_PROTOCOL)
                stdin.flush()
        except (OSError, ValueError):
            return  # the worker is gone: `_read` hands its chunks back
        finally:
            with contextlib.suppress(OSError, ValueError):
                stdin.close()

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        try:
            while True:
                answer = pickle.load(stdout)
                with self._lock:
                    chunk = self._in_flight.popleft() if self._in_flight else None
                if chunk is None:
                    break  # an answer nobody asked for: stop trusting this worker
                self._pool.done.put((chunk, answer))
                self._slots.release()
        except Exception:  # EOF, a crash mid-answer, nonsense: all handled alike below
            pass
        finally:
            with self._lock:
                self._dead = True
                unanswered = list(self._in_flight)
                self._in_flight.clear()
            self._slots.release()  # wake the writer so it sees the worker is gone
            for chunk in unanswered:
                self._pool.done.put((chunk, None))
            self.kill()
            self._writer.join()
            self._pool.done.put(_END)

    def kill(self) -> None:
        """End the process (a worker done with its requests has ended already)."""
        with contextlib.suppress(OSError):
            self._process.kill()
        with contextlib.suppress(OSError, ValueError):
            if self._process.stdout is not None:
                self._process.stdout.close()
        self._process.wait()
