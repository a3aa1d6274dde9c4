"""How many terminal columns a character takes, and which characters never become cells.

Terminals give combining marks (harakat) zero columns and attach them to the cell before;
East Asian wide and fullwidth characters take two; format characters (bidi controls, ZWJ,
ZWNJ, soft hyphen…) take none and are never emitted by the layout.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Characters the layout honours but never draws: every general category Cf character
#: (LRM/RLM/ALM, LRE…PDF, LRI…PDI, ZWJ/ZWNJ, ZWSP, word joiner, soft hyphen, BOM).
#: Controls (Cc) never reach the layout: `tui.text.sanitize` replaces them first.
INVISIBLE_CATEGORIES = frozenset({"Cf"})
MARK_CATEGORIES = frozenset({"Mn", "Me"})
WIDE = frozenset({"W", "F"})

#: Every general category Cf code point (Unicode 14, Python 3.11's unicodedata), as ranges;
#: tests/text/test_cells.py checks the list against unicodedata.
FORMAT_RANGES = (
    (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F),
    (0x890, 0x891), (0x8E2, 0x8E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip
#: Finds a format character in a string (to skip per-character work when there is none).
HAS_FORMAT = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in FORMAT_RANGES) + "]")


@lru_cache(maxsize=4096)
def is_invisible(ch: str) -> bool:
    """True for format characters: they steer bidi/joining but are never drawn."""
    return unicodedata.category(ch) in INVISIBLE_CATEGORIES


@lru_cache(maxsize=4096)
def is_mark(ch: str) -> bool:
    """True for combining marks, drawn in the cell of the base character before them."""
    return unicodedata.category(ch) in MARK_CATEGORIES


@lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    """Terminal columns taken by *ch*: 0 (marks, format characters), 2 (wide) or 1."""
    category = unicodedata.category(ch)
    if category in MARK_CATEGORIES or category in INVISIBLE_CATEGORIES:
        return 0
    if unicodedata.east_asian_width(ch) in WIDE:
        return 2
    return 1


def text_width(text: str) -> int:
    """Columns taken by *text* drawn as is (no shaping, no reordering)."""
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)
