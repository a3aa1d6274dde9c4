"""A page laid out a screen at a time ends up exactly as one laid out at once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.corpus.article import Article
from tui.text.layout import Mode
from tui.text.page import article_blocks, extend_page, layout_article_page

PARAGRAPH = (
    "التقى وزير الخارجية الروسي سيرغي لافروف الزعيم الكوري الشمالي كيم جونغ أون"
    " في بيونغ يانغ، وأشاد بكوريا الشمالية معتبراً أنها «جارة مقرّبة»."
)
ARTICLE = Article(
    title="لافروف في بيونغ يانغ",
    paragraphs=tuple(f"{PARAGRAPH} ({n})" for n in range(12)),
    source="رويترز",
    date="2023-10-19",
)


def test_a_partial_layout_covers_the_rows_asked_for_and_no_more_blocks() -> None:
    blocks = article_blocks(ARTICLE)
    whole = layout_article_page(blocks, 30)
    part = layout_article_page(blocks, 30, rows=8)
    assert not part.complete and whole.complete
    assert len(part.rows) >= 8
    # One block fewer would not have filled the rows asked for.
    assert part.first_row[-1] < 8
    assert part.rows == whole.rows[: len(part.rows)]
    # The estimate of the whole page is in the right range (exact once complete).
    assert len(whole.rows) // 2 <= part.estimated_rows() <= 2 * len(whole.rows)
    assert whole.estimated_rows() == len(whole.rows)


@given(
    width=st.integers(min_value=5, max_value=80),
    steps=st.lists(st.integers(min_value=1, max_value=15), min_size=1, max_size=6),
    mode=st.sampled_from([Mode.APP, Mode.TERMINAL]),
)
def test_extending_step_by_step_gives_the_whole_layout(
    width: int, steps: list[int], mode: Mode
) -> None:
    blocks = article_blocks(ARTICLE)
    whole = layout_article_page(blocks, width, mode)
    page = layout_article_page(blocks, width, mode, rows=steps[0])
    for step in steps[1:]:
        before = page.rows
        page = extend_page(page, rows=len(page.rows) + step)
        assert page.rows[: len(before)] == before  # rows laid out never move
    page = extend_page(page)
    assert page == whole


def test_row_of_needs_only_the_blocks_up_to_the_offset() -> None:
    blocks = article_blocks(ARTICLE)
    whole = layout_article_page(blocks, 40)
    offset = ARTICLE.text.index("(7)")
    target = whole.block_of(offset)
    assert target is not None
    part = extend_page(layout_article_page(blocks, 40, rows=1), through_block=target)
    assert len(part.layouts) == target + 1
    assert part.row_of(offset) == whole.row_of(offset)
    # Past the laid-out blocks: the first row not laid out yet.
    later = ARTICLE.text.index("(11)")
    assert part.row_of(later) == len(part.rows)


def test_a_time_budget_still_lays_out_a_block() -> None:
    blocks = article_blocks(ARTICLE)
    page = layout_article_page(blocks, 40, rows=1)
    laid = len(page.layouts)
    page = extend_page(page, budget_s=0.0)
    assert len(page.layouts) == laid + 1
