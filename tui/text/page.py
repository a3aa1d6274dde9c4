"""An article laid out as a page: heading, metadata line, body paragraphs, blank lines between.

The reading pane and `akhbar render` both draw this, so what one shows the other prints.
Offsets: every block knows where its text starts in `Article.text` (title, then paragraphs,
joined by blank lines), the coordinates search hits and entity mentions use.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from tui.text.bidi_levels import paragraph_is_rtl
from tui.text.layout import Mode, ParagraphLayout, VisualLine, layout_paragraph

if TYPE_CHECKING:
    from tui.corpus.article import Article

META_SEPARATOR = " · "
#: FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (UAX #9, X5c and X6a).
FSI, PDI = "\u2068", "\u2069"
PARAGRAPH_SEPARATOR = "\n\n"


class BlockKind(StrEnum):
    """What a block of the page is, for styling."""

    TITLE = "title"
    META = "meta"
    BODY = "body"


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the page.

    Attributes:
        kind: title, metadata or body.
        text: its logical text.
        offset: where `text` starts in `Article.text`, or -1 for text that is not part of
            it (the metadata line).
        rtl: force the direction (the metadata line follows the title), or None to take
            the paragraph's own first strong character.
    """

    kind: BlockKind
    text: str
    offset: int
    rtl: bool | None = None


def meta_text(article: Article) -> str:
    """The metadata line: source, date, and the file's encoding when it is not UTF-8."""
    parts = [part for part in (article.source, article.date) if part]
    if article.encoding and article.encoding.lower().replace("_", "-") not in ("utf-8", "ascii"):
        parts.append(article.encoding)
    return join_isolated(parts)


def join_isolated(parts: list[str]) -> str:
    """*parts* joined by `META_SEPARATOR`, each in its own isolate (FSI…PDI).

    Each part then takes its direction from its own first letter, and a number at the edge
    of one part never joins the run of the next: without isolates, ``موقع 24 · 28th,
    October 2023`` on an LTR line draws as ``28 · 24 موقع th, October…``. The isolate
    characters steer the layout and are never drawn.
    """
    return META_SEPARATOR.join(f"{FSI}{part}{PDI}" for part in parts)


def article_blocks(article: Article) -> list[Block]:
    """The blocks of *article*'s page, each with its offset into `article.text`."""
    title_rtl = paragraph_is_rtl(article.title)
    blocks = [Block(BlockKind.TITLE, article.title, 0)]
    meta = meta_text(article)
    if meta:
        blocks.append(Block(BlockKind.META, meta, -1, title_rtl))
    offset = len(article.title)
    for paragraph in article.paragraphs:
        offset += len(PARAGRAPH_SEPARATOR)
        blocks.append(Block(BlockKind.BODY, paragraph, offset))
        offset += len(paragraph)
    return blocks


@dataclass(frozen=True, slots=True)
class PageRow:
    """One screen row of a laid-out page: a line of block *block*, or a blank (line None)."""

    block: int
    line: VisualLine | None

    @property
    def text(self) -> str:
        """The cells to draw (empty for a blank row)."""
        return "" if self.line is None else self.line.text


def layout_page(blocks: list[Block], width: int, mode: Mode = Mode.APP) -> list[PageRow]:
    """Every block laid out at *width*, with one blank row between blocks (what `akhbar
    render` prints: the rows of the reading pane's `layout_article_page`)."""
    return list(layout_article_page(blocks, width, mode).rows)


