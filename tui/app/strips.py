"""Turn laid-out lines (`tui.text.layout.VisualLine`) into Textual strips, styles applied per glyph.

The layout module decides every cell; this module only colours them. Text reaches Rich as
plain segments (never markup), so ``[bold]`` in an article is shown as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.text.layout import Mode, VisualLine, fit_line, layout_paragraph

#: Style of one glyph given its logical [start, end) range, or None for the line's base style.
GlyphStyler = Callable[[int, int], Style | None]


def line_strip(
    line: VisualLine | None,
    width: int,
    base: Style,
    styler: GlyphStyler | None = None,
    *,
    offset: int = 0,
    row: int | None = None,
    left: int = 0,
) -> Strip:
    """A strip of exactly *width* cells showing *line*.

    Args:
        line: the laid-out line (None for a blank line).
        width: cells of the strip (padding added or content cropped to fit).
        base: style of every cell.
        styler: extra style per glyph from its logical range (shifted by *offset*).
        offset: added to the glyphs' logical offsets before calling *styler* (a block's
            position in the article text).
        row: when given, segments carry Textual's selection metadata ``offset=(character
            index in the line, row)`` so a mouse selection can be mapped back to logical
            text (see `VisualLine.column_at_char`).
        left: blank cells before the line (margin).
    """
    segments: list[Segment] = []
    if left:
        segments.append(Segment(" " * left, base))
    if line is not None:
        # Glyphs of one style go out as one segment: Textual writes a style change per
        # segment, and a link of a few kB/s feels every byte. The selection metadata is
        # the *character* index where the segment starts (Textual adds the index within
        # the segment); VisualLine.column_at_char turns it back into a column.
        index = 0
        if line.indent:
            segments.append(Segment(" " * line.indent, _meta(base, 0, row)))
            index = line.indent
        if styler is None:  # one style: one segment (most rows)
            if line.glyphs:
                segments.append(Segment("".join(line.glyphs), _meta(base, index, row)))
            return Strip(segments).crop_extend(0, width, base)
        run: list[str] = []
        run_style = base
        run_start = index
        for glyph, start, end in zip(line.glyphs, line.starts, line.ends, strict=True):
            style = base
            extra = styler(start + offset, end + offset)
            if extra is not None:
                style = base + extra
            if style != run_style and run:
                segments.append(Segment("".join(run), _meta(run_style, run_start, row)))
                run, run_start = [], index
            run_style = style
            run.append(glyph)
            index += len(glyph)
        if run:
            segments.append(Segment("".join(run), _meta(run_style, run_start, row)))
    strip = Strip(segments)
    return strip.crop_extend(0, width, base)


def _meta(style: Style, index: int, row: int | None) -> Style:
    if row is None:
        return style
    return style + Style.from_meta({"offset": (index, row)})


def text_strip(
    text: str,
    width: int,
    base: Style,
    *,
    mode: Mode = Mode.APP,
    align_right: bool | None = None,
) -> Strip:
    """One line of interface text (a label, a status): shaped, reordered, cut with an ellipsis.

    Args:
        align_right: force right alignment; default: right for RTL text.
    """
    line = fit_line(text, width, mode)
    if align_right is not None:
        used = sum(line.widths)
        indent = max(0, width - used) if align_right else 0
        line = VisualLine(
            line.glyphs, line.starts, line.ends, line.widths, indent, line.start, line.end, line.rtl
        )
    return line_strip(line, width, base)


def visual_lines(text: str, width: int, mode: Mode = Mode.APP) -> list[str]:
    """*text* wrapped at *width* as the plain strings a terminal must show, padding included.

    For places that take ready-made text (notifications, the command palette).
    """
    return [line.text for line in layout_paragraph(text, max(1, width), mode).lines]


def visual_text(text: str, width: int, mode: Mode = Mode.APP) -> str:
    """`visual_lines` joined by newlines."""
    return "\n".join(visual_lines(text, width, mode))


def join_strips(parts: Sequence[tuple[Strip, int]]) -> Strip:
    """Lay strips side by side, each cropped or padded to its width."""
    return Strip.join([strip.crop_extend(0, width, None) for strip, width in parts])
