"""Readers for article file formats, chosen by file extension and imported on demand.

Each reader module defines ``parse(source: Source) -> list[Article]`` returning cleaned
articles (titles and paragraphs already sanitised for the terminal) or raising
`UnreadableArticle` with a message fit for a user.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.corpus.article import Article


class UnreadableArticle(ValueError):
    """The file was read but holds no article we can show (message says why)."""


@dataclass(frozen=True, slots=True)
class Source:
    """A file's raw bytes and its decoded text.

    Attributes:
        path: the file path (as given or found while scanning).
        data: the raw bytes (feed and HTML readers may honour an in-document charset).
        text: `data` decoded with `encoding`.
        encoding: the detected or declared encoding (e.g. ``utf-8``, ``cp1256``).
    """

    path: str
    data: bytes
    text: str
    encoding: str


#: File extension (lower case, with dot) → reader module under tui.corpus.formats.
READERS: dict[str, str] = {
    ".txt": "txt",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json_articles",
    ".jsonl": "json_articles",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}


@cache
def reader_for(extension: str) -> Callable[[Source], list[Article]] | None:
    """The ``parse`` function for *extension*, or None if akhbar does not read such files.

    Cached: a cold load asks once per file, and `import_module` is not free.
    """
    name = READERS.get(extension.lower())
    if name is None:
        return None
    module = importlib.import_module(f"tui.corpus.formats.{name}")
    parse: Callable[[Source], list[Article]] = module.parse
    return parse
