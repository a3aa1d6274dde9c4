"""Ordering the sidebar: sort article headers, group them by source, jump to the next unread.

Sorting is deterministic (ties fall back to title, then path, position and identity, which
is unique in a loaded corpus), so the sidebar never reshuffles between refreshes. Titles and
sources are compared in their `normalize`d form, so أحمد / احمد / إحمد or الجزيرة / الجزيره
sort (and group) together.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from tui.corpus.article import ArticleHeader
from tui.i18n import DEFAULT_LANG, Lang, t
from tui.text.normalize import normalize


class Entry(NamedTuple):
    """One sidebar entry: an article, or a group heading (when grouping by source).

    A named tuple: a listing of 100,000 articles makes as many, and a tuple is built
    several times faster than a frozen dataclass.
    """

    header: ArticleHeader | None
    label: str = ""
    hits: int | None = None

    @property
    def is_heading(self) -> bool:
        """True for a group heading."""
        return self.header is None


SortKey = Literal["date", "source", "title", "path"]
SORT_KEYS: tuple[SortKey, ...] = ("date", "source", "title", "path")
DEFAULT_SORT: SortKey = "date"

#: `published` must start with an ISO date to be trusted for sorting.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Characters of ``YYYY-MM-DD``.
ISO_DAY_CHARS = 10
#: Leading quotes, brackets, dashes... (« » " ' ( -) that should not decide a title's place.
_LEADING_PUNCTUATION = re.compile(r"^[\W_]+")
_DIGIT_RUNS = re.compile(r"(\d+)")
#: Sort keys are cached per title/source/path: the sidebar re-sorts the same corpus often.
KEY_CACHE_SIZE = 65_536


@functools.lru_cache(maxsize=KEY_CACHE_SIZE)
def title_key(title: str) -> str:
    """The form a title is sorted by: normalised, leading punctuation and spaces ignored."""
    return _LEADING_PUNCTUATION.sub("", normalize(title).strip())


@functools.lru_cache(maxsize=KEY_CACHE_SIZE)
def source_key(source: str | None) -> str | None:
    """The form a source is grouped and sorted by; None when there is no usable source."""
    if source is None:
        return None
    key = " ".join(normalize(source).split())
    return key or None


def published_key(header: ArticleHeader) -> str | None:
    """The ISO date (or date-time) to sort by, or None if unknown or not ISO."""
    published = (header.published or "").strip()
    return published if _ISO_DATE.match(published) else None


def listed_date(header: ArticleHeader) -> str | None:
    """The date a sidebar row shows: the ISO day when the date could be read (2023-10-19),
    else the date as the page states it.

    A page's own wording (``19th, October 2023 GMT``) is long and of every shape; in a
    sidebar of 25 columns it was cut mid-word. The day in one short, fixed form lines up
    from row to row; the reading pane still shows the page's wording.
    """
    published = published_key(header)
    return published[:ISO_DAY_CHARS] if published is not None else header.date


@functools.lru_cache(maxsize=KEY_CACHE_SIZE)
def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """``file2`` before ``file10``: digit runs compare as numbers."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in _DIGIT_RUNS.split(text) if part
    )


def _tiebreak(header: ArticleHeader) -> tuple[str, str, str, int, str]:
    """Title order, then path, position and identity (unique in a loaded corpus)."""
    return (
        title_key(header.title),
        header.title,
        header.path or "",
        header.position,
        header.identity,
    )


def _newest_first(headers: Iterable[ArticleHeader]) -> list[ArticleHeader]:
    """Known dates newest first (ties in title order), then undated ones in title order."""
    dated: list[tuple[str, ArticleHeader]] = []
    undated: list[ArticleHeader] = []
    for header in sorted(headers, key=_tiebreak):
        published = published_key(header)
        if published is None:
            undated.append(header)
        else:
            dated.append((published, header))
    # sort(reverse=True) is stable: equal dates keep their title order.
    dated.sort(key=lambda pair: pair[0], reverse=True)
    return [header for _, header in dated] + undated


