"""The reading pane: an article laid out as a printed page would show it (Line API).

Every line comes from `tui.text.page` / `tui.text.layout` (laid out lazily by its base,
`PageView`); this widget only colours (entity mentions, search hits, the mouse selection),
steps between hits and mentions, and reports where the reader is.
Highlights are logical spans of `Article.text`; the layout's maps put them on exactly the
cells that show those characters, also when a span is split by bidi or a line break.
A mouse selection is mapped back to logical text too, so copying yields the words in
reading order, never presentation forms in visual order.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.selection import Selection
from textual.strip import Strip

from tui.app.strips import StyledRange, line_strip
from tui.app.widgets.highlights import Highlights, RowKey, Span, gather
from tui.app.widgets.page_view import MARGIN, PageView
from tui.corpus.article import Article
from tui.text.layout import Mode
from tui.text.page import (
    Block,
    BlockKind,
    PageLayout,
    PageRow,
    article_blocks,
    extend_page,
    step_span,
)

__all__ = ["MARGIN", "ReadingPane"]

ENTITY_TYPES = ("PERSON", "LOCATION", "ORGANIZATION")


class ReadingPane(PageView, can_focus=True):
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
    class Painted(Message):
        """An article just shown has been drawn for the first time (work that would
        compete with drawing it, such as finding its entities, can start now)."""

        identity: str

    @dataclass
    class HitChanged(Message):
        """The current search hit changed (for the status line)."""

        index: int
        total: int

    def __init__(self, *, mode: Mode = Mode.APP, **kwargs: object) -> None:
        super().__init__(mode=mode, **kwargs)
        self.entity_spans: list[Span] = []
        self.hidden_types: set[str] = set()
        self.hits: list[tuple[int, int]] = []
        self.current_hit: int | None = None
        self.current_mention: int | None = None
        #: Drawn rows, with the highlights they were drawn with (see `_row_key`).
        self._cache: dict[int, tuple[RowKey, Strip]] = {}
        self._styles: dict[str, Style] = {}
        self._highlights: Highlights | None = None
        self._selected: tuple[Selection, PageLayout, tuple[int, int]] | None = None
        #: The article whose first drawing is still to be announced (`Painted`).
        self._unannounced: str | None = None

    # -- content ------------------------------------------------------------------------

    def show_article(self, article: Article | None, position: int = 0) -> None:
        """Show *article*, scrolled so that logical *position* is on the top line."""
        self.article = article
        self.blocks = article_blocks(article) if article is not None else []
        self.entity_spans = []
        self.hits = []
        self.current_hit = None
        self.current_mention = None
        self._unannounced = article.identity if article is not None else None
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
        self._restyle()

    def set_hits(self, hits: list[tuple[int, int]]) -> None:
        """Search hits to highlight (logical spans of the article text)."""
        self.hits = sorted(hits)
        self.current_hit = None
        self._restyle()
        self.post_message(self.HitChanged(0, len(self.hits)))

    def watch_show_entities(self) -> None:
        self._restyle()

    def toggle_type(self, kind: str) -> None:
        """Show or hide the highlighting of one entity type."""
        self.hidden_types.symmetric_difference_update({kind})
        self._restyle()

    # -- drawing state -------------------------------------------------------------------

    def _invalidate(self) -> None:
        """The rows changed (new article, width, mode): draw every row again."""
        self._cache.clear()
        self._highlights = None
        super()._invalidate()

    def _restyle(self) -> None:
        """Highlights changed: rows are drawn again only where their highlights differ."""
        self._highlights = None
        self.refresh()

    def notify_style_update(self) -> None:
        """Styles changed (theme, focus): drop the styles and strips drawn with the old ones."""
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def _style(self, name: str) -> Style:
        """The widget's base style (``""``) or a component's, kept until styles change."""
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style if not name else self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    # -- positions ----------------------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.article is not None and round(old_value) != round(new_value):
            self._report_position(new_value)

    def _report_position(self, scroll_y: float) -> None:
        assert self.article is not None
        at_end = self._page.complete and scroll_y >= self.max_scroll_y
        self.post_message(self.PositionChanged(self.article.identity, self.top_offset(), at_end))

    # -- actions ------------------------------------------------------------------------

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
        self._restyle()
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
        self._restyle()

    def jump_to_span(self, start: int, end: int) -> None:
        """Make [start, end) the current mention if it is one, and bring it into view."""
        spans = self.visible_mentions()
        for index, span in enumerate(spans):
            if span.start == start and span.end == end:
                self.current_mention = index
        self.scroll_into_view(start)
        self._restyle()

    # -- selection ----------------------------------------------------------------------

    def _selected_range(self, selection: Selection) -> tuple[int, int]:
        """`selection_range`, worked out once per selection and page rather than per row."""
        page = self.page
        cached = self._selected
        if cached is None or cached[0] != selection or cached[1] is not page:
            cached = self._selected = (selection, page, self.selection_range(selection))
        return cached[2]

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text: logical Unicode text of the article, in reading order."""
        if not self.blocks:
            return None
        start, end = self.selection_range(selection)
        return self.page.page_text[start:end], "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._restyle()

    # -- drawing ------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._text_width() != self._width:  # the scrollbar came or went
            top = self.top_offset()
            self._relayout()
            self.scroll_to_offset(top)
        lines = super().render_lines(crop)
        if self._unannounced is not None:
            self.post_message(self.Painted(self._unannounced))
            self._unannounced = None
        return lines

    def render_line(self, y: int) -> Strip:
        row_index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        base = self._style("")
        page = self._page
        if row_index >= len(page.rows) and not page.complete:
            # Scrolled past what is laid out before the rest was: lay out up to here now.
            self._page = page = extend_page(page, rows=row_index + self._first_rows())
            self.call_later(self._update_virtual_size)
        if row_index >= len(page.rows):
            return Strip.blank(width, base)
        row = page.rows[row_index]
        if row.line is None:
            return Strip.blank(width, base)
        selection = self.text_selection
        key = self._row_key(row)
        if selection is None:
            cached = self._cache.get(row_index)
            if cached is not None and cached[0] == key:
                return cached[1]
        strip = self._render_row(row, row_index, width, base, selection, key)
        if selection is None:
            self._cache[row_index] = (key, strip)
        return strip

    def _row_key(self, row: PageRow) -> RowKey:
        """The highlights that touch *row*: a drawn row is reused while they are the same."""
        if not self.blocks or row.line is None:
            return ((), ())
        offset = self.blocks[row.block].offset
        if offset < 0:
            return ((), ())
        found = self._highlighted()
        low, high = offset + row.line.start, offset + row.line.end
        return found.mentions_touching(low, high), found.hits_touching(low, high)

    def _render_row(
        self,
        row: PageRow,
        row_index: int,
        width: int,
        base: Style,
        selection: Selection | None,
        key: RowKey,
    ) -> Strip:
        assert row.line is not None
        block = self.blocks[row.block] if self.blocks else Block(BlockKind.META, "", -1)
        if block.kind is BlockKind.TITLE:
            base = base + self._style("reading-pane--title")
        elif block.kind is BlockKind.META:
            base = base + self._style("reading-pane--meta")
        ranges = self._ranges(block, row.block, key, selection)
        return line_strip(row.line, width, base, ranges, row=row_index, left=MARGIN)

    def _highlighted(self) -> Highlights:
        """Mentions and hits to draw, gathered once per change rather than once per row."""
        if self._highlights is None:
            self._highlights = gather(
                self.visible_mentions(), self.current_mention, self.hits, self.current_hit
            )
        return self._highlights

    def _ranges(
        self, block: Block, block_index: int, key: RowKey, selection: Selection | None
    ) -> list[StyledRange]:
        """The styled ranges of a row, in its block's offsets: the mentions and hits that
        touch it (*key*), then the selection."""
        offset = block.offset
        ranges: list[StyledRange] = []
        for span, current in key[0]:
            style = self._style(f"reading-pane--{span.kind.lower()}")
            if current:
                style += self._style("reading-pane--current-mention")
            ranges.append(StyledRange(span.start - offset, span.end - offset, style))
        for (start, end), current in key[1]:
            style = self._style("reading-pane--current-hit" if current else "reading-pane--hit")
            ranges.append(StyledRange(start - offset, end - offset, style))
        if selection is not None and self.blocks:
            low, high = self._selected_range(selection)
            page_offset = self._page.page_offsets[block_index]
            if low < page_offset + len(block.text) and high > page_offset:  # touches the block
                style = self._style("reading-pane--selection")
                ranges.append(
                    StyledRange(low - page_offset, high - page_offset, style, by_start=True)
                )
        return ranges
