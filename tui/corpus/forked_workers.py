"""Corpus workers forked at start-up, before the reader runs any thread (`prefork`).

Forking a process that runs threads can copy a lock another thread holds, so the reader's
workers are otherwise fresh interpreters (`tui.corpus.workers`). At start-up, before the
preload thread and Textual, the reader is single-threaded and forks its workers instead: a
forked worker has the parsing modules imported already (the plain-text reader included;
other formats' readers load on their first file) and answers at once, where a fresh
interpreter takes ~0.1 s of CPU to start, on a start-up short of CPU. The first pool takes
them (`take_spare`); the ones no pool needs end with `release_spares`.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
from typing import IO

from tui.corpus.formats import reader_for
from tui.corpus.worker_process import serve_requests

#: The format most corpora are made of (the shipped articles, scraped pages).
TEXT_EXTENSION = ".txt"


class ForkedWorker:
    """A worker forked by `prefork`, with the part of `subprocess.Popen` a pool uses."""

    def __init__(self, pid: int, stdin: IO[bytes], stdout: IO[bytes]) -> None:
        self.pid = pid
        self.stdin: IO[bytes] | None = stdin
        self.stdout: IO[bytes] | None = stdout
        self._status: int | None = None
        # kill and wait come from two threads (a worker's reader, the pool's stop): once
        # reaped, the pid may belong to another process and must never be signalled.
        self._lock = threading.Lock()

    def kill(self) -> None:
        with self._lock:
            if self._status is None:
                with contextlib.suppress(OSError):
                    os.kill(self.pid, signal.SIGKILL)

    def wait(self) -> int:
        with self._lock:
            if self._status is None:
                try:
                    self._status = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
                except ChildProcessError:  # reaped already
                    self._status = 0
            return self._status

    def close(self) -> None:
        """No work for it after all: it sees end of input and exits; reaped here."""
        for stream in (self.stdin, self.stdout):
            with contextlib.suppress(OSError, ValueError):
                if stream is not None:
                    stream.close()
        self.wait()


#: Workers forked ahead of need (`prefork`); the first pool to start takes them.
_spares: list[ForkedWorker] = []
_spares_lock = threading.Lock()


def prefork(count: int) -> int:
    """Fork *count* worker processes now, for the next pool (`take_spare`).

    Only while this process runs a single thread (forking a process with threads can copy a
    lock another thread holds) and where ``os.fork`` exists; otherwise nothing happens.
    Call `release_spares` once it is clear no pool will take them.

    Returns:
        How many workers are waiting.
    """
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 0
    # The plain-text reader is loaded lazily, on its first file: load it here, once, for
    # this process (which reads files too) and every worker forked below (~10 ms each).
    reader_for(TEXT_EXTENSION)
    wanted = count
    # No lock held across fork (a child would inherit it locked): with no other thread,
    # nothing else touches the spares meanwhile.
    while len(_spares) < wanted:
        forked = _fork_worker()
        if forked is None:
            break
        with _spares_lock:
            _spares.append(forked)
    return len(_spares)


def _fork_worker() -> ForkedWorker | None:
    try:
        requests_in, requests_out = os.pipe()
        answers_in, answers_out = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        for fd in (requests_in, requests_out, answers_in, answers_out):
            os.close(fd)
        return None
    if pid == 0:  # the worker: never returns
        status = 1
        try:
            os.close(requests_out)
            os.close(answers_in)
            for spare in _spares:  # the pipes of workers forked before this one
                for stream in (spare.stdin, spare.stdout):
                    if stream is not None:
                        stream.close()
            # Away from the terminal: its keys are the reader's, and nothing may be drawn.
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            if devnull > 2:
                os.close(devnull)
            sys.stdout = sys.stderr
            gc.enable()  # (a reader forks while its start-up holds collections back)
            with os.fdopen(requests_in, "rb") as requests, os.fdopen(answers_out, "wb") as answers:
                serve_requests(requests, answers)
            status = 0
        finally:
            os._exit(status)
    os.close(requests_in)
    os.close(answers_out)
    return ForkedWorker(pid, os.fdopen(requests_out, "wb"), os.fdopen(answers_in, "rb"))


def take_spare() -> ForkedWorker | None:
    """A forked worker no pool took yet, or None."""
    with _spares_lock:
        return _spares.pop() if _spares else None


def spare_count() -> int:
    """How many forked workers wait for a pool."""
    return len(_spares)


def release_spares() -> None:
    """End the workers `prefork` made that no pool took."""
    with _spares_lock:
        spares = list(_spares)
        _spares.clear()
    for spare in spares:
        spare.close()
