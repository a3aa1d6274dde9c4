"""Reader for RSS 2.0 and Atom feed files (``.xml``, ``.rss``, ``.atom``): one article per entry.

A plain, well-formed feed is read by `tui.corpus.feed_tree` (ElementTree, with feedparser's
results); feedparser reads every other one (leniently, and without resolving external
entities). Each entry's HTML content becomes paragraphs through `tui.corpus.html_text`.
The entry date fills ``date`` (as written) and ``published`` (ISO day), the feed title
``source``, the entry link ``url``.
`read_feed` also says which entries carry only a summary, so `akhbar fetch` can fetch their
pages for the full text.
"""

from __future__ import annotations

import codecs
import io
import re
import time
import xml.sax
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tui.corpus.article import Article, Problem
from tui.corpus.feed_tree import HTML_TYPES, read_tree
from tui.corpus.formats import Source, UnreadableArticle
from tui.corpus.formats.json_articles import ArticleList
from tui.corpus.html_text import (
    HtmlTooComplex,
    drop_furniture_lines,
    html_paragraphs,
    iso_day,
    tidy_line,
)

#: An entry with only a ``description``/``summary`` shorter than this is a teaser;
#: `akhbar fetch` fetches its page for the full text.
FULL_TEXT_MIN_CHARS = 500
#: A ``content`` element claims the full text; only this short is it still a teaser.
FULL_CONTENT_MIN_CHARS = 200
#: Largest feed we parse (feedparser's HTML sanitiser is pure Python).
MAX_FEED_CHARS = 16 * 1024 * 1024
#: A first paragraph longer than this is not promoted to a title for an untitled entry.
TITLE_MAX_CHARS = 200
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry as an article, and whether the feed gave only a summary of it."""

    article: Article
    summary_only: bool


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its title, its readable entries, and the entries it could not read."""

    title: str | None
    entries: tuple[FeedEntry, ...]
    problems: tuple[Problem, ...]


def parse(source: Source) -> ArticleList:
    """Read every entry of a feed file as an article (bad entries in ``.problems``).

    Raises:
        UnreadableArticle: the file is not an RSS/Atom feed, or no entry could be read.
    """
    feed = read_feed(source)
    return ArticleList((entry.article for entry in feed.entries), feed.problems)


def read_feed(source: Source, *, fast: bool = True) -> Feed:
    """Parse a feed document into entries, noting which carry only a summary.

    Args:
        source: the feed file.
        fast: read a plain, well-formed feed with `tui.corpus.feed_tree` (ten times faster);
            feedparser reads whatever it declines. False: feedparser only (tests compare).

    Raises:
        UnreadableArticle: the document is not an RSS/Atom feed, or no entry could be read.
    """
    text, encoding = feed_text(source)
    if len(text) > MAX_FEED_CHARS:
        raise UnreadableArticle(f"the feed is larger than {MAX_FEED_CHARS // 2**20} MB")
    tree = read_tree(text) if fast else None
    if tree is not None:
        return _feed(source.path, encoding, tree.title, tree.entries, None)
    import feedparser  # imported only for feeds the fast reader declines

    parsed = feedparser.parse(
        io.BytesIO(text.encode("utf-8")),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        sanitize_html=True,
    )
    broken = parsed.get("bozo_exception")
    broken = broken if isinstance(broken, xml.sax.SAXException) else None
    if not parsed.get("version") and not parsed.entries:
        reason = f" ({broken})" if broken else ""
        raise UnreadableArticle(f"not an RSS or Atom feed{reason}")
    return _feed(source.path, encoding, parsed.feed.get("title", ""), parsed.entries, broken)


