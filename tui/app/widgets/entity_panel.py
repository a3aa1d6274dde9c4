"""The entity panel: the open article's people, places and organisations, grouped, with counts.

A Line-API list like the sidebar: names are shaped and right-aligned like every Arabic text.
Enter jumps the reading pane to the entity's next mention; `f` filters the sidebar to every
article that mentions it (any spelling).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.strips import join_strips, line_strip, text_strip
from tui.entity_list import EntityRow
from tui.text.layout import Mode, fit_line


class EntityPanel(ScrollView, can_focus=True):
    """Lists entities; posts `Jump` (Enter) and `Filter` (`f`)."""

    ALLOW_SELECT = False
    BINDINGS = [
        Binding("j,down", "move(1)", "Down", id="entity_down", show=False),
        Binding("k,up", "move(-1)", "Up", id="entity_up", show=False),
        Binding("enter", "jump", "Next mention", id="entity_jump"),
        Binding("f", "filter", "Filter by entity", id="filter_entity"),
    ]
    COMPONENT_CLASSES = {
        "entity-panel--cursor",
        "entity-panel--heading",
        "entity-panel--count",
        "entity-panel--person",
        "entity-panel--location",
        "entity-panel--organization",
    }
    DEFAULT_CSS = """
    EntityPanel { background: $surface; scrollbar-gutter: stable; }
    EntityPanel > .entity-panel--cursor { background: $block-cursor-blurred-background; }
    EntityPanel:focus > .entity-panel--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    EntityPanel > .entity-panel--heading { color: $accent; text-style: bold underline; }
    EntityPanel > .entity-panel--count { color: $text-muted; }
    EntityPanel > .entity-panel--person { color: $entity-person; text-style: bold; }
    EntityPanel > .entity-panel--location { color: $entity-location; text-style: underline; }
    EntityPanel > .entity-panel--organization {
        color: $entity-organization; text-style: bold underline;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Jump(Message):
        """Move the reading pane to the next mention of this entity after the last jump."""

        row: EntityRow
        index: int

    @dataclass
    class Filter(Message):
        """Filter the sidebar to articles mentioning this entity."""

        row: EntityRow

    def __init__(self, *, mode: Mode = Mode.APP, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[EntityRow] = []
        self.mode = mode
        self._next_mention: dict[str, int] = {}

    def set_rows(self, rows: list[EntityRow]) -> None:
        """Show *rows* (headings and entities)."""
        self.rows = rows
        self._next_mention.clear()
        size = Size(self.size.width, len(rows))
        if self.display:
            self.virtual_size = size
        else:  # hidden (the usual case): no layout of the whole screen; showing it lays it out
            self.set_reactive(EntityPanel.virtual_size, size)
        first = next((i for i, row in enumerate(rows) if not row.is_heading), 0)
        self.cursor = first
        self.refresh()

    @property
    def selected(self) -> EntityRow | None:
        """The entity under the cursor."""
        if 0 <= self.cursor < len(self.rows) and not self.rows[self.cursor].is_heading:
            return self.rows[self.cursor]
        return None

    def watch_cursor(self, new: int) -> None:
        self.scroll_to_region(Region(0, new, self.size.width, 1), animate=False, force=True)
        self.refresh()

    def action_move(self, step: int) -> None:
        index = self.cursor + step
        while 0 <= index < len(self.rows) and self.rows[index].is_heading:
            index += step
        if 0 <= index < len(self.rows):
            self.cursor = index

    def action_jump(self) -> None:
        row = self.selected
        if row is None or not row.spans:
            return
        index = self._next_mention.get(row.key, 0) % len(row.spans)
        self._next_mention[row.key] = index + 1
        self.post_message(self.Jump(row, index))

    def action_filter(self) -> None:
        row = self.selected
        if row is not None:
            self.post_message(self.Filter(row))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("entity-panel--cursor")
        if row.is_heading:
            heading = style + self.get_component_rich_style("entity-panel--heading")
            return text_strip(row.label, width, heading, mode=self.mode)
        count = f"{len(row.spans)}"
        count_width = len(count) + 1
        name_width = max(1, width - count_width)
        kind_style = self.get_component_rich_style(f"entity-panel--{row.kind.lower()}")
        name = line_strip(
            fit_line(row.label, name_width, self.mode), name_width, style + kind_style
        )
        counter = text_strip(
            count, count_width, style + self.get_component_rich_style("entity-panel--count")
        )
        return join_strips([(counter, count_width), (name, name_width)])
