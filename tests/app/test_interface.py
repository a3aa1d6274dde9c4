"""Interface options: Arabic interface mirrored, bidi mode toggle, no colour, narrow terminals."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.app.conftest import ARTICLES, main_screen, run_reader, settle
from tests.terminal.pty_capture import python_argv, start
from tui.app.screens.help import HelpScreen
from tui.app.widgets.lines import InfoLine
from tui.i18n import t
from tui.text.layout import Mode

SGR = re.compile(rb"\x1b\[([0-9;]*)m")


async def test_arabic_interface_is_translated_and_mirrored() -> None:
    async with run_reader(lang="ar", size=(100, 30)) as (app, pilot):
        screen = main_screen(app)
        sidebar = screen.query_one("#sidebar")
        pane = screen.reader
        # Sidebar on the right, reading pane on its left.
        assert sidebar.region.x > pane.region.x
        title_bar = screen.query_one("#title-bar", InfoLine)
        assert t("count.articles", "ar", n=5) in title_bar.right
        hints = screen.query_one("#hints", InfoLine)
        assert t("action.open", "ar") in hints.left
        # What is drawn is shaped: the Arabic count appears in presentation forms.
        drawn = title_bar.render_line(0).text
        assert any("\ufe70" <= ch <= "\ufefc" for ch in drawn)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(line.text for line in app.screen.lines)
        assert t("action.search", "ar") in text and t("action.quit", "ar") in text
        assert "Search" not in text.split("\n")[0]


async def test_bidi_toggle_switches_to_logical_unshaped_text() -> None:
    async with run_reader(size=(100, 30)) as (app, pilot):
        screen = main_screen(app)
        await pilot.press("enter")
        await settle(app, pilot)
        article = screen.model.current
        assert article is not None
        pane = screen.reader
        first = pane.page.rows[0].line
        assert (first is not None and first.indent > 0) or first.width == pane.page.width
        await pilot.press("t")
        await settle(app, pilot)
        assert app.bidi_mode is Mode.TERMINAL
        line = pane.page.rows[0].line
        assert line is not None
        # Logical order, base letters: the title's first words as stored.
        assert "".join(line.glyphs).startswith(article.title.split()[0])
        assert line.indent == 0
        await pilot.press("t")
        await settle(app, pilot)
        assert app.bidi_mode is Mode.APP


async def test_terminal_mode_from_the_command_line() -> None:
    async with run_reader(bidi="terminal") as (app, _):
        screen = main_screen(app)
        header = screen.article_list.entries[0].header
        assert header is not None
        drawn = screen.article_list.render_line(0).text
        assert header.title.split()[0] in drawn  # unshaped, logical


def test_no_color_reaches_the_terminal_without_colour(tmp_path: Path) -> None:
    """With NO_COLOR the real reader writes no colour codes; highlights stay bold/underline."""
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "NO_COLOR": "1",
        "AKHBAR_DATA_DIR": str(tmp_path / "data"),
        "AKHBAR_CACHE_DIR": str(tmp_path / "cache"),
        "AKHBAR_CONFIG_DIR": str(tmp_path / "config"),
    }
    run = start(python_argv("-m", "tui", str(ARTICLES)), env, 100, 30)
    run.wait_for(b"\x1b[?1049h")
    run.pump(2.5)
    run.type("\r")
    run.pump(2.5)
    run.type("q")
    assert run.finish() == 0
    parameters = [p for m in SGR.finditer(bytes(run.output)) for p in m.group(1).split(b";")]
    assert parameters, "no styling at all was written"
    # No foreground/background colour (30-38, 40-48, 90-107; 38/48 start 256-colour and
    # truecolour); 39 and 49 only say "the terminal's default colour".
    colours = [
        p
        for p in parameters
        if p.isdigit() and int(p) not in (39, 49) and (30 <= int(p) <= 48 or 90 <= int(p) <= 107)
    ]
    assert colours == []
    assert b"1" in parameters and b"4" in parameters  # bold (people) and underline (places)


async def test_works_at_80x24_and_sidebar_toggles() -> None:
    async with run_reader(size=(80, 24)) as (app, pilot):
        screen = main_screen(app)
        sidebar = screen.query_one("#sidebar")
        assert sidebar.region.width <= 30
        assert screen.reader.region.width >= 46
        await pilot.press("s")
        assert sidebar.has_class("-hidden")
        assert app.focused is screen.reader
        await pilot.press("s")
        assert not sidebar.has_class("-hidden")


async def test_key_overrides_from_the_config_file(isolated_dirs: Path) -> None:
    config = isolated_dirs / "config" / "config.toml"
    config.write_text('[keys]\ntoggle_bookmark = "x"\n', encoding="utf-8")
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        await pilot.press("x")
        highlighted = screen.article_list.highlighted
        assert highlighted is not None and highlighted.identity in screen.model.bookmarked
        await pilot.press("b")  # no longer bound
        assert highlighted.identity in screen.model.bookmarked


def test_unknown_action_or_clash_stops_with_a_clear_message(isolated_dirs: Path) -> None:
    import subprocess
    import sys

    config = isolated_dirs / "config" / "config.toml"
    env = {**os.environ}
    for text, expected in (
        ('[keys]\nsearhc = "s"\n', 'did you mean "search"'),
        ('[keys]\ntoggle_read = "q"\n', "already used by quit"),
    ):
        config.write_text(text, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "tui"], capture_output=True, text=True, env=env, timeout=60
        )
        assert result.returncode == 2
        assert str(config) in result.stderr and "line 2" in result.stderr
        assert expected in result.stderr
        assert "Traceback" not in result.stderr


async def test_a_sidebar_row_shows_the_day_of_a_long_stated_date() -> None:
    # The seed from موقع 24 states "19th, October 2023 GMT": too long for a narrow
    # sidebar, where it was cut mid-word. Its row shows the day instead (digits are LTR
    # inside the RTL row, so they read left to right in the cells too).
    async with run_reader(size=(80, 24)) as (app, _):
        screen = main_screen(app)
        entries = screen.article_list.entries
        (index,) = [i for i, e in enumerate(entries) if e.header and e.header.date]
        rows = [screen.article_list.render_line(y).text for y in range(2 * len(entries))]
        meta = rows[2 * index + 1]
        assert "2023-10-19" in meta
        assert "October" not in meta and "Octobe" not in meta


async def test_while_searching_a_narrow_row_keeps_its_match_count() -> None:
    # At 80 columns the row's second line holds little: the count of matches, what a
    # search result is about, comes first so the cut falls on the source and date.
    async with run_reader(size=(80, 24)) as (app, pilot):
        screen = main_screen(app)
        await pilot.press("slash")
        for ch in "لافروف":
            await pilot.press(ch)
        await settle(app, pilot)
        entries = screen.article_list.entries
        assert len(entries) == 5
        metas = [screen.article_list.render_line(2 * i + 1).text for i in range(len(entries))]
        for entry, meta in zip(entries, metas, strict=True):
            assert entry.hits is not None and entry.hits > 0
            assert f"{entry.hits} match" in meta, meta
