"""The main screen: sidebar (filter box + article list), reading pane, entity panel, bars.

It owns the shared state (the corpus, what is listed, what is open, the query) and reacts to
the facts its widgets post. Logic lives in the pure layers: listing (`tui.listing`), search
(`tui.search`), entities (`tui.entities`), reader state (`tui.state`). The screen declares
the bindings, handlers and workers; what they do is in its sibling modules: loading
(`loading`), opening (`opening`), search (`searching`), read marks and bookmarks (`marks`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.worker import get_current_worker

from tui.app.memory import STARTUP_PAUSE_LIMIT_S, resume_after_startup
from tui.app.screens.loading import CorpusLoader
from tui.app.screens.marks import ReadingMarks
from tui.app.screens.opening import NARROW_WIDTH, ArticleOpener
from tui.app.screens.searching import QueryFilter
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.entity_panel import EntityPanel
from tui.app.widgets.filter_box import FilterBox
from tui.app.widgets.lines import InfoLine
from tui.app.widgets.reading_pane import ReadingPane
from tui.i18n import t
from tui.reader_session import ReaderSession, SessionOptions
from tui.text.layout import Mode

if TYPE_CHECKING:
    from tui.app.app import AkhbarApp
    from tui.corpus.article import Article, ArticleHeader
    from tui.corpus.loader import Corpus


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
        self._loader = CorpusLoader(self)
        self._opener = ArticleOpener(self)
        self._filter = QueryFilter(self)
        self._marks = ReadingMarks(self)
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
        self.update_bars()
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
        """Read (worker thread) for the load *ticket* (`CorpusLoader.load`)."""
        self._loader.load(ticket, quick)

    @work(thread=True, group="save")
    def save_loaded(self, corpus: Corpus, changed: bool | None) -> None:
        """Write what the load left to write (`CorpusLoader.save_loaded`)."""
        self._loader.save_loaded(corpus, changed)

    @work(thread=True, exclusive=True, group="search")
    def prepare_search(self) -> None:
        """Index a large corpus (or load a small one for searching) in the background."""
        self._loader.prepare_search()

    @work(thread=True, exclusive=True, group="confirm")
    def confirm_entities(self, text: str) -> None:
        """Check name candidates of a person:/place:/org: query with the tagger."""
        if self.model.confirm_entities(text) and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._filter.entities_confirmed, text)

    def refresh_list(self, keep: str | None = None) -> None:
        """List the session's entries again, keeping the cursor on *keep* (or where it is)."""
        entries = self.model.entries(self.lang)
        keep = keep or (
            self.article_list.highlighted.identity if self.article_list.highlighted else None
        )
        self.article_list.set_entries(entries, keep=keep)
        self.article_list.set_marks(self.model.read, self.model.bookmarked)
        self.update_bars()

    # -- opening ------------------------------------------------------------------------

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.header, focus=True)

    def open_article(self, header: ArticleHeader, *, focus: bool = False) -> None:
        """Show *header*'s article in the reading pane, where the reader left it."""
        self._opener.open(header, focus=focus)

    @on(ReadingPane.Painted)
    def _painted(self, event: ReadingPane.Painted) -> None:
        self._opener.painted(event.identity)

    @work(thread=True, exclusive=True, group="entities")
    def tag_entities(self, article: Article) -> None:
        """Recognise entities off the event loop; apply if the article is still open."""
        groups = self.model.entity_groups(article)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._opener.entities_ready, article.identity, groups)

    @on(ReadingPane.PositionChanged)
    def _position_changed(self, event: ReadingPane.PositionChanged) -> None:
        if self.model.note_position(event.identity, event.offset, event.at_end):
            self.article_list.set_marks(self.model.read, self.model.bookmarked)
            self.update_bars()

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
        self.update_bars()

    @on(ArticleList.Highlighted)
    def _highlighted(self, event: ArticleList.Highlighted) -> None:
        self.update_bars()
        self._opener.cursor_rests(event.header)

    @work(thread=True, exclusive=True, group="prepare")
    def prepare_article(self, header: ArticleHeader, width: int, mode: Mode, rows: int) -> None:
        """Read, lay out and tag the article under the cursor into the caches."""
        self.model.prepare(header, width, mode, rows)

    # -- state --------------------------------------------------------------------------

    def action_toggle_read(self) -> None:
        self._marks.toggle_read()

    @on(ArticleList.BookmarkToggled)
    def _bookmark_toggled(self, event: ArticleList.BookmarkToggled) -> None:
        self._marks.toggle_bookmark(event.header)

    def action_bookmark_open(self) -> None:
        self._marks.toggle_bookmark(self._marks.target())

    @on(ArticleList.UnreadJump)
    def _unread_jump(self, event: ArticleList.UnreadJump) -> None:
        self._marks.jump_to_unread(event.forward)

    # -- search -------------------------------------------------------------------------

    def action_search(self) -> None:
        self._filter.open_box()

    def show_query(self, text: str) -> None:
        """Open the filter box with *text* as the query and go back to the list."""
        self._filter.show_query(text)

    @on(FilterBox.Changed)
    def _query_changed(self, event: FilterBox.Changed) -> None:
        self.run_query(event.value)

    def run_query(self, text: str) -> None:
        """Filter the list by *text* and highlight its hits in the open article."""
        self._filter.run(text)

    def apply_hits(self, article: Article) -> None:
        """Highlight the active query's hits in *article*."""
        self._filter.apply_hits(article)

    def action_close_search(self) -> None:
        """Esc in the filter box: clear the filter and go back to the list."""
        self._filter.close()

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
        self._filter.add_entity_term(event.row)

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
        self.update_bars()

    def action_sort(self) -> None:
        self.model.cycle_sort()
        self.refresh_list()
        self.akhbar.notify_text(
            t("status.sorted_by", self.lang, key=t(f"sort.{self.model.sort}", self.lang))
        )

    def action_group_by_source(self) -> None:
        self.model.group_by_source = not self.model.group_by_source
        self.model.save_view()
        self.refresh_list()

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

    def update_bars(self) -> None:
        """Show the open article's place, the counts and the status in the bars again."""
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
