"""The page layout: blocks, rows, and the maps between rows, columns and offsets."""

from __future__ import annotations

from tui.corpus.article import Article
from tui.text.layout import Mode
from tui.text.page import (
    PARAGRAPH_SEPARATOR,
    BlockKind,
    article_blocks,
    layout_article_page,
    layout_page,
    step_span,
)

ARTICLE = Article(
    title="لافروف في بيونغ يانغ",
    paragraphs=(
        "وصل لافروف إلى بيونغ يانغ أمس في زيارة تستغرق يومين.",
        "Lavrov arrived yesterday.",
    ),
    source="رويترز",
    date="2023-10-19",
)


def test_blocks_carry_their_offsets_into_the_article_text() -> None:
    blocks = article_blocks(ARTICLE)
    assert [b.kind for b in blocks] == [
        BlockKind.TITLE,
        BlockKind.META,
        BlockKind.BODY,
        BlockKind.BODY,
    ]
    for block in blocks:
        if block.offset >= 0:
            assert ARTICLE.text[block.offset : block.offset + len(block.text)] == block.text
    assert blocks[1].offset == -1 and blocks[1].rtl is True  # meta follows the title


def test_rows_and_offsets_round_trip() -> None:
    page = layout_article_page(article_blocks(ARTICLE), 20)
    assert len(page.rows) == len(layout_page(article_blocks(ARTICLE), 20))
    for row, page_row in enumerate(page.rows):
        if page_row.line is None or page.blocks[page_row.block].offset < 0:
            continue
        offset = page.row_offset(row)
        assert offset is not None
        assert page.row_of(offset) == row


def test_selection_points_map_to_logical_text() -> None:
    page = layout_article_page(article_blocks(ARTICLE), 60)
    title_row = page.rows[0]
    assert title_row.line is not None
    line = title_row.line
    # The rightmost glyph of an RTL title is its first letter; the leftmost its last.
    rightmost = line.indent + sum(line.widths) - 1
    assert page.page_position(0, rightmost, end=False) == 0
    assert page.page_position(0, line.indent, end=True) == len(ARTICLE.title)
    # In the padding on the left of an RTL line: the line's logical end.
    assert page.page_position(0, 0, end=False) == line.end
    # A blank row: the start of the next block in the page text.
    blank = next(i for i, r in enumerate(page.rows) if r.line is None)
    start = page.page_position(blank, 5, end=False)
    assert page.page_text[start:].startswith(page.blocks[page.rows[blank].block].text)
    assert page.page_text == PARAGRAPH_SEPARATOR.join(b.text for b in page.blocks)


def test_terminal_mode_padding_is_on_the_right() -> None:
    page = layout_article_page(article_blocks(ARTICLE), 60, Mode.TERMINAL)
    line = page.rows[0].line
    assert line is not None and line.indent == 0
    assert page.page_position(0, 59, end=True) == len(ARTICLE.title)


def test_step_span_goes_from_the_top_line_and_wraps() -> None:
    starts = [5, 40, 90]
    assert step_span(starts, top=30, current=None, step=1) == 1
    assert step_span(starts, top=30, current=None, step=-1) == 0
    assert step_span(starts, top=0, current=2, step=1) == 0
    assert step_span(starts, top=0, current=0, step=-1) == 2
    assert step_span([], top=0, current=None, step=1) is None


def test_each_part_of_the_metadata_line_keeps_its_own_direction() -> None:
    """Source and date are isolated from each other: on the LTR line of an English title,
    ``موقع 24`` stays one unit (FriBidi, without isolates, would draw ``28 · 24 موقع th…``)."""
    article = Article(
        title="Lavrov in Pyongyang",
        paragraphs=("text",),
        source="موقع 24",
        date="28th, October 2023",
    )
    page = layout_article_page(article_blocks(article), 40)
    (meta,) = [
        row.line.text
        for row in page.rows
        if row.line is not None and page.blocks[row.block].kind is BlockKind.META
    ]
    # Checked by hand and with `fribidi --ltr` on the same isolated text.
    # موقع drawn right to left: final ain, initial qaf, final waw, initial meem.
    assert meta.rstrip() == "24 \ufeca\ufed7\ufeee\ufee3 · 28th, October 2023"
