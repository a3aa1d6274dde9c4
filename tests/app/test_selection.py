"""Selecting with the mouse in the reading pane copies logical text, in reading order."""

from __future__ import annotations

from textual.selection import Selection

from tests.app.conftest import main_screen, run_reader, settle
from tui.app.widgets.reading_pane import MARGIN


async def test_selection_of_rtl_words_copies_logical_text() -> None:
    async with run_reader(size=(100, 30)) as (app, pilot):
        screen = main_screen(app)
        await pilot.press("enter")
        await settle(app, pilot)
        pane = screen.reader
        article = screen.model.current
        assert article is not None
        line = pane.page.rows[0].line  # the title's first line
        assert line is not None and line.rtl
        words = article.title.split()
        second_end = len(words[0]) + 1 + len(words[1])
        # Screen points: the rightmost cell (the title's first letter) and the cell that
        # shows the last letter of the second word.
        x0 = pane.region.x + MARGIN + line.column_of(0)  # type: ignore[operator]
        x1 = pane.region.x + MARGIN + line.column_of(second_end - 1)  # type: ignore[operator]
        y = pane.region.y
        widget, first = app.screen.get_widget_and_offset_at(x0, y)
        _, last = app.screen.get_widget_and_offset_at(x1, y)
        assert widget is pane and first is not None and last is not None
        # Textual orders the points left to right; logically the selection runs right to left.
        app.screen.selections = {pane: Selection.from_offsets(first, last)}
        await pilot.pause()
        assert app.screen.get_selected_text() == article.title[:second_end]
        await pilot.press("ctrl+c")
        assert app.clipboard == article.title[:second_end]
        # The selected cells are drawn selected, and only those.
        selected_style = pane.get_component_rich_style("reading-pane--selection")
        cells = []
        for segment in pane.render_line(0):
            for ch in segment.text:
                on = segment.style is not None and segment.style.bgcolor == selected_style.bgcolor
                cells.append((ch, on))
        marked = "".join(ch for ch, on in cells if on)
        # One cell per glyph of the two words and the space (ﻻ is one cell for two letters).
        assert len(marked) == sum(1 for start in line.starts if start < second_end)
        assert len(marked) == second_end - 1
