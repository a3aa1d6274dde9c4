"""An article laid out as a page: heading, metadata line, body paragraphs, blank lines between.

The reading pane and `akhbar render` both draw this, so what one shows the other prints.
Offsets: every block knows where its text starts in `Article.text` (title, then paragraphs,
joined by blank lines), the coordinates search hits and entity mentions use.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from tui.text.bidi_levels import paragraph_is_rtl
from tui.text.layout import Mode, ParagraphLayout, VisualLine, layout_paragraph

if TYPE_CHECKING:
    from tui.corpus.article import Article

META_SEPARATOR = " · "
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


@dataclass(frozen=True, slots=True)
class PageLine:
    """One screen line of the page: a laid-out line of a block, or a blank separator."""

    block: int
    line: VisualLine | None

    @property
    def text(self) -> str:
        """The cells to draw (empty for a separator)."""
        return "" if self.line is None else self.line.text


def meta_text(article: Article) -> str:
    """The metadata line: source, date, and the file's encoding when it is not UTF-8."""
    parts = [part for part in (article.source, article.date) if part]
    if article.encoding and article.encoding.lower().replace("_", "-") not in ("utf-8", "ascii"):
        parts.append(article.encoding)
    return META_SEPARATOR.join(parts)


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


def layout_page(blocks: list[Block], width: int, mode: Mode = Mode.APP) -> list[PageLine]:
    """Lay out every block at *width*, with one blank line between blocks."""
    page: list[PageLine] = []
    for index, block in enumerate(blocks):
        if index:
            page.append(PageLine(index, None))
        layout = layout_paragraph(block.text, width, mode, block.rtl)
        page.extend(PageLine(index, line) for line in layout.lines)
    return page


@dataclass(frozen=True, slots=True)
class PageRow:
    """One screen row of a laid-out page: a line of block *block*, or a blank (line None)."""

    block: int
    line: VisualLine | None


@dataclass(frozen=True, slots=True)
class PageLayout:
    """A page laid out at one width, with the maps a reading pane needs.

    Two coordinate systems: *article offsets* index `Article.text` (what search hits and
    entity mentions use; the metadata block has none), *page offsets* index `page_text`
    (every block, joined by blank lines: what a selection copies).
    """

    blocks: tuple[Block, ...]
    width: int
    mode: Mode
    rows: tuple[PageRow, ...]
    first_row: tuple[int, ...]
    layouts: tuple[ParagraphLayout, ...]
    page_offsets: tuple[int, ...]

    @property
    def page_text(self) -> str:
        """The logical text of every block, joined by blank lines."""
        return PARAGRAPH_SEPARATOR.join(block.text for block in self.blocks)

    def row_offset(self, row: int) -> int | None:
        """Article offset shown at the start of *row* (or the next row that has one)."""
        for index in range(max(0, row), len(self.rows)):
            page_row = self.rows[index]
            block = self.blocks[page_row.block]
            if page_row.line is not None and block.offset >= 0:
                return block.offset + page_row.line.start
        return None

    def row_of(self, offset: int) -> int:
        """The row showing article offset *offset* (the nearest line before a break)."""
        best = None
        for index, block in enumerate(self.blocks):
            if 0 <= block.offset <= offset:
                best = index
        if best is None:
            return 0
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


def layout_article_page(blocks: list[Block], width: int, mode: Mode = Mode.APP) -> PageLayout:
    """Lay out *blocks* at *width* and keep the maps between rows, blocks and offsets."""
    rows: list[PageRow] = []
    first_row: list[int] = []
    layouts: list[ParagraphLayout] = []
    page_offsets: list[int] = []
    page_offset = 0
    for index, block in enumerate(blocks):
        if index:
            rows.append(PageRow(index, None))
            page_offset += len(PARAGRAPH_SEPARATOR)
        page_offsets.append(page_offset)
        page_offset += len(block.text)
        layout = layout_paragraph(block.text, width, mode, block.rtl)
        layouts.append(layout)
        first_row.append(len(rows))
        rows.extend(PageRow(index, line) for line in layout.lines)
    return PageLayout(
        tuple(blocks),
        width,
        mode,
        tuple(rows),
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
