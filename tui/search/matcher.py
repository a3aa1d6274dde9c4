"""Reference semantics of a query over one article's terms: occurrences, hits and the verdict.

The index answers queries with FTS5 (`tui.search.fts`); this module answers the same
question in plain Python over the same terms. It decides hit counts and highlights for both
paths, runs the in-memory search, and the tests hold the two paths to the same answers.

An article is seen as three term sequences (`TermView`): the title, the body (paragraphs
separated by `BOUNDARY`, so a phrase never runs from one paragraph into the next), and the
source (outlet name and web site).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tui.search.names import term_keys
from tui.search.query import ENTITY_FIELDS, Field, Flag, Query, StateFilter, Terms
from tui.search.terms import BOUNDARY, TermPattern, prepare, term, word_patterns, words

if TYPE_CHECKING:
    from tui.corpus.article import Article

#: Paragraph separator in an article's `text`.
PARAGRAPH_BREAK = "\n\n"
#: Distinct words whose terms are remembered while indexing or matching.
TERMS_CACHED = 1 << 18

#: Answers "is this candidate confirmed as that entity?": True, False, or None (not known
#: yet, counts as a match).
Confirm = Callable[[Field, str], bool | None]


@dataclass(frozen=True, slots=True)
class TermView:
    """The terms of one article: title, body (with paragraph boundaries), source."""

    title: tuple[str, ...]
    body: tuple[str, ...]
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A hit: terms ``start`` up to ``end`` (exclusive) of the title or the body."""

    in_title: bool
    start: int
    end: int


class _TermCache(dict[str, str]):
    """Word → term, computed on first sight; cleared when it grows past `TERMS_CACHED`."""

    def __missing__(self, word: str) -> str:
        if len(self) >= TERMS_CACHED:
            self.clear()
        value = self[word] = term(word)
        return value


_TERMS = _TermCache()
#: `tui.search.terms.term`, memoised: a corpus repeats its words endlessly.
cached_term = _TERMS.__getitem__


def terms_of(text: str) -> tuple[str, ...]:
    """The terms of a piece of text, in order."""
    return tuple(map(cached_term, words(prepare(text))))


def body_terms(paragraphs: Iterable[str]) -> tuple[str, ...]:
    """Terms of the body: blank-line separated segments, `BOUNDARY` between them.

    Segments are what ``"\\n\\n".join(paragraphs).split("\\n\\n")`` gives, exactly as
    `tui.search.highlight` splits an article's text.
    """
    out: list[str] = []
    for index, segment in enumerate(PARAGRAPH_BREAK.join(paragraphs).split(PARAGRAPH_BREAK)):
        if index:
            out.append(BOUNDARY)
        out.extend(terms_of(segment))
    return tuple(out)


def source_text(source: str | None, url: str | None) -> str:
    """What ``source:`` searches: the outlet's name and the web site's host name."""
    host = ""
    if url:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            host = ""
    return " ".join(part for part in (source or "", host) if part)


def article_view(article: Article) -> TermView:
    """The `TermView` of an article."""
    return TermView(
        terms_of(article.title),
        body_terms(article.paragraphs),
        terms_of(source_text(article.source, article.url)),
    )


class WordTest(dict[str, bool]):
    """Which terms fit one position of an item, memoised per distinct term.

    Indexing it (``test[term]``) answers; `map` over a dict's ``__getitem__`` stays in C for
    every term seen before, which is nearly all of them after a few articles.
    """

    def __init__(self, fits: Callable[[str], bool]) -> None:
        super().__init__()
        self.fits = fits

    def __missing__(self, candidate: str) -> bool:
        if len(self) >= TERMS_CACHED:
            self.clear()
        known = self[candidate] = candidate != BOUNDARY and self.fits(candidate)
        return known


def _pattern_test(patterns: Sequence[TermPattern]) -> WordTest:
    exact = frozenset(p.text for p in patterns if not p.prefix)
    prefixes = tuple(p.text for p in patterns if p.prefix)
    return WordTest(lambda term: term in exact or term.startswith(prefixes))


def _key_test(key_word: str) -> WordTest:
    return WordTest(lambda term: key_word in term_keys(term))


