"""The article values every layer shares: a light header for listing, the full article."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class DroppedLine:
    """A line of the source that cleaning removed, and why (for tests and `inspect`)."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned article: logical Unicode text, safe to draw, never rewritten.

    Attributes:
        title: the headline.
        paragraphs: body paragraphs in reading order (logical text).
        date: the publication date as the source states it, if any.
        published: the same date as ISO ``YYYY-MM-DD`` when it could be parsed (sorting).
        source: the outlet or agency named by the text, if any.
        url: canonical URL, if known.
        path: the file it was read from.
        position: index of the article inside its file (feeds and JSON lists hold several).
        format: the reader that produced it (``txt``, ``md``, ``html``, ``json``, ``feed``).
        encoding: the character encoding the file was decoded with.
        dropped: lines removed by cleaning, with reasons.
    """

    title: str
    paragraphs: tuple[str, ...]
    date: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    position: int = 0
    format: str = "txt"
    encoding: str | None = None
    dropped: tuple[DroppedLine, ...] = field(default=(), compare=False)

    @property
    def identity(self) -> str:
        """Stable key for reader state: the URL if known, else a hash of title and body."""
        return article_identity(self.url, self.title, self.paragraphs)

    @property
    def text(self) -> str:
        """Title and paragraphs joined by blank lines: the logical text search and NER see."""
        return "\n\n".join((self.title, *self.paragraphs))

    def header(self) -> ArticleHeader:
        """The listing fields of this article."""
        return ArticleHeader(
            title=self.title,
            date=self.date,
            published=self.published,
            source=self.source,
            url=self.url,
            path=self.path,
            position=self.position,
            format=self.format,
            encoding=self.encoding,
            identity=self.identity,
        )


@dataclass(frozen=True, slots=True)
class ArticleHeader:
    """What the sidebar needs to list an article without holding its body."""

    title: str
    date: str | None
    published: str | None
    source: str | None
    url: str | None
    path: str | None
    position: int
    format: str
    encoding: str | None
    identity: str


def article_identity(url: str | None, title: str, paragraphs: tuple[str, ...]) -> str:
    """Identity of an article: ``url:<url>`` or ``sha:<hash of title and body>``."""
    if url:
        return f"url:{url}"
    digest = hashlib.sha256("\n\n".join((title, *paragraphs)).encode("utf-8")).hexdigest()
    return f"sha:{digest[:32]}"


@dataclass(frozen=True, slots=True)
class Problem:
    """A file (or URL) that could not be read, with a message fit for a user."""

    path: str
    message: str
