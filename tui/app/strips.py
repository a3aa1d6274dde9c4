"""Turn laid-out lines (`tui.text.layout.VisualLine`) into Textual strips, styles applied per glyph.

The layout module decides every cell; this module only colours them. Text reaches Rich as
plain segments (never markup), so ``[bold]`` in an article is shown as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.text.layout import Mode, VisualLine, fit_line, layout_paragraph


class StyledRange(NamedTuple):
    """Logical characters [start, end) of a line drawn with *style* added to the base.

    A glyph belongs to the range if it shows one of those characters, or with *by_start*
    only if its first character is one of them (a selection starting inside a ligature).
    """

    start: int
    end: int
    style: Style
    by_start: bool = False


def line_strip(
    line: VisualLine | None,
    width: int,
    base: Style,
    ranges: Sequence[StyledRange] = (),
    *,
    row: int | None = None,
    left: int = 0,
) -> Strip:
    """A strip of exactly *width* cells showing *line*.

    Args:
        line: the laid-out line (None for a blank line).
        width: cells of the strip (padding added or content cropped to fit).
        base: style of every cell.
        ranges: logical ranges drawn with a style added (in the line's own offsets);
            where several cover a glyph, their styles are added in this order.
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
        glyphs = line.glyphs
        if not ranges:  # one style: one segment (most rows)
            if glyphs:
                segments.append(Segment("".join(glyphs), _meta(base, index, row)))
            return Strip(segments).crop_extend(0, width, base)
        marks = _range_marks(line, ranges)
        styles: dict[int, Style] = {}
        count = len(glyphs)
        i = 0
        while i < count:
            mark = marks[i]
            j = i + 1
            while j < count and marks[j] == mark:
                j += 1
            style = styles.get(mark)
            if style is None:
                style = styles[mark] = sum(
                    (r.style for bit, r in enumerate(ranges) if mark >> bit & 1), base
                )
            text = "".join(glyphs[i:j])
            segments.append(Segment(text, _meta(style, index, row)))
            index += len(text)
            i = j
    return Strip(segments).crop_extend(0, width, base)


def _range_marks(line: VisualLine, ranges: Sequence[StyledRange]) -> list[int]:
    """Per glyph, a bit mask of the *ranges* it belongs to (bit i: ``ranges[i]``)."""
    marks = [0] * len(line.glyphs)
    starts, ends = line.starts, line.ends
    for bit, (low, high, _, by_start) in enumerate(ranges):
        flag = 1 << bit
        if by_start:
            inside = [i for i, start in enumerate(starts) if low <= start < high]
        else:
            pairs = enumerate(zip(starts, ends, strict=True))
            inside = [i for i, (start, end) in pairs if start < high and end > low]
        for i in inside:
            marks[i] |= flag
    return marks


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
