"""Line breaking in logical order, word by word: a paragraph's glyphs, cut into lines.

Words are measured after shaping (a lam-alef ligature is one column, harakat none) and a
word wider than the line is cut between glyphs. Each line keeps its glyphs in logical
order with their logical offsets; `tui.text.layout` then reorders them for the screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from tui.text.cells import char_width, is_mark, text_width
from tui.text.lines import Mode
from tui.text.word_glyphs import ShapedWord, shape_word, shape_words

#: Spaces a line may break at (not NBSP U+00A0, figure space U+2007, narrow NBSP U+202F).
_BREAK_SPACES = " \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
_TOKENS = re.compile(f"[{_BREAK_SPACES}]+|[^{_BREAK_SPACES}]+")
#: Characters a word may start with and be wrapped by `wrap_plain`: none is a combining
#: mark (Arabic letters and digits, ASCII, guillemets, Arabic punctuation, dashes, quotes).
_PLAIN_START = (
    "\u0621-\u064a\u0660-\u066f\u0671-\u06d3!-~\u00ab\u00bb\u060c\u061b\u061f\u2010-\u2027"
)
_OTHER_BREAKS = _BREAK_SPACES.replace(" ", "")
#: What only the general `wrap` handles: space at either end, runs of spaces, other break
#: spaces, a word that may start with a combining mark.
NOT_PLAIN = re.compile(f"^ | $|  |[{_OTHER_BREAKS}]|(?:^| )[^{_PLAIN_START}]")


@dataclass(slots=True)
class LineGlyphs:
    """A line being built: its glyphs in logical order, as parallel lists."""

    texts: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)
    start: int = 0
    end: int = 0
    width: int = 0

    def add_word(self, shaped: ShapedWord, offset: int, skip: int = 0) -> None:
        """Append a shaped word found at *offset*, leaving out its first *skip* glyphs."""
        # A tuple sliced from 0 is the tuple itself: no copy when nothing is skipped.
        self.texts.extend(shaped.glyphs[skip:])
        self.starts.extend(map(offset.__add__, shaped.starts[skip:]))
        self.ends.extend(map(offset.__add__, shaped.ends[skip:]))
        self.widths.extend(shaped.widths[skip:])
        self.width += sum(shaped.widths[skip:]) if skip else shaped.width

    def add_spaces(self, spaces: str, offset: int) -> None:
        """Append break spaces found at *offset*."""
        if spaces == " ":  # nearly always: one space between words
            self.texts.append(" ")
            self.starts.append(offset)
            self.ends.append(offset + 1)
            self.widths.append(1)
            self.width += 1
            return
        for i, ch in enumerate(spaces):
            self.texts.append(ch)
            self.starts.append(offset + i)
            self.ends.append(offset + i + 1)
            w = char_width(ch)
            self.widths.append(w)
            self.width += w


def _lone_marks(shaped: ShapedWord) -> int:
    """How many glyphs at the start of *shaped* are combining marks with no base (0 or 1:
    consecutive marks form one glyph)."""
    return 1 if shaped.glyphs and is_mark(shaped.glyphs[0][0]) else 0


def _cut_word(word: str, offset: int, width: int, mode: Mode) -> list[LineGlyphs]:
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
    pieces = []
    for a, b in pairwise([0, *cuts, len(word)]):
        piece = LineGlyphs(start=offset + a, end=offset + b)
        piece.add_word(shape_word(word[a:b], mode is Mode.APP), offset + a)
        pieces.append(piece)
    return pieces


def wrap_plain(text: str, width: int, mode: Mode) -> list[LineGlyphs]:
    """`wrap` for the common paragraph: words separated by single spaces, none starting
    with a combining mark (`NOT_PLAIN` finds nothing). Same lines, less work per word."""
    words = text.split(" ")
    lines: list[LineGlyphs] = []
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    widths: list[int] = []
    start = end = used = offset = 0
    for word, shaped in zip(words, shape_words(words, mode is Mode.APP), strict=True):
        size = shaped.width
        if texts and used + 1 + size <= width:
            texts.append(" ")
            starts.append(offset - 1)
            ends.append(offset)
            widths.append(1)
            used += 1 + size
        else:
            if texts:
                lines.append(LineGlyphs(texts, starts, ends, widths, start, end, used))
            if size > width:
                *full, last = _cut_word(word, offset, width, mode)
                lines.extend(full)
                texts, starts, ends, widths = last.texts, last.starts, last.ends, last.widths
                start, end, used = last.start, last.end, last.width
                offset += len(word) + 1
                continue
            texts, starts, ends, widths = [], [], [], []
            start, used = offset, size
        texts.extend(shaped.glyphs)
        starts.extend(map(offset.__add__, shaped.starts))
        ends.extend(map(offset.__add__, shaped.ends))
        widths.extend(shaped.widths)
        end = offset + len(word)
        offset = end + 1
    if texts:
        lines.append(LineGlyphs(texts, starts, ends, widths, start, end, used))
    return lines


def wrap(text: str, width: int, mode: Mode) -> list[LineGlyphs]:
    """Greedy line breaking in logical order; each line's glyphs stay in logical order."""
    if text and NOT_PLAIN.search(text) is None:
        return wrap_plain(text, width, mode)
    return wrap_general(text, width, mode)


def wrap_general(text: str, width: int, mode: Mode) -> list[LineGlyphs]:
    """`wrap` for any paragraph.

    Spaces at a break belong to no line. Spaces at the very start of the paragraph are
    kept (indentation, up to the width); spaces at its end are dropped. A word that starts
    with combining marks puts them on the space before it, as GNU FriBidi does (rule L3
    keeps a mark after its base, and its base is that space).
    """
    lines: list[LineGlyphs] = []
    line: LineGlyphs | None = None
    pending: tuple[str, int] | None = None  # break spaces after the line's last word
    tokens = [(m.group(), m.start()) for m in _TOKENS.finditer(text)]
    words = [token for token, _ in tokens if token[0] not in _BREAK_SPACES]
    shaped_words = iter(shape_words(words, mode is Mode.APP))
    for token, offset in tokens:
        if token[0] in _BREAK_SPACES:
            if line is None and not lines:
                kept = ""
                for ch in token:
                    if text_width(kept + ch) > width:
                        break
                    kept += ch
                line = LineGlyphs(start=offset, end=offset + len(kept))
                line.add_spaces(kept, offset)
            else:
                pending = (token, offset)
            continue
        shaped = next(shaped_words)
        gap = text_width(pending[0]) if pending else 0
        if line is not None and line.width + gap + shaped.width <= width:
            if pending:
                line.add_spaces(*pending)
            skip = _lone_marks(shaped) if line.texts and line.texts[-1][0] in _BREAK_SPACES else 0
            if skip and line.ends[-1] == offset:
                line.texts[-1] += shaped.glyphs[0]
                line.ends[-1] = offset + shaped.ends[0]
            else:
                skip = 0
            line.add_word(shaped, offset, skip)
            line.end = offset + len(token)
        else:
            if line is not None:
                lines.append(line)
            if shaped.width <= width:
                line = LineGlyphs(start=offset, end=offset + len(token))
                line.add_word(shaped, offset)
            else:
                *full, line = _cut_word(token, offset, width, mode)
                lines.extend(full)
        pending = None
    if line is not None:
        lines.append(line)
    return lines
