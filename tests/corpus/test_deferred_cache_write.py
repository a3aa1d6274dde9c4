"""A load that leaves its cache writes to the caller (`defer_cache_write`), as the reader's
first start does so that its list is drawn first."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus.loading_helpers import SEED_TITLES, TITLE, copy_seeds, page, titles
from tui.corpus import cache as cache_module
from tui.corpus import reading
from tui.corpus.cache import ArticleCache
from tui.corpus.loader import load_corpus


@pytest.fixture
def seeds(tmp_path: Path, seed_paths: list[Path]) -> Path:
    return copy_seeds(tmp_path / "seeds", seed_paths)


def cached_names() -> list[str]:
    with ArticleCache() as cache:
        return sorted(Path(path).name for path in cache.files())


def test_nothing_is_written_until_the_caller_says(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "BODY_CACHE_MIN_BYTES", 0)  # bodies too
    corpus = load_corpus([seeds], defer_cache_write=True)
    assert titles(corpus) == SEED_TITLES
    assert cached_names() == []
    corpus.write_cache()
    assert cached_names() == sorted(path.name for path in seeds.iterdir())
    corpus.write_cache()  # once only: nothing left to write, nothing breaks

    def no_parsing(*_: object) -> object:
        raise AssertionError("the written cache must serve the next load")

    monkeypatch.setattr(reading, "parse_file", no_parsing)
    assert load_corpus([seeds]) == corpus


@pytest.mark.usefixtures("seeds")
def test_files_gone_since_are_forgotten_when_the_writes_run(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(page(TITLE), "utf-8")
    (folder / "b.txt").write_text(page("خبر ثان"), "utf-8")
    load_corpus([folder])
    (folder / "b.txt").unlink()
    (folder / "c.txt").write_text(page("خبر ثالث"), "utf-8")
    corpus = load_corpus([folder], defer_cache_write=True)
    assert cached_names() == ["a.txt", "b.txt"]
    corpus.write_cache()
    assert cached_names() == ["a.txt", "c.txt"]


@pytest.mark.usefixtures("parallel")
def test_workers_answers_are_kept_for_later_too(seeds: Path) -> None:
    corpus = load_corpus([seeds], defer_cache_write=True)
    assert cached_names() == []
    corpus.write_cache()
    assert len(cached_names()) == len(SEED_TITLES)


def test_a_read_only_load_has_nothing_to_write(seeds: Path) -> None:
    corpus = load_corpus([seeds], write_cache=False, defer_cache_write=True)
    assert corpus.cache_write is None
    corpus.write_cache()
    assert cached_names() == []
