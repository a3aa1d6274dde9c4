"""What the reader is doing, without any Textual: corpus, listing, open article, query, state.

The main screen forwards its widgets' facts here and draws what comes back, so every
decision (what is listed, in which order, what becomes read, where a reading position is
saved) is plain code tested directly.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from tui.corpus.article import Problem
from tui.corpus.formats import UnreadableArticle
from tui.corpus.loader import (
    Corpus,
    Listing,
    cached_listing,
    listing_used,
    load_article,
    load_corpus,
    remember_listing,
)
from tui.i18n import Lang, t
from tui.listing import Entry, SortKey, group_by_source, next_unread, sort_headers

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Sequence
    from pathlib import Path

    from tui.corpus.article import Article, ArticleHeader
    from tui.entities import EntityGroup
    from tui.search import Query, SearchResult
    from tui.state.store import ReaderState
    from tui.text.layout import Mode

APP_TITLE = "akhbar · أخبار"
#: At most this many results are listed, best first (the total is still shown).
LISTED_RESULTS = 1000
#: Articles whose entities are remembered by the session (recently opened or got ready).
GROUPS_KEPT = 64
SORT_ORDER: tuple[SortKey, ...] = ("date", "source", "title", "path")
#: How far (characters) the reading position must move before it is written again.
POSITION_STEP = 1
SETTING_SORT = "sidebar.sort"
SETTING_GROUP = "sidebar.group_by_source"
#: The problem listed when the entity model is missing (a broken install).
ENTITIES_OFF = "no entity model, so names are not highlighted; `akhbar ner-train` recreates it"


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


class ListedEntry(Protocol):
    """What the session needs of a sidebar entry (the widget's `Entry`)."""

    @property
    def header(self) -> ArticleHeader | None: ...


@dataclass(frozen=True, slots=True)
class SessionOptions:
    """The options the session needs (a subset of the launcher's)."""

    paths: tuple[Path, ...]
    mark_read: str = "open"
    sort: SortKey = "date"
    group_by_source: bool = False
    read_only: bool = False


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
    ordered: tuple[tuple[ArticleHeader, ...], str, tuple[ArticleHeader, ...]] | None = None
    entries: tuple[tuple[object, ...], list[Entry]] | None = None


@dataclass
class ReaderSession:
    """The reader's model. Not thread-safe except `read_corpus` and `read_listing`, which
    only build new values (the listing changes in `adopt`, on the UI thread)."""

    options: SessionOptions
    state: ReaderState
    headers: tuple[ArticleHeader, ...] = ()
    current: Article | None = None
    last_error: str | None = None
    query_text: str = ""
    #: Whether `prepare_search` has run: until then a query is kept, not answered (the
    #: index of a first start is still being built, and would count what it has so far).
    search_ready: bool = False
    hit_position: tuple[int, int] | None = None
    sort: SortKey = "date"
    group_by_source: bool = False
    read: frozenset[str] = frozenset()
    bookmarked: frozenset[str] = frozenset()
    unconfirmed: int = 0
    _matches: dict[str, int] | None = None
    _ranked: list[ArticleHeader] = field(default_factory=list)
    _query: Query | None = None
    _searcher: Searcher | None = None
    _positions: dict[str, int] = field(default_factory=dict)
    _sorted: tuple[tuple[ArticleHeader, ...], str, tuple[ArticleHeader, ...]] | None = None
    _entries_memo: tuple[tuple[object, ...], list[Entry]] | None = None
    _unread_memo: tuple[tuple[ArticleHeader, ...], frozenset[str], int] | None = None
    _groups: dict[str, list[EntityGroup]] = field(default_factory=dict)
    _groups_lock: threading.Lock = field(default_factory=threading.Lock)
    _saved_positions: dict[str, int] = field(default_factory=dict)
    _load_ticket: int = 0
    #: Whether a load was listed yet (until then the title bar says the articles load).
    listed: bool = False
    _entities_off: Problem | None = None
    _entities_told: bool = False

    def __post_init__(self) -> None:
        saved_sort = self.state.setting(SETTING_SORT)
        self.sort = saved_sort if saved_sort in SORT_ORDER else self.options.sort
        saved_group = self.state.setting(SETTING_GROUP)
        self.group_by_source = (
            saved_group == "1" if saved_group is not None else self.options.group_by_source
        )
        self._reload_marks()

    # -- corpus -------------------------------------------------------------------------

    def begin_load(self) -> int:
        """A ticket for a load about to start (UI thread). Only the newest ticket's result
        is adopted: a load superseded by a newer one (a feed refresh during the start-up
        check) changes nothing, however late it finishes."""
        self._load_ticket += 1
        return self._load_ticket

    def read_corpus(
        self, ticket: int, lang: Lang | None = None, corpus: Corpus | None = None
    ) -> LoadedCorpus:
        """Read the corpus (worker thread) and, if it lists other articles than the session
        does, sort it for *lang*'s sidebar; the session is left as it is.

        Args:
            ticket: From `begin_load`.
            lang: Build the sidebar entries in this language too (None: only sort).
            corpus: One already read from these paths (a `CorpusPreload`'s).
        """
        if corpus is None:
            corpus = load_corpus(list(self.options.paths), write_cache=not self.options.read_only)
        listed = self.headers
        same_size = len(corpus.headers) == len(listed)
        if listed and same_size and set(corpus.headers) == set(listed):
            return LoadedCorpus(ticket, corpus, False, listed)
        return self._listed(ticket, corpus, listed, None, lang)

    def read_listing(self, ticket: int, listing: Listing, lang: Lang | None = None) -> LoadedCorpus:
        """*listing* (remembered by the last session) ready to adopt until `read_corpus`
        checks the files; not sorted again if it was stored in the chosen order."""
        ordered = listing.headers if listing.ordering == self.sort else None
        return self._listed(ticket, Corpus(listing.headers, ()), self.headers, ordered, lang)

    def _listed(
        self,
        ticket: int,
        corpus: Corpus,
        compared_with: tuple[ArticleHeader, ...],
        ordered: tuple[ArticleHeader, ...] | None,
        lang: Lang | None,
    ) -> LoadedCorpus:
        headers, order, grouped = corpus.headers, self.sort, self.group_by_source
        if ordered is None:
            ordered = sort_headers(headers, order)  # here, not on the UI thread
        entries = None
        if lang is not None:
            key = (headers, order, grouped, lang)
            entries = (key, self._entries(ordered, None, lang, grouped))
        return LoadedCorpus(ticket, corpus, True, compared_with, (headers, order, ordered), entries)

    def adopt(self, loaded: LoadedCorpus) -> bool:
        """Make *loaded* the listing (UI thread) if no newer load was begun since; returns
        whether the listing changed. When it did not, the listing shown is kept as it is,
        so the sorted order and sidebar entries built for it stay valid."""
        if loaded.ticket != self._load_ticket:
            return False  # superseded: the newer load lists what is there
        self.listed = True
        if not loaded.changed and loaded.compared_with is self.headers:
            return False
        self.headers = loaded.corpus.headers
        self._searcher = None
        self._sorted, self._entries_memo = loaded.ordered, loaded.entries
        return True

    def is_newest(self, loaded: LoadedCorpus) -> bool:
        """Whether *loaded* is the result of the newest load begun (`adopt` would take it)."""
        return loaded.ticket == self._load_ticket

    def load(self, corpus: Corpus | None = None) -> tuple[Corpus, bool]:
        """Read and list the corpus in one go, for a caller with no UI thread to keep
        responsive (tests, scripts); returns it and whether the listing changed."""
        loaded = self.read_corpus(self.begin_load(), None, corpus)
        return loaded.corpus, self.adopt(loaded)

    def remember_listing(self) -> None:
        """Keep the current listing, sorted as shown, for the next session's quick start
        (`last_listing`). Call from a worker thread, after the list is on screen."""
        if not self.options.read_only:
            remember_listing(list(self.options.paths), self.sorted_headers(), self.sort)

    def listing_used(self) -> None:
        """The listing shown was found unchanged: count it as used, so it stays among the
        remembered ones. Call from a worker thread."""
        if not self.options.read_only:
            listing_used(list(self.options.paths))

    def last_listing(self) -> Listing | None:
        """What the last session listed for these folders (quick: no file is read), to
        show while `load` checks the files; None if unknown. Call from a worker thread."""
        return cached_listing(list(self.options.paths))

    def show_listing(self, listing: Listing) -> None:
        """List *listing* until `load` replaces it (in one go, like `load`)."""
        self.adopt(self.read_listing(self.begin_load(), listing))

    def sorted_headers(self) -> tuple[ArticleHeader, ...]:
        """All articles in the chosen order; remembered while articles and order stay the
        same (sorting 100,000 takes a third of a second). Safe to call from a worker."""
        headers, order = self.headers, self.sort
        memo = self._sorted
        if memo is None or memo[0] is not headers or memo[1] != order:
            memo = (headers, order, sort_headers(headers, order))
            self._sorted = memo
        return memo[2]

    @property
    def uses_index(self) -> bool:
        """True when the corpus is big enough to search through the SQLite index."""
        from tui.search import MEMORY_LIMIT

        return len(self.headers) > MEMORY_LIMIT

    def prepare_search(self, should_stop: Callable[[], bool] | None = None) -> None:
        """Get search ready (call from a worker): hold a small corpus in memory, or bring
        the on-disk index of a large one up to date."""
        from tui.entities import ModelMissing
        from tui.entities import warm_up as warm_up_entities
        from tui.search import memory_searcher, refresh_index, warm_up

        warm_up()  # entity name lists, so the first person:/place:/org: keystroke is quick
        if self._entities_off is None:
            try:
                warm_up_entities()  # the tagger's model, so opening the first article is quick
            except ModelMissing:
                self._entities_missing()
        if self.uses_index:
            refresh_index(self.options.paths, self.headers, should_stop=should_stop)
        else:
            articles = []
            for header in self.headers:
                try:
                    articles.append(load_article(header))
                except UnreadableArticle:
                    continue
            # Names are confirmed by the tagger in a worker (confirm_entities), never while
            # typing.
            self._searcher = memory_searcher(articles, confirm_entities=False)
        self.search_ready = True

    def confirm_entities(self, text: str) -> int:
        """Check ``person:``/``place:``/``org:`` candidates with the tagger (worker thread:
        opens its own connection to the index)."""
        from tui.entities import ModelMissing

        if self._entities_off is not None:
            return 0  # no tagger to confirm with: the candidates stay listed
        try:
            return self._confirm(text)
        except ModelMissing:
            self._entities_missing()
            return 0

    def _confirm(self, text: str) -> int:
        from tui.search import open_searcher

        if not self.uses_index:
            searcher = self._searcher
            return 0 if searcher is None else searcher.confirm(text)  # type: ignore[attr-defined]
        searcher = open_searcher(self.options.paths)
        try:
            return searcher.confirm(text)
        finally:
            searcher.index.close()

    def _active_searcher(self) -> Searcher:
        if self._searcher is None:
            from tui.search import memory_searcher, open_searcher

            self._searcher = (
                open_searcher(self.options.paths) if self.uses_index else memory_searcher([])
            )
        return self._searcher

    def _reload_marks(self) -> None:
        self.read = self.state.read_identities()
        self.bookmarked = self.state.bookmarked_identities()

    def entries(self, lang: Lang) -> list[Entry]:
        """Sidebar entries: ``(header, "", hits)`` for articles, ``(None, label, None)`` for
        group headings; sorted, grouped and filtered as currently set.

        Without a query the list is remembered while the articles and the order stay the
        same, so a worker can build it for a large corpus and the UI thread reuse it.
        """
        hits = self._matches
        if hits is not None:  # while searching, the search's ranking (best first)
            return self._entries(tuple(self._ranked), hits, lang, self.group_by_source)
        key = (self.headers, self.sort, self.group_by_source, lang)
        memo = self._entries_memo
        if memo is None or memo[0][0] is not key[0] or memo[0][1:] != key[1:]:
            memo = (key, self._entries(self.sorted_headers(), None, lang, self.group_by_source))
            self._entries_memo = memo
        return memo[1]

    @staticmethod
    def _entries(
        ordered: tuple[ArticleHeader, ...], hits: dict[str, int] | None, lang: Lang, grouped: bool
    ) -> list[Entry]:
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

    # -- opening ------------------------------------------------------------------------

    def open(self, header: ArticleHeader) -> Article | None:
        """Open *header*'s article; it becomes read if so configured. None if unreadable."""
        self.flush_position()
        try:
            article = load_article(header)
        except UnreadableArticle as error:
            self.last_error = f"{header.path}: {error}"
            return None
        self.current = article
        self.hit_position = None
        if self.options.mark_read == "open" and article.identity not in self.read:
            self.state.set_read(article.identity, True)
            self._reload_marks()
        return article

    def position_of(self, article: Article) -> int:
        """Where the reader left *article* (a logical offset into `Article.text`)."""
        if article.identity in self._positions:
            return self._positions[article.identity]
        saved = self.state.position(article.identity)
        return saved or 0

    def note_position(self, identity: str, offset: int, at_end: bool) -> bool:
        """The reader scrolled; returns True if that made the article read (``mark_read =
        "end"``). The position itself is written by `flush_position`."""
        self._positions[identity] = offset
        if at_end and self.options.mark_read == "end" and identity not in self.read:
            self.state.set_read(identity, True)
            self._reload_marks()
            return True
        return False

    def flush_position(self) -> None:
        """Write reading positions that changed since the last flush."""
        for identity, offset in list(self._positions.items()):
            if self._saved_positions.get(identity) != offset:
                self.state.set_position(identity, offset)
                self._saved_positions[identity] = offset

    def prepare(self, header: ArticleHeader, width: int, mode: Mode, rows: int) -> None:
        """Do ahead of time what opening *header* will do: read it, lay out its first screen
        and tag its entities, each into its cache (call from a worker, while the reader
        looks at the list). Marks nothing read; an unreadable article is left to `open`."""
        from tui.text.page import prepare_first_screen

        if self.known_entity_groups(header.identity) is not None:
            return  # got ready (or opened) already
        try:
            article = load_article(header)
        except UnreadableArticle:
            return
        prepare_first_screen(article, width, mode, rows)
        self.entity_groups(article)

    def entity_groups(self, article: Article) -> list[EntityGroup]:
        """The article's entities, grouped (can take a few ms: call from a worker).

        A broken install without the model file gives no entities rather than an error;
        the model is looked for once a session, not again for every article
        (`take_entities_problem` says why there are none).
        """
        from tui.entities import ModelMissing, group_mentions, tag_article

        if self._entities_off is not None:
            return []
        try:
            groups = group_mentions(tag_article(article))
        except ModelMissing:
            self._entities_missing()
            return []
        with self._groups_lock:
            self._groups[article.identity] = groups
            while len(self._groups) > GROUPS_KEPT:
                del self._groups[next(iter(self._groups))]
        return groups

    def _entities_missing(self) -> None:
        """Remember for the session that the entity model is missing: not looked for again."""
        from tui.entities.model import shipped_model_path

        with self._groups_lock:
            if self._entities_off is None:
                self._entities_off = Problem(str(shipped_model_path()), ENTITIES_OFF)

    def take_entities_problem(self) -> Problem | None:
        """Why names are not highlighted (the entity model is missing), the first time it
        is asked once that was found, so the user is told once; None otherwise."""
        with self._groups_lock:
            if self._entities_off is None or self._entities_told:
                return None
            self._entities_told = True
            return self._entities_off

    def known_entity_groups(self, identity: str) -> list[EntityGroup] | None:
        """The entities of article *identity* if `entity_groups` found them recently (an
        article got ready under the list cursor is highlighted as it is first drawn)."""
        with self._groups_lock:
            return self._groups.get(identity)

    def neighbour(self, step: int, entries: Sequence[ListedEntry]) -> ArticleHeader | None:
        """The article *step* places after (or before) the open one in the listed order."""
        listed = [e.header for e in entries if e.header is not None]
        if not listed:
            return None
        if self.current is None:
            return listed[0]
        identities = [h.identity for h in listed]
        if self.current.identity not in identities:
            return listed[0]
        index = identities.index(self.current.identity) + step
        return listed[index] if 0 <= index < len(listed) else None

    # -- bars -----------------------------------------------------------------------------

    def title_bar(self, position: int | None, listed: int, lang: Lang) -> tuple[str, str]:
        """The title bar's two parts: name and place of the open article among the *listed*
        ones ("2/5": *position* is its index there, None if not listed); article and unread
        counts."""
        if not self.listed:  # "0 articles" would be wrong while the first load reads
            return APP_TITLE, t("status.loading", lang)
        place = "" if position is None else f"  {position + 1}/{listed}"
        counts = t("count.articles", lang, n=listed)
        unread = t("count.unread", lang, n=self.unread_count())
        return f"{APP_TITLE}{place}", f"{counts} · {unread}"

    def status_line(self, bidi_mode: str, lang: Lang) -> tuple[str, str]:
        """The status line: the open article's title; search position and bidi mode."""
        parts = []
        if self.hit_position is not None and self.hit_position[1]:
            index, total = self.hit_position
            parts.append(
                t("status.hit", lang, n=index, total=total)
                if index
                else t("count.hits", lang, n=total)
            )
        parts.append(t("status.bidi", lang, mode=t(f"bidi.{bidi_mode}", lang)))
        title = self.current.title if self.current is not None else ""
        return title, " · ".join(parts)

    # -- state --------------------------------------------------------------------------

    def toggle_read(self, identity: str) -> bool:
        """Flip read/unread; returns whether it is now read."""
        read = self.state.toggle_read(identity)
        self._reload_marks()
        return read

    def toggle_bookmark(self, identity: str) -> bool:
        """Flip the bookmark; returns whether it is now bookmarked."""
        added = self.state.toggle_bookmark(identity)
        self._reload_marks()
        if self.query_text:
            self.set_query(self.query_text, "en")
        return added

    def unread_count(self) -> int:
        """Unread articles among all listed (not only the filtered ones); remembered
        while articles and read marks stay the same (the title bar asks on every move)."""
        headers, read = self.headers, self.read
        memo = self._unread_memo
        if memo is None or memo[0] is not headers or memo[1] is not read:
            memo = (headers, read, sum(1 for h in headers if h.identity not in read))
            self._unread_memo = memo
        return memo[2]

    def next_unread(self, entries: Sequence[ListedEntry], cursor: int, forward: bool) -> str | None:
        """Identity of the nearest unread article from *cursor* in the listed order."""
        articles = [(i, e.header) for i, e in enumerate(entries) if e.header is not None]
        headers = [h for _, h in articles]
        position = next((k for k, (i, _) in enumerate(articles) if i == cursor), None)
        jump = next_unread(headers, self.read, position, backwards=not forward)
        return None if jump is None else headers[jump.index].identity

    def cycle_sort(self) -> None:
        """Next sort order: date → source → title → path → date."""
        self.sort = SORT_ORDER[(SORT_ORDER.index(self.sort) + 1) % len(SORT_ORDER)]
        self.save_view()

    def save_view(self) -> None:
        """Remember the sidebar's sort and grouping."""
        self.state.set_setting(SETTING_SORT, self.sort)
        self.state.set_setting(SETTING_GROUP, "1" if self.group_by_source else "0")

    # -- search -------------------------------------------------------------------------

    def set_query(self, text: str, lang: Lang) -> str:
        """Filter by *text*; returns the line to show under the box (count or error)."""
        from tui.search import error_message

        self.query_text = text
        self.hit_position = None
        self.unconfirmed = 0
        if not text.strip() or not self.search_ready:
            self._matches = None
            self._query = None
            return "" if not text.strip() else t("search.preparing", lang)
        result = self._active_searcher().search(
            text, read=self.read, bookmarked=self.bookmarked, limit=LISTED_RESULTS
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
