"""Lay out a paragraph for a terminal: wrap in logical order, then shape and reorder each line.

Terminals such as xterm, tmux and kitty draw cells left to right and never join letters, so
in mode ``app`` this module does what a bidi-aware renderer would (UAX #9 and Arabic
shaping) and hands the widget the exact cells to draw, plus maps between logical offsets
(what search hits, entities and selections are defined on) and screen columns.

The pipeline for a paragraph of logical text:

1. Base direction: the first strong character of the whole paragraph (rules P2–P3), so a
   wrapped line that starts with a Latin word or a number still belongs to an RTL paragraph.
2. Wrap in logical order at spaces, measuring each word after shaping (a lam-alef ligature
   is one column, harakat none); a word wider than the line is cut between glyphs.
3. For each line: resolve embedding levels with the paragraph's base direction, reset
   trailing whitespace (L1), reverse runs (L2), keep every mark after its base (L3: a
   terminal draws a combining mark on the cell before it), mirror brackets and guillemets
   at odd levels (L4).
4. Right-align RTL paragraphs, left-align LTR ones.

GNU FriBidi is the reference: each line equals what ``fribidi --nopad --nobreak
--reordernsm --rtl|--ltr`` prints for the same logical text (tests/text/test_fribidi.py).
Levels are resolved per line with the paragraph's direction, exactly as that command does.

Mode ``terminal`` is for terminals that do bidi themselves: logical order, unshaped,
wrapped to the width, no padding.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from tui.text.bidi_levels import MIRROR_TABLE, bidi_class, embedding_levels, paragraph_is_rtl
from tui.text.cells import char_width, is_mark
from tui.text.sanitize import sanitize_line
from tui.text.shaping import ShapedWord, shape_word

ELLIPSIS = "…"
#: Spaces a line may break at (not NBSP U+00A0, figure space U+2007, narrow NBSP U+202F).
_BREAK_SPACES = " \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
_TOKENS = re.compile(f"[{_BREAK_SPACES}]+|[^{_BREAK_SPACES}]+")
#: Characters rule L1 resets to the paragraph level at the end of a line.
_L1_CLASSES = frozenset({"WS", "FSI", "LRI", "RLI", "PDI", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"})


#: Invisible characters that hold a place in the visual order: implicit marks and isolates
#: (unlike the embedding controls and BN characters that rule X9 removes).
_UNDRAWN_ORDERED = re.compile("[\u200e\u200f\u061c\u2066-\u2069]")


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
        pieces = []
        for index, line in enumerate(self.lines):
            if line.end <= start and line.end != line.start:
                continue
            if line.start >= end:
                break
            pieces.extend((index, a, b) for a, b in line.spans(start, end))
        return pieces


@dataclass(slots=True)
class _Glyph:
    text: str
    start: int
    end: int
    width: int


@dataclass(slots=True)
class _Line:
    glyphs: list[_Glyph]
    start: int
    end: int
    width: int


def _word_glyphs(word: str, offset: int, mode: Mode) -> list[_Glyph]:
    shaped: ShapedWord = shape_word(word, mode is Mode.APP)
    return [
        _Glyph(g, s + offset, e + offset, w)
        for g, s, e, w in zip(shaped.glyphs, shaped.starts, shaped.ends, shaped.widths, strict=True)
    ]


def _cut_word(word: str, offset: int, width: int, mode: Mode) -> list[_Line]:
    """Cut a word wider than *width* between glyphs; each piece is shaped on its own, as
    it is drawn on its own line."""
    whole = shape_word(word, mode is Mode.APP)
    cuts: list[int] = []
    used = 0
    for start, w in zip(whole.starts, whole.widths, strict=True):
        if used and used + w > width:
            cuts.append(start)
            used = 0
        used += w
    bounds = [0, *cuts, len(word)]
    pieces = []
    for a, b in pairwise(bounds):
        glyphs = _word_glyphs(word[a:b], offset + a, mode)
        pieces.append(_Line(glyphs, offset + a, offset + b, sum(g.width for g in glyphs)))
    return pieces


def _attach_lone_marks(spaces: list[_Glyph], glyphs: list[_Glyph]) -> list[_Glyph]:
    """A word that starts with combining marks puts them on the space before it, as GNU
    FriBidi does (rule L3 keeps a mark after its base, and its base is that space).

    Modifies *spaces* in place; returns the word's remaining glyphs.
    """
    while glyphs and is_mark(glyphs[0].text[0]) and spaces and spaces[-1].end == glyphs[0].start:
        mark = glyphs.pop(0)
        last = spaces[-1]
        spaces[-1] = _Glyph(last.text + mark.text, last.start, mark.end, last.width)
    return glyphs


def _wrap(text: str, width: int, mode: Mode) -> list[_Line]:
    """Greedy line breaking in logical order; each line's glyphs stay in logical order.

    Spaces at a break belong to no line. Spaces at the very start of the paragraph are
    kept (indentation); spaces at its end are dropped.
    """
    lines: list[_Line] = []
    line: _Line | None = None
    pending: list[_Glyph] = []  # spaces since the last word of the current line
    for match in _TOKENS.finditer(text):
        token, offset = match.group(), match.start()
        if token[0] in _BREAK_SPACES:
            spaces = [
                _Glyph(ch, offset + i, offset + i + 1, char_width(ch)) for i, ch in enumerate(token)
            ]
            if line is None and not lines:
                line = _Line(spaces, offset, match.end(), sum(g.width for g in spaces))
            else:
                pending = spaces
            continue
        glyphs = _word_glyphs(token, offset, mode)
        word_width = sum(g.width for g in glyphs)
        gap = sum(g.width for g in pending)
        if line is not None and line.width + gap + word_width <= width:
            if pending:
                glyphs = _attach_lone_marks(pending, glyphs)
            elif line.end == offset:
                glyphs = _attach_lone_marks(line.glyphs, glyphs)
            line.glyphs += pending + glyphs
            line.end = match.end()
            line.width += gap + word_width
        else:
            if line is not None:
                lines.append(line)
            if word_width <= width:
                line = _Line(glyphs, offset, match.end(), word_width)
            else:
                *full, line = _cut_word(token, offset, width, mode)
                lines.extend(full)
        pending = []
    if line is not None:
        lines.append(line)
    return lines


def _visual_order(levels: list[int]) -> list[int]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every run of
    glyphs at that level or higher. Returns glyph indices in visual order."""
    order = list(range(len(levels)))
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    highest, lowest = max(levels), min(levels)
    if highest == lowest:
        return order[::-1]
    for level in range(highest, min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return order


def _reorder(text: str, line: _Line, rtl: bool) -> list[_Glyph]:
    """Rules L1–L4 for one line whose logical text is ``text[line.start:line.end]``."""
    levels = list(embedding_levels(text[line.start : line.end], rtl))
    # L1: whitespace and isolate/embedding controls at the end of the line take the
    # paragraph level.
    k = len(levels) - 1
    while k >= 0 and bidi_class(text[line.start + k]) in _L1_CLASSES:
        levels[k] = 1 if rtl else 0
        k -= 1
    glyphs = line.glyphs
    if _UNDRAWN_ORDERED.search(text, line.start, line.end):
        # Marks (LRM, RLM, ALM) and isolate controls are never drawn, but they take part in
        # rule L2: an RLM between two LTR runs keeps the runs apart. Reorder placeholders.
        glyphs = sorted(
            glyphs
            + [
                _Glyph("", m.start(), m.end(), 0)
                for m in _UNDRAWN_ORDERED.finditer(text, line.start, line.end)
            ],
            key=lambda g: g.start,
        )
    glyph_levels = [levels[g.start - line.start] for g in glyphs]
    visual = []
    for i in _visual_order(glyph_levels):  # L2
        glyph = glyphs[i]
        if not glyph.text:
            continue
        # L3 holds by construction: a glyph is a base followed by its marks.
        # L4: mirror brackets, parentheses, guillemets… resolved to an odd (RTL) level.
        mirror = MIRROR_TABLE.get(ord(glyph.text[0])) if glyph_levels[i] % 2 else None
        if mirror is not None:
            glyph = _Glyph(mirror + glyph.text[1:], glyph.start, glyph.end, glyph.width)
        visual.append(glyph)
    return visual


@lru_cache(maxsize=8192)
def layout_paragraph(
    text: str, width: int, mode: Mode = Mode.APP, rtl: bool | None = None
) -> ParagraphLayout:
    """Lay out one paragraph of logical text at *width* columns.

    Args:
        text: the paragraph (one logical line; control characters are made inert here too).
        width: the number of columns available (at least 1). A single glyph wider than
            the width (a CJK character at width 1) is still drawn, overflowing.
        mode: ``app`` to shape and reorder, ``terminal`` to leave that to the terminal.
        rtl: force the base direction; by default the paragraph's first strong character.

    Returns:
        The paragraph's lines, cached by (text, width, mode, rtl): an unchanged paragraph
        costs nothing to lay out again.
    """
    width = max(1, width)
    text = sanitize_line(text)
    is_rtl = paragraph_is_rtl(text) if rtl is None else rtl
    app = mode is Mode.APP
    lines = []
    for line in _wrap(text, width, mode):
        glyphs = _reorder(text, line, is_rtl) if app else line.glyphs
        indent = max(0, width - line.width) if (app and is_rtl) else 0
        lines.append(
            VisualLine(
                glyphs=tuple(g.text for g in glyphs),
                starts=tuple(g.start for g in glyphs),
                ends=tuple(g.end for g in glyphs),
                widths=tuple(g.width for g in glyphs),
                indent=indent,
                start=line.start,
                end=line.end,
                rtl=is_rtl,
            )
        )
    return ParagraphLayout(text, width, mode, is_rtl, tuple(lines))
