"""The remembered listing: what a reader listed last time, shown before the files are checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.corpus.loading_helpers import copy_seeds
from tui.corpus.cache import ArticleCache, cache_path
from tui.corpus.loader import cached_listing, load_corpus, remember_listing


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
