"""One-line bars (title bar, status line, key hints) whose text is drawn through the layout."""

from __future__ import annotations

from textual.strip import Strip
from textual.widget import Widget

from tui.app.strips import join_strips, text_strip
from tui.text.layout import Mode


class InfoLine(Widget):
    """A single line with a left part and a right part (swapped when the interface is RTL).

    Both parts are interface text that may be Arabic (article titles, `--lang ar` labels),
    so they are shaped and reordered like everything else.
    """

    DEFAULT_CSS = """
    InfoLine {
        height: 1;
        background: $panel;
        color: $text;
    }
    """

    def __init__(self, *, mode: Mode = Mode.APP, mirrored: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.left = ""
        self.right = ""
        self.mode = mode
        self.mirrored = mirrored

    def show(self, left: str, right: str = "") -> None:
        """Set the texts and redraw."""
        if (left, right) != (self.left, self.right):
            self.left, self.right = left, right
            self.refresh()

    def set_mode(self, mode: Mode, mirrored: bool) -> None:
        """Bidi mode or interface direction changed."""
        self.mode, self.mirrored = mode, mirrored
        self.refresh()

    def plain_text(self) -> str:
        """Both parts, logical text (for tests)."""
        return f"{self.left} | {self.right}"

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y > 0 or width <= 0:
            return Strip.blank(width, base)
        right_width = min(width // 2, max(0, len(self.right) + 1)) if self.right else 0
        left_width = width - right_width
        first, second = self.left, self.right
        if self.mirrored:
            first, second = second, first
            left_width, right_width = right_width, left_width
        left = text_strip(first, left_width, base, mode=self.mode, align_right=False)
        right = text_strip(second, right_width, base, mode=self.mode, align_right=True)
        return join_strips([(left, left_width), (right, right_width)])
