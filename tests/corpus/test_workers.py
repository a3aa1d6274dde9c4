"""Reading many files in worker processes: same results as in this process, failures
absorbed, answers checked; cache rows round-trip."""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.corpus import wrong_worker
from tests.corpus.loading_helpers import SEED_TITLES, copy_seeds, titles
from tui.corpus import forked_workers, reading, workers
from tui.corpus.article import Problem
from tui.corpus.cache import ArticleCache, FileKey, FileRows, ParsedFile, listed_file, rows_of
from tui.corpus.loader import load_corpus
from tui.paths import cache_dir


@pytest.fixture(autouse=True)
def no_spares_left() -> Iterator[None]:
    """A failed test must not leave forked workers for the next load in this process."""
    yield
    forked_workers.release_spares()


@pytest.fixture
def seeds(tmp_path: Path, seed_paths: list[Path]) -> Path:
    return copy_seeds(tmp_path / "seeds", seed_paths)


@pytest.fixture
def mixed(seeds: Path) -> Path:
    """The seeds plus a binary file and a JSON Lines file with one bad line."""
    (seeds / "binary.txt").write_bytes(bytes(range(256)))
    lines = [json.dumps({"title": "خبر أول", "body": "نص الخبر الأول."}, ensure_ascii=False)]
    lines.append("{not json")
    (seeds / "feed.jsonl").write_text("\n".join(lines), "utf-8")
    return seeds


def keys_of(folder: Path) -> list[FileKey]:
    return [
        FileKey(str(path), path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(folder.iterdir())
    ]


@pytest.mark.usefixtures("parallel")
@pytest.mark.parametrize("helping", [True, False])
def test_workers_read_what_this_process_reads(
    mixed: Path, monkeypatch: pytest.MonkeyPatch, helping: bool
) -> None:
    monkeypatch.setattr(workers, "HELP_WORKERS", helping)
    expected = load_corpus([mixed], use_cache=False)
    assert len(expected.headers) == len(SEED_TITLES) + 1
    assert {Path(p.path).name.split(" ")[0] for p in expected.problems} == {
        "binary.txt",
        "feed.jsonl",
    }
    assert load_corpus([mixed]) == expected
    with ArticleCache() as cache:  # what the workers sent was stored
        assert set(cache.files()) == {str(path) for path in mixed.iterdir()}
    assert load_corpus([mixed]) == expected  # and read back the same


def test_cache_rows_list_the_file_as_parsed(mixed: Path) -> None:
    for key in keys_of(mixed):
        parsed = reading.parse_file(key)
        assert isinstance(parsed, ParsedFile)
        assert listed_file(rows_of(parsed)) == reading.as_cached(parsed)


@pytest.mark.usefixtures("parallel")
def test_a_worker_answering_nonsense_has_its_files_read_here(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).parents[2])  # where ``python -m tests...`` finds it
    monkeypatch.setattr(workers, "WORKER_MODULE", "tests.corpus.wrong_worker")
    monkeypatch.setattr(workers, "HELP_WORKERS", False)  # every file goes to a worker first
    corpus = load_corpus([seeds], use_cache=False)
    assert titles(corpus) == SEED_TITLES
    assert corpus.problems == ()
    assert (cache_dir() / wrong_worker.MARK).exists()


def test_malformed_answers_are_refused(seeds: Path) -> None:
    chunk = keys_of(seeds)[:2]
    good = [rows_of(p) for p in map(reading.parse_file, chunk) if isinstance(p, ParsedFile)]
    assert workers._listed(chunk, good) is not None
    swapped = [good[1], good[0]]
    short_row = FileRows(good[0].file[:3], (), ())  # type: ignore[arg-type]
    bad_header = good[0]._replace(headers=((1, 2),))
    for answer in (None, good[:1], swapped, [short_row, good[1]], [bad_header, good[1]]):
        assert workers._listed(chunk, answer) is None
    problem = [(chunk[0].path, "permission denied"), good[1]]
    listed = workers._listed(chunk, problem)
    assert listed is not None
    assert listed[0] == (Problem(chunk[0].path, "permission denied"), None)
    assert workers._listed(chunk, [(chunk[1].path, "x"), good[1]]) is None  # wrong path


