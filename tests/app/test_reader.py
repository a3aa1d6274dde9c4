"""The reader through Textual's Pilot: what is listed, what the pane draws, what each key does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.command import CommandPalette

from tests.app.conftest import ARTICLES, main_screen, run_reader, settle
from tui.app.screens.help import HelpScreen, HelpText
from tui.app.widgets.article_list import ROW_HEIGHT, ArticleList
from tui.app.widgets.reading_pane import MARGIN, ReadingPane
from tui.corpus.loader import load_article, load_corpus
from tui.text.layout import fit_line

REPO = Path(__file__).resolve().parents[2]


def list_lines(widget: ArticleList) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.size.height)]


def pane_lines(pane: ReadingPane) -> list[str]:
    """The pane's rows as text, margins stripped of the left margin only."""
    return [pane.render_line(y).text[MARGIN:].rstrip() for y in range(pane.size.height)]


async def test_launch_lists_the_five_seed_titles_shaped_and_right_aligned() -> None:
    corpus = load_corpus([ARTICLES], use_cache=False)
    assert len(corpus.headers) == 5
    async with run_reader(size=(100, 30)) as (app, _):
        articles = main_screen(app).article_list
        lines = list_lines(articles)
        width = articles.scrollable_content_region.width
        body = width - 3  # gutter (2) and a space
        titles = {header.title for header in corpus.headers}
        shown = 0
        for entry_index, entry in enumerate(articles.entries):
            assert entry.header is not None
            line = lines[entry_index * ROW_HEIGHT]
            expected = fit_line(entry.header.title, body)
            # The title cells are exactly the layout's, and they end at the right edge.
            assert line[3:].rstrip() == expected.text.rstrip()
            assert line[3:] == expected.text.ljust(body)
            assert expected.width == body  # right-aligned (RTL title fills to the edge)
            assert entry.header.title in titles
            shown += 1
        assert shown == 5
        # Arabic presentation forms are on screen (letters joined), not base letters.
        assert any("\ufe8e" <= ch <= "\ufefc" for ch in "".join(lines))


def render_cli(path: str, width: int) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-m", "tui", "render", path, "--width", str(width)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout
    return [line.rstrip() for line in out.split("\n")]


async def test_each_article_shows_what_render_prints_for_the_pane_width() -> None:
    async with run_reader(size=(100, 40)) as (app, pilot):
        screen = main_screen(app)
        pane = screen.reader
        await pilot.press("enter")
        await settle(app, pilot)
        for step in range(5):
            article = screen.model.current
            assert article is not None
            width = pane.scrollable_content_region.width - 2 * MARGIN
            expected = render_cli(article.path or "", width)
            pane.show_entities = False  # compare plain cells; highlighting only styles them
            rows = [row.line.text.rstrip() if row.line else "" for row in pane.page.rows]
            assert rows == expected[: len(rows)]
            assert len(rows) == len(expected) - 1  # render ends with a newline
            # And the top of the pane shows exactly those cells.
            assert pane_lines(pane)[: pane.size.height] == rows[: pane.size.height]
            if step < 4:
                await pilot.press("right_square_bracket")
                await settle(app, pilot)
        assert screen.model.current is not None


async def test_list_keys_move_open_and_page() -> None:
    async with run_reader(size=(100, 30)) as (app, pilot):
        screen = main_screen(app)
        articles = screen.article_list
        assert app.focused is articles
        assert articles.cursor == 0
        await pilot.press("j")
        assert articles.cursor == 1
        await pilot.press("down", "down")
        assert articles.cursor == 3
        await pilot.press("k")
        assert articles.cursor == 2
        await pilot.press("up")
        assert articles.cursor == 1
        await pilot.press("G")
        assert articles.cursor == 4
        await pilot.press("g")
        assert articles.cursor == 0
        await pilot.press("end")
        assert articles.cursor == 4
        await pilot.press("home")
        assert articles.cursor == 0
        await pilot.press("space")
        assert articles.cursor == 4  # a page holds all five
        await pilot.press("pageup")
        assert articles.cursor == 0
        await pilot.press("ctrl+d")
        assert articles.cursor > 0
        await pilot.press("ctrl+u")
        assert articles.cursor == 0
        await pilot.press("j", "enter")
        await settle(app, pilot)
        assert screen.model.current is not None
        assert screen.model.current.identity == articles.entries[1].header.identity  # type: ignore[union-attr]
        assert app.focused is screen.reader