def _feed(
    path: str,
    encoding: str,
    title: str,
    raw_entries: Sequence[Any],
    broken: xml.sax.SAXException | None,
) -> Feed:
    """The feed of feedparser's (or the fast reader's) entries; bad entries as problems."""
    feed_title = tidy_line(title) or None
    entries: list[FeedEntry] = []
    problems: list[Problem] = []
    if broken is not None:
        problems.append(Problem(path, f"malformed XML ({broken}); read what was found"))
    for number, raw in enumerate(raw_entries, 1):
        try:
            entries.append(_entry(raw, feed_title, path, encoding, len(entries)))
        except ValueError as error:
            problems.append(Problem(f"{path} (entry {number})", str(error)))
    if not entries:
        if broken is not None:
            raise UnreadableArticle(f"not an RSS or Atom feed: malformed XML ({broken})")
        detail = f": {problems[-1].message}" if problems else ""
        raise UnreadableArticle(f"the feed has no readable entry{detail}")
    return Feed(feed_title, tuple(entries), tuple(problems))


def feed_text(source: Source) -> tuple[str, str]:
    """The document as text, honouring the XML declaration's encoding over detection.

    A byte-order mark wins (the decoder read it); then an ``<?xml … encoding="…"?>``
    declaration that decodes the bytes (XML's own rule); then the detected encoding.
    """
    if not source.data.startswith(_BOMS):
        match = _XML_DECLARATION.match(source.data[:256])
        if match is not None:
            label = match.group(1).decode("ascii")
            try:
                name = codecs.lookup(label).name
                if name != codecs.lookup(source.encoding).name:
                    return source.data.decode(name), name
            except (LookupError, UnicodeDecodeError):
                pass
    return source.text.lstrip("\ufeff"), source.encoding


def _entry(raw: Any, feed_title: str | None, path: str, encoding: str, position: int) -> FeedEntry:
    """One feedparser entry → FeedEntry; ValueError with a user-facing reason otherwise.

    ``published`` is the day the feed wrote (its own offset), not feedparser's UTC day, so
    it matches ``date``; feedparser's parse is the fallback for formats we do not read.
    """
    paragraphs, dropped = drop_furniture_lines(_entry_paragraphs(raw))
    title = _title(raw)
    if not title and paragraphs and len(paragraphs[0]) <= TITLE_MAX_CHARS:
        title = paragraphs.pop(0)
    if not title:
        raise ValueError("the entry has neither a title nor any text")
    if paragraphs and paragraphs[0] == title:
        paragraphs.pop(0)
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    link = tidy_line(raw.get("link", ""))
    source_title = feed_title or tidy_line(raw.get("source", {}).get("title", "")) or None
    stated = tidy_line(raw.get("published") or raw.get("updated") or "") or None
    article = Article(
        title=title,
        paragraphs=tuple(paragraphs),
        date=stated,
        published=iso_day(stated) or _iso(stamp),
        source=source_title,
        url=link if link.startswith(("http://", "https://")) else None,
        path=path,
        position=position,
        format="feed",
        encoding=encoding,
        dropped=dropped,
    )
    length = sum(len(paragraph) for paragraph in paragraphs)
    minimum = FULL_CONTENT_MIN_CHARS if raw.get("content") else FULL_TEXT_MIN_CHARS
    return FeedEntry(article, summary_only=length < minimum)


def _entry_paragraphs(raw: Any) -> list[str]:
    """The entry's full content if present, else its summary, as paragraphs."""
    for detail in [*raw.get("content", []), raw.get("summary_detail")]:
        if not detail or not detail.get("value"):
            continue
        value = detail["value"]
        if detail.get("type", "text/html") in HTML_TYPES:
            try:
                return html_paragraphs(value)
            except HtmlTooComplex as error:
                raise ValueError(str(error)) from error
        return [line for raw_line in value.splitlines() if (line := tidy_line(raw_line))]
    return []


def _title(raw: Any) -> str:
    detail = raw.get("title_detail") or {}
    value = raw.get("title", "")
    if detail.get("type") in HTML_TYPES and "<" in value:
        try:
            return " ".join(html_paragraphs(value))
        except HtmlTooComplex:
            return ""
    return tidy_line(value)


def _iso(stamp: time.struct_time | None) -> str | None:
    if stamp is None:
        return None
    return f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
