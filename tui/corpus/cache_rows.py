"""Parsed files as values and as the corpus cache's rows (plain tuples, cheap to pickle).

Worker processes turn what they parse into rows (`FileRows`), send them over a pipe, and
the process that owns the cache writes them unchanged and lists them (`listed_file`), so
the rows are built once, in the process that parsed the file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import NamedTuple

from tui.corpus.article import Article, ArticleHeader, DroppedLine, Problem

#: The headers table holds `ArticleHeader`'s fields, in its order, then the content key.
HEADER_FIELDS = tuple(field.name for field in dataclasses.fields(ArticleHeader))
_ARTICLE_FIELDS = tuple(name for name in HEADER_FIELDS if name != "identity")


@dataclasses.dataclass(frozen=True, slots=True)
class FileKey:
    """What identifies one version of a file."""

    path: str
    mtime_ns: int
    size: int


@dataclasses.dataclass(frozen=True, slots=True)
class CachedHeader:
    """A listed article and the key that finds its duplicates (see `content_key`)."""

    header: ArticleHeader
    content_key: str


@dataclasses.dataclass(frozen=True, slots=True)
class CachedFile:
    """What the cache knows of one file version: its articles, or why it holds none.

    ``entry_problems`` are the entries of a readable file that could not be read (a bad
    line of a JSON Lines file), each with its own path such as ``news.jsonl (line 2)``.
    """

    key: FileKey
    headers: tuple[CachedHeader, ...]
    problem: str | None
    entry_problems: tuple[Problem, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class ParsedFile:
    """A freshly parsed file to store: its articles, or the problem that stopped it."""

    key: FileKey
    articles: tuple[Article, ...]
    headers: tuple[CachedHeader, ...]
    problem: str | None
    entry_problems: tuple[Problem, ...] = ()


class FileRows(NamedTuple):
    """One parsed file version as the cache's rows (see the module docstring).

    Attributes:
        file: the ``files`` row: path, mtime_ns, size, problem, entry problems as JSON.
        headers: ``headers`` rows: `ArticleHeader`'s fields in order, then the content key.
        bodies: ``bodies`` rows (path, position, paragraphs JSON, dropped JSON), only for
            files whose bodies are cached.
        entries: the entry problems as (path, message) pairs.
    """

    file: tuple[str, int, int, str | None, str]
    headers: tuple[tuple[object, ...], ...]
    bodies: tuple[tuple[str, int, str, str], ...]
    entries: tuple[tuple[str, str], ...] = ()


def rows_of(parsed: ParsedFile, *, with_bodies: bool) -> FileRows:
    """The rows that store *parsed*; its articles' bodies too if *with_bodies*."""
    key = parsed.key
    entries = tuple((problem.path, problem.message) for problem in parsed.entry_problems)
    problems = json.dumps(entries, ensure_ascii=False) if entries else "[]"
    bodies: tuple[tuple[str, int, str, str], ...] = ()
    if with_bodies:
        bodies = tuple(body_row(key.path, article) for article in parsed.articles)
    return FileRows(
        (key.path, key.mtime_ns, key.size, parsed.problem, problems),
        tuple(header_row(cached) for cached in parsed.headers),
        bodies,
        entries,
    )


def listed_file(rows: FileRows) -> CachedFile:
    """What lists the file *rows* store, as `ArticleCache.files` would return it.

    Raises:
        TypeError, ValueError: the rows are malformed (a worker answered nonsense).
    """
    path, mtime_ns, size, problem, _ = rows.file
    if not isinstance(path, str) or not (problem is None or isinstance(problem, str)):
        raise TypeError("malformed file row")
    headers = tuple(cached_header(row) for row in rows.headers)
    entries = tuple(Problem(str(entry), str(message)) for entry, message in rows.entries)
    return CachedFile(FileKey(path, int(mtime_ns), int(size)), headers, problem, entries)


def content_key(title: str, paragraphs: tuple[str, ...]) -> str:
    """Key of an article's text, to list the same article found under two paths once."""
    return hashlib.sha256("\n\n".join((title, *paragraphs)).encode("utf-8")).hexdigest()[:32]


def header_row(cached: CachedHeader) -> tuple[object, ...]:
    """A listed article as a ``headers`` row."""
    return (*(getattr(cached.header, name) for name in HEADER_FIELDS), cached.content_key)


def body_row(path: str, article: Article) -> tuple[str, int, str, str]:
    """An article's body as a ``bodies`` row (JSON, never pickle: a cache cannot run code)."""
    dropped = [[line.text, line.reason] for line in article.dropped]
    return (
        path,
        article.position,
        json.dumps(article.paragraphs, ensure_ascii=False),
        json.dumps(dropped, ensure_ascii=False),
    )


def cached_header(row: tuple[object, ...]) -> CachedHeader:
    """A headers row back into values (the columns are `ArticleHeader`'s fields, in order).

    Raises:
        TypeError: the row has the wrong number of columns.
    """
    return CachedHeader(ArticleHeader(*row[:-1]), str(row[-1]))  # type: ignore[arg-type]


def stored_problems(stored: object) -> tuple[Problem, ...]:
    """The entry problems of a ``files`` row (its JSON column); none if unreadable."""
    try:
        return tuple(Problem(str(path), str(message)) for path, message in json.loads(str(stored)))
    except (ValueError, TypeError):
        return ()


def stored_article(header: ArticleHeader, paragraphs: str, dropped: str) -> Article | None:
    """An article from its header and ``bodies`` row; None if the row is unreadable."""
    try:
        body = tuple(str(paragraph) for paragraph in json.loads(paragraphs))
        removed = tuple(DroppedLine(str(t), str(r)) for t, r in json.loads(dropped))
    except (ValueError, TypeError):
        return None
    fields = {name: getattr(header, name) for name in _ARTICLE_FIELDS}
    return Article(**fields, paragraphs=body, dropped=removed)
