"""The sidebar: a virtualised list of articles (Line API), two lines per article.

Only the rows on screen are drawn, so 10,000 articles scroll as fast as five. Line one is
the title, shaped and right-aligned when Arabic, cut with an ellipsis where the reading
direction ends; line two is source · date (and hit count while searching), dimmed. A two-cell
gutter shows • for unread and ★ for bookmarked.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.strips import join_strips, line_strip, text_strip
from tui.corpus.article import ArticleHeader
from tui.i18n import Lang, t
from tui.listing import Entry, listed_date
from tui.text.bidi_levels import paragraph_is_rtl
from tui.text.layout import Mode, fit_line
from tui.text.page import join_isolated

ROW_HEIGHT = 2
#: Above this many changed rows, the whole list is drawn again rather than row by row.
REDRAW_ROWS_LIMIT = 64
GUTTER = 2
UNREAD_MARK = "•"
BOOKMARK_MARK = "★"


class ArticleList(ScrollView, can_focus=True):
    """The list of articles; posts `Highlighted` as the cursor moves and `Opened` on Enter."""

    ALLOW_SELECT = False
    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", id="cursor_down", show=False),
        Binding("k,up", "cursor_up", "Up", id="cursor_up", show=False),
        Binding("g,home", "first", "Top", id="first", show=False),
        Binding("G,end", "last", "Bottom", id="last", show=False),
        Binding("enter", "open", "Open", id="open"),
        Binding("space,pagedown", "page_down", "Page down", id="page_down", show=False),
        Binding("pageup", "page_up", "Page up", id="page_up", show=False),
        Binding("ctrl+d", "half_page_down", "Half page down", id="half_page_down", show=False),
        Binding("ctrl+u", "half_page_up", "Half page up", id="half_page_up", show=False),
        Binding("b", "toggle_bookmark", "Bookmark", id="toggle_bookmark"),
        Binding("n", "next_unread", "Next unread", id="next_unread"),
        Binding("N", "previous_unread", "Previous unread", id="previous_unread"),
    ]
    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--meta",
        "article-list--heading",
        "article-list--current",
        "article-list--unread",
    }
    DEFAULT_CSS = """
    ArticleList {
        scrollbar-gutter: stable;
        background: $surface;
    }
    ArticleList > .article-list--cursor {
        background: $block-cursor-blurred-background;
        text-style: bold;
    }
    ArticleList:focus > .article-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    ArticleList > .article-list--meta {
        color: $text-muted;
    }
    ArticleList > .article-list--heading {
        color: $accent;
        text-style: bold underline;
    }
    ArticleList > .article-list--current {
        text-style: bold;
    }
    ArticleList > .article-list--unread {
        color: $accent;
        text-style: bold;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to an article."""

        header: ArticleHeader

    @dataclass
    class Opened(Message):
        """The user asked to open the article under the cursor."""

        header: ArticleHeader

    @dataclass
    class BookmarkToggled(Message):
        """`b` on an article."""

        header: ArticleHeader

    @dataclass
    class UnreadJump(Message):
        """`n`/`N`: the screen decides where the next unread article is."""

        forward: bool

    def __init__(
        self, *, mode: Mode = Mode.APP, mirrored: bool = False, lang: Lang = "en", **kwargs: object
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lang = lang
        self.entries: list[Entry] = []
        self.identities: list[str] = []
        self._positions: dict[str, int] | None = None
        self._entry_indices: dict[str, int] | None = None
        self.read: frozenset[str] = frozenset()
        self.bookmarked: frozenset[str] = frozenset()
        self.current_identity: str | None = None
        self.mode = mode
        self.mirrored = mirrored
        self._cache: dict[tuple[int, int, bool], tuple[Strip, Strip]] = {}

    # -- data ---------------------------------------------------------------------------

    def set_entries(self, entries: list[Entry], keep: str | None = None) -> None:
        """Show *entries*; keep the cursor on the article with identity *keep* if listed."""
        self.entries = entries
        #: Identities of the listed articles, in order (title bar position and count).
        self.identities = [entry.header.identity for entry in entries if entry.header is not None]
        self._positions = None
        self._entry_indices = None
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(entries) * ROW_HEIGHT)
        index = 0
        if keep is not None:
            for i, entry in enumerate(entries):
                if entry.header is not None and entry.header.identity == keep:
                    index = i
                    break
        else:
            index = self._nearest_article(0, 1)
        self.cursor = max(0, min(index, len(entries) - 1))
        self.refresh()

    def position_of(self, identity: str) -> int | None:
        """Index of the article *identity* among the listed articles, or None."""
        if self._positions is None:
            self._positions = {identity: i for i, identity in enumerate(self.identities)}
        return self._positions.get(identity)

    def set_marks(self, read: frozenset[str], bookmarked: frozenset[str]) -> None:
        """Update unread and bookmark marks (redrawing only the rows whose marks changed)."""
        if read is self.read and bookmarked is self.bookmarked:
            return
        changed = (self.read ^ read) | (self.bookmarked ^ bookmarked)
        self.read, self.bookmarked = read, bookmarked
        self._redraw_articles(changed)

    def set_current(self, identity: str | None) -> None:
        """Mark the article open in the reading pane."""
        old, self.current_identity = self.current_identity, identity
        self._redraw_articles({i for i in (old, identity) if i is not None and old != identity})

    def _entry_index(self, identity: str) -> int | None:
        """Index in `entries` of the article *identity*, or None if it is not listed."""
        if self._entry_indices is None:
            self._entry_indices = {
                entry.header.identity: i
                for i, entry in enumerate(self.entries)
                if entry.header is not None
            }
        return self._entry_indices.get(identity)

    def _redraw_articles(self, identities: Collection[str]) -> None:
        """Draw the rows of these articles again; every row if there are many (opening an
        article changes two rows: redrawing the whole list cost a few ms per opening)."""
        if len(identities) > REDRAW_ROWS_LIMIT:
            self._cache.clear()
            self.refresh()
            return
        for identity in identities:
            index = self._entry_index(identity)
            if index is not None:
                self._redraw_row(index)

    def _redraw_row(self, index: int) -> None:
        width = self.scrollable_content_region.width  # as in render_line's cache keys
        self._cache.pop((index, width, True), None)
        self._cache.pop((index, width, False), None)
        self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)

    def set_mode(self, mode: Mode, mirrored: bool) -> None:
        """Bidi mode or interface direction changed."""
        self.mode, self.mirrored = mode, mirrored
        self._cache.clear()
        self.refresh()

    @property
    def highlighted(self) -> ArticleHeader | None:
        """The article under the cursor."""
        if 0 <= self.cursor < len(self.entries):
            return self.entries[self.cursor].header
        return None

    def move_to(self, identity: str) -> bool:
        """Put the cursor on the article with *identity*; False if it is not listed."""
        index = self._entry_index(identity)
        if index is None:
            return False
        self.cursor = index
        return True

    def article_indices(self) -> list[int]:
        """Entry indices that are articles (not headings)."""
        return [i for i, entry in enumerate(self.entries) if not entry.is_heading]

    # -- cursor -------------------------------------------------------------------------

    def _nearest_article(self, index: int, step: int) -> int:
        while 0 <= index < len(self.entries) and self.entries[index].is_heading:
            index += step
        if not 0 <= index < len(self.entries):
            return self.cursor
        return index

    def watch_cursor(self, old: int, new: int) -> None:
        self._redraw_row(old)
        self._redraw_row(new)
        self.scroll_to_region(
            Region(0, new * ROW_HEIGHT, self.size.width, ROW_HEIGHT), animate=False, force=True
        )
        header = self.highlighted
        if header is not None:
            self.post_message(self.Highlighted(header))

    def move_by(self, delta: int) -> None:
        """Move the cursor *delta* articles down (up if negative), skipping headings."""
        if not self.entries:
            return
        step = 1 if delta > 0 else -1
        target = max(0, min(len(self.entries) - 1, self.cursor + delta))
        target = self._nearest_article(target, step)
        if self.entries[target].is_heading:
            target = self._nearest_article(target, -step)
        self.cursor = target

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def action_cursor_down(self) -> None:
        self.move_by(1)

    def action_cursor_up(self) -> None:
        self.move_by(-1)

    def action_first(self) -> None:
        self.move_by(-len(self.entries))

    def action_last(self) -> None:
        self.move_by(len(self.entries))

    def action_page_down(self) -> None:
        self.move_by(self._page())

    def action_page_up(self) -> None:
        self.move_by(-self._page())

    def action_half_page_down(self) -> None:
        self.move_by(max(1, self._page() // 2))

    def action_half_page_up(self) -> None:
        self.move_by(-max(1, self._page() // 2))

    def action_open(self) -> None:
        header = self.highlighted
        if header is not None:
            self.post_message(self.Opened(header))

    def action_toggle_bookmark(self) -> None:
        header = self.highlighted
        if header is not None:
            self.post_message(self.BookmarkToggled(header))

    def action_next_unread(self) -> None:
        self.post_message(self.UnreadJump(forward=True))

    def action_previous_unread(self) -> None:
        self.post_message(self.UnreadJump(forward=False))

    def on_click(self, event: events.Click) -> None:
        index = (int(self.scroll_y) + event.y) // ROW_HEIGHT
        if 0 <= index < len(self.entries) and not self.entries[index].is_heading:
            self.cursor = index
            if event.chain >= 2:
                self.action_open()

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(event.size.width, len(self.entries) * ROW_HEIGHT)

    # -- drawing ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = int(self.scroll_y) + y
        index, part = divmod(row, ROW_HEIGHT)
        if index >= len(self.entries):
            return Strip.blank(width, self.rich_style)
        # Only the cursor row looks different with and without focus: the other rows are
        # reused when focus moves to the reading pane and back.
        focused = self.has_focus and index == self.cursor
        key = (index, width, focused)
        if key not in self._cache:
            self._cache[key] = self._render_entry(index, width)
        return self._cache[key][part]

    def _render_entry(self, index: int, width: int) -> tuple[Strip, Strip]:
        entry = self.entries[index]
        base = self.rich_style
        if entry.is_heading:
            heading = base + self.get_component_rich_style("article-list--heading")
            return text_strip(entry.label, width, heading, mode=self.mode), Strip.blank(width, base)
        header = entry.header
        assert header is not None
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("article-list--cursor")
        elif header.identity == self.current_identity:
            style = base + self.get_component_rich_style("article-list--current")
        meta_style = style + self.get_component_rich_style("article-list--meta")
        unread = header.identity not in self.read
        gutter_text = (UNREAD_MARK if unread else " ") + (
            BOOKMARK_MARK if header.identity in self.bookmarked else " "
        )
        gutter_style = style + self.get_component_rich_style("article-list--unread")
        gutter = line_strip(fit_line(gutter_text, GUTTER), GUTTER, gutter_style)
        body = max(1, width - GUTTER - 1)
        title_style = style + Style(bold=True) if unread else style
        title = line_strip(fit_line(header.title, body, self.mode), body, title_style)
        meta_parts = [part for part in (header.source, listed_date(header)) if part]
        if entry.hits is not None:  # first: while searching it matters most, and a narrow
            # sidebar cuts the end of the line
            meta_parts.insert(0, t("count.hits", self.lang, n=entry.hits))
        meta_rtl = paragraph_is_rtl(header.title)
        meta_line = fit_line(join_isolated(meta_parts), body, self.mode, rtl=meta_rtl)
        meta = line_strip(meta_line, body, meta_style)
        blank_gutter = Strip.blank(GUTTER, style)
        space = Strip.blank(1, style)
        if self.mirrored:
            first = join_strips([(title, body), (space, 1), (gutter, GUTTER)])
            second = join_strips([(meta, body), (space, 1), (blank_gutter, GUTTER)])
        else:
            first = join_strips([(gutter, GUTTER), (space, 1), (title, body)])
            second = join_strips([(blank_gutter, GUTTER), (space, 1), (meta, body)])
        return first.crop_extend(0, width, style), second.crop_extend(0, width, style)
