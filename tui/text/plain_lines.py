"""Plain paragraphs: shaped once as one string, wrapped by arithmetic on its slices.

Most news paragraphs are words of letters, digits and punctuation separated by single
spaces, with a few harakat and no invisible characters. Shaped, such a paragraph is one
string of glyph bases, one column each, in logical order: base i shows logical letter i
and the harakat after it, except that each lam-alef ligature (U+FEF5–U+FEFC) shows two
letters. Its lines are ranges of that string, so the layout slices them instead of
building a glyph object per word, which is most of the cost of a first layout.

The harakat are set aside before shaping: the reshaper skips them when it joins letters
(they are transparent), and puts them back after their letter, as is done here. The one
exception, a haraka between lam and alef (FriBidi then does not ligate), is left to the
general layout.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import NamedTuple

from tui.text.shaping import shape_plain

#: The harakat a plain paragraph may hold: combining marks the reshaper skips when joining.
MARKS = "\u0610-\u061a\u064b-\u065f\u0670"
_MARK_RUNS = re.compile(f"[{MARKS}]+")
_MARK_BETWEEN_LAM_AND_ALEF = re.compile(f"\u0644[{MARKS}]+[\u0622\u0623\u0625\u0627]")
_LAM_ALEF = re.compile("[\ufef5-\ufefc]")
#: Byte value + 1: a letter's logical length from the count of harakat after it.
_PLUS_ONE = bytes((value + 1) & 0xFF for value in range(256))
_MAX_MARKS_PER_LETTER = 254


class PlainParagraph(NamedTuple):
    """A plain paragraph shaped for the layout.

    Attributes:
        bases: the shaped glyph bases, one character (and one column) per glyph.
        glyphs: the glyphs' texts: *bases* itself when there are no harakat, else a list of
            base-plus-harakat strings.
        bounds: logical offset of the first character each glyph shows, then the text's
            length: glyph i shows ``text[bounds[i]:bounds[i + 1]]`` (every character of a
            plain paragraph is shown by one glyph, in logical order).
    """

    bases: str
    glyphs: str | list[str]
    bounds: Sequence[int]


def plain_paragraph(text: str) -> PlainParagraph | None:
    """*text* shaped as a plain paragraph; None if it is not one (other characters than
    `tui.text.shaping.shape_plain` takes and harakat, or a haraka between lam and alef).

    The caller has checked the spacing: single spaces, none at either end, no word
    starting with a mark.
    """
    runs = list(_MARK_RUNS.finditer(text))
    if not runs:
        shaped = shape_plain(text)
        if shaped is None:
            return None
        return PlainParagraph(shaped, shaped, _first_letters(shaped) or range(len(text) + 1))
    if _MARK_BETWEEN_LAM_AND_ALEF.search(text):
        return None
    letters = _MARK_RUNS.sub("", text)
    shaped = shape_plain(letters)
    if shaped is None:
        return None
    # Logical extent of each letter: itself and the harakat after it.
    after = bytearray(len(letters))
    removed = 0
    for run in runs:
        letter, count = run.start() - removed - 1, run.end() - run.start()
        if letter < 0 or count > _MAX_MARKS_PER_LETTER:
            return None
        after[letter] = count
        removed += count
    letter_bounds = list(accumulate(after.translate(_PLUS_ONE), initial=0))
    first_letters = _first_letters(shaped)
    bounds = letter_bounds
    if first_letters is not None:
        bounds = list(map(letter_bounds.__getitem__, first_letters))
    glyphs = list(shaped)
    removed = 0
    for run in runs:
        letter = run.start() - removed - 1
        glyph = letter if first_letters is None else bisect_right(first_letters, letter) - 1
        glyphs[glyph] += run.group()
        removed += run.end() - run.start()
    return PlainParagraph(shaped, glyphs, bounds)


def _first_letters(shaped: str) -> list[int] | None:
    """The first letter each glyph of *shaped* shows, then the count of letters (a lam-alef
    ligature shows two); None when there is no ligature (glyph i is letter i)."""
    ligatures = [match.start() for match in _LAM_ALEF.finditer(shaped)]
    if not ligatures:
        return None
    advances = bytearray(b"\x01") * len(shaped)
    for index in ligatures:
        advances[index] = 2
    return list(accumulate(advances, initial=0))


def plain_lines(bases: str, width: int) -> list[tuple[int, int]] | None:
    """Greedy line breaking of a plain paragraph's glyph *bases* at *width* columns: glyph
    ranges ``[first, end)``, the same breaks as `tui.text.layout`'s word-by-word wrap (a word
    joins the line if it fits after one space; the space at a break is on no line).

    None if a word is wider than the line (the general wrap cuts it between glyphs).
    """
    lines: list[tuple[int, int]] = []
    first = used = at = 0  # the line's first glyph, columns used, the word's first glyph
    for size in map(len, bases.split(" ")):
        if size > width:
            return None
        if at == first:  # the line's first word
            used = size
        elif used + 1 + size <= width:
            used += 1 + size
        else:
            lines.append((first, at - 1))  # (at - 1: the space before this word)
            first, used = at, size
        at += size + 1
    lines.append((first, at - 1))
    return lines