@dataclass(frozen=True, slots=True)
class PageLayout:
    """A page laid out at one width, with the maps a reading pane needs.

    Two coordinate systems: *article offsets* index `Article.text` (what search hits and
    entity mentions use; the metadata block has none), *page offsets* index `page_text`
    (every block, joined by blank lines: what a selection copies).

    A layout may cover only the first blocks (`complete` is False): a reading pane lays
    out what the first screen shows, draws it, and lays out the rest afterwards with
    `extend_page`. Rows, `first_row`, `layouts` and `page_offsets` then describe the laid
    out blocks only; rows already laid out never change when more blocks are added.
    """

    blocks: tuple[Block, ...]
    width: int
    mode: Mode
    rows: tuple[PageRow, ...]
    first_row: tuple[int, ...]
    layouts: tuple[ParagraphLayout, ...]
    page_offsets: tuple[int, ...]

    @property
    def complete(self) -> bool:
        """Whether every block is laid out."""
        return len(self.layouts) == len(self.blocks)

    @property
    def page_text(self) -> str:
        """The logical text of every block, joined by blank lines."""
        return PARAGRAPH_SEPARATOR.join(block.text for block in self.blocks)

    def estimated_rows(self) -> int:
        """The number of rows of the whole page: exact when complete, else the laid-out
        rows plus an estimate for the rest (one row per `width` characters of a block)."""
        rows = len(self.rows)
        for block in self.blocks[len(self.layouts) :]:
            rows += (1 if rows else 0) + max(1, -(-len(block.text) // max(1, self.width)))
        return rows

    def row_offset(self, row: int) -> int | None:
        """Article offset shown at the start of *row* (or the next row that has one)."""
        for index in range(max(0, row), len(self.rows)):
            page_row = self.rows[index]
            block = self.blocks[page_row.block]
            if page_row.line is not None and block.offset >= 0:
                return block.offset + page_row.line.start
        return None

    def block_of(self, offset: int) -> int | None:
        """The index of the block showing article offset *offset* (the last one starting at
        or before it), or None before the first."""
        best = None
        for index, block in enumerate(self.blocks):
            if 0 <= block.offset <= offset:
                best = index
        return best

    def row_of(self, offset: int) -> int:
        """The row showing article offset *offset* (the nearest line before a break).

        The layout must cover the block holding *offset* (`block_of`); past the laid-out
        blocks this is the first row not laid out yet.
        """
        best = self.block_of(offset)
        if best is None:
            return 0
        if best >= len(self.layouts):
            return len(self.rows)
        local = offset - self.blocks[best].offset
        return self.first_row[best] + self.layouts[best].line_of(local)

    def page_position(self, row: int, column: int, *, end: bool) -> int:
        """Page offset of screen point (*column*, *row*) for a selection.

        A point on a glyph gives that glyph's first character (its last, plus one, for the
        *end* of a selection, so the glyph under the pointer is included); a point in the
        padding of a line gives the line's logical start or end, whichever is on that side
        (the left of an RTL line is its end); a blank row gives the next block's start.
        """
        if not self.rows:
            return 0
        page_row = self.rows[max(0, min(row, len(self.rows) - 1))]
        base = self.page_offsets[page_row.block]
        line = page_row.line
        if line is None:
            return base
        logical = line.offset_at(column)
        if logical is None:
            left_side = column < line.indent + (0 if line.glyphs else 1)
            rtl_drawn = line.rtl and self.mode is Mode.APP
            logical = line.end if (left_side if rtl_drawn else not left_side) else line.start
        elif end:
            logical = line.ends[line.starts.index(logical)]
        return base + logical


def layout_article_page(
    blocks: list[Block], width: int, mode: Mode = Mode.APP, *, rows: int | None = None
) -> PageLayout:
    """Lay out *blocks* at *width* and keep the maps between rows, blocks and offsets.

    Args:
        rows: lay out only the first blocks, enough to fill this many rows (at least one
            block); the rest is laid out by `extend_page`. None: the whole page.
    """
    return extend_page(PageLayout(tuple(blocks), width, mode, (), (), (), ()), rows=rows)


def extend_page(
    page: PageLayout,
    *,
    rows: int | None = None,
    through_block: int | None = None,
    budget_s: float | None = None,
) -> PageLayout:
    """*page* with more of its blocks laid out (all of them if no limit is given).

    Args:
        rows: stop once the page has at least this many rows.
        through_block: stop once the block of this index is laid out (with *rows*, both
            must hold).
        budget_s: stop after the block that used up this much time (seconds), at least one
            block laid out.
    """
    blocks = page.blocks
    index = len(page.layouts)
    if index == len(blocks):
        return page
    new_rows = list(page.rows)
    first_row = list(page.first_row)
    layouts = list(page.layouts)
    page_offsets = list(page.page_offsets)
    page_offset = 0
    if index:
        page_offset = page_offsets[-1] + len(blocks[index - 1].text)
    deadline = None if budget_s is None else time.perf_counter() + budget_s
    while index < len(blocks):
        if index and (
            (rows is not None or through_block is not None)
            and (rows is None or len(new_rows) >= rows)
            and (through_block is None or index > through_block)
        ):
            break
        block = blocks[index]
        if index:
            new_rows.append(PageRow(index, None))
            page_offset += len(PARAGRAPH_SEPARATOR)
        page_offsets.append(page_offset)
        page_offset += len(block.text)
        layout = layout_paragraph(block.text, page.width, page.mode, block.rtl)
        layouts.append(layout)
        first_row.append(len(new_rows))
        new_rows.extend(PageRow(index, line) for line in layout.lines)
        index += 1
        if deadline is not None and time.perf_counter() >= deadline:
            break
    return PageLayout(
        blocks,
        page.width,
        page.mode,
        tuple(new_rows),
        tuple(first_row),
        tuple(layouts),
        tuple(page_offsets),
    )


def step_span(starts: list[int], top: int, current: int | None, step: int) -> int | None:
    """Index of the span to go to with `n`/`N` (step +1/-1) among spans starting at *starts*.

    From no current span, the first one at or after *top* (the top line's offset) going
    forward, or the last one before it going back; otherwise the next/previous, wrapping.
    """
    if not starts:
        return None
    if current is None:
        index = bisect_right(starts, top - 1) if step > 0 else bisect_right(starts, top) - 1
    else:
        index = current + step
    return index % len(starts)


def prepare_first_screen(article: Article, width: int, mode: Mode, rows: int) -> None:
    """Lay out the first *rows* rows of *article* at *width* so that showing it later finds
    them in the layout cache (a reader does this for the article under the list cursor)."""
    layout_article_page(article_blocks(article), width, mode, rows=rows)
