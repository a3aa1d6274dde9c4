"""The corpus read a reader starts before its interface loads (`CorpusPreload`)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tests.corpus.loading_helpers import copy_seeds
from tui.corpus import preload as preload_module
from tui.corpus import reading
from tui.corpus.cache import ArticleCache
from tui.corpus.loader import Corpus, Listing, LoadStopped, load_corpus, remember_listing
from tui.corpus.preload import CorpusPreload


def test_a_first_start_reads_the_whole_corpus(tmp_path: Path, seed_paths: list[Path]) -> None:
    seeds = copy_seeds(tmp_path / "seeds", seed_paths)
    result = CorpusPreload([seeds], write_cache=True).result()
    assert isinstance(result, Corpus)
    assert result.headers == load_corpus([seeds], use_cache=False).headers
    assert len(result.headers) == 5
    with ArticleCache() as cache:  # written once the reader has painted its list
        assert cache.files() == {}
        result.write_cache()
        assert len(cache.files()) == 5


def test_a_remembered_listing_is_taken_instead_of_reading_the_files(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    seeds = copy_seeds(tmp_path / "seeds", seed_paths)
    headers = load_corpus([seeds]).headers
    remember_listing([seeds], headers[::-1], "title")
    for path in seeds.iterdir():  # the listing is shown first; the files are checked later
        path.unlink()
    result = CorpusPreload([seeds], write_cache=True).result()
    assert isinstance(result, Listing)
    assert result.headers == headers[::-1] and result.ordering == "title"


def test_reading_starts_at_once_in_another_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()
    threads: list[str] = []

    def load(paths: list[Path], **_: object) -> Corpus:
        threads.append(threading.current_thread().name)
        started.set()
        return Corpus((), ())

    monkeypatch.setattr(preload_module, "load_corpus", load)
    preload = CorpusPreload([tmp_path], write_cache=False)
    assert started.wait(5)  # before anyone asked for the result
    assert threads == ["akhbar-preload"]
    assert preload.result() == Corpus((), ())
    assert preload.paths == (tmp_path,)


def test_a_failure_reaches_whoever_waits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def load(paths: list[Path], **_: object) -> Corpus:
        raise OSError("disk gone")

    monkeypatch.setattr(preload_module, "load_corpus", load)
    with pytest.raises(OSError, match="disk gone"):
        CorpusPreload([tmp_path], write_cache=True).result()


def test_a_read_only_preload_writes_no_cache(
    tmp_path: Path, seed_paths: list[Path], isolated_dirs: Path
) -> None:
    seeds = copy_seeds(tmp_path / "seeds", seed_paths)
    result = CorpusPreload([seeds], write_cache=False).result()
    assert isinstance(result, Corpus) and len(result.headers) == 5
    assert not any((isolated_dirs / "cache").iterdir())


def test_workers_are_forked_only_for_a_session_that_writes_its_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forks: list[object] = []
    monkeypatch.setattr(preload_module.forked_workers, "prefork", lambda n: forks.append(n))
    CorpusPreload([tmp_path], write_cache=False, fork_workers=True).result()
    assert forks == []  # read-only (the SSH server's sessions): the corpus is cached
    CorpusPreload([tmp_path], write_cache=True, fork_workers=True).result()
    assert len(forks) == 1
    CorpusPreload([tmp_path], write_cache=True).result()
    assert len(forks) == 1


def test_a_cancelled_preload_stops_reading_at_once(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A reader that quits during its first load: the read ends at the next file.
    seeds = copy_seeds(tmp_path / "seeds", seed_paths)
    started, parsed = threading.Event(), []
    real_parse = reading.parse_file

    def slow_parse(key: object) -> object:
        started.set()
        parsed.append(key)
        time.sleep(0.2)
        return real_parse(key)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "parse_file", slow_parse)
    preload = CorpusPreload([seeds], write_cache=True)
    assert started.wait(5)
    began = time.monotonic()
    preload.cancel()
    with pytest.raises(LoadStopped):
        preload.result()
    assert time.monotonic() - began < 1.0
    assert len(parsed) < 5
