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
from itertools import compress

from bidi import get_base_level, get_display
from bidi.mirror import MIRRORED

#: Rule L4 mirror pairs (Bidi_Mirroring_Glyph), from python-bidi's table.
MIRROR_TABLE: dict[int, str] = {ord(a): b for a, b in MIRRORED.items()}

_LEVELS_START = "\n    levels: ["
_LEVELS_END = "\n    ],"
_LEVEL = re.compile(r"Level\(\s*(\d+),")


class LevelsUnavailable(RuntimeError):
    """python-bidi's debug output did not have the expected shape."""


def _class_set(ranges: list[tuple[int, int]], classes: frozenset[str]) -> str:
    """A regex character class of code points in *ranges* whose bidi class is in *classes*."""
    points = [
        cp
        for lo, hi in ranges
        for cp in range(lo, hi + 1)
        if unicodedata.bidirectional(chr(cp)) in classes
    ]
    # Runs of consecutive code points as ranges: the pattern compiles several times faster
    # than one with every character listed (this runs at import, before the first paint).
    parts: list[str] = []
    run_start = previous = None
    for cp in [*points, None]:
        if cp is not None and previous is not None and cp == previous + 1:
            previous = cp
            continue
        if run_start is not None and previous is not None:
            first, last = re.escape(chr(run_start)), re.escape(chr(previous))
            parts.append(first if run_start == previous else f"{first}-{last}")
        run_start = previous = cp
    return "".join(parts)


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
    if "\u0621" <= text[0] <= "\u064a":  # an Arabic letter (AL) first: most news
        return True
    level: int = get_base_level(text)
    return level == 1


#: One entry of the levels list in python-bidi's debug output, for a one-digit level.
_ENTRY = "\n        Level(\n            0,\n        ),"
_DIGIT_AT = _ENTRY.index("0")
#: Byte → 1 if it starts a UTF-8 character, 0 if it continues one.
_STARTS_CHAR = bytes(0 if 0x80 <= b <= 0xBF else 1 for b in range(256))


@lru_cache(maxsize=4096)
def _levels_from_python_bidi(text: str, rtl: bool) -> tuple[int, ...]:
    debug = get_display(text, base_dir="R" if rtl else "L", debug=True)
    if not isinstance(debug, str):
        raise LevelsUnavailable("python-bidi returned bytes")
    start = debug.find(_LEVELS_START)
    end = debug.find(_LEVELS_END, start)
    if start < 0 or end < 0:
        raise LevelsUnavailable("python-bidi's debug output has no levels list")
    data = text.encode("utf-8")
    section = debug[start + len(_LEVELS_START) : end]
    if len(section) == len(data) * len(_ENTRY):
        # Every level has one digit (no deep explicit embedding): the digits sit at a
        # fixed stride, so they are read with one slice instead of a regex.
        digits = section[_DIGIT_AT :: len(_ENTRY)]
        per_byte = [ord(digit) - 48 for digit in digits]
    else:
        per_byte = [int(level) for level in _LEVEL.findall(section)]
    if len(per_byte) != len(data):
        raise LevelsUnavailable("python-bidi gave a level count that does not match the text")
    # One level per character: the level of its first UTF-8 byte.
    return tuple(compress(per_byte, data.translate(_STARTS_CHAR)))


#: A line of an RTL paragraph made only of these (letters of either direction, digits,
#: neutrals; no explicit control, no BN, no segment separator) and no paired bracket has
#: levels `_rtl_line_levels` resolves: Arabic with numbers and with Latin words.
_RESOLVABLE_CLASSES = frozenset({"WS", "ON", "CS", "ES", "ET", "NSM", "L", "R", "AL", "EN", "AN"})
_RTL_RESOLVABLE = re.compile(
    "["
    + _class_set(_COMMON_RANGES, _RESOLVABLE_CLASSES)
    + "\uff10-\uff19"  # fullwidth digits (EN) are rare; listed so the class is explicit
    + "]*",
    re.DOTALL,
)
#: The paired brackets of those blocks, opening → closing (rule N0, `_resolve_brackets`).
_BRACKET_PAIRS = {"(": ")", "[": "]", "{": "}", "\u2045": "\u2046", "\u207d": "\u207e"}
_BRACKET_PAIRS["\u208d"] = "\u208e"
_CLOSING = {closing: opening for opening, closing in _BRACKET_PAIRS.items()}
_PAIRED_BRACKET = re.compile("[" + re.escape("".join(_BRACKET_PAIRS) + "".join(_CLOSING)) + "]")
#: BD16: at most this many open brackets are tracked; past it, pairing stops.
_BRACKET_STACK_LIMIT = 63
#: Bidi classes as one letter each, for the rules below to work on strings; ``n`` for the
#: other neutrals (WS, ON).
_LETTER_OF_CLASS = {"L": "L", "R": "R", "AL": "A", "EN": "E", "AN": "N"}
_LETTER_OF_CLASS |= {"ES": "e", "CS": "c", "ET": "t", "NSM": "m"}
_NSM_RUN = re.compile("(^|[^m])(m+)")
#: From an Arabic letter to the next L or R: the stretch where rule W2 makes digits AN.
_AFTER_ARABIC = re.compile("A[^LR]*")
_W4_EUROPEAN = re.compile("(?<=E)[ec](?=E)")
_W4_ARABIC = re.compile("(?<=N)c(?=N)")
_W5_TERMINATORS = re.compile("(?<=E)t+|t+(?=E)")
_W6_NEUTRAL = str.maketrans(dict.fromkeys("ect", "n"))
#: From a Latin letter to the next R: the stretch where rule W7 makes digits L.
_AFTER_LATIN = re.compile("L[^R]*")
#: Neutrals between two Latin letters (N1; anywhere else, N1–N2 make them R).
_BETWEEN_LATIN = re.compile("(?<=L)n+(?=L)")
#: I2 at an odd level: L and numbers go up to level 2, everything else stays at 1.
_LEVEL_BYTES = str.maketrans(dict.fromkeys("Rn", "\x01") | dict.fromkeys("LEN", "\x02"))


