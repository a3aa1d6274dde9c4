"""What the reader is doing, without any Textual: corpus, listing, open article, query, state.

The main screen forwards its widgets' facts here and draws what comes back, so every
decision (what is listed, in which order, what becomes read, where a reading position is
saved) is plain code tested directly. The session owns three collaborators: the listing's
memos (`tui.session_listing`), the search (`tui.session_search`) and the entities
(`tui.session_entities`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
from tui.listing import Entry, SortKey
from tui.session_entities import SessionEntities
from tui.session_listing import (
    ListingMemo,
    LoadedCorpus,
    list_corpus,
    nearest_unread,
    neighbour_of,
    sidebar_entries,
)
from tui.session_search import SessionSearch
from tui.session_search import uses_index as indexed

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from tui.corpus.article import Article, ArticleHeader, Problem
    from tui.entities import EntityGroup
    from tui.session_listing import ListedEntry
    from tui.state.store import ReaderState
    from tui.text.layout import Mode

APP_TITLE = "akhbar · أخبار"
SORT_ORDER: tuple[SortKey, ...] = ("date", "source", "title", "path")
#: How far (characters) the reading position must move before it is written again.
POSITION_STEP = 1
SETTING_SORT = "sidebar.sort"
SETTING_GROUP = "sidebar.group_by_source"


@dataclass(frozen=True, slots=True)
class SessionOptions:
    """The options the session needs (a subset of the launcher's)."""

    paths: tuple[Path, ...]
    mark_read: str = "open"
    sort: SortKey = "date"
    group_by_source: bool = False
    read_only: bool = False


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
    _positions: dict[str, int] = field(default_factory=dict)
    _saved_positions: dict[str, int] = field(default_factory=dict)
    _memo: ListingMemo = field(default_factory=ListingMemo)
    _search: SessionSearch = field(init=False)
    _entities: SessionEntities = field(default_factory=SessionEntities)
    _load_ticket: int = 0
    #: Whether a load was listed yet (until then the title bar says the articles load).
    listed: bool = False

    def __post_init__(self) -> None:
        self._search = SessionSearch(self.options.paths)
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
        return list_corpus(ticket, corpus, listed, None, self.sort, self.group_by_source, lang)

    def read_listing(self, ticket: int, listing: Listing, lang: Lang | None = None) -> LoadedCorpus:
        """*listing* (remembered by the last session) ready to adopt until `read_corpus`
        checks the files; not sorted again if it was stored in the chosen order."""
        ordered = listing.headers if listing.ordering == self.sort else None
        corpus = Corpus(listing.headers, ())
        return list_corpus(
            ticket, corpus, self.headers, ordered, self.sort, self.group_by_source, lang
        )

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
        self._search.forget_searcher()
        self._memo.take(loaded)
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
        return self._memo.sorted_headers(self.headers, self.sort)

    @property
    def uses_index(self) -> bool:
        """True when the corpus is big enough to search through the SQLite index."""
        return indexed(self.headers)

    def prepare_search(self, should_stop: Callable[[], bool] | None = None) -> None:
        """Get search ready (call from a worker): hold a small corpus in memory, or bring
        the on-disk index of a large one up to date."""
        from tui.search import warm_up

        warm_up()  # entity name lists, so the first person:/place:/org: keystroke is quick
        self._entities.warm_up()  # the tagger's model, so opening the first article is quick
        self._search.prepare(self.headers, should_stop)
        self.search_ready = True

    def confirm_entities(self, text: str) -> int:
        """Check ``person:``/``place:``/``org:`` candidates with the tagger (worker thread:
        opens its own connection to the index)."""
        from tui.entities import ModelMissing

        if self._entities.off:
            return 0  # no tagger to confirm with: the candidates stay listed
        try:
            return self._search.confirm(text, self.uses_index)
        except ModelMissing:
            self._entities.missing()
            return 0

    def _reload_marks(self) -> None:
        self.read = self.state.read_identities()
        self.bookmarked = self.state.bookmarked_identities()

    def entries(self, lang: Lang) -> list[Entry]:
        """Sidebar entries: ``(header, "", hits)`` for articles, ``(None, label, None)`` for
        group headings; sorted, grouped and filtered as currently set.

        Without a query the list is remembered while the articles and the order stay the
        same, so a worker can build it for a large corpus and the UI thread reuse it.
        """
        results = self._search.results
        if results is not None:  # while searching, the search's ranking (best first)
            ranked, hits = results
            return sidebar_entries(tuple(ranked), hits, lang, self.group_by_source)
        return self._memo.unsearched_entries(self.headers, self.sort, self.group_by_source, lang)

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
        return self._entities.groups(article)

    def take_entities_problem(self) -> Problem | None:
        """Why names are not highlighted (the entity model is missing), the first time it
        is asked once that was found, so the user is told once; None otherwise."""
        return self._entities.take_problem()

    def known_entity_groups(self, identity: str) -> list[EntityGroup] | None:
        """The entities of article *identity* if `entity_groups` found them recently (an
        article got ready under the list cursor is highlighted as it is first drawn)."""
        return self._entities.known(identity)

    def neighbour(self, step: int, entries: Sequence[ListedEntry]) -> ArticleHeader | None:
        """The article *step* places after (or before) the open one in the listed order."""
        return neighbour_of(self.current, step, entries)

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
        return self._memo.unread_count(self.headers, self.read)

    def next_unread(self, entries: Sequence[ListedEntry], cursor: int, forward: bool) -> str | None:
        """Identity of the nearest unread article from *cursor* in the listed order."""
        return nearest_unread(entries, self.read, cursor, forward)

    def cycle_sort(self) -> None:
        """Next sort order: date → source → title → path → date."""
        self.sort = SORT_ORDER[(SORT_ORDER.index(self.sort) + 1) % len(SORT_ORDER)]
        self.save_view()

    def save_view(self) -> None:
        """Remember the sidebar's sort and grouping."""
        self.state.set_setting(SETTING_SORT, self.sort)
        self.state.set_setting(SETTING_GROUP, "1" if self.group_by_source else "0")

    # -- search -------------------------------------------------------------------------

    @property
    def unconfirmed(self) -> int:
        """Name candidates of the active query the tagger has not checked yet."""
        return self._search.unconfirmed

    def set_query(self, text: str, lang: Lang) -> str:
        """Filter by *text*; returns the line to show under the box (count or error)."""
        self.query_text = text
        self.hit_position = None
        if not text.strip() or not self.search_ready:
            self._search.clear()
            return "" if not text.strip() else t("search.preparing", lang)
        return self._search.run(text, self.uses_index, self.read, self.bookmarked, lang)

    def hits_in(self, article: Article) -> list[tuple[int, int]]:
        """Spans of the active query's hits in *article*'s text."""
        return self._search.hits_in(article)
