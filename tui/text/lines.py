"""The values the layout produces: a screen line with its logical↔visual maps, a paragraph.

Search hits, entity mentions, the cursor and selections are all logical offsets; these maps
put them on the cells that show those characters, and turn a clicked column back into an
offset.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum


class Mode(StrEnum):
    """Who does bidi: ``app`` (akhbar shapes and reorders) or ``terminal`` (it does)."""

    APP = "app"
    TERMINAL = "terminal"


@dataclass(frozen=True, slots=True)
class VisualLine:
    """One screen line: glyphs left to right, each tied to the logical text it shows.

    Attributes:
        glyphs: the text of each glyph in visual order: a base character (shaped, mirrored
            where needed) followed by its combining marks.
        starts: offset in the paragraph of the first logical character each glyph shows.
        ends: offset one past the last logical character each glyph shows.
        widths: columns each glyph takes (0 for a lone mark, 2 for a wide character).
        indent: blank columns before the first glyph (right alignment of RTL lines).
        start: offset in the paragraph where this line's logical text begins.
        end: offset where it ends (spaces at the break are on no line).
        rtl: direction of the paragraph.
    """

    glyphs: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    widths: tuple[int, ...]
    indent: int
    start: int
    end: int
    rtl: bool

    @property
    def text(self) -> str:
        """What the terminal must show, padding included."""
        return " " * self.indent + "".join(self.glyphs)

    @property
    def width(self) -> int:
        """Columns used, padding included."""
        return self.indent + sum(self.widths)

    def glyph_columns(self) -> list[int]:
        """Column at which each glyph starts."""
        columns = []
        column = self.indent
        for width in self.widths:
            columns.append(column)
            column += width
        return columns

    def column_of(self, offset: int) -> int | None:
        """Column of the glyph showing logical character *offset*, or None if none does."""
        for column, start, end in zip(self.glyph_columns(), self.starts, self.ends, strict=True):
            if start <= offset < end:
                return column
        return None

    def column_at_char(self, index: int) -> int:
        """Column of the *index*-th character of `text` (padding, then glyph characters;
        a combining mark is in its base's column). Past the end: the column after it."""
        if index < self.indent:
            return max(0, index)
        position, column = self.indent, self.indent
        for glyph, width in zip(self.glyphs, self.widths, strict=True):
            if index < position + len(glyph):
                return column
            position += len(glyph)
            column += width
        return column

    def offset_at(self, column: int) -> int | None:
        """Logical offset of the first character shown at *column*, or None (padding)."""
        columns = self.glyph_columns()
        index = bisect_right(columns, column) - 1
        if index < 0:
            return None
        if column >= columns[index] + max(self.widths[index], 1):
            return None
        return self.starts[index]

    def spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """Column ranges ``[from, to)`` of the glyphs that show any of ``[start, end)``.

        A logical span can be split on screen (an English name inside an Arabic line is
        one span logically but sits where the bidi algorithm puts it), so several
        ranges may come back, left to right and merged where adjacent.
        """
        ranges: list[tuple[int, int]] = []
        for column, width, g_start, g_end in zip(
            self.glyph_columns(), self.widths, self.starts, self.ends, strict=True
        ):
            if g_start < end and g_end > start:
                if ranges and ranges[-1][1] == column:
                    ranges[-1] = (ranges[-1][0], column + width)
                else:
                    ranges.append((column, column + width))
        return ranges


@dataclass(frozen=True, slots=True)
class ParagraphLayout:
    """A paragraph laid out at a width: its lines, top to bottom, in logical order."""

    text: str
    width: int
    mode: Mode
    rtl: bool
    lines: tuple[VisualLine, ...]

    def line_of(self, offset: int) -> int:
        """Index of the line whose logical range holds *offset* (the nearest line before a
        break space)."""
        starts = [line.start for line in self.lines]
        return max(0, bisect_right(starts, offset) - 1)

    def locate(self, offset: int) -> tuple[int, int] | None:
        """(line index, column) of the glyph showing logical *offset*, if it is drawn."""
        if not self.lines:
            return None
        index = self.line_of(offset)
        column = self.lines[index].column_of(offset)
        return None if column is None else (index, column)

    def spans(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """``(line index, from column, to column)`` for every screen piece of ``[start, end)``,
        also across line breaks."""
        pieces: list[tuple[int, int, int]] = []
        for index, line in enumerate(self.lines):
            if line.end <= start and line.end != line.start:
                continue
            if line.start >= end:
                break
            pieces.extend((index, a, b) for a, b in line.spans(start, end))
        return pieces