def sort_headers(headers: Iterable[ArticleHeader], key: SortKey) -> tuple[ArticleHeader, ...]:
    """Sort articles for the sidebar.

    Args:
        headers: the articles to list.
        key: ``date`` (newest first, unknown dates last), ``source`` (A→Z by normalised
            source, unknown source last; newest first within one), ``title`` (A→Z by
            `title_key`) or ``path`` (file path in natural order, then position in the file).

    Raises:
        ValueError: *key* is not one of SORT_KEYS.
    """
    if key == "date":
        return tuple(_newest_first(headers))
    if key == "source":
        ordered = _newest_first(headers)
        ordered.sort(key=lambda h: (source_key(h.source) is None, source_key(h.source) or ""))
        return tuple(ordered)
    if key == "title":
        return tuple(sorted(headers, key=_tiebreak))
    if key == "path":
        return tuple(
            sorted(headers, key=lambda h: (_natural(h.path or ""), h.position, h.identity))
        )
    raise ValueError(f"unknown sort key {key!r}; use one of {', '.join(SORT_KEYS)}")


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """Articles from one source, in the order they were given.

    Attributes:
        source: the source as most of its articles spell it; None for "unknown source".
        headers: the group's articles.
    """

    source: str | None
    headers: tuple[ArticleHeader, ...]

    def label(self, lang: Lang = DEFAULT_LANG) -> str:
        """The group's heading in the sidebar."""
        return self.source if self.source is not None else t("sidebar.unknown_source", lang)


def group_by_source(headers: Iterable[ArticleHeader]) -> tuple[SourceGroup, ...]:
    """Group articles by `source_key`, groups A→Z and the unknown-source group last.

    Articles keep their relative order inside a group, so sort first, then group. Spelling
    variants of one source (hamza, teh marbuta, spacing) fall into one group, labelled with
    the spelling most of its articles use (the first seen on a tie).
    """
    members: dict[str | None, list[ArticleHeader]] = {}
    spellings: dict[str | None, Counter[str]] = {}
    for header in headers:
        key = source_key(header.source)
        members.setdefault(key, []).append(header)
        if key is not None and header.source is not None:
            spellings.setdefault(key, Counter())[" ".join(header.source.split())] += 1
    keys = sorted(members, key=lambda k: (k is None, k or ""))
    return tuple(
        SourceGroup(
            source=None if key is None else spellings[key].most_common(1)[0][0],
            headers=tuple(members[key]),
        )
        for key in keys
    )


@dataclass(frozen=True, slots=True)
class UnreadJump:
    """Where `next_unread` landed, and whether it went round the end of the list."""

    index: int
    wrapped: bool


def next_unread(
    headers: Sequence[ArticleHeader],
    read: Collection[str],
    start: int | None,
    *,
    backwards: bool = False,
) -> UnreadJump | None:
    """The nearest unread article after (or before) index *start*, wrapping round the list.

    Wrapping, like a mail reader, means ``n`` always reaches every unread article; the
    `wrapped` flag lets the app say "continued from the top". The article at *start* itself
    is never the answer (it is the one being left).

    Args:
        headers: the sidebar's articles in display order.
        read: identities marked read.
        start: the selected index, or None when nothing is selected (then the search
            starts at the top, or at the bottom when going backwards, without wrapping).
        backwards: search towards the top (``N``).

    Returns:
        The jump, or None when no other article is unread.
    """
    count = len(headers)
    if count == 0:
        return None
    step = -1 if backwards else 1
    if start is None:
        origin = count if backwards else -1
        steps = count
    else:
        origin = min(max(start, 0), count - 1)
        steps = count - 1
    for distance in range(1, steps + 1):
        raw = origin + step * distance
        index = raw % count
        if headers[index].identity not in read:
            return UnreadJump(index, wrapped=raw != index)
    return None


def count_unread(headers: Iterable[ArticleHeader], read: Collection[str]) -> int:
    """How many of *headers* are not marked read (the header's unread count)."""
    return sum(1 for header in headers if header.identity not in read)


def only_bookmarked(
    headers: Iterable[ArticleHeader], bookmarks: Collection[str]
) -> tuple[ArticleHeader, ...]:
    """The bookmarked articles, in the given order (the sidebar's bookmarks view)."""
    return tuple(header for header in headers if header.identity in bookmarks)
