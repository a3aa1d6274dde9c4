"""Entities in the reader: highlighted on exactly their cells, toggles, panel, jumps."""

from __future__ import annotations

from rich.segment import Segment

from tests.app.conftest import main_screen, run_reader, settle
from tui.app.widgets.reading_pane import MARGIN, ReadingPane


def cell_styles(pane: ReadingPane, row: int) -> list[tuple[str, bool, bool]]:
    """(text, bold, underline) for every cell of screen row *row* (relative to scroll)."""
    cells = []
    for segment in pane.render_line(row).crop(0, pane.size.width):
        assert isinstance(segment, Segment)
        style = segment.style
        for ch in segment.text:
            if ch and not (0x064B <= ord(ch) <= 0x065F):
                cells.append((ch, bool(style and style.bold), bool(style and style.underline)))
    return cells


async def open_first(app, pilot):  # type: ignore[no-untyped-def]
    screen = main_screen(app)
    # Sort by path so the first article is 000 (Moscow, Lavrov, Pyongyang…).
    while screen.model.sort != "path":
        await pilot.press("o")
    await pilot.press("g", "enter")
    await settle(app, pilot)
    return screen


async def test_mentions_are_styled_on_exactly_their_cells() -> None:
    async with run_reader(size=(100, 40)) as (app, pilot):
        screen = await open_first(app, pilot)
        pane = screen.reader
        mentions = pane.visible_mentions()
        assert mentions, "the tagger found nothing"
        checked = 0
        for row in range(pane.size.height):
            page_row = pane.page.rows[row]
            if page_row.line is None:
                continue
            block = pane.blocks[page_row.block]
            if block.kind.value != "body":
                continue  # title and metadata have their own base style
            line = page_row.line
            styled: dict[int, str] = {}  # column → entity kind expected there
            for span in mentions:
                for a, b in line.spans(span.start - block.offset, span.end - block.offset):
                    for column in range(a + MARGIN, b + MARGIN):
                        styled[column] = span.kind
            cells = cell_styles(pane, row)
            for column, (ch, bold, underline) in enumerate(cells):
                kind = styled.get(column)
                if kind is None:
                    assert (bold, underline) == (False, False), (row, column, ch)
                else:
                    expected = (kind in ("PERSON", "ORGANIZATION"), kind != "PERSON")
                    assert (bold, underline) == expected, (row, column, ch, kind)
            checked += len(set(styled.values()))
        assert checked >= 5


async def test_toggles_hide_highlighting() -> None:
    async with run_reader(size=(100, 40)) as (app, pilot):
        screen = await open_first(app, pilot)
        pane = screen.reader
        kinds = {span.kind for span in pane.visible_mentions()}
        assert {"PERSON", "LOCATION"} <= kinds
        await pilot.press("h")
        assert pane.visible_mentions() == []
        await pilot.press("h")
        await pilot.press("1")
        assert "PERSON" not in {s.kind for s in pane.visible_mentions()}
        assert "LOCATION" in {s.kind for s in pane.visible_mentions()}
        await pilot.press("1")
        assert "PERSON" in {s.kind for s in pane.visible_mentions()}


async def test_next_mention_key_scrolls_to_each_mention() -> None:
    async with run_reader(size=(80, 24)) as (app, pilot):
        screen = await open_first(app, pilot)
        pane = screen.reader
        mentions = pane.visible_mentions()
        last_row = pane.row_of(mentions[-1].start)
        assert last_row > pane.size.height  # the last mention starts off screen
        for _ in range(len(mentions)):
            await pilot.press("e")
        assert pane.current_mention == len(mentions) - 1
        top = int(pane.scroll_y)
        assert top <= last_row < top + pane.scrollable_content_region.height
        await pilot.press("E")
        assert pane.current_mention == len(mentions) - 2


async def test_entity_panel_lists_groups_and_jumps() -> None:
    async with run_reader(size=(100, 40)) as (app, pilot):
        screen = await open_first(app, pilot)
        await pilot.press("i")
        panel = screen.entity_panel
        assert app.focused is panel
        labels = [row.label for row in panel.rows]
        assert any("لافروف" in label for label in labels)
        headings = [row.label for row in panel.rows if row.is_heading]
        assert headings[0] in ("Person", "Place", "Organisation")
        # Move to the entity with most mentions and jump through them.
        best = max(
            (i for i, row in enumerate(panel.rows) if not row.is_heading),
            key=lambda i: len(panel.rows[i].spans),
        )
        panel.cursor = best
        row = panel.rows[best]
        await pilot.press("enter")
        await pilot.press("enter")
        pane = screen.reader
        second = row.spans[1][0]
        top = int(pane.scroll_y)
        assert top <= pane.row_of(second) < top + pane.scrollable_content_region.height