def _reaped(pid: int) -> bool:
    """True if *pid* is no child of this process any more (exited and waited for)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.usefixtures("parallel")
def test_forked_workers_read_what_this_process_reads(
    mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "HELP_WORKERS", False)  # every file goes to a worker
    # A fresh interpreter would fail: only forked workers can answer.
    monkeypatch.setattr(workers, "WORKER_MODULE", "no.such.module")
    expected = load_corpus([mixed], use_cache=False)
    read_here: list[object] = []
    monkeypatch.setattr(workers.FileReader, "_read_here", lambda _, keys: read_here.append(keys))
    assert forked_workers.prefork(2) == 2
    pids = [spare.pid for spare in forked_workers._spares]
    assert load_corpus([mixed], use_cache=False) == expected
    assert read_here == []  # every chunk was answered by a forked worker
    assert forked_workers._spares == []  # both taken by the pool
    assert all(_reaped(pid) for pid in pids)  # and ended with it


def test_unused_forked_workers_end_when_released(seeds: Path) -> None:
    assert forked_workers.prefork(2) == 2
    pids = [spare.pid for spare in forked_workers._spares]
    assert len(load_corpus([seeds]).headers) == len(SEED_TITLES)  # too few files for a pool
    assert len(forked_workers._spares) == 2
    forked_workers.release_spares()
    assert forked_workers._spares == []
    assert all(_reaped(pid) for pid in pids)


def test_no_fork_while_other_threads_run() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert forked_workers.prefork(2) == 0
        assert forked_workers._spares == []
    finally:
        release.set()
        other.join()


def test_forked_workers_start_with_the_first_chunk(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fresh interpreters wait for PARALLEL_MIN_FILES files; forked ones cost nothing to
    # start, so one chunk's worth is enough.
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 1000)
    monkeypatch.setattr(workers, "CHUNK_FILES", 2)
    monkeypatch.setattr(workers, "worker_count", lambda: 2)
    monkeypatch.setattr(workers, "HELP_WORKERS", False)
    read_here: list[object] = []
    monkeypatch.setattr(workers.FileReader, "_read_here", lambda _, keys: read_here.append(keys))
    assert forked_workers.prefork(2) == 2
    assert titles(load_corpus([seeds], use_cache=False)) == SEED_TITLES
    assert forked_workers._spares == []  # taken by a pool for five files
    assert read_here == []  # which answered every chunk


@pytest.mark.usefixtures("parallel")
def test_a_reaped_worker_is_never_signalled(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Once waited for, a worker's pid may be another process's: the pool's stop after the
    # load must not send it SIGKILL again.
    assert forked_workers.prefork(2) == 2
    pids = {spare.pid for spare in forked_workers._spares}
    real_kill = os.kill
    sent: list[int] = []

    def kill(pid: int, sig: int) -> None:
        if pid in pids and sig == signal.SIGKILL:
            sent.append(pid)
        real_kill(pid, sig)

    monkeypatch.setattr(os, "kill", kill)
    assert titles(load_corpus([seeds], use_cache=False)) == SEED_TITLES
    assert all(_reaped(pid) for pid in pids)
    assert sorted(sent) == sorted(set(sent))  # each at most once, before it was reaped


@pytest.mark.usefixtures("parallel")
def test_a_stopped_load_ends_its_workers(seeds: Path) -> None:
    assert forked_workers.prefork(2) == 2
    pids = [spare.pid for spare in forked_workers._spares]
    asked: list[int] = []

    def should_stop() -> bool:
        asked.append(1)
        return len(asked) > 3  # after the pool started on the first files

    with pytest.raises(workers.LoadStopped):
        load_corpus([seeds], use_cache=False, should_stop=should_stop)
    assert forked_workers._spares == []  # the pool had taken them
    assert all(_reaped(pid) for pid in pids)
