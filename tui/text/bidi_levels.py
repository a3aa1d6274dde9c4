"""Unicode Bidirectional Algorithm levels: a typed facade over python-bidi.

This is the only module that imports `bidi`. python-bidi ≥ 0.5 wraps the Rust crate
unicode-bidi, a complete UAX #9 implementation (explicit embeddings and isolates, bracket
pairs N0), but its public API returns only the reordered string: no levels, no L3 (marks
after their base) and no L4 (mirroring), and a reordered string alone cannot give the
logical↔visual maps the reader needs. Its ``debug=True`` output does carry the resolved
levels (one per UTF-8 byte), so we read them from there and apply rules L1–L4 ourselves in
`tui.text.layout`. A test pins the debug format; if a python-bidi release changes it,
`LevelsUnavailable` is raised rather than a wrong picture drawn.

Most Arabic news lines need none of this: a line of an RTL paragraph holding only Arabic
letters, harakat, spaces and punctuation (no Latin, no digits, no explicit controls)
resolves to level 1 throughout, and a line of an LTR paragraph with no right-to-left or
Arabic-number characters to level 0. `embedding_levels` answers those from a
precomputed character class without calling python-bidi.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bidi import get_base_level, get_display
from bidi.mirror import MIRRORED

#: Rule L4 mirror pairs (Bidi_Mirroring_Glyph), from python-bidi's table.
MIRROR_TABLE: dict[int, str] = {ord(a): b for a, b in MIRRORED.items()}

_LEVELS_START = "\n    levels: ["
_LEVELS_END = "\n    ],"
_LEVEL = re.compile(r"Level\(\s*(\d+),")

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class LevelsUnavailable(RuntimeError):
    """python-bidi's debug output did not have the expected shape."""


def _class_set(ranges: list[tuple[int, int]], classes: frozenset[str]) -> str:
    """A regex character class of code points in *ranges* whose bidi class is in *classes*."""
    chars = [
        chr(cp)
        for lo, hi in ranges
        for cp in range(lo, hi + 1)
        if unicodedata.bidirectional(chr(cp)) in classes
    ]
    return "".join(re.escape(ch) for ch in chars)


# Blocks that ordinary Arabic and English news text is made of.
_COMMON_RANGES = [
    (0x0000, 0x024F),
    (0x0300, 0x036F),
    (0x0590, 0x08FF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0xFB1D, 0xFDFF),
    (0xFE70, 0xFEFF),
]
_NEUTRAL = frozenset({"WS", "ON", "CS", "ES", "ET", "NSM", "S", "B"})
#: A line of an RTL paragraph made only of these resolves to level 1 everywhere.
_ALL_RTL = re.compile("[" + _class_set(_COMMON_RANGES, _NEUTRAL | {"R", "AL"}) + "]*", re.DOTALL)
#: A line of an LTR paragraph made only of these resolves to level 0 everywhere.
_ALL_LTR = re.compile("[" + _class_set(_COMMON_RANGES, _NEUTRAL | {"L", "EN"}) + "]*", re.DOTALL)


def paragraph_is_rtl(text: str) -> bool:
    """Rules P2–P3: the paragraph is RTL if its first strong character is R or AL.

    Characters inside isolates are skipped; with no strong character it is LTR.
    """
    if not text:
        return False
    level: int = get_base_level(text)
    return level == 1


@lru_cache(maxsize=4096)
def _levels_from_python_bidi(text: str, rtl: bool) -> tuple[int, ...]:
    debug = get_display(text, base_dir="R" if rtl else "L", debug=True)
    if not isinstance(debug, str):
        raise LevelsUnavailable("python-bidi returned bytes")
    start = debug.find(_LEVELS_START)
    end = debug.find(_LEVELS_END, start)
    if start < 0 or end < 0:
        raise LevelsUnavailable("python-bidi's debug output has no levels list")
    per_byte = [int(level) for level in _LEVEL.findall(debug, start, end)]
    data = text.encode("utf-8")
    if len(per_byte) != len(data):
        raise LevelsUnavailable("python-bidi gave a level count that does not match the text")
    # One level per character: the level of its first UTF-8 byte.
    return tuple(level for level, byte in zip(per_byte, data, strict=True) if byte & 0xC0 != 0x80)


def uniform_level(text: str, rtl: bool) -> int | None:
    """The level every character of *text* resolves to when they all share one (the common
    all-Arabic or all-Latin line), else None: then see `embedding_levels`."""
    if not text:
        return None
    if rtl and _ALL_RTL.fullmatch(text):
        return 1
    if not rtl and _ALL_LTR.fullmatch(text):
        return 0
    return None


def embedding_levels(text: str, rtl: bool) -> tuple[int, ...]:
    """Resolved embedding levels (rules X1–I2) of one line laid out as a paragraph.

    Args:
        text: the logical text of the line.
        rtl: the base direction (the direction of the whole paragraph the line is part of).

    Returns:
        One level per character of *text*, before rule L1.
    """
    if not text:
        return ()
    level = uniform_level(text, rtl)
    if level is not None:
        return (level,) * len(text)
    return _levels_from_python_bidi(text, rtl)


def bidi_class(ch: str) -> str:
    """The Bidi_Class of *ch* (``L``, ``R``, ``AL``, ``EN``, ``WS``, ``NSM``…)."""
    return unicodedata.bidirectional(ch)
