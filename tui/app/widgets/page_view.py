"""A scrolling view of an article's page, laid out lazily: the first screen before the first paint.

The rest of the page is laid out in slices after that paint, or as soon as a scroll needs
it; logical offsets of `Article.text` are turned into rows and back through the layout.
`ReadingPane` builds on it to colour the page and report where the reader is.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Offset, Region, Size
from textual.scroll_view import ScrollView
from textual.selection import Selection

from tui.corpus.article import Article
from tui.text.layout import Mode
from tui.text.page import Block, BlockKind, PageLayout, extend_page, layout_article_page

#: Blank cells left and right of the text.
MARGIN = 1
#: After the first paint the rest of an article is laid out in slices of this many seconds,
#: so that keys pressed meanwhile are handled between slices.
LAYOUT_SLICE_SECONDS = 0.010


class PageView(ScrollView):
    """Shows the page of one article (or a one-paragraph placeholder); scrolls by row."""

    def __init__(self, *, mode: Mode = Mode.APP, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article: Article | None = None
        self.mode = mode
        self.blocks: list[Block] = []
        self._page: PageLayout = layout_article_page([], 1)
        self._rest_scheduled = False
        self._width = 0
        self._placeholder = ""

    def set_mode(self, mode: Mode) -> None:
        """Switch between app-side and terminal-side bidi."""
        top = self.top_offset()
        self.mode = mode
        self._relayout()
        self.scroll_to_offset(top)

    # -- layout -------------------------------------------------------------------------

    @property
    def page(self) -> PageLayout:
        """The article's whole page at the pane's width (what is not laid out yet is laid
        out now; drawing only waits for the rows on screen)."""
        self._complete_layout()
        return self._page

    def first_screen(self) -> tuple[int, Mode, int]:
        """Width, mode and rows of the first screen an opened article is laid out for
        (what `tui.text.page.prepare_first_screen` needs to lay it out ahead of time)."""
        return self._text_width(), self.mode, self._first_rows()

    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width - 2 * MARGIN)

    def _first_rows(self) -> int:
        """Rows to lay out before the first paint: the visible ones (the next ones are
        laid out right after that paint, or as soon as a scroll needs them)."""
        return max(1, self.scrollable_content_region.height)

    def _relayout(self) -> None:
        """Lay out the first screen of the page now and the rest after the next paint."""
        width = self._text_width()
        self._width = width
        blocks = self.blocks or [Block(BlockKind.META, self._placeholder, -1)]
        self._page = layout_article_page(blocks, width, self.mode, rows=self._first_rows())
        self._update_virtual_size()
        self._invalidate()
        if not self._page.complete and not self._rest_scheduled:
            self._rest_scheduled = True
            self.call_after_refresh(self._layout_rest)

    def _layout_rest(self) -> None:
        """Lay out one slice of the blocks not laid out yet; schedule the next slice."""
        self._rest_scheduled = False
        if self._page.complete:
            return
        self._page = extend_page(self._page, budget_s=LAYOUT_SLICE_SECONDS)
        self._update_virtual_size()
        if not self._page.complete:
            self._rest_scheduled = True
            self.call_later(self._layout_rest)
        elif self.article is not None and self.scroll_y >= self.max_scroll_y:
            self._report_position(self.scroll_y)  # the end was on screen before it was known

    def _complete_layout(self) -> None:
        if not self._page.complete:
            self._page = extend_page(self._page)
            self._update_virtual_size()

    def _ensure_rows(self, rows: int) -> None:
        """Lay out blocks until the page has *rows* rows (or is complete)."""
        if not self._page.complete and len(self._page.rows) < rows:
            self._page = extend_page(self._page, rows=rows)
            self._update_virtual_size()

    def _update_virtual_size(self) -> None:
        """Tell Textual how many rows the page has, without a layout of the whole screen.

        Assigning `virtual_size` lays out every widget of the screen (its reactive asks for
        a layout), which cost more than drawing the article on each opening. Only this
        pane's scroll range changes, so it is set as Textual's own `_size_updated` does
        when no layout is needed: the value, then the scrollbars (a scrollbar that appears
        or goes still lays the screen out, through its ``display`` style).
        """
        height = self._page.estimated_rows()
        width = self.scrollable_content_region.width
        size = Size(width, height)
        if self.virtual_size != size:
            self.set_reactive(PageView.virtual_size, size)
            self._scroll_update(size)
            self.refresh()

    def _invalidate(self) -> None:
        """The rows changed (new article, width, mode): draw every row again."""
        self.refresh()

    def _report_position(self, scroll_y: float) -> None:
        """The top row moved (or the end became known): `ReadingPane` tells its screen."""

    def on_resize(self, event: events.Resize) -> None:
        if self._text_width() != self._width:
            top = self.top_offset()
            self._relayout()
            self.scroll_to_offset(top)

    # -- positions ----------------------------------------------------------------------

    def top_offset(self) -> int:
        """Logical offset of the line at the top of the pane: the reading position."""
        top = int(self.scroll_y)
        self._ensure_rows(top + 2)
        offset = self._page.row_offset(top)
        if offset is None and not self._page.complete:
            self._complete_layout()
            offset = self._page.row_offset(top)
        if offset is None:
            return len(self.article.text) if self.article else 0
        return offset

    def row_of(self, offset: int) -> int:
        """The row showing logical offset *offset* of `Article.text`."""
        if not self.blocks:
            return 0
        block = self._page.block_of(offset)
        if block is not None and block >= len(self._page.layouts):
            self._page = extend_page(self._page, through_block=block)
            self._update_virtual_size()
        return self._page.row_of(offset)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding logical *offset* is the top line."""
        row = self.row_of(offset) if offset > 0 else 0
        self._ensure_rows(row + self._first_rows())
        self.scroll_to(y=row, animate=False, force=True, immediate=True)

    def scroll_into_view(self, offset: int) -> None:
        """Scroll just enough for the line holding *offset* to be visible (a third down)."""
        row = self.row_of(offset)
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        if not top <= row < top + height:
            self._ensure_rows(row + self._first_rows())
            self.scroll_to(y=max(0, row - height // 3), animate=False, force=True, immediate=True)

    # -- scrolling ----------------------------------------------------------------------

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
        self._complete_layout()
        self.scroll_to(y=self.max_scroll_y, animate=False, force=True)

    # -- screen points ------------------------------------------------------------------

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

    def region_of_row(self, row: int) -> Region:
        """Screen region of *row* (for tests and scrolling)."""
        return Region(0, row, self.size.width, 1)
