"""An article laid out as a page: heading, metadata line, body paragraphs, blank lines between.

The reading pane and `akhbar render` both draw this, so what one shows the other prints.
Offsets: every block knows where its text starts in `Article.text` (title, then paragraphs,
joined by blank lines), the coordinates search hits and entity mentions use.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from tui.text.bidi_levels import paragraph_is_rtl
from tui.text.layout import Mode, VisualLine, layout_paragraph

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
