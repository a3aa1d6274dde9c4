"""The reading pane: an article laid out as a printed page would show it (Line API).

Every line comes from `tui.text.page` / `tui.text.layout`; this widget only scrolls, colours
(entity mentions, search hits, the mouse selection) and reports where the reader is.
Highlights are logical spans of `Article.text`; the layout's maps put them on exactly the
cells that show those characters, also when a span is split by bidi or a line break.
A mouse selection is mapped back to logical text too, so copying yields the words in
reading order, never presentation forms in visual order.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from tui.app.strips import GlyphStyler, line_strip
from tui.corpus.article import Article
from tui.text.layout import Mode
from tui.text.page import (
    Block,
    BlockKind,
    PageLayout,
    PageRow,
    article_blocks,
    layout_article_page,
    step_span,
)

MARGIN = 1
ENTITY_TYPES = ("PERSON", "LOCATION", "ORGANIZATION")


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted logical span of `Article.text` and what it is (entity type or "hit")."""

    start: int
    end: int
    kind: str


class ReadingPane(ScrollView, can_focus=True):
    """Shows one article; scrolls by line, half page and page; jumps between hits and mentions."""

    BINDINGS = [
        Binding("j,down", "scroll_lines(1)", "Down", id="scroll_down", show=False),
        Binding("k,up", "scroll_lines(-1)", "Up", id="scroll_up", show=False),
        Binding("g,home", "to_top", "Top", id="top", show=False),
        Binding("G,end", "to_bottom", "Bottom", id="bottom", show=False),
        Binding("space,pagedown", "page(1)", "Page down", id="page_down", show=False),
        Binding("b,pageup", "page(-1)", "Page up", id="page_up", show=False),
        Binding("ctrl+d", "half_page(1)", "Half page down", id="half_page_down", show=False),
        Binding("ctrl+u", "half_page(-1)", "Half page up", id="half_page_up", show=False),
        Binding("n", "next_hit", "Next match", id="next_hit"),
        Binding("N", "previous_hit", "Previous match", id="previous_hit"),
        Binding("e", "next_mention", "Next mention", id="next_mention"),
        Binding("E", "previous_mention", "Previous mention", id="previous_mention"),
        Binding("right_square_bracket", "step_article(1)", "Next article", id="next_article"),
        Binding(
            "left_square_bracket", "step_article(-1)", "Previous article", id="previous_article"
        ),
    ]
    COMPONENT_CLASSES = {
        "reading-pane--title",
        "reading-pane--meta",
        "reading-pane--person",
        "reading-pane--location",
        "reading-pane--organization",
        "reading-pane--hit",
        "reading-pane--current-hit",
        "reading-pane--current-mention",
        "reading-pane--selection",
    }
    DEFAULT_CSS = """
    ReadingPane {
        scrollbar-gutter: stable;
        background: $background;
    }
    ReadingPane > .reading-pane--title { text-style: bold; color: $text; }
    ReadingPane > .reading-pane--meta { color: $text-muted; }
    ReadingPane > .reading-pane--person { color: $entity-person; text-style: bold; }
    ReadingPane > .reading-pane--location { color: $entity-location; text-style: underline; }
    ReadingPane > .reading-pane--organization {
        color: $entity-organization; text-style: bold underline;
    }
    ReadingPane > .reading-pane--hit { background: $search-hit; text-style: reverse; }
    ReadingPane > .reading-pane--current-hit {
        background: $search-current; text-style: reverse bold;
    }
    ReadingPane > .reading-pane--current-mention { text-style: reverse; }
    ReadingPane > .reading-pane--selection { background: $primary 60%; }
    """

    show_entities: reactive[bool] = reactive(True)

    @dataclass
    class PositionChanged(Message):
        """The reader scrolled; *offset* is the logical offset of the top line."""

        identity: str
        offset: int
        at_end: bool

    @dataclass
    class StepArticle(Message):
        """`]` / `[`: open the next/previous article of the list."""

        step: int

    @dataclass
    class HitChanged(Message):
        """The current search hit changed (for the status line)."""

        index: int
        total: int

    def __init__(self, *, mode: Mode = Mode.APP, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article: Article | None = None
        self.mode = mode
        self.blocks: list[Block] = []
        self.page: PageLayout = layout_article_page([], 1)
        self._width = 0
        self.entity_spans: list[Span] = []
        self.hidden_types: set[str] = set()
        self.hits: list[tuple[int, int]] = []
        self.current_hit: int | None = None
        self.current_mention: int | None = None
        self._cache: dict[int, Strip] = {}
        self._placeholder = ""

    # -- content ------------------------------------------------------------------------

    def show_article(self, article: Article | None, position: int = 0) -> None:
        """Show *article*, scrolled so that logical *position* is on the top line."""
        self.article = article
        self.blocks = article_blocks(article) if article is not None else []
        self.entity_spans = []
        self.hits = []
        self.current_hit = None
        self.current_mention = None
        self._relayout()
        self.scroll_to_offset(position)

    def show_placeholder(self, text: str) -> None:
        """Show a one-paragraph message instead of an article (no article open)."""
        self._placeholder = text
        self.show_article(None)

    def set_entities(self, spans: list[Span]) -> None:
        """Entity mentions to highlight (sorted, non-overlapping)."""
        self.entity_spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.current_mention = None
        self._invalidate()

    def set_hits(self, hits: list[tuple[int, int]]) -> None:
        """Search hits to highlight (logical spans of the article text)."""
        self.hits = sorted(hits)
        self.current_hit = None
        self._invalidate()
        self.post_message(self.HitChanged(0, len(self.hits)))

    def set_mode(self, mode: Mode) -> None:
        """Switch between app-side and terminal-side bidi."""
        top = self.top_offset()
        self.mode = mode
        self._relayout()
        self.scroll_to_offset(top)

    def watch_show_entities(self) -> None:
        self._invalidate()

    def toggle_type(self, kind: str) -> None:
        """Show or hide the highlighting of one entity type."""
        self.hidden_types.symmetric_difference_update({kind})
        self._invalidate()

    # -- layout -------------------------------------------------------------------------

    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width - 2 * MARGIN)

    def _relayout(self) -> None:
        width = self._text_width()
        self._width = width
        blocks = self.blocks or [Block(BlockKind.META, self._placeholder, -1)]
        self.page = layout_article_page(blocks, width, self.mode)
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.page.rows))
        self._invalidate()

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self._text_width() != self._width:
            top = self.top_offset()
            self._relayout()
            self.scroll_to_offset(top)

    # -- positions ----------------------------------------------------------------------

    def top_offset(self) -> int:
        """Logical offset of the line at the top of the pane: the reading position."""
        offset = self.page.row_offset(int(self.scroll_y))
        if offset is None:
            return len(self.article.text) if self.article else 0
        return offset

    def row_of(self, offset: int) -> int:
        """The row showing logical offset *offset* of `Article.text`."""
        return self.page.row_of(offset) if self.blocks else 0

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding logical *offset* is the top line."""
        row = self.row_of(offset) if offset > 0 else 0
        self.scroll_to(y=row, animate=False, force=True, immediate=True)

    def scroll_into_view(self, offset: int) -> None:
        """Scroll just enough for the line holding *offset* to be visible (a third down)."""
        row = self.row_of(offset)
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        if not top <= row < top + height:
            self.scroll_to(y=max(0, row - height // 3), animate=False, force=True, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.article is not None and round(old_value) != round(new_value):
            at_end = new_value >= self.max_scroll_y
            self.post_message(
                self.PositionChanged(self.article.identity, self.top_offset(), at_end)
            )

    # -- actions ------------------------------------------------------------------------

    def action_scroll_lines(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False, force=True)

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + direction * height, animate=False, force=True)

    def action_half_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height // 2)
        self.scroll_to(y=self.scroll_y + direction * height, animate=False, force=True)

    def action_to_top(self) -> None:
        self.scroll_to(y=0, animate=False, force=True)

    def action_to_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, force=True)

    def action_step_article(self, step: int) -> None:
        self.post_message(self.StepArticle(step))

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, step: int) -> None:
        if not self.hits:
            self.app.bell()
            return
        starts = [start for start, _ in self.hits]
        self.current_hit = step_span(starts, self.top_offset(), self.current_hit, step)
        assert self.current_hit is not None
        self.scroll_into_view(self.hits[self.current_hit][0])
        self._invalidate()
        self.post_message(self.HitChanged(self.current_hit + 1, len(self.hits)))

    def visible_mentions(self) -> list[Span]:
        """Mentions of the types currently highlighted."""
        if not self.show_entities:
            return []
        return [span for span in self.entity_spans if span.kind not in self.hidden_types]

    def action_next_mention(self) -> None:
        self._step_mention(1)

    def action_previous_mention(self) -> None:
        self._step_mention(-1)

    def _step_mention(self, step: int) -> None:
        spans = self.visible_mentions()
        if not spans:
            self.app.bell()
            return
        starts = [span.start for span in spans]
        self.current_mention = step_span(starts, self.top_offset(), self.current_mention, step)
        assert self.current_mention is not None
        self.scroll_into_view(spans[self.current_mention].start)
        self._invalidate()

    def jump_to_span(self, start: int, end: int) -> None:
        """Make [start, end) the current mention if it is one, and bring it into view."""
        spans = self.visible_mentions()
        for index, span in enumerate(spans):
            if span.start == start and span.end == end:
                self.current_mention = index
        self.scroll_into_view(start)
        self._invalidate()

    # -- selection ----------------------------------------------------------------------

    def selection_range(self, selection: Selection) -> tuple[int, int]:
        """The selection as a half-open range of the page text (logical order).

        Textual orders the two points by screen position; in bidi text the logical
        order can be the other way, so both readings are taken and the widest kept.
        """
        page = self.page

        def position(point: Offset | None, end: bool) -> int:
            if point is None:
                return len(page.page_text) if end else 0
            row = page.rows[max(0, min(point.y, len(page.rows) - 1))] if page.rows else None
            column = row.line.column_at_char(point.x) if row and row.line else 0
            return page.page_position(point.y, column, end=end)

        start, stop = selection.start, selection.end
        if start is None or stop is None:
            return position(start, False), position(stop, True)
        return (
            min(position(start, False), position(stop, False)),
            max(position(start, True), position(stop, True)),
        )

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text: logical Unicode text of the article, in reading order."""
        if not self.blocks:
            return None
        start, end = self.selection_range(selection)
        return self.page.page_text[start:end], "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._invalidate()

    # -- drawing ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        if self._text_width() != self._width:  # the scrollbar came or went
            top = self.top_offset()
            self._relayout()
            self.scroll_to_offset(top)
        row_index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if row_index >= len(self.page.rows):
            return Strip.blank(width, base)
        selection = self.text_selection
        if selection is None and row_index in self._cache:
            return self._cache[row_index]
        row = self.page.rows[row_index]
        if row.line is None:
            strip = Strip.blank(width, base)
        else:
            strip = self._render_row(row, row_index, width, base, selection)
        if selection is None:
            self._cache[row_index] = strip
        return strip

    def _render_row(
        self, row: PageRow, row_index: int, width: int, base: Style, selection: Selection | None
    ) -> Strip:
        block = self.blocks[row.block] if self.blocks else Block(BlockKind.META, "", -1)
        if block.kind is BlockKind.TITLE:
            base = base + self.get_component_rich_style("reading-pane--title")
        elif block.kind is BlockKind.META:
            base = base + self.get_component_rich_style("reading-pane--meta")
        styler = self._styler(block, row.block, selection)
        return line_strip(row.line, width, base, styler, row=row_index, left=MARGIN)

    def _styler(
        self, block: Block, block_index: int, selection: Selection | None
    ) -> GlyphStyler | None:
        mentions = self.visible_mentions() if block.offset >= 0 else []
        hits = self.hits if block.offset >= 0 else []
        selected = (
            self.selection_range(selection) if selection is not None and self.blocks else None
        )
        if not mentions and not hits and selected is None:
            return None
        offset = block.offset
        page_offset = self.page.page_offsets[block_index] if self.blocks else 0
        mention_starts = [span.start for span in mentions]
        hit_starts = [start for start, _ in hits]
        current_hit = self.hits[self.current_hit] if self.current_hit is not None else None
        current_mention = (
            mentions[self.current_mention]
            if self.current_mention is not None and self.current_mention < len(mentions)
            else None
        )
        styles = {
            kind: self.get_component_rich_style(f"reading-pane--{kind.lower()}")
            for kind in ENTITY_TYPES
        }
        hit_style = self.get_component_rich_style("reading-pane--hit")
        current_hit_style = self.get_component_rich_style("reading-pane--current-hit")
        current_mention_style = self.get_component_rich_style("reading-pane--current-mention")
        selection_style = self.get_component_rich_style("reading-pane--selection")

        def style_of(start: int, end: int) -> Style | None:
            style: Style | None = None
            logical_start, logical_end = start + offset, end + offset
            i = bisect_right(mention_starts, logical_start) - 1
            for span in mentions[max(0, i) : i + 2]:
                if span.start < logical_end and span.end > logical_start:
                    style = styles[span.kind]
                    if span == current_mention:
                        style += current_mention_style
            j = bisect_right(hit_starts, logical_start) - 1
            for hit in hits[max(0, j) : j + 2]:
                if hit[0] < logical_end and hit[1] > logical_start:
                    extra = current_hit_style if hit == current_hit else hit_style
                    style = extra if style is None else style + extra
            if selected is not None:
                page_start = start + page_offset
                if selected[0] <= page_start < selected[1]:
                    style = selection_style if style is None else style + selection_style
            return style

        # line_strip adds `offset` itself; the closure works in block-local coordinates.
        return style_of

    def region_of_row(self, row: int) -> Region:
        """Screen region of *row* (for tests and scrolling)."""
        return Region(0, row, self.size.width, 1)
