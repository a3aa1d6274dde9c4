"""`find_hits`: where a query's words and phrases occur in an article's text, as original offsets.

The reader highlights these spans and ``n``/``N`` walk through them. The text is cut the way
the index cuts an article (title up to the first blank line, then blank-line separated
paragraphs), words are found in the normalised text, and each hit is mapped back through
the normaliser's offset map so it covers the characters as written (harakat and tatweel
inside or right after a word included).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from tui.search.matcher import PARAGRAPH_BREAK, CompiledQuery, TermView, cached_term, compile_query
from tui.search.query import Query, QueryError, parse_query
from tui.search.terms import ALEF_MAQSURA, BOUNDARY, MAX_WORD_CHARS, WORD_RE, YEH, prepare
from tui.text.normalize import normalize_with_map


@dataclass(frozen=True, slots=True)
class _Located:
    """An article's terms with, for each term, its span in the original text."""

    view: TermView
    title_spans: tuple[tuple[int, int], ...]
    body_spans: tuple[tuple[int, int], ...]


def _segment_starts(text: str, title_end: int) -> list[int]:
    """Original offsets where each body segment starts (split like `str.split`)."""
    starts: list[int] = []
    if title_end >= len(text):
        return starts
    position = title_end + len(PARAGRAPH_BREAK)
    starts.append(position)
    while True:
        found = text.find(PARAGRAPH_BREAK, position)
        if found < 0:
            return starts
        position = found + len(PARAGRAPH_BREAK)
        starts.append(position)


def locate(text: str, title_end: int | None = None) -> _Located:
    """Tokenise *text* like the index does, keeping every term's original span."""
    if title_end is None:
        found = text.find(PARAGRAPH_BREAK)
        title_end = len(text) if found < 0 else found
    starts = _segment_starts(text, title_end)
    mapped = normalize_with_map(text)
    title: list[str] = []
    title_spans: list[tuple[int, int]] = []
    body: list[str] = []
    body_spans: list[tuple[int, int]] = []
    segment = 0
    for match in WORD_RE.finditer(mapped.text):
        word = match.group()
        if len(word) > MAX_WORD_CHARS:
            continue
        span = mapped.to_original(match.start(), match.end())
        if word.endswith(YEH) and _written_with_maqsura(text, mapped.origin, match.end()):
            word = word[:-1] + ALEF_MAQSURA
        if span[0] < title_end:
            title.append(cached_term(word))
            title_spans.append(span)
            continue
        here = bisect.bisect_right(starts, span[0]) - 1
        while segment < here:
            body.append(BOUNDARY)
            body_spans.append((span[0], span[0]))
            segment += 1
        body.append(cached_term(word))
        body_spans.append(span)
    while segment < len(starts) - 1:
        body.append(BOUNDARY)
        body_spans.append((len(text), len(text)))
        segment += 1
    view = TermView(tuple(title), tuple(body), ())
    return _Located(view, tuple(title_spans), tuple(body_spans))


def _written_with_maqsura(text: str, origin: tuple[int, ...], end: int) -> bool:
    """Whether the normalised ي ending at *end* was ى (or a presentation form of it)."""
    first = origin[end - 1]
    last = origin[end] if end < len(origin) else len(text)
    return prepare(text[first : max(last, first + 1)]).endswith(ALEF_MAQSURA)


def find_hits(
    query: Query | CompiledQuery | str, text: str, *, title_end: int | None = None
) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of *text* where the query's words and phrases occur, in order.

    Args:
        query: a parsed query, a compiled one (reuse it across articles), or query text
            (a malformed one finds nothing).
        text: the article's logical text, ``title + "\\n\\n" + paragraphs``
            (`Article.text`).
        title_end: where the title ends in *text*; by default at the first blank line.

    Returns:
        Half-open spans in *text*, sorted, not overlapping. Excluded words, ``source:`` and
        ``is:`` produce none; ``person:``/``place:``/``org:`` mark the name's occurrences.
    """
    if isinstance(query, str):
        try:
            query = parse_query(query)
        except QueryError:
            return []
    compiled = query if isinstance(query, CompiledQuery) else compile_query(query)
    if not compiled.query.terms():
        return []
    located = locate(text, title_end)
    spans: list[tuple[int, int]] = []
    for occ in compiled.hits(located.view):
        table = located.title_spans if occ.in_title else located.body_spans
        spans.append((table[occ.start][0], table[occ.end - 1][1]))
    return sorted(spans)
