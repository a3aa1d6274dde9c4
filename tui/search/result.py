"""What a search returns: ranked rows with hit counts, or the query error to explain inline."""

from __future__ import annotations

from dataclasses import dataclass

from tui.corpus.article import ArticleHeader
from tui.search.query import Query, QueryError

#: Rows returned by default: a few screenfuls of a sidebar; ask for more when scrolling
#: (each row's hits are counted, which is the per-row cost of a search).
DEFAULT_LIMIT = 50


@dataclass(frozen=True, slots=True)
class SearchRow:
    """One matching article.

    Attributes:
        header: the article's listing fields (``identity`` joins it to reader state).
        score: relevance, higher is better (BM25 with a title boost; 0 when unranked).
        hits: how many places in title and body the query's words and phrases occur.
    """

    header: ArticleHeader
    score: float
    hits: int


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to one query text.

    Attributes:
        text: the query text as typed.
        error: why the query could not be understood (message + position), or None.
        query: the parsed query, None on error.
        rows: the best matches, best first, at most the requested limit.
        total: how many articles match in all.
        ranked: False when the matches were too many to rank (then newest first).
        unconfirmed: matches that rest on a ``person:``/``place:``/``org:`` name the
            tagger has not checked yet (they may drop out once it has).
    """

    text: str
    error: QueryError | None = None
    query: Query | None = None
    rows: tuple[SearchRow, ...] = ()
    total: int = 0
    ranked: bool = True
    unconfirmed: int = 0

    @property
    def ok(self) -> bool:
        """True when the query parsed."""
        return self.error is None


def failed(text: str, error: QueryError) -> SearchResult:
    """The result of a query that did not parse."""
    return SearchResult(text, error=error)
