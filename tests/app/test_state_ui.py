"""Reader state in the UI: unread marks, bookmarks, reading position, sort, group, theme."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import main_screen, run_reader, settle
from tui.app.widgets.article_list import BOOKMARK_MARK, ROW_HEIGHT, UNREAD_MARK
from tui.state.store import ReaderState


def gutters(screen) -> list[str]:  # type: ignore[no-untyped-def]
    articles = screen.article_list
    return [articles.render_line(i * ROW_HEIGHT).text[:2] for i in range(len(articles.entries))]


async def test_read_three_bookmark_one_quit_and_everything_comes_back(tmp_path: Path) -> None:
    state = tmp_path / "state"
    async with run_reader(state_dir=state, size=(100, 30)) as (app, pilot):
        screen = main_screen(app)
        assert all(g[0] == UNREAD_MARK for g in gutters(screen))
        order = [e.header.identity for e in screen.article_list.entries]  # type: ignore[union-attr]
        # Read three articles; scroll into the second one.
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        await pilot.press("space", "space", "j")
        await settle(app, pilot)
        position = screen.reader.top_offset()
        assert position > 0
        second = screen.model.current
        assert second is not None
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        # Bookmark the third from the pane (B), check the list shows it.
        await pilot.press("B")
        await settle(app, pilot)
        assert f"{BOOKMARK_MARK}" in "".join(gutters(screen))
        marks = gutters(screen)
        assert [m[0] for m in marks] == [" ", " ", " ", UNREAD_MARK, UNREAD_MARK]
        await pilot.press("q")
    async with run_reader(state_dir=state, size=(80, 24)) as (app, pilot):
        screen = main_screen(app)
        assert [e.header.identity for e in screen.article_list.entries] == order  # type: ignore[union-attr]
        marks = gutters(screen)
        assert [m[0] for m in marks] == [" ", " ", " ", UNREAD_MARK, UNREAD_MARK]
        assert [m[1] for m in marks] == [" ", " ", BOOKMARK_MARK, " ", " "]
        # The second article reopens where it was left, even at another width.
        await pilot.press("j", "enter")
        await settle(app, pilot)
        assert screen.model.current is not None
        assert screen.model.current.identity == second.identity
        top = screen.reader.top_offset()
        row = screen.reader.row_of(position)
        assert screen.reader.scroll_y == row
        assert top <= position


async def test_m_toggles_read_and_n_jumps_to_unread(tmp_path: Path) -> None:
    async with run_reader(state_dir=tmp_path) as (app, pilot):
        screen = main_screen(app)
        articles = screen.article_list
        await pilot.press("m")  # mark the first read
        assert gutters(screen)[0][0] == " "
        await pilot.press("m")
        assert gutters(screen)[0][0] == UNREAD_MARK
        await pilot.press("j", "m", "j", "m")  # articles 2 and 3 read
        await pilot.press("g", "n")
        assert articles.cursor == 3  # the next unread after 1 skips 2 and 3
        await pilot.press("N")
        assert articles.cursor == 0


async def test_b_in_the_list_bookmarks_and_bookmarks_filter(tmp_path: Path) -> None:
    async with run_reader(state_dir=tmp_path) as (app, pilot):
        screen = main_screen(app)
        await pilot.press("j", "b")
        identity = screen.article_list.highlighted.identity  # type: ignore[union-attr]
        assert identity in screen.model.bookmarked
        screen.show_query("is:bookmarked")
        await settle(app, pilot)
        listed = [e.header.identity for e in screen.article_list.entries if e.header]
        assert listed == [identity]


async def test_sort_and_group_are_remembered(tmp_path: Path) -> None:
    async with run_reader(state_dir=tmp_path) as (app, pilot):
        screen = main_screen(app)
        assert screen.model.sort == "date"
        await pilot.press("o")
        assert screen.model.sort == "source"
        await pilot.press("O")
        headings = [e for e in screen.article_list.entries if e.is_heading]
        assert headings, "grouping by source adds headings"
        assert {e.label for e in headings} >= {"الشرق الأوسط"}
    async with run_reader(state_dir=tmp_path) as (app, _):
        screen = main_screen(app)
        assert screen.model.sort == "source"
        assert screen.model.group_by_source


async def test_theme_chosen_is_persisted(tmp_path: Path) -> None:
    async with run_reader(state_dir=tmp_path) as (app, pilot):
        app.theme = "akhbar-high-contrast"
        await pilot.pause()
    with ReaderState.open(tmp_path / "state.sqlite3") as state:
        assert state.setting("theme") == "akhbar-high-contrast"
    async with run_reader(state_dir=tmp_path) as (app, _):
        assert app.theme == "akhbar-high-contrast"
