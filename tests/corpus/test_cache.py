"""The parsed-article cache: warm starts parse nothing, stale or broken caches are rebuilt,
read-only sessions write nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.corpus.loading_helpers import SEED_TITLES, TITLE, copy_seeds, messages, page, titles
from tui.corpus import cache as cache_module
from tui.corpus import loader, reading
from tui.corpus.cache import ArticleCache, cache_path
from tui.corpus.loader import load_article, load_corpus


@pytest.fixture
def seeds(tmp_path: Path, seed_paths: list[Path]) -> Path:
    return copy_seeds(tmp_path / "seeds", seed_paths)


def test_warm_start_reads_the_cache_not_the_files(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "BODY_CACHE_MIN_BYTES", 0)  # cache every body
    cold = load_corpus([seeds])
    opened_cold = [load_article(header) for header in cold.headers]

    def no_parsing(*_: object) -> object:
        raise AssertionError("a warm start must not parse files")

    monkeypatch.setattr(reading, "parse_file", no_parsing)
    warm = load_corpus([seeds])
    assert warm == cold

    loader._opened.cache_clear()
    monkeypatch.setattr(loader, "parse_file", no_parsing)
    opened_warm = [load_article(header) for header in warm.headers]
    assert opened_warm == opened_cold
    assert [a.dropped for a in opened_warm] == [a.dropped for a in opened_cold]
    assert all(a.dropped for a in opened_warm)


def test_small_articles_are_parsed_again_when_opened(seeds: Path) -> None:
    cold = load_corpus([seeds])
    assert all(
        Path(h.path or "").stat().st_size < cache_module.BODY_CACHE_MIN_BYTES for h in cold.headers
    )
    with ArticleCache() as cache:
        key = cache.files()[cold.headers[0].path or ""].key
        assert cache.article(key, 0) is None  # header cached, body not
    fresh = [load_article(header) for header in load_corpus([seeds], use_cache=False).headers]
    assert [load_article(header) for header in cold.headers] == fresh


def test_problems_are_cached_and_reported_again(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)))
    (tmp_path / "good.txt").write_text(page(TITLE), "utf-8")
    first = load_corpus([tmp_path])
    second = load_corpus([tmp_path])
    assert second == first
    assert messages(second) == {"binary.txt": "binary file"}


def test_changed_file_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(page(TITLE), "utf-8")
    (first,) = load_corpus([tmp_path]).headers
    path.write_text(page("عنوان جديد تماماً للخبر"), "utf-8")
    (second,) = load_corpus([tmp_path]).headers
    assert (first.title, second.title) == (TITLE, "عنوان جديد تماماً للخبر")
    assert load_article(second).title == "عنوان جديد تماماً للخبر"


def test_corrupt_cache_is_rebuilt(seeds: Path) -> None:
    expected = load_corpus([seeds], use_cache=False)
    database = cache_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    database.write_bytes(b"this is not a database" * 100)
    assert load_corpus([seeds]) == expected
    with sqlite3.connect(database) as db:  # a valid database again, holding the corpus
        (count,) = db.execute("SELECT COUNT(*) FROM headers").fetchone()
    assert count == len(SEED_TITLES)
    assert load_corpus([seeds]) == expected


def test_cache_written_by_other_code_is_not_trusted(seeds: Path) -> None:
    expected = load_corpus([seeds])
    with sqlite3.connect(cache_path()) as db:
        db.execute("UPDATE headers SET title = 'stale'")
        db.execute("UPDATE meta SET value = 'older code' WHERE key = 'fingerprint'")
    assert load_corpus([seeds]) == expected


def test_unusable_cache_folder_loads_without_cache(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", "utf-8")
    monkeypatch.setenv("AKHBAR_CACHE_DIR", str(blocker / "cache"))
    corpus = load_corpus([seeds])
    assert titles(corpus) == SEED_TITLES
    assert load_article(corpus.headers[0]).title == SEED_TITLES[0]


def test_cache_survives_being_used_from_two_objects(seeds: Path) -> None:
    load_corpus([seeds])
    with ArticleCache() as first, ArticleCache() as second:
        assert first.files().keys() == second.files().keys()


def test_forgotten_files_leave_the_cache(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(page(TITLE), "utf-8")
    (tmp_path / "b.txt").write_text(page("خبر ثان"), "utf-8")
    load_corpus([tmp_path])
    (tmp_path / "b.txt").unlink()
    load_corpus([tmp_path])
    with ArticleCache() as cache:
        assert sorted(Path(path).name for path in cache.files()) == ["a.txt"]


def test_read_only_loads_write_nothing(seeds: Path) -> None:
    folder = cache_path().parent
    before = sorted(folder.iterdir())
    corpus = load_corpus([seeds], write_cache=False)
    assert titles(corpus) == SEED_TITLES
    assert sorted(folder.iterdir()) == before == []
    # A valid cache is used read-only; a new file is parsed but not written.
    load_corpus([seeds])
    (seeds / "new.txt").write_text(page("خبر جديد"), "utf-8")
    snapshot = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert titles(load_corpus([seeds], write_cache=False))[-1] == "خبر جديد"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == snapshot


def test_read_only_load_leaves_a_corrupt_cache_alone(seeds: Path) -> None:
    database = cache_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    database.write_bytes(b"not a database" * 50)
    assert titles(load_corpus([seeds], write_cache=False)) == SEED_TITLES
    assert database.read_bytes() == b"not a database" * 50
