"""Reader for articles exported as JSON (``.json``) or JSON Lines (``.jsonl``).

A ``.json`` file holds one article object, a list of them, or ``{"articles": [...]}``; a
``.jsonl`` file holds one object per line. Fields (aliases in brackets): ``title``
[``headline``], ``date`` [``published``, ``pubDate``, ``datePublished``], ``source``
[``publisher``, ``site``], ``url`` [``link``], ``body`` [``content``, ``text``,
``paragraphs``]: a string (paragraphs one per line; HTML is read as HTML) or a list of strings.

Entries that cannot be read do not sink the file: the good ones are returned in an
`ArticleList`, a plain list that also carries a `Problem` per bad entry in ``.problems``.
Only when no entry at all can be read does `parse` raise `UnreadableArticle`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tui.corpus.article import Article, Problem
from tui.corpus.formats import Source, UnreadableArticle
from tui.corpus.html_text import (
    HtmlTooComplex,
    drop_furniture_lines,
    html_paragraphs,
    iso_day,
    tidy_line,
)

#: Field name → the keys that may hold it, first match wins.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "date": ("date", "published", "pubDate", "datePublished"),
    "source": ("source", "publisher", "site"),
    "url": ("url", "link"),
    "body": ("body", "content", "text", "paragraphs"),
}
#: Per-entry problems quoted in the message when every entry of a file fails.
PROBLEMS_IN_MESSAGE = 3
#: A title taken from the body's first paragraph must be at most this long.
TITLE_MAX_CHARS = 200
_LOOKS_LIKE_HTML = re.compile(r"<(?:p|div|br|h[1-6]|ul|ol|li|blockquote|section|article)\b", re.I)


class ArticleList(list[Article]):
    """The articles a reader could read, plus the entries it could not (``problems``).

    It is a ``list[Article]``, so it satisfies the reader contract; a loader that wants to
    report per-entry failures reads ``getattr(result, "problems", ())``.
    """

    problems: tuple[Problem, ...]

    def __init__(self, articles: Iterable[Article] = (), problems: Iterable[Problem] = ()):
        super().__init__(articles)
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class _Entry:
    """One candidate article object and where it sits (for messages)."""

    value: object
    where: str


def parse(source: Source) -> ArticleList:
    """Read every article of a JSON or JSON Lines file.

    Raises:
        UnreadableArticle: the file is not JSON, or holds no readable article.
    """
    text = source.text.lstrip("\ufeff")
    if not text.strip():
        raise UnreadableArticle("the file is empty")
    if source.path.lower().endswith(".jsonl"):
        entries, problems = _lines(source.path, text)
    else:
        entries, problems = _document(source.path, text)
    articles: list[Article] = []
    for entry in entries:
        try:
            articles.append(_article(entry.value, source, position=len(articles)))
        except ValueError as error:
            problems.append(Problem(f"{source.path} ({entry.where})", str(error)))
    if not articles:
        raise UnreadableArticle(_summary(problems, source.path))
    return ArticleList(articles, problems)


def _document(path: str, text: str) -> tuple[list[_Entry], list[Problem]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # several objects, one per line: JSON Lines after all
            return _lines(path, text)
        raise UnreadableArticle(f"not valid JSON: {error}") from error
    except RecursionError as error:
        raise UnreadableArticle("not readable JSON: nested too deeply") from error
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, list):
        return [_Entry(item, f"entry {number}") for number, item in enumerate(data, 1)], []
    if isinstance(data, dict):
        return [_Entry(data, "entry 1")], []
    raise UnreadableArticle(
        'JSON holds no article: expected an object, a list of objects or {"articles": [...]}'
    )


def _lines(path: str, text: str) -> tuple[list[_Entry], list[Problem]]:
    entries: list[_Entry] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            entries.append(_Entry(json.loads(line), where))
        except json.JSONDecodeError as error:
            problems.append(
                Problem(f"{path} ({where})", f"not valid JSON ({error.msg}, column {error.colno})")
            )
        except RecursionError:
            problems.append(Problem(f"{path} ({where})", "not readable JSON: nested too deeply"))
    return entries, problems


def _article(value: object, source: Source, *, position: int) -> Article:
    """One JSON object → an Article; ValueError with a user-facing reason otherwise."""
    if not isinstance(value, dict):
        raise ValueError(f"expected an article object, found {_json_type(value)}")
    title = _text(value, "title")
    paragraphs, dropped = drop_furniture_lines(_body(_field(value, "body")))
    if not title and paragraphs and len(paragraphs[0]) <= TITLE_MAX_CHARS:
        title = paragraphs.pop(0)
    if not title:
        raise ValueError("the object has neither a title nor a body")
    if not paragraphs and not any(key in value for key in FIELD_KEYS["body"]):
        raise ValueError("the object has a title but no body (body, content or text)")
    date = _text(value, "date")
    published = _text_of(value.get("published"))
    url = _text(value, "url")
    return Article(
        title=title,
        paragraphs=tuple(paragraphs),
        date=date or None,
        published=iso_day(published) or iso_day(date),
        source=_text(value, "source") or None,
        url=url if url.startswith(("http://", "https://")) else None,
        path=source.path,
        position=position,
        format="json",
        encoding=source.encoding,
        dropped=dropped,
    )


def _field(value: dict[str, Any], name: str) -> object:
    for key in FIELD_KEYS[name]:
        if value.get(key) not in (None, "", []):
            return value[key]
    return None


def _text(value: dict[str, Any], name: str) -> str:
    return _text_of(_field(value, name))


def _text_of(value: object) -> str:
    """A scalar as a tidy line; ``{"name": …}`` (a schema.org publisher) by its name."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return tidy_line(str(value))
    return ""


def _body(value: object) -> list[str]:
    """Paragraphs from a body string (one per line, or HTML) or a list of strings."""
    if isinstance(value, list):
        return [line for item in value if (line := _text_of(item))]
    if not isinstance(value, str):
        return []
    if _LOOKS_LIKE_HTML.search(value):
        try:
            return html_paragraphs(value)
        except HtmlTooComplex as error:
            raise ValueError(str(error)) from error
    return [line for raw in value.splitlines() if (line := tidy_line(raw))]


def _json_type(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return "a number" if isinstance(value, int | float) else type(value).__name__


def _summary(problems: list[Problem], path: str) -> str:
    """One message for a file none of whose entries could be read."""
    if not problems:
        return "the file holds no article"
    if len(problems) == 1 and problems[0].path.endswith("(entry 1)"):
        return f"not an article: {problems[0].message}"  # the file's only object
    shown = "; ".join(
        f"{problem.path.removeprefix(path).strip(' ()')}: {problem.message}"
        for problem in problems[:PROBLEMS_IN_MESSAGE]
    )
    more = len(problems) - PROBLEMS_IN_MESSAGE
    return f"no article could be read ({shown}{f'; and {more} more' if more > 0 else ''})"
