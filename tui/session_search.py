"""The reader session's search: the searcher it asks, the active query and its ranked results.

`ReaderSession` owns one `SessionSearch`: it keeps the query the reader typed and whether
search is ready; this object holds what answering it needs (a searcher in memory for a
small corpus, the SQLite index for a large one) and what the last answer was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from tui.corpus.formats import UnreadableArticle
from tui.corpus.loader import load_article
from tui.i18n import Lang, t

if TYPE_CHECKING:
    from collections.abc import Callable, Collection
    from pathlib import Path

    from tui.corpus.article import Article, ArticleHeader
    from tui.search import Query, SearchResult

#: At most this many results are listed, best first (the total is still shown).
LISTED_RESULTS = 1000


class Searcher(Protocol):
    """What the session needs of a searcher (in memory or over the index)."""

    def search(
        self,
        text: str,
        *,
        read: Collection[str] = (),
        bookmarked: Collection[str] = (),
        limit: int = ...,
    ) -> SearchResult: ...


def uses_index(headers: Collection[ArticleHeader]) -> bool:
    """True when a corpus of *headers* is big enough to search through the SQLite index."""
    from tui.search import MEMORY_LIMIT

    return len(headers) > MEMORY_LIMIT


@dataclass
class SessionSearch:
    """Answers the session's queries over the articles of *paths*.

    Attributes:
        paths: The folders searched (they name the on-disk index).
        unconfirmed: ``person:``/``place:``/``org:`` candidates of the last answer that
            the tagger has not checked yet.
    """

    paths: tuple[Path, ...]
    unconfirmed: int = 0
    _searcher: Searcher | None = None
    _matches: dict[str, int] | None = None
    _ranked: list[ArticleHeader] = field(default_factory=list)
    _query: Query | None = None

    @property
    def results(self) -> tuple[list[ArticleHeader], dict[str, int]] | None:
        """The active query's results, best first, and their hit counts; None without one."""
        if self._matches is None:
            return None
        return self._ranked, self._matches

    def forget_searcher(self) -> None:
        """The listing changed: the next query opens a searcher over the new articles."""
        self._searcher = None

    def prepare(
        self, headers: tuple[ArticleHeader, ...], should_stop: Callable[[], bool] | None
    ) -> None:
        """Hold a small corpus in memory, or bring the on-disk index of a large one up to
        date (worker thread)."""
        from tui.search import memory_searcher, refresh_index

        if uses_index(headers):
            refresh_index(self.paths, headers, should_stop=should_stop)
            return
        articles = []
        for header in headers:
            try:
                articles.append(load_article(header))
            except UnreadableArticle:
                continue
        # Names are confirmed by the tagger in a worker (confirm), never while typing.
        self._searcher = memory_searcher(articles, confirm_entities=False)

    def confirm(self, text: str, indexed: bool) -> int:
        """Check *text*'s name candidates with the tagger (worker thread: over the index,
        opens its own connection); may raise `tui.entities.ModelMissing`."""
        from tui.search import open_searcher

        if not indexed:
            searcher = self._searcher
            return 0 if searcher is None else searcher.confirm(text)  # type: ignore[attr-defined]
        opened = open_searcher(self.paths)
        try:
            return opened.confirm(text)
        finally:
            opened.index.close()

    def clear(self) -> None:
        """No active query (empty, or kept until search is ready)."""
        self.unconfirmed = 0
        self._matches = None
        self._query = None

    def run(
        self,
        text: str,
        indexed: bool,
        read: Collection[str],
        bookmarked: Collection[str],
        lang: Lang,
    ) -> str:
        """Make *text* the active query; returns the line to show under the box (count or
        error)."""
        from tui.search import error_message

        self.unconfirmed = 0
        result = self._active_searcher(indexed).search(
            text, read=read, bookmarked=bookmarked, limit=LISTED_RESULTS
        )
        if result.error is not None:
            self._matches = None
            self._query = None
            error = result.error
            return error_message(error.code, lang, **error.params)
        self._matches = {row.header.identity: row.hits for row in result.rows}
        self._ranked = [row.header for row in result.rows]
        self._query = result.query
        self.unconfirmed = result.unconfirmed
        message = t("count.results", lang, n=result.total)
        if result.total > len(result.rows):
            message += " · " + t("status.showing_best", lang, n=len(result.rows))
        return message

    def hits_in(self, article: Article) -> list[tuple[int, int]]:
        """Spans of the active query's hits in *article*'s text."""
        if self._query is None:
            return []
        from tui.search import find_hits

        return find_hits(self._query, article.text, title_end=len(article.title))

    def _active_searcher(self, indexed: bool) -> Searcher:
        if self._searcher is None:
            from tui.search import memory_searcher, open_searcher

            self._searcher = open_searcher(self.paths) if indexed else memory_searcher([])
        return self._searcher
