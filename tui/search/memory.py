"""Searching a few hundred articles held in memory, with the same answers as the index.

No SQLite: every article's `TermView` is computed once and each query is checked against
all of them with the reference matcher (`tui.search.matcher`). Ranking is BM25 computed
the way FTS5 documents it (k1 = 1.2, b = 0.75, the same column weights), over the query's
word and phrase items; matching sets and hit counts are identical to the index path, the
order may differ slightly (FTS5 scores each pattern of a word as its own phrase).
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable, Collection, Sequence

from tui.corpus.article import Article
from tui.search.matcher import CompiledQuery, CompiledTerms, TermView, article_view, compile_query
from tui.search.names import (
    EntitiesUnavailable,
    NameMention,
    Tagger,
    confirms,
    default_tagger,
    mentions_of,
)
from tui.search.query import Field, QueryError, parse_query
from tui.search.result import DEFAULT_LIMIT, SearchResult, SearchRow, failed
from tui.search.searcher import BODY_WEIGHT, TITLE_WEIGHT

BM25_K1 = 1.2
BM25_B = 0.75
#: FTS5 clamps a negative IDF (a word in most articles) to this.
MIN_IDF = 1e-6


class MemorySearcher:
    """Answers queries over a fixed list of articles.

    Args:
        articles: the corpus.
        tagger: entity tagger for ``person:``/``place:``/``org:`` (default: the shipped one).
        confirm_entities: tag candidates during the search (right for small corpora and the
            command line); when False, untagged candidates count as unconfirmed matches.
    """

    def __init__(
        self,
        articles: Sequence[Article],
        *,
        tagger: Tagger | None = None,
        confirm_entities: bool = True,
    ) -> None:
        self.articles = tuple(articles)
        self.views = tuple(article_view(a) for a in self.articles)
        self._tagger = tagger
        self._confirm_entities = confirm_entities
        self._mentions: dict[int, tuple[NameMention, ...]] = {}
        lengths = [len(v.title) + len(v.body) + len(v.source) for v in self.views]
        self._average_length = (sum(lengths) / len(lengths)) if lengths else 1.0

    def search(
        self,
        text: str,
        *,
        read: Collection[str] = (),
        bookmarked: Collection[str] = (),
        limit: int = DEFAULT_LIMIT,
    ) -> SearchResult:
        """Answer *text* (see `tui.search.searcher.IndexSearcher.search`)."""
        try:
            query = parse_query(text)
            compiled = compile_query(query)
        except QueryError as error:
            return failed(text, error)
        except EntitiesUnavailable:
            return failed(text, QueryError("entities_unavailable", 0))
        matched: list[int] = []
        unconfirmed = 0
        for position, (article, view) in enumerate(zip(self.articles, self.views, strict=True)):
            check = _Confirmation(functools.partial(self._entity_mentions, position))
            if compiled.matches(
                view, identity=article.identity, read=read, bookmarked=bookmarked, confirm=check
            ):
                matched.append(position)
                unconfirmed += check.pending
        scores = self._scores(compiled, matched)
        order = sorted(matched, key=lambda p: (-scores[p], -p))
        rows = tuple(
            SearchRow(self.articles[p].header(), scores[p], len(compiled.hits(self.views[p])))
            for p in order[:limit]
        )
        ranked = bool(query.terms())
        return SearchResult(text, None, query, rows, len(matched), ranked, unconfirmed)

    def confirm(self, text: str, *, budget_s: float | None = None) -> int:
        """Tag the untagged articles that are entity candidates of *text*; returns how many.

        With ``confirm_entities=False`` searches stay instant and count candidates as
        unconfirmed; run this in a worker, then search again (as with the index).
        """
        try:
            items = compile_query(parse_query(text)).entity_items()
        except (QueryError, EntitiesUnavailable):
            return 0
        deadline = None if budget_s is None else time.monotonic() + budget_s
        done = 0
        for position, view in enumerate(self.views):
            if position in self._mentions:
                continue
            if not any(i.occurrences(view.title) or i.occurrences(view.body) for i in items):
                continue
            if deadline is not None and time.monotonic() > deadline:
                break
            if self._tagger is None:
                self._tagger = default_tagger()
            self._mentions[position] = mentions_of(self.articles[position], self._tagger)
            done += 1
        return done

    def _entity_mentions(self, position: int) -> tuple[NameMention, ...] | None:
        if position not in self._mentions:
            if not self._confirm_entities:
                return None
            if self._tagger is None:
                self._tagger = default_tagger()
            self._mentions[position] = mentions_of(self.articles[position], self._tagger)
        return self._mentions[position]

    def _scores(self, compiled: CompiledQuery, matched: list[int]) -> dict[int, float]:
        """BM25 of each matched article over the query's positive word/phrase items."""
        items = [
            i
            for items, negated in compiled.clauses
            if not negated
            for i in items
            if isinstance(i, CompiledTerms)
        ]
        scores = dict.fromkeys(matched, 0.0)
        total = len(self.views)
        for item in items:
            counts = {p: _weighted_count(item, v) for p, v in enumerate(self.views)}
            having = sum(1 for c in counts.values() if c)
            idf = max(math.log((total - having + 0.5) / (having + 0.5)), MIN_IDF)
            for p in matched:
                view = self.views[p]
                length = len(view.title) + len(view.body) + len(view.source)
                tf = counts[p]
                norm = BM25_K1 * (1 - BM25_B + BM25_B * length / self._average_length)
                scores[p] += idf * tf * (BM25_K1 + 1) / (tf + norm) if tf else 0.0
        return scores


class _Confirmation:
    """Confirms entity qualifiers of one article, tagging it only if it is a candidate."""

    def __init__(self, mentions: Callable[[], tuple[NameMention, ...] | None]) -> None:
        self.mentions = mentions
        self.pending = False

    def __call__(self, field: Field, key: str) -> bool | None:
        found = self.mentions()
        if found is None:
            self.pending = True
            return None
        return confirms(found, field, key)


def _weighted_count(item: CompiledTerms, view: TermView) -> float:
    if item.item.field is Field.SOURCE:
        return float(len(item.occurrences(view.source)))
    title = len(item.occurrences(view.title))
    body = 0 if item.item.field is Field.TITLE else len(item.occurrences(view.body))
    return TITLE_WEIGHT * title + BODY_WEIGHT * body
