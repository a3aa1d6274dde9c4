"""Hit counts for index rows: regular expressions over the stored term streams.

Walking an article's terms in Python costs about a microsecond per term, far too much for
a page of results per keystroke. A stream is the terms joined by single spaces, so each
word/phrase item becomes one regular expression run by the C regex engine over the stream
padded with a space at each end. The pattern starts with a literal space, so the engine
only tries token starts; the item itself sits in a lookahead, so overlapping occurrences
are all seen, and they are merged exactly as `tui.search.matcher.merge` does. The counts
equal `CompiledQuery.hits` (tests hold them to it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from tui.search.matcher import CompiledQuery, CompiledTerms
from tui.search.query import ENTITY_FIELDS, Field
from tui.search.terms import TermPattern

TermLookup = Callable[[str], Sequence[str]]
#: Matches nowhere (an item whose words cannot occur).
_NEVER = re.compile(r"(?!)")


def _word(patterns: Sequence[TermPattern]) -> str:
    options = [re.escape(p.text) + ("[^ ]*" if p.prefix else "") for p in patterns]
    return "(?:" + "|".join(options) + ")"


def item_regex(words: Sequence[Sequence[TermPattern]]) -> re.Pattern[str]:
    """Every start of the word sequence in a space-padded stream, overlapping ones included."""
    if not words or any(not w for w in words):
        return _NEVER
    body = " ".join(_word(w) for w in words)
    return re.compile(" (?=(" + body + ") )")


class HitCounter:
    """Counts the hits of a compiled query in title and body streams."""

    def __init__(self, compiled: CompiledQuery, lookup: TermLookup) -> None:
        self.title: list[re.Pattern[str]] = []
        self.body: list[re.Pattern[str]] = []
        for items, negated in compiled.clauses:
            if negated:
                continue
            for item in items:
                if isinstance(item, CompiledTerms) and item.item.field is not Field.SOURCE:
                    regex = item_regex(_words(item, lookup))
                    self.title.append(regex)
                    if item.item.field is not Field.TITLE:
                        self.body.append(regex)

    def count(self, title: str, body: str) -> int:
        """Distinct (merged) occurrences in the title stream plus those in the body stream."""
        return _merged(self.title, title) + _merged(self.body, body)


def _words(item: CompiledTerms, lookup: TermLookup) -> list[list[TermPattern]]:
    if item.item.field in ENTITY_FIELDS:
        return [[TermPattern(t, prefix=False) for t in lookup(w)] for w in item.key.split()]
    return [list(p) for p in item.patterns]


def _merged(regexes: Sequence[re.Pattern[str]], stream: str) -> int:
    padded = f" {stream} "
    spans = sorted((m.start(1), m.end(1)) for rx in regexes for m in rx.finditer(padded))
    count, end = 0, -1
    for start, stop in spans:
        if start >= end:
            count += 1
            end = stop
        else:
            end = max(end, stop)
    return count
