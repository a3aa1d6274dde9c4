"""What the reader calls: build or refresh a corpus's index in a worker, search it per keystroke.

A typical session::

    report = refresh_index(roots, corpus.headers)   # worker thread, at start-up
    warm_up()                                       # worker thread: entity gazetteers
    searcher = open_searcher(roots)                 # UI thread
    result = searcher.search(text, read=..., bookmarked=...)   # every keystroke

Small corpora (`MEMORY_LIMIT` articles or fewer) may skip the index: `memory_searcher`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from tui.corpus.article import Article, ArticleHeader
from tui.search.index import Loader, SearchIndex, SyncReport, index_path
from tui.search.memory import MemorySearcher
from tui.search.names import Tagger, warm_up
from tui.search.searcher import IndexSearcher

__all__ = ["MEMORY_LIMIT", "memory_searcher", "open_searcher", "refresh_index", "warm_up"]

#: Up to this many articles, searching them all in memory is as fast as the index.
MEMORY_LIMIT = 300


def refresh_index(
    roots: Iterable[Path | str],
    headers: Iterable[ArticleHeader],
    *,
    load: Loader | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SyncReport:
    """Bring the index of the corpus made of *roots* up to date with *headers*.

    Opens and closes its own connection, so it can run in a worker thread.
    """
    if load is None:
        from tui.corpus.loader import load_article

        load = load_article
    with SearchIndex.open(index_path(roots)) as index:
        return index.sync(headers, load, should_stop=should_stop)


def open_searcher(
    roots: Iterable[Path | str], *, load: Loader | None = None, tagger: Tagger | None = None
) -> IndexSearcher:
    """A searcher over the index of *roots* (for the thread that will search)."""
    return IndexSearcher(SearchIndex.open(index_path(roots)), load=load, tagger=tagger)


def memory_searcher(
    articles: Sequence[Article], *, tagger: Tagger | None = None, confirm_entities: bool = True
) -> MemorySearcher:
    """A searcher over articles held in memory (no files written)."""
    return MemorySearcher(articles, tagger=tagger, confirm_entities=confirm_entities)
