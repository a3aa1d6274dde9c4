"""The filter box: a one-line query editor whose Arabic is shaped and in reading order.

Textual's Input draws characters in logical order, unshaped; this box keeps the logical
query and cursor and asks the layout module how to draw them, like every other text in the
reader. The cursor is a logical offset; Left/Right move it in the visual direction of the
text (in an RTL query, Left moves towards the end).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tui.app.strips import join_strips, line_strip, text_strip
from tui.text.bidi_levels import paragraph_is_rtl
from tui.text.layout import Mode, VisualLine, layout_paragraph

PROMPT = "/ "


class FilterBox(Widget, can_focus=True):
    """Edits the query; posts `Changed` on every keystroke.

    Esc and Enter run the screen's ``close_search`` and ``search_done`` actions rather than
    posting a message for it to handle later: they move the focus away from the box, and
    that has to happen while the key is handled. Keys typed quickly arrive together and
    each is matched against the bindings of whatever has focus when its turn comes; had the
    box still focus then, the second Enter of ``/ query Enter Enter`` would be taken as
    another "back to the list" instead of opening the first hit.
    """

    BINDINGS = [
        Binding("escape", "screen.close_search", "Clear search", id="close_search"),
        Binding("enter", "screen.search_done", "Back to the list", id="search_done", show=False),
        Binding("backspace", "delete_back", show=False),
        Binding("delete", "delete_forward", show=False),
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
        Binding("home,ctrl+a", "to_start", show=False),
        Binding("end,ctrl+e", "to_end", show=False),
        Binding("ctrl+u", "clear", show=False),
    ]
    COMPONENT_CLASSES = {"filter-box--cursor", "filter-box--prompt", "filter-box--error"}
    DEFAULT_CSS = """
    FilterBox {
        height: 1;
        background: $boost;
    }
    FilterBox > .filter-box--cursor { text-style: reverse; }
    FilterBox > .filter-box--prompt { color: $accent; text-style: bold; }
    FilterBox > .filter-box--error { color: $error; }
    """

    value: reactive[str] = reactive("", always_update=True)

    @dataclass
    class Changed(Message):
        """The query text changed."""

        value: str

    def __init__(self, *, mode: Mode = Mode.APP, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.cursor = 0
        self.mode = mode

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character.isprintable()

    def on_key(self, event: events.Key) -> None:
        if event.character is not None and event.character.isprintable():
            event.stop()
            event.prevent_default()
            self.insert(event.character)

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.insert(" ".join(event.text.split()))

    def insert(self, text: str) -> None:
        """Insert *text* at the cursor."""
        self.value = self.value[: self.cursor] + text + self.value[self.cursor :]
        self.cursor += len(text)

    def set_value(self, value: str) -> None:
        """Replace the query (e.g. from an entity filter) with the cursor at its end."""
        self.cursor = len(value)
        self.value = value

    def watch_value(self, value: str) -> None:
        self.refresh()
        self.post_message(self.Changed(value))

    def action_delete_back(self) -> None:
        if self.cursor > 0:
            self.cursor -= 1
            self.value = self.value[: self.cursor] + self.value[self.cursor + 1 :]

    def action_delete_forward(self) -> None:
        if self.cursor < len(self.value):
            self.value = self.value[: self.cursor] + self.value[self.cursor + 1 :]

    def action_move(self, visual_step: int) -> None:
        rtl = self.mode is Mode.APP and paragraph_is_rtl(self.value)
        step = -visual_step if rtl else visual_step
        self.cursor = max(0, min(len(self.value), self.cursor + step))
        self.refresh()

    def action_to_start(self) -> None:
        self.cursor = 0
        self.refresh()

    def action_to_end(self) -> None:
        self.cursor = len(self.value)
        self.refresh()

    def action_clear(self) -> None:
        self.set_value("")

    def cursor_column(self, line: VisualLine) -> int:
        """Column (within the text area) where the cursor is drawn."""
        column = line.column_of(self.cursor) if self.cursor < len(self.value) else None
        if column is not None:
            return column
        if not line.glyphs:
            return line.indent
        rtl = line.rtl and self.mode is Mode.APP
        return line.indent - 1 if rtl else line.width

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y > 0:
            return Strip.blank(width, base)
        prompt_style = base + self.get_component_rich_style("filter-box--prompt")
        prompt = text_strip(PROMPT, len(PROMPT), prompt_style)
        area = max(2, width - len(PROMPT))
        line = self._line(area)
        column = self.cursor_column(line) if self.has_focus else -1
        cursor_style = self.get_component_rich_style("filter-box--cursor")
        strip = line_strip(line, area, base)
        if 0 <= column < area:
            strip = strip.crop_extend(0, area, base)
            strip = Strip.join(
                [
                    strip.crop(0, column),
                    strip.crop(column, column + 1).apply_style(cursor_style)
                    if column < strip.cell_length
                    else Strip.blank(1, base + cursor_style),
                    strip.crop(column + 1, area),
                ]
            )
            if strip.cell_length < area:
                strip = strip.crop_extend(0, area, base)
        return join_strips([(prompt, len(PROMPT)), (strip, area)])

    def _line(self, area: int) -> VisualLine:
        """The query laid out on one line, leaving a column for the cursor at the end."""
        text = self.value
        rtl = paragraph_is_rtl(text)
        layout = layout_paragraph(text, max(1, 4 * len(text) + area), self.mode)
        if not layout.lines:
            return VisualLine(
                (), (), (), (), area - 1 if rtl and self.mode is Mode.APP else 0, 0, 0, rtl
            )
        (line,) = layout.lines
        used = sum(line.widths)
        # RTL: right-aligned, with a free column on the left for the cursor at the end.
        indent = max(1, area - used) if self.mode is Mode.APP and rtl else 0
        return VisualLine(
            line.glyphs, line.starts, line.ends, line.widths, indent, line.start, line.end, rtl
        )

    @property
    def style_for_error(self) -> Style:
        """Style of the inline error text."""
        return self.get_component_rich_style("filter-box--error")
