"""The reader session's listing: corpora read for it, ordered for the sidebar, and its memos.

A worker reads and sorts (`list_corpus` → `LoadedCorpus`); `ReaderSession.adopt` takes the
result on the UI thread. `ListingMemo` remembers the sorted order, the sidebar entries and
the unread count while what they were built from stays the same, because the title bar and
the sidebar ask for them on every move and sorting 100,000 articles takes a third of a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from tui.i18n import Lang
from tui.listing import Entry, SortKey, group_by_source, next_unread, sort_headers

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tui.corpus.article import Article, ArticleHeader
    from tui.corpus.loader import Corpus

#: A sorted order remembered: the headers and order it was built from, then the result.
SortedMemo = tuple[tuple["ArticleHeader", ...], str, tuple["ArticleHeader", ...]]
#: Sidebar entries remembered: (headers, order, grouped, lang) they were built from, then them.
EntriesMemo = tuple[tuple[object, ...], list[Entry]]


class ListedEntry(Protocol):
    """What the session needs of a sidebar entry (the widget's `Entry`)."""

    @property
    def header(self) -> ArticleHeader | None: ...


@dataclass(frozen=True, slots=True)
class LoadedCorpus:
    """A corpus (or a remembered listing) read by a worker and listed ready to show, not
    shown yet: `ReaderSession.adopt` makes it the session's listing on the UI thread.

    Attributes:
        ticket: The `ReaderSession.begin_load` ticket of the load that read it.
        corpus: What was read.
        changed: Whether it lists other articles than `compared_with`.
        compared_with: The session's listing when the worker compared it.
        ordered: The `sorted_headers` memo for it, built off the UI thread.
        entries: The `entries` memo for it, likewise (None: built when first asked for).
    """

    ticket: int
    corpus: Corpus
    changed: bool
    compared_with: tuple[ArticleHeader, ...]
    ordered: SortedMemo | None = None
    entries: EntriesMemo | None = None


def sidebar_entries(
    ordered: tuple[ArticleHeader, ...], hits: dict[str, int] | None, lang: Lang, grouped: bool
) -> list[Entry]:
    """Sidebar entries for *ordered*: ``(header, "", hits)`` for articles (hits None when
    not searching), ``(None, label, None)`` headings before each source when *grouped*."""
    if not grouped:
        if hits is None:
            return [Entry(h) for h in ordered]
        return [Entry(h, "", hits[h.identity]) for h in ordered]
    entries: list[Entry] = []
    for group in group_by_source(ordered):
        entries.append(Entry(None, group.label(lang)))
        entries.extend(
            Entry(h, "", None if hits is None else hits[h.identity]) for h in group.headers
        )
    return entries


def list_corpus(
    ticket: int,
    corpus: Corpus,
    compared_with: tuple[ArticleHeader, ...],
    ordered: tuple[ArticleHeader, ...] | None,
    order: SortKey,
    grouped: bool,
    lang: Lang | None,
) -> LoadedCorpus:
    """*corpus* as a changed listing, sorted by *order* (worker thread) unless *ordered*
    already is, with its sidebar entries in *lang* (None: built when first asked for)."""
    headers = corpus.headers
    if ordered is None:
        ordered = sort_headers(headers, order)  # here, not on the UI thread
    entries = None
    if lang is not None:
        key = (headers, order, grouped, lang)
        entries = (key, sidebar_entries(ordered, None, lang, grouped))
    return LoadedCorpus(ticket, corpus, True, compared_with, (headers, order, ordered), entries)


@dataclass
class ListingMemo:
    """What the session built for its listing, kept while the listing stays the same.

    Headers are compared by identity (``is``): a new listing is a new tuple.
    """

    sorted: SortedMemo | None = None
    entries: EntriesMemo | None = None
    unread: tuple[tuple[ArticleHeader, ...], frozenset[str], int] | None = None

    def take(self, loaded: LoadedCorpus) -> None:
        """Use the order and entries a worker built with *loaded* (now the listing)."""
        self.sorted, self.entries = loaded.ordered, loaded.entries

    def sorted_headers(
        self, headers: tuple[ArticleHeader, ...], order: SortKey
    ) -> tuple[ArticleHeader, ...]:
        """*headers* sorted by *order*, sorted again only when either changed."""
        memo = self.sorted
        if memo is None or memo[0] is not headers or memo[1] != order:
            memo = (headers, order, sort_headers(headers, order))
            self.sorted = memo
        return memo[2]

    def unsearched_entries(
        self, headers: tuple[ArticleHeader, ...], order: SortKey, grouped: bool, lang: Lang
    ) -> list[Entry]:
        """The sidebar entries without a query, built again only when what they list or
        how changed."""
        key = (headers, order, grouped, lang)
        memo = self.entries
        if memo is None or memo[0][0] is not key[0] or memo[0][1:] != key[1:]:
            ordered = self.sorted_headers(headers, order)
            memo = (key, sidebar_entries(ordered, None, lang, grouped))
            self.entries = memo
        return memo[1]

    def unread_count(self, headers: tuple[ArticleHeader, ...], read: frozenset[str]) -> int:
        """Unread articles among *headers*, counted again only when they or *read* changed."""
        memo = self.unread
        if memo is None or memo[0] is not headers or memo[1] is not read:
            memo = (headers, read, sum(1 for h in headers if h.identity not in read))
            self.unread = memo
        return memo[2]


def neighbour_of(
    current: Article | None, step: int, entries: Sequence[ListedEntry]
) -> ArticleHeader | None:
    """The article *step* places after (or before) *current* among the listed *entries*;
    the first one listed if *current* is not (or none is open); None past either end."""
    listed = [e.header for e in entries if e.header is not None]
    if not listed:
        return None
    if current is None:
        return listed[0]
    identities = [h.identity for h in listed]
    if current.identity not in identities:
        return listed[0]
    index = identities.index(current.identity) + step
    return listed[index] if 0 <= index < len(listed) else None


def nearest_unread(
    entries: Sequence[ListedEntry], read: frozenset[str], cursor: int, forward: bool
) -> str | None:
    """Identity of the nearest article not in *read* from entry *cursor* in the listed
    order (headings skipped); None if there is none that way."""
    articles = [(i, e.header) for i, e in enumerate(entries) if e.header is not None]
    headers = [h for _, h in articles]
    position = next((k for k, (i, _) in enumerate(articles) if i == cursor), None)
    jump = next_unread(headers, read, position, backwards=not forward)
    return None if jump is None else headers[jump.index].identity
