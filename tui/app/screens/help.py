"""The help screen: every key binding, generated from the bindings themselves, and the query
language. Nothing is written twice, so it never goes stale."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget

from tui.app.strips import text_strip
from tui.i18n import Lang, action_description, t
from tui.text.layout import Mode

KEY_COLUMN = 18


@dataclass(frozen=True, slots=True)
class HelpLine:
    """A line of the help text: a heading, a key and its description, or plain text."""

    text: str
    key: str = ""
    heading: bool = False


def binding_lines(
    sections: list[tuple[str, list[BindingType]]],
    key_display: dict[str, str],
    lang: Lang,
) -> list[HelpLine]:
    """Help lines for *sections* of bindings (title, BINDINGS), skipping unnamed ones.

    Args:
        key_display: binding id → the key(s) as the user sees them, keymap applied.
    """
    lines: list[HelpLine] = []
    for title, bindings in sections:
        entries = [b for b in bindings if isinstance(b, Binding) and b.id]
        if not entries:
            continue
        lines.append(HelpLine(title, heading=True))
        seen: set[str] = set()
        for binding in entries:
            assert binding.id is not None
            if binding.id in seen:
                continue
            seen.add(binding.id)
            description = action_description(binding.id, lang) or binding.description
            lines.append(HelpLine(description, key=key_display.get(binding.id, binding.key)))
        lines.append(HelpLine(""))
    return lines


class HelpText(Widget):
    """Draws help lines; keys on the left, descriptions (maybe Arabic) shaped."""

    COMPONENT_CLASSES = {"help-text--heading", "help-text--key"}
    DEFAULT_CSS = """
    HelpText { height: auto; }
    HelpText > .help-text--heading { color: $accent; text-style: bold; }
    HelpText > .help-text--key { color: $secondary; text-style: bold; }
    """

    def __init__(self, lines: list[HelpLine], mode: Mode, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lines = lines
        self.mode = mode

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.lines)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y >= len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[y]
        if line.heading:
            return text_strip(
                line.text,
                width,
                base + self.get_component_rich_style("help-text--heading"),
                mode=self.mode,
            )
        if not line.key:
            return text_strip(line.text, width, base, mode=self.mode, align_right=False)
        key = text_strip(
            line.key,
            KEY_COLUMN,
            base + self.get_component_rich_style("help-text--key"),
            align_right=False,
        )
        text = text_strip(
            line.text, max(1, width - KEY_COLUMN), base, mode=self.mode, align_right=False
        )
        return Strip.join([key, text])


class HelpScreen(ModalScreen[None]):
    """Lists every binding and the query language; any of Esc, q, ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="close_help"),
        Binding("j,down", "scroll_down", show=False),
        Binding("k,up", "scroll_up", show=False),
        Binding("space,pagedown", "page_down", show=False),
        Binding("b,pageup", "page_up", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 90%; max-width: 100; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
        overflow-y: auto;
    }
    """

    def __init__(self, lines: list[HelpLine], title: str, mode: Mode) -> None:
        super().__init__()
        self.lines = lines
        self.help_title = title
        self.mode = mode

    def compose(self) -> ComposeResult:
        with Vertical(id="help-body") as body:
            body.border_title = self.help_title
            yield HelpText(self.lines, self.mode, id="help-text")

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body").scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#help-body").scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.query_one("#help-body").scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.query_one("#help-body").scroll_page_up(animate=False)


def help_title(lang: Lang) -> str:
    """The help screen's title in *lang*."""
    return t("help.title", lang)
