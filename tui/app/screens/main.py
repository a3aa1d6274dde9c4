"""The main screen: sidebar (filter box + article list), reading pane, entity panel, bars.

It owns the shared state (the corpus, what is listed, what is open, the query) and reacts to
the facts its widgets post. Logic lives in the pure layers: listing (`tui.listing`), search
(`tui.search`), entities (`tui.entities`), reader state (`tui.state`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from tui.app.memory import STARTUP_PAUSE_LIMIT_S, freeze_long_lived, resume_after_startup
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.entity_panel import EntityPanel
from tui.app.widgets.filter_box import FilterBox
from tui.app.widgets.highlights import Span
from tui.app.widgets.lines import InfoLine
from tui.app.widgets.reading_pane import ReadingPane
from tui.corpus.loader import Corpus
from tui.entity_list import entity_rows
from tui.i18n import t
from tui.reader_session import LoadedCorpus, ReaderSession, SessionOptions
from tui.text.layout import Mode

if TYPE_CHECKING:
    from tui.app.app import AkhbarApp
    from tui.corpus.article import Article, ArticleHeader
    from tui.entities import EntityGroup

#: Below this terminal width the sidebar hides itself while an article is read.
NARROW_WIDTH = 90
#: How long the list cursor rests on an article before it is got ready to open (moving
#: through the list prepares nothing).
PREPARE_DELAY_S = 0.12
#: An article opened without its entities is tagged once drawn, and at the latest after this.
TAG_AT_LATEST_S = 0.2


class MainScreen(Screen[None]):
    """Lists, reads, filters; all of the reader but the help screen."""

    BINDINGS = [
        # priority: handled before the key reaches the focused widget, so the keys typed
        # right after "/" already go to the filter box.
        Binding("slash", "search", "Search", id="search", priority=True),
        Binding("m", "toggle_read", "Read/unread", id="toggle_read"),
        Binding("B", "bookmark_open", "Bookmark", id="bookmark_open"),
        Binding("h", "toggle_entities", "Highlight entities", id="toggle_entities"),
        Binding("1", "toggle_type('PERSON')", "People", id="toggle_people", show=False),
        Binding("2", "toggle_type('LOCATION')", "Places", id="toggle_places", show=False),
        Binding("3", "toggle_type('ORGANIZATION')", "Organisations", id="toggle_orgs", show=False),
        Binding("i", "entity_panel", "Entity panel", id="entity_panel"),
        Binding("s", "toggle_sidebar", "Sidebar", id="toggle_sidebar"),
        Binding("t", "toggle_bidi", "Bidi mode", id="toggle_bidi"),
        Binding("o", "sort", "Sort", id="sort"),
        Binding("O", "group_by_source", "Group by source", id="group_by_source"),
        Binding("r", "refresh_feeds", "Refresh feeds", id="refresh_feeds"),
        Binding("c", "copy_article", "Copy", id="copy"),
    ]
    CSS_PATH = "main.tcss"

    def __init__(self) -> None:
        super().__init__()
        self._prepare_timer: Timer | None = None
        self._untagged: Article | None = None
        self._tag_timer: Timer | None = None
        self._frozen = False
        options = self.akhbar.options
        self.model = ReaderSession(
            SessionOptions(
                options.paths,
                options.mark_read,
                options.sort,
                options.config.group_by_source,
                options.read_only,
            ),
            self.akhbar.state,
        )

    @property
    def akhbar(self) -> AkhbarApp:
        """The app, typed."""
        from tui.app.app import AkhbarApp

        assert isinstance(self.app, AkhbarApp)
        return self.app

    @property
    def lang(self):  # type: ignore[no-untyped-def]
        return self.akhbar.options.lang

    # -- composition --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        mode, mirrored = self.akhbar.bidi_mode, self.lang == "ar"
        yield InfoLine(id="title-bar", mode=mode, mirrored=mirrored)
        with Vertical(id="bottom"):
            yield InfoLine(id="status", mode=mode, mirrored=mirrored)
            yield InfoLine(id="hints", mode=mode, mirrored=mirrored)
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield FilterBox(id="filter", mode=mode)
                yield InfoLine(id="search-info", mode=mode, mirrored=mirrored)
                yield ArticleList(id="articles", mode=mode, mirrored=mirrored, lang=self.lang)
            yield EntityPanel(id="entities", mode=mode)
            yield ReadingPane(id="reader", mode=mode)

    def on_mount(self) -> None:
        if self.lang == "ar":
            self.add_class("-mirrored")
        self._update_narrow()
        self.reader.show_placeholder(t("status.loading", self.lang))
        self.article_list.focus()
        self._update_bars()
        self.load_corpus(quick=True)
        # If no list gets painted (a load that fails), collections come back all the same.
        self.set_timer(STARTUP_PAUSE_LIMIT_S, resume_after_startup)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReadingPane:
        return self.query_one(ReadingPane)

    @property
    def filter_box(self) -> FilterBox:
        return self.query_one(FilterBox)

    @property
    def entity_panel(self) -> EntityPanel:
        return self.query_one(EntityPanel)

    def on_resize(self) -> None:
        self._update_narrow()

    def _update_narrow(self) -> None:
        self.set_class(self.size.width < NARROW_WIDTH, "-narrow")

    # -- corpus -------------------------------------------------------------------------

    def load_corpus(self, quick: bool = False) -> None:
        """Read the corpus off the event loop (large folders take a moment).

        With *quick*, the last session's listing of these folders is shown first, if there
        is one, and the files are checked once it is on screen (a warm start of 100,000
        articles lists them in well under the time the check takes).
        """
        self._load(self.model.begin_load(), quick)

    def check_corpus(self) -> None:
        """Bring the listing shown from the last session up to date with the files."""
        self._load(self.model.begin_load())

    @work(thread=True, exclusive=True, group="corpus")  # never two loads at once
    def _load(self, ticket: int, quick: bool = False) -> None:
        """Read (worker thread) for the load *ticket*; the result is listed on the UI
        thread, and only if no newer load was begun meanwhile (`ReaderSession.adopt`): a
        cancelled load's thread still runs to its end, and must change nothing."""
        worker = get_current_worker()
        if quick:
            try:
                preloaded = self.akhbar.take_preload(self.model.options.paths)
            except Exception:  # stopped (the reader quits), or failed: read afresh
                if worker.is_cancelled:
                    return
                preloaded = None
            if isinstance(preloaded, Corpus):
                self._read_corpus(ticket, preloaded)
                return
            listing = preloaded if preloaded is not None else self.model.last_listing()
            if listing is not None:
                loaded = self.model.read_listing(ticket, listing, self.lang)
                if not worker.is_cancelled:
                    self.app.call_from_thread(self._listing_shown, loaded)
                return
        self._read_corpus(ticket)

    def _read_corpus(self, ticket: int, preloaded: Corpus | None = None) -> None:
        """Read the corpus (worker thread; *preloaded*: read already) and hand the result
        to the UI thread."""
        loaded = self.model.read_corpus(ticket, self.lang, preloaded)
        if get_current_worker().is_cancelled:
            # Quitting, or a newer load: the files were read all the same, and a deferred
            # cache write (a first start's) still spares the next start reading them again.
            loaded.corpus.write_cache()
            return
        self.app.call_from_thread(self._corpus_loaded, loaded)

    def _listing_shown(self, loaded: LoadedCorpus) -> None:
        if not self.model.adopt(loaded):
            return  # a newer load was begun: it lists what is there
        self._show_list()
        self.call_after_refresh(resume_after_startup)
        # The check reads every folder and competes for the GIL: start it after the paint.
        self.call_after_refresh(self.check_corpus)

    def _corpus_loaded(self, loaded: LoadedCorpus) -> bool:
        """List *loaded* unless a newer load was begun; returns whether the listing changed."""
        if loaded.corpus.cache_write is not None:
            self.akhbar.unsaved_corpus = loaded.corpus
        if not self.model.is_newest(loaded):
            self._save_loaded(loaded.corpus, None)  # its files are read: cache them
            return False  # the newer load reports the problems and lists what is there
        for problem in loaded.corpus.problems:
            self.akhbar.report_problem(problem)
        changed = self.model.adopt(loaded)
        if changed:  # (always for the first load: it is compared with no listing)
            self._show_list()
        # Once the list is painted: what follows takes CPU and the GIL that the paint needs.
        self.call_after_refresh(self._after_list_painted, loaded.corpus, changed)
        return changed

    def _after_list_painted(self, corpus: Corpus, changed: bool) -> None:
        resume_after_startup()
        self._save_loaded(corpus, changed)
        self.prepare_search()

    @work(thread=True, group="save")
    def _save_loaded(self, corpus: Corpus, changed: bool | None) -> None:
        """Write what the load left to write (`Corpus.write_cache`; a first start's files)
        and remember a changed listing for the next quick start (*changed* None: a load
        that was not listed, only its cache is written)."""
        corpus.write_cache()
        if changed:
            self.model.remember_listing()
        elif changed is not None:
            self.model.listing_used()

    def _show_list(self) -> None:
        self._refresh_list()
        if self.model.current is None:  # an open article stays open when the list changes
            if not self.model.headers:
                self.reader.show_placeholder(t("sidebar.empty", self.lang))
            else:
                self.reader.show_placeholder(t("status.press_enter", self.lang))
        self._update_bars()

    @work(thread=True, exclusive=True, group="search")
    def prepare_search(self) -> None:
        """Index a large corpus (or load a small one for searching) in the background."""
        worker = get_current_worker()
        self.model.prepare_search(should_stop=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            if not self._frozen:  # once: later loads' leftovers must stay collectable
                self._frozen = True
                freeze_long_lived()  # start-up is over: what it built stays
            self.app.call_from_thread(self._search_ready)

    def _search_ready(self) -> None:
        problem = self.model.take_entities_problem()  # the warm-up found no entity model
        if problem is not None:
            self.akhbar.report_problem(problem)
        if self.model.query_text:
            self.run_query(self.model.query_text)

    @work(thread=True, exclusive=True, group="confirm")
    def confirm_entities(self, text: str) -> None:
        """Check name candidates of a person:/place:/org: query with the tagger."""
        if self.model.confirm_entities(text) and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._entities_confirmed, text)

    def _entities_confirmed(self, text: str) -> None:
        if self.model.query_text == text:
            self.run_query(text)

    def _refresh_list(self, keep: str | None = None) -> None:
        entries = self.model.entries(self.lang)
        keep = keep or (
            self.article_list.highlighted.identity if self.article_list.highlighted else None
        )
        self.article_list.set_entries(entries, keep=keep)
        self.article_list.set_marks(self.model.read, self.model.bookmarked)
        self._update_bars()

    # -- opening ------------------------------------------------------------------------

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.header, focus=True)

    def open_article(self, header: ArticleHeader, *, focus: bool = False) -> None:
        """Show *header*'s article in the reading pane, where the reader left it."""
        if self._prepare_timer is not None:
            self._prepare_timer.stop()  # opened before it was got ready
        self._untagged = None
        if self._tag_timer is not None:
            self._tag_timer.stop()
        article = self.model.open(header)
        if article is None:
            self.akhbar.notify_text(self.model.last_error or "?", severity="error")
            return
        self.reader.show_article(article, self.model.position_of(article))
        self.article_list.set_current(article.identity)
        self.article_list.move_to(article.identity)
        self.article_list.set_marks(self.model.read, self.model.bookmarked)
        self._apply_hits(article)
        groups = self.model.known_entity_groups(article.identity)
        if groups is not None:  # got ready under the cursor: highlighted from the first paint
            self._entities_ready(article.identity, groups)
        else:
            # Tagged once the text is drawn: a tagger thread would share the GIL with the
            # drawing (Enter -> painted waited 15-25 ms for it). A timer makes sure.
            self._untagged = article
            self._tag_timer = self.set_timer(TAG_AT_LATEST_S, self._tag_untagged)
        if focus:
            self.reader.focus()
            if self.size.width < NARROW_WIDTH // 1.5:
                self.query_one("#sidebar").add_class("-hidden")
        self._update_bars()

    @on(ReadingPane.Painted)
    def _painted(self, event: ReadingPane.Painted) -> None:
        if self._untagged is not None and self._untagged.identity == event.identity:
            self._tag_untagged()

    def _tag_untagged(self) -> None:
        """Find the entities of the article opened without them, now that it is drawn."""
        article, self._untagged = self._untagged, None
        if article is not None:
            self.tag_entities(article)

    @work(thread=True, exclusive=True, group="entities")
    def tag_entities(self, article: Article) -> None:
        """Recognise entities off the event loop; apply if the article is still open."""
        groups = self.model.entity_groups(article)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._entities_ready, article.identity, groups)

    def _entities_ready(self, identity: str, groups: list[EntityGroup]) -> None:
        current = self.model.current
        if current is None or current.identity != identity:
            return
        rows = entity_rows(groups, self.lang)
        self.reader.set_entities(
            [Span(s, e, row.kind) for row in rows if not row.is_heading for s, e in row.spans]
        )
        self.entity_panel.set_rows(rows)

    @on(ReadingPane.PositionChanged)
    def _position_changed(self, event: ReadingPane.PositionChanged) -> None:
        if self.model.note_position(event.identity, event.offset, event.at_end):
            self.article_list.set_marks(self.model.read, self.model.bookmarked)
            self._update_bars()

    @on(ReadingPane.StepArticle)
    def _step_article(self, event: ReadingPane.StepArticle) -> None:
        header = self.model.neighbour(event.step, self.article_list.entries)
        if header is not None:
            self.open_article(header)
        else:
            self.app.bell()

    @on(ReadingPane.HitChanged)
    def _hit_changed(self, event: ReadingPane.HitChanged) -> None:
        self.model.hit_position = (event.index, event.total)
        self._update_bars()

    @on(ArticleList.Highlighted)
    def _highlighted(self, event: ArticleList.Highlighted) -> None:
        self._update_bars()
        # Where the cursor rests, get the article ready: Enter then finds it read, its
        # first screen laid out and its entities tagged.
        if self._prepare_timer is not None:
            self._prepare_timer.stop()
        current = self.model.current
        if current is None or current.identity != event.header.identity:
            header = event.header
            self._prepare_timer = self.set_timer(
                PREPARE_DELAY_S, lambda: self.prepare_article(header, *self.reader.first_screen())
            )

    @work(thread=True, exclusive=True, group="prepare")
    def prepare_article(self, header: ArticleHeader, width: int, mode: Mode, rows: int) -> None:
        """Read, lay out and tag the article under the cursor into the caches."""
        self.model.prepare(header, width, mode, rows)

    # -- state --------------------------------------------------------------------------

    def _target(self) -> ArticleHeader | None:
        """The article an action applies to: under the list cursor if the list has focus,
        else the open one."""
        if self.focused is self.article_list or self.model.current is None:
            return self.article_list.highlighted
        return self.model.current.header()

    def action_toggle_read(self) -> None:
        header = self._target()
        if header is None:
            return
        read = self.model.toggle_read(header.identity)
        self.article_list.set_marks(self.model.read, self.model.bookmarked)
        self.akhbar.notify_text(
            t("notice.marked_read" if read else "notice.marked_unread", self.lang)
        )
        self._update_bars()

    def _toggle_bookmark(self, header: ArticleHeader) -> None:
        added = self.model.toggle_bookmark(header.identity)
        self.article_list.set_marks(self.model.read, self.model.bookmarked)
        self.akhbar.notify_text(
            t("notice.bookmark_added" if added else "notice.bookmark_removed", self.lang)
        )

    @on(ArticleList.BookmarkToggled)
    def _bookmark_toggled(self, event: ArticleList.BookmarkToggled) -> None:
        self._toggle_bookmark(event.header)

    def action_bookmark_open(self) -> None:
        header = self._target()
        if header is not None:
            self._toggle_bookmark(header)

    @on(ArticleList.UnreadJump)
    def _unread_jump(self, event: ArticleList.UnreadJump) -> None:
        if self.model.query_text.strip():
            # While searching, n/N step through the results instead.
            self.article_list.move_by(1 if event.forward else -1)
            return
        identity = self.model.next_unread(
            self.article_list.entries, self.article_list.cursor, event.forward
        )
        if identity is None:
            self.akhbar.notify_text(t("notice.no_unread", self.lang))
        else:
            self.article_list.move_to(identity)

    # -- search -------------------------------------------------------------------------

    def action_search(self) -> None:
        if self.focused is self.filter_box:
            raise SkipAction  # a "/" typed in a query is a character for the box, in order
        self.filter_box.add_class("-active")
        self.query_one("#search-info").add_class("-active")
        self.query_one("#sidebar").remove_class("-hidden")
        # Focus now, not on the next idle: keys typed right after "/" must reach the box.
        self.set_focus(self.filter_box)

    def show_query(self, text: str) -> None:
        """Open the filter box with *text* as the query and go back to the list."""
        self.action_search()
        self.filter_box.set_value(text)
        self.article_list.focus()

    @on(FilterBox.Changed)
    def _query_changed(self, event: FilterBox.Changed) -> None:
        self.run_query(event.value)

    def run_query(self, text: str) -> None:
        """Filter the list by *text* and highlight its hits in the open article."""
        info = self.query_one("#search-info", InfoLine)
        # (Before search is ready the session keeps the query and says so: `_search_ready`
        # runs it again.)
        message = self.model.set_query(text, self.lang)
        info.show(message)
        if self.model.unconfirmed:
            self.confirm_entities(text)
        self._refresh_list()
        if self.model.current is not None:
            self._apply_hits(self.model.current)

    def _apply_hits(self, article: Article) -> None:
        self.reader.set_hits(self.model.hits_in(article))

    def action_close_search(self) -> None:
        """Esc in the filter box: clear the filter and go back to the list."""
        self.filter_box.set_value("")
        self.filter_box.remove_class("-active")
        self.query_one("#search-info").remove_class("-active")
        self.set_focus(self.article_list)  # now: see action_search_done

    def action_search_done(self) -> None:
        """Enter in the filter box: keep the filter and go back to the list.

        The focus moves now, not on the next idle (`Widget.focus`): an Enter typed right
        behind this one (``/ query Enter Enter``) is matched against the bindings of the
        focused widget when its turn comes, and must find the list, which opens the first
        hit, not the box, which would swallow it.
        """
        self.set_focus(self.article_list)

    # -- entities -----------------------------------------------------------------------

    def action_toggle_entities(self) -> None:
        self.reader.show_entities = not self.reader.show_entities

    def action_toggle_type(self, kind: str) -> None:
        self.reader.toggle_type(kind)

    def action_entity_panel(self) -> None:
        panel = self.entity_panel
        if panel.has_class("-active") and panel.has_focus:
            panel.remove_class("-active")
            self.reader.focus()
        else:
            panel.add_class("-active")
            panel.focus()

    @on(EntityPanel.Jump)
    def _entity_jump(self, event: EntityPanel.Jump) -> None:
        start, end = event.row.spans[event.index]
        self.reader.jump_to_span(start, end)

    @on(EntityPanel.Filter)
    def _entity_filter(self, event: EntityPanel.Filter) -> None:
        qualifier = {"PERSON": "person", "LOCATION": "place", "ORGANIZATION": "org"}[event.row.kind]
        name = event.row.label
        term = f'{qualifier}:"{name}"' if " " in name else f"{qualifier}:{name}"
        current = self.filter_box.value.strip()
        self.action_search()
        self.filter_box.set_value(f"{current} {term}".strip())
        self.article_list.focus()

    # -- view ---------------------------------------------------------------------------

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one("#sidebar")
        sidebar.toggle_class("-hidden")
        if sidebar.has_class("-hidden"):
            self.reader.focus()
        else:
            self.article_list.focus()

    def action_toggle_bidi(self) -> None:
        self.akhbar.toggle_bidi()

    def apply_mode(self, mode: Mode) -> None:
        """Redraw every text in the new bidi mode."""
        mirrored = self.lang == "ar"
        self.article_list.set_mode(mode, mirrored)
        self.reader.set_mode(mode)
        self.filter_box.mode = mode
        self.filter_box.refresh()
        self.entity_panel.mode = mode
        self.entity_panel.refresh()
        for line in self.query(InfoLine):
            line.set_mode(mode, mirrored)
        self._update_bars()

    def action_sort(self) -> None:
        self.model.cycle_sort()
        self._refresh_list()
        self.akhbar.notify_text(
            t("status.sorted_by", self.lang, key=t(f"sort.{self.model.sort}", self.lang))
        )

    def action_group_by_source(self) -> None:
        self.model.group_by_source = not self.model.group_by_source
        self.model.save_view()
        self._refresh_list()

    def action_refresh_feeds(self) -> None:
        self.akhbar.refresh_feeds()

    def action_copy_article(self) -> None:
        article = self.model.current
        if article is None:
            self.app.bell()
            return
        from tui.terminal.osc52 import fits_clipboard

        if not fits_clipboard(article.text):  # terminals drop an oversized OSC 52 silently
            self.akhbar.notify_text(t("notice.copy_too_long", self.lang), severity="warning")
            return
        self.app.copy_to_clipboard(article.text)
        self.akhbar.notify_text(t("notice.copied", self.lang))

    def corpus_changed(self) -> None:
        """New articles arrived (feeds refreshed): reload the list."""
        self.load_corpus()

    # -- bars ---------------------------------------------------------------------------

    def _update_bars(self) -> None:
        articles = self.article_list
        current = self.model.current
        position = None if current is None else articles.position_of(current.identity)
        bar = self.model.title_bar(position, len(articles.identities), self.lang)
        self.query_one("#title-bar", InfoLine).show(*bar)
        mode = self.akhbar.bidi_mode.value
        self.query_one("#status", InfoLine).show(*self.model.status_line(mode, self.lang))
        self._update_hints()

    def _update_hints(self) -> None:
        self.query_one("#hints", InfoLine).show(
            self.akhbar.key_hints(), "? " + t("action.help", self.lang)
        )

    def on_descendant_focus(self) -> None:
        self._update_hints()
