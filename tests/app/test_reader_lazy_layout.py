"""Long articles are drawn before they are wholly laid out, and nothing shows it."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import main_screen, run_reader, settle

SENTENCE = "أعلنت روسيا أن قواتها سيطرت على تجمعين سكنيين آخرين في شرق أوكرانيا"


def _long_article(folder: Path) -> Path:
    paragraphs = [f"{SENTENCE} ({n}) " + "كلمة " * (n % 7) for n in range(80)]
    path = folder / "long.txt"
    path.write_text("خبر طويل جدا\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


async def test_the_first_screen_is_laid_out_first_and_the_rest_follows(tmp_path: Path) -> None:
    _long_article(tmp_path)
    async with run_reader([tmp_path], size=(100, 30)) as (app, pilot):
        screen = main_screen(app)
        pane = screen.reader
        article = screen.model.open(screen.article_list.entries[0].header)  # type: ignore[arg-type]
        assert article is not None
        pane.show_article(article)
        partial = pane._page
        assert not partial.complete
        assert len(partial.rows) >= pane.scrollable_content_region.height
        await settle(app, pilot)
        assert pane._page.complete  # laid out after the first paint, without being asked
        whole = pane.page
        assert whole.rows[: len(partial.rows)] == partial.rows
        assert pane.virtual_size.height == len(whole.rows)


async def test_end_key_reaches_the_real_end_and_positions_round_trip(tmp_path: Path) -> None:
    _long_article(tmp_path)
    async with run_reader([tmp_path], size=(100, 30)) as (app, pilot):
        screen = main_screen(app)
        pane = screen.reader
        await pilot.press("enter")
        await pilot.press("G")
        await settle(app, pilot)
        last = pane.page.rows[-1].line
        assert last is not None
        assert "(79)" in pane.blocks[pane.page.rows[-1].block].text
        assert pane.scroll_y == pane.max_scroll_y > 0
        # Back to a position deep in the article: the rows before it are laid out first.
        article = screen.model.current
        assert article is not None
        offset = article.text.index("(60)")
        pane.show_article(article, offset)
        assert pane.top_offset() <= offset < pane.top_offset() + 200
        assert pane.row_of(offset) == int(pane.scroll_y)
