"""Rule L2 of the Unicode Bidirectional Algorithm: glyph indices in visual order from levels."""

from __future__ import annotations

import re

#: Runs of one level in a line's levels packed into bytes (levels 0–2, see `visual_order`).
_LEVEL_RUNS = re.compile(rb"\x00+|\x01+|\x02+")


def visual_order(levels: list[int]) -> list[int]:
    """Rule L2 (see `rule_l2`), with shortcuts for one level and two adjacent ones.
    Returns glyph indices in visual order."""
    if not levels:
        return []
    highest, lowest = max(levels), min(levels)
    if highest == lowest:
        return list(range(len(levels) - 1, -1, -1) if lowest % 2 else range(len(levels)))
    if highest == lowest + 1 <= 2:
        # The common mixes (numbers in Arabic: 1 and 2; Arabic in English: 0 and 1), done
        # run by run: the odd runs are reversed, and at levels 1–2 the runs' order too.
        runs = [(m.start(), m.end()) for m in _LEVEL_RUNS.finditer(bytes(levels))]
        order: list[int] = []
        for start, end in reversed(runs) if lowest == 1 else runs:
            odd = levels[start] % 2
            order.extend(range(end - 1, start - 1, -1) if odd else range(start, end))
        return order
    return rule_l2(levels)


def rule_l2(levels: list[int]) -> list[int]:
    """Rule L2 as UAX #9 words it: from the highest level down to the lowest odd one,
    reverse every run of glyphs at that level or higher."""
    order = list(range(len(levels)))
    odd_levels = [level for level in levels if level % 2]
    if not odd_levels:
        return order
    for level in range(max(levels), min(odd_levels) - 1, -1):
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