@lru_cache(maxsize=1)
def _class_letters() -> dict[int, str]:
    """Code point → bidi class letter (see `_LETTER_OF_CLASS`) for every character
    `_RTL_RESOLVABLE` admits (built on first use, not at import)."""
    table: dict[int, str] = {}
    for low, high in [*_COMMON_RANGES, (0xFF10, 0xFF19)]:
        for code in range(low, high + 1):
            table[code] = _LETTER_OF_CLASS.get(unicodedata.bidirectional(chr(code)), "n")
    return table


def _rtl_line_levels(text: str) -> tuple[int, ...]:
    """Levels of a line of an RTL paragraph that `_RTL_RESOLVABLE` admits, with no paired
    bracket: rules W1–W7, N1–N2 and I2 on a string of class letters.

    The line is one isolating run sequence at level 1 (no explicit controls), so sos and
    eos are R, a neutral is L only between two L (N1; numbers count as R), and I2 puts L
    and numbers at level 2, the rest at 1.
    """
    types = marks = text.translate(_class_letters())
    if "m" in types:  # W1: a mark takes the class of what it follows (sos: R)
        types = _NSM_RUN.sub(lambda run: run[1] + (run[1] or "R") * len(run[2]), types)
    if "E" in types and "A" in types:  # W2: digits after an Arabic letter are AN
        types = _AFTER_ARABIC.sub(lambda span: span[0].replace("E", "N"), types)
    types = types.replace("A", "R")  # W3
    if "e" in types or "c" in types:  # W4: one separator between two numbers of a kind
        types = _W4_EUROPEAN.sub("E", types)
        types = _W4_ARABIC.sub("N", types)
    if "t" in types:  # W5: terminators next to European digits are European digits
        types = _W5_TERMINATORS.sub(lambda run: "E" * len(run[0]), types)
    types = types.translate(_W6_NEUTRAL)  # W6: the other separators are neutral
    if "L" in types and "E" in types:  # W7: digits after a Latin letter are L
        types = _AFTER_LATIN.sub(lambda span: span[0].replace("E", "L"), types)
    if _PAIRED_BRACKET.search(text):
        types = _resolve_brackets(text, types, marks)
    if "L" in types:
        types = _BETWEEN_LATIN.sub(lambda run: "L" * len(run[0]), types)  # N1
    return tuple(types.translate(_LEVEL_BYTES).encode("latin-1"))


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    """Rule BD16: the paired brackets of *text*, as (opening, closing) positions, sorted by
    the opening position."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (the closing bracket expected, opening position)
    for match in _PAIRED_BRACKET.finditer(text):
        bracket, at = match[0], match.start()
        if bracket in _BRACKET_PAIRS:
            if len(stack) == _BRACKET_STACK_LIMIT:
                break
            stack.append((_BRACKET_PAIRS[bracket], at))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == bracket:
                pairs.append((stack[depth][1], at))
                del stack[depth:]
                break
    return sorted(pairs)


def _resolve_brackets(text: str, types: str, marks: str) -> str:
    """Rule N0 at an odd (RTL) embedding level, on class letters after W1–W7: a pair holding
    R (numbers count as R) becomes R; one holding only L becomes L if the strong letter
    before it is L, else R; one holding neither stays neutral. Marks that followed a
    bracket (*marks*: ``m`` where the text had NSM before W1) take its new direction."""
    letters = list(types)
    for opening, closing in _bracket_pairs(text):
        inside = "".join(letters[opening + 1 : closing])
        if "R" in inside or "E" in inside or "N" in inside:
            direction = "R"
        elif "L" in inside:
            before = "".join(letters[:opening])
            latin = before.rfind("L")
            direction = "L" if latin > max(before.rfind(c) for c in "REN") else "R"
        else:
            continue
        for bracket in (opening, closing):
            letters[bracket] = direction
            after = bracket + 1
            while after < len(marks) and marks[after] == "m":
                letters[after] = direction
                after += 1
    return "".join(letters)


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
    return mixed_levels(text, rtl)


def mixed_levels(text: str, rtl: bool) -> tuple[int, ...]:
    """`embedding_levels` of a non-empty line already known not to be of one level
    (`uniform_level` returned None): the layout checks that first, and need not twice."""
    if rtl and _RTL_RESOLVABLE.fullmatch(text):
        return _rtl_line_levels(text)
    return _levels_from_python_bidi(text, rtl)


def bidi_class(ch: str) -> str:
    """The Bidi_Class of *ch* (``L``, ``R``, ``AL``, ``EN``, ``WS``, ``NSM``…)."""
    return unicodedata.bidirectional(ch)
