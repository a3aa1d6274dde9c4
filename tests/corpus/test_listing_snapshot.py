"""The remembered listing: what a reader listed last time, shown before the files are checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.corpus.loading_helpers import copy_seeds
from tui.corpus.article import ArticleHeader
from tui.corpus.cache import LISTINGS_KEPT, ArticleCache, cache_path
from tui.corpus.loader import cached_listing, listing_used, load_corpus, remember_listing


def test_a_remembered_listing_comes_back_in_its_order(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    seeds = copy_seeds(tmp_path / "seeds", seed_paths)
    assert cached_listing([seeds]) is None  # nothing remembered yet
    headers = load_corpus([seeds]).headers
    backwards = tuple(reversed(headers))
    remember_listing([seeds], backwards, "title")
    listing = cached_listing([seeds])
    assert listing is not None
    assert listing.headers == backwards and listing.ordering == "title"
    # Only for the same folders: another set of paths has no listing.
    assert cached_listing([seeds, tmp_path]) is None
    assert cached_listing([tmp_path / "elsewhere"]) is None


def test_the_listing_reads_no_file(tmp_path: Path, seed_paths: list[Path]) -> None:
    seeds = copy_seeds(tmp_path / "seeds", seed_paths)
    headers = load_corpus([seeds]).headers
    remember_listing([seeds], headers, "date")
    for path in seeds.iterdir():
        path.unlink()
    listing = cached_listing([seeds])  # stale on purpose: the check that follows fixes it
    assert listing is not None and len(listing.headers) == 5
    assert load_corpus([seeds]).headers == ()


def test_a_changed_listing_replaces_the_old_one(tmp_path: Path, seed_paths: list[Path]) -> None:
    seeds = copy_seeds(tmp_path / "seeds", seed_paths)
    headers = load_corpus([seeds]).headers
    remember_listing([seeds], headers, "date")
    remember_listing([seeds], headers[:2], "source")
    listing = cached_listing([seeds])
    assert listing is not None
    assert listing.headers == headers[:2] and listing.ordering == "source"


def test_a_damaged_listing_is_no_listing(tmp_path: Path, seed_paths: list[Path]) -> None:
    seeds = copy_seeds(tmp_path / "seeds", seed_paths)
    remember_listing([seeds], load_corpus([seeds]).headers, "date")
    with sqlite3.connect(cache_path()) as db:
        db.execute("UPDATE listings SET headers = '[[\"only a title\"]]'")
    assert cached_listing([seeds]) is None
    with sqlite3.connect(cache_path()) as db:
        db.execute("UPDATE listings SET headers = 'not json'")
    assert cached_listing([seeds]) is None


def test_a_read_only_cache_remembers_nothing(tmp_path: Path, seed_paths: list[Path]) -> None:
    seeds = copy_seeds(tmp_path / "seeds", seed_paths)
    headers = load_corpus([seeds]).headers
    with ArticleCache(read_only=True) as cache:
        cache.store_listing(str(seeds), headers, "date")
    assert cached_listing([seeds]) is None


def header(n: int) -> ArticleHeader:
    return ArticleHeader(
        f"title {n}", None, None, None, None, f"/f/{n}.txt", 0, "txt", None, f"id{n}"
    )


def test_only_the_most_recently_used_listings_are_kept(tmp_path: Path) -> None:
    """One row per set of folders a reader was started on, each a copy of every header:
    only the `LISTINGS_KEPT` used last stay; storing one again, or saying it was found
    unchanged (`touch_listing`), is a use; reading it is not."""
    assert LISTINGS_KEPT == 8
    with ArticleCache(tmp_path / "cache.sqlite3") as cache:
        for n in range(10):
            cache.store_listing(f"/roots/{n}", [header(n)], "date")
        kept = [n for n in range(10) if cache.listing(f"/roots/{n}") is not None]
        assert kept == list(range(2, 10))  # the two stored first made room
        # Stored again (unchanged) or touched, a listing is used: from oldest use,
        # 4 5 … 9 2 3 (reading /roots/4 changes nothing).
        cache.store_listing("/roots/2", [header(2)], "date")
        cache.touch_listing("/roots/3")
        assert cache.listing("/roots/4") == ((header(4),), "date")
        cache.store_listing("/roots/10", [header(10)], "date")  # drops /roots/4
        kept = [n for n in range(11) if cache.listing(f"/roots/{n}") is not None]
    assert kept == [2, 3, 5, 6, 7, 8, 9, 10]
    with sqlite3.connect(tmp_path / "cache.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM listings").fetchone()[0] == 8


def test_a_read_only_cache_reads_a_listing_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with ArticleCache(path) as cache:
        cache.store_listing("/roots/a", [header(1)], "date")
    before = path.read_bytes()
    with ArticleCache(path, read_only=True) as cache:
        assert cache.listing("/roots/a") == ((header(1),), "date")
    assert path.read_bytes() == before


def test_a_listing_is_read_while_another_process_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Marking the listing used needs the write lock; without it the listing still comes back."""
    from tui.corpus import cache as cache_module

    path = tmp_path / "cache.sqlite3"
    with ArticleCache(path) as cache:
        cache.store_listing("/roots/a", [header(1)], "date")
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT_SECONDS", 0.05)
    writer = sqlite3.connect(path)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another akhbar holds the write lock
        with ArticleCache(path) as cache:
            assert cache.listing("/roots/a") == ((header(1),), "date")
    finally:
        writer.rollback()
        writer.close()
    with ArticleCache(path) as cache:  # and the cache is still there afterwards
        assert cache.listing("/roots/a") == ((header(1),), "date")


def test_a_listing_found_unchanged_is_counted_as_used(tmp_path: Path) -> None:
    """A reader's quick start reads the listing without writing (`cached_listing`); once its
    check found the folders unchanged it says so (`listing_used`), keeping it among the
    remembered ones."""
    folders = [tmp_path / f"folder{n}" for n in range(LISTINGS_KEPT)]
    for n, folder in enumerate(folders):
        remember_listing([folder], [header(n)], "date")
    assert cached_listing([folders[0]]) is not None  # read: not a use by itself
    listing_used([folders[0]])
    remember_listing([tmp_path / "one more"], [header(99)], "date")
    assert cached_listing([folders[0]]) is not None
    assert cached_listing([folders[1]]) is None  # the one used least recently made room
