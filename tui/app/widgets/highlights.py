"""Highlights of the reading pane: search hits and entity mentions, found per screen row.

A repaint asks, for each row, which spans touch it: those spans are the row's styled
ranges (rows no span touches are drawn in one style), and a row is drawn again only when
the spans touching it change.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted logical span of `Article.text` and what it is (entity type or "hit")."""

    start: int
    end: int
    kind: str


#: What a drawn row depends on besides its line: the mentions and hits touching it.
RowKey = tuple[tuple[tuple[Span, bool], ...], tuple[tuple[tuple[int, int], bool], ...]]


@dataclass(frozen=True, slots=True)
class Highlights:
    """The spans a repaint styles: sorted starts to find the few a line touches, and the
    longest span, which bounds how far before a line a touching span can start."""

    mentions: list[Span]
    mention_starts: list[int]
    longest_mention: int
    hits: list[tuple[int, int]]
    hit_starts: list[int]
    longest_hit: int
    current_hit: tuple[int, int] | None
    current_mention: Span | None

    def mentions_touching(self, low: int, high: int) -> tuple[tuple[Span, bool], ...]:
        """The mentions overlapping the logical range [low, high), each with whether it is
        the current one."""
        first = bisect_left(self.mention_starts, low - self.longest_mention)
        last = bisect_left(self.mention_starts, high)
        return tuple(
            (span, span == self.current_mention)
            for span in self.mentions[first:last]
            if span.end > low
        )

    def hits_touching(self, low: int, high: int) -> tuple[tuple[tuple[int, int], bool], ...]:
        """The search hits overlapping the logical range [low, high), each with whether it
        is the current one."""
        first = bisect_left(self.hit_starts, low - self.longest_hit)
        last = bisect_left(self.hit_starts, high)
        return tuple(
            (hit, hit == self.current_hit) for hit in self.hits[first:last] if hit[1] > low
        )


def gather(
    mentions: list[Span],
    current_mention: int | None,
    hits: list[tuple[int, int]],
    current_hit: int | None,
) -> Highlights:
    """The highlights of one repaint: *mentions* and *hits* sorted, with the current ones
    given by index (None: no current one)."""
    return Highlights(
        mentions,
        [span.start for span in mentions],
        max((span.end - span.start for span in mentions), default=0),
        hits,
        [start for start, _ in hits],
        max((end - start for start, end in hits), default=0),
        hits[current_hit] if current_hit is not None else None,
        mentions[current_mention]
        if current_mention is not None and current_mention < len(mentions)
        else None,
    )