@dataclass(frozen=True, slots=True)
class CompiledTerms:
    """A word/phrase item with one test per word.

    Attributes:
        item: the parsed item.
        tests: for each position of the phrase, which terms fit there.
        patterns: for plain fields, each word's term patterns (what FTS5 is asked).
        key: for entity fields, the query's `entity_key` (``""`` if it has no letters).
    """

    item: Terms
    tests: tuple[WordTest, ...]
    patterns: tuple[tuple[TermPattern, ...], ...]
    key: str

    def occurrences(self, terms: Sequence[str]) -> list[int]:
        """Start indexes of this item's word sequence in *terms*, in order."""
        if not self.tests:
            return []
        positions = range(len(terms))
        first = itertools.compress(positions, map(self.tests[0].__getitem__, terms))
        if len(self.tests) == 1:
            return list(first)
        starts = set(first)
        for offset, test in enumerate(self.tests[1:], start=1):
            fitting = itertools.compress(positions, map(test.__getitem__, terms))
            starts.intersection_update(p - offset for p in fitting)
            if not starts:
                return []
        return sorted(starts)


Compiled = CompiledTerms | StateFilter


def compile_terms(item: Terms) -> CompiledTerms:
    """Build the tests of one word/phrase item."""
    if item.field in ENTITY_FIELDS:
        from tui.search.names import query_key

        key = query_key(item.raw)
        return CompiledTerms(item, tuple(_key_test(w) for w in key.split()), (), key)
    patterns = tuple(word_patterns(w) for w in item.words)
    return CompiledTerms(item, tuple(_pattern_test(p) for p in patterns), patterns, "")


@dataclass(frozen=True, slots=True)
class CompiledQuery:
    """A query ready to test articles: per clause, its compiled items."""

    query: Query
    clauses: tuple[tuple[tuple[Compiled, ...], bool], ...]

    def hits(self, view: TermView) -> list[Occurrence]:
        """Occurrences of the positive word/phrase items in title and body, merged.

        Overlapping occurrences (a word also inside a matched phrase) count once, so the
        number of hits is the number of distinct places a reader is taken to by ``n``.
        """
        found: list[Occurrence] = []
        for items, negated in self.clauses:
            if negated:
                continue
            for item in items:
                if isinstance(item, CompiledTerms) and item.item.field is not Field.SOURCE:
                    width = len(item.tests)
                    for in_title, terms in _searched(item.item.field, view):
                        found.extend(
                            Occurrence(in_title, i, i + width) for i in item.occurrences(terms)
                        )
        return merge(found)

    def matches(
        self,
        view: TermView,
        *,
        identity: str = "",
        read: Collection[str] = (),
        bookmarked: Collection[str] = (),
        confirm: Confirm | None = None,
    ) -> bool:
        """Whether an article satisfies every clause."""
        for items, negated in self.clauses:
            satisfied = any(
                _item_holds(i, view, identity, read, bookmarked, confirm) for i in items
            )
            if satisfied == negated:
                return False
        return True

    def entity_items(self) -> tuple[CompiledTerms, ...]:
        """The entity-qualified items of the query (positive or negated)."""
        return tuple(
            i
            for items, _ in self.clauses
            for i in items
            if isinstance(i, CompiledTerms) and i.item.field in ENTITY_FIELDS
        )


def compile_query(query: Query) -> CompiledQuery:
    """Compile every item of *query*."""
    return CompiledQuery(
        query,
        tuple(
            (
                tuple(i if isinstance(i, StateFilter) else compile_terms(i) for i in c.items),
                c.negated,
            )
            for c in query.clauses
        ),
    )


def _searched(field: Field, view: TermView) -> list[tuple[bool, tuple[str, ...]]]:
    if field is Field.TITLE:
        return [(True, view.title)]
    if field is Field.SOURCE:
        return [(False, view.source)]
    return [(True, view.title), (False, view.body)]


def _item_holds(
    item: Compiled,
    view: TermView,
    identity: str,
    read: Collection[str],
    bookmarked: Collection[str],
    confirm: Confirm | None,
) -> bool:
    if isinstance(item, StateFilter):
        if item.flag is Flag.BOOKMARKED:
            return identity in bookmarked
        return (identity in read) == (item.flag is Flag.READ)
    if not any(item.occurrences(terms) for _, terms in _searched(item.item.field, view)):
        return False
    if item.item.field in ENTITY_FIELDS and confirm is not None:
        return confirm(item.item.field, item.key) is not False
    return True


def merge(found: Iterable[Occurrence]) -> list[Occurrence]:
    """Sort occurrences (title first) and merge those that overlap."""
    merged: list[Occurrence] = []
    for occ in sorted(found, key=lambda o: (not o.in_title, o.start, o.end)):
        last = merged[-1] if merged else None
        if last is not None and last.in_title == occ.in_title and occ.start < last.end:
            merged[-1] = Occurrence(last.in_title, last.start, max(last.end, occ.end))
        else:
            merged.append(occ)
    return merged
