"""How many terminal columns a character takes, and which characters never become cells.

Terminals give combining marks (harakat) zero columns and attach them to the cell before;
East Asian wide and fullwidth characters take two; format characters (bidi controls, ZWJ,
ZWNJ, soft hyphen…) take none and are never emitted by the layout.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Characters the layout honours but never draws: every general category Cf character
#: (LRM/RLM/ALM, LRE…PDF, LRI…PDI, ZWJ/ZWNJ, ZWSP, word joiner, soft hyphen, BOM).
#: Controls (Cc) never reach the layout: `tui.text.sanitize` replaces them first.
INVISIBLE_CATEGORIES = frozenset({"Cf"})
MARK_CATEGORIES = frozenset({"Mn", "Me"})
WIDE = frozenset({"W", "F"})


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