async def test_tab_moves_focus_between_panes() -> None:
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        assert app.focused is screen.article_list
        await pilot.press("tab")
        assert app.focused is screen.reader
        await pilot.press("shift+tab")
        assert app.focused is screen.article_list


async def test_reading_keys_scroll_by_line_half_page_and_page() -> None:
    async with run_reader(size=(80, 24)) as (app, pilot):
        screen = main_screen(app)
        await pilot.press("j", "enter")  # the long article 001
        await settle(app, pilot)
        pane = screen.reader
        height = pane.scrollable_content_region.height
        assert pane.max_scroll_y > 2 * height
        await pilot.press("j")
        assert pane.scroll_y == 1
        await pilot.press("down", "down", "k")
        assert pane.scroll_y == 2
        await pilot.press("up")
        assert pane.scroll_y == 1
        await pilot.press("space")
        assert pane.scroll_y == 1 + height - 1
        await pilot.press("b")
        assert pane.scroll_y == 1
        await pilot.press("pagedown")
        assert pane.scroll_y == height
        await pilot.press("pageup")
        assert pane.scroll_y == 1
        await pilot.press("ctrl+d")
        assert pane.scroll_y == 1 + height // 2
        await pilot.press("ctrl+u")
        assert pane.scroll_y == 1
        await pilot.press("G")
        assert pane.scroll_y == pane.max_scroll_y
        await pilot.press("g")
        assert pane.scroll_y == 0


async def test_next_and_previous_article_while_reading() -> None:
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        order = [entry.header.identity for entry in screen.article_list.entries]  # type: ignore[union-attr]
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.model.current.identity == order[0]  # type: ignore[union-attr]
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert screen.model.current.identity == order[1]  # type: ignore[union-attr]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(app, pilot)
        assert screen.model.current.identity == order[3]  # type: ignore[union-attr]
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert screen.model.current.identity == order[2]  # type: ignore[union-attr]
        assert screen.article_list.highlighted.identity == order[2]  # type: ignore[union-attr]


async def test_help_lists_every_binding_and_closes() -> None:
    async with run_reader() as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(line.text + " " + line.key for line in app.screen.lines)
        actions, _ = app.binding_table()
        from tui.i18n import action_description

        for action_id in actions:
            assert action_description(action_id) in text, action_id
        for key in ("j, ↓", "space", "ctrl+d", "]", "/"):
            assert key in text.replace("down", "↓") or key in text, key
        assert "a phrase" in text and "is:bookmarked" in text  # the query language
        assert app.screen.query_one(HelpText).lines == app.screen.lines
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_opens_with_ctrl_p() -> None:
    async with run_reader() as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")


async def test_q_quits() -> None:
    async with run_reader() as (app, pilot):
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
        assert app.return_code == 0


async def test_resize_relays_out_the_article() -> None:
    async with run_reader(size=(120, 30)) as (app, pilot):
        screen = main_screen(app)
        await pilot.press("enter")
        await settle(app, pilot)
        pane = screen.reader
        wide = pane.page.width
        rows_wide = len(pane.page.rows)
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        assert pane.page.width < wide
        assert len(pane.page.rows) > rows_wide
        article = screen.model.current
        assert article is not None
        for row in pane.page.rows:
            if row.line is not None:
                assert row.line.width <= pane.page.width


async def test_article_text_is_logical_for_copy() -> None:
    """Copying the whole article gives logical text, not presentation forms."""
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("c")
        copied = app.clipboard
        article = load_article(screen.article_list.highlighted)  # type: ignore[arg-type]
        assert copied == article.text
        assert not any("\ufb50" <= ch <= "\ufeff" for ch in copied)
