"""Reader for Markdown articles (``.md``): title from the first heading, prose as paragraphs.

Markdown here is notes and exports, not a document language to render: we keep the words and
drop the markup (emphasis, links become their text, images and rules disappear). Optional
front matter (``---`` … ``---`` with ``key: value`` lines) may give title, date, source, url.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tui.corpus.article import Article
from tui.corpus.formats import Source, UnreadableArticle
from tui.corpus.html_text import HtmlTooComplex, html_paragraphs, iso_day, tidy_line

#: A first paragraph longer than this is not promoted to a title when there is no heading.
TITLE_MAX_CHARS = 200
#: Front-matter keys we read, each mapped to the article field it fills.
FRONT_MATTER_KEYS = {
    "title": "title",
    "date": "date",
    "published": "date",
    "source": "source",
    "url": "url",
    "link": "url",
}
_FRONT_MATTER_FENCE = "---"
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(\s*\1){2,}\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE = re.compile(r"^ {0,3}>\s?")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
_HTML_BLOCK = re.compile(r"^\s*<(?:p|div|br|h[1-6]|ul|ol|blockquote|table|section)\b", re.I)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~<])")
#: Escaped punctuation is parked in the Private Use Area while markup is stripped.
_ESCAPED = 0xF780
_UNESCAPE = {_ESCAPED + code: chr(code) for code in b"\\`*_{}[]()#+-.!>|~<"}
#: Any character of the parking range (a literal one in the source is unparked too).
_PARKED = re.compile(f"[{chr(_ESCAPED)}-{chr(_ESCAPED + 0x7F)}]")


@dataclass(slots=True)
class _Blocks:
    """Paragraphs gathered while scanning, and the first heading seen."""

    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)


def parse(source: Source) -> list[Article]:
    """Read one Markdown file as one article.

    Raises:
        UnreadableArticle: the file holds no text.
    """
    lines = source.text.lstrip("\ufeff").splitlines()
    fields, lines = _front_matter(lines)
    blocks = _blocks(lines)
    paragraphs = blocks.paragraphs
    title = fields.get("title") or blocks.heading
    if fields.get("title") and blocks.heading:
        paragraphs.insert(0, blocks.heading)  # front matter named the title; keep the heading
    if not title and paragraphs and len(paragraphs[0]) <= TITLE_MAX_CHARS:
        title = paragraphs.pop(0)
    if not title and not paragraphs:
        raise UnreadableArticle("the Markdown file holds no text")
    url = fields.get("url")
    return [
        Article(
            title=title or tidy_line(Path(source.path).stem),
            paragraphs=tuple(paragraphs),
            date=fields.get("date"),
            published=iso_day(fields.get("date")),
            source=fields.get("source"),
            url=url if url and url.startswith(("http://", "https://")) else None,
            path=source.path,
            format="md",
            encoding=source.encoding,
        )
    ]


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Split off a leading ``---`` block of ``key: value`` lines (YAML-like, flat)."""
    if not lines or lines[0].strip() != _FRONT_MATTER_FENCE:
        return {}, lines
    for end in range(1, len(lines)):
        if lines[end].strip() in (_FRONT_MATTER_FENCE, "..."):
            break
    else:
        return {}, lines
    fields: dict[str, str] = {}
    for line in lines[1:end]:
        key, colon, value = line.partition(":")
        name = FRONT_MATTER_KEYS.get(key.strip().lower())
        if colon and name and name not in fields:
            text = tidy_line(value.strip().strip("\"'"))
            if text:
                fields[name] = text
    return fields, lines[end + 1 :]


def _blocks(lines: list[str]) -> _Blocks:
    """Group lines into paragraphs: blank lines, headings, list items and fences split them."""
    found = _Blocks()
    pending: list[str] = []
    in_fence = False

    def flush() -> None:
        if pending:
            found.paragraphs.extend(_prose(pending))
            pending.clear()

    def heading(text: str) -> None:
        flush()
        line = _inline(text)
        if not line:
            return
        if found.heading or found.paragraphs:
            found.paragraphs.append(line)
        else:
            found.heading = line

    for line in lines:
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if text := tidy_line(line):
                found.paragraphs.append(text)
            continue
        atx = _ATX_HEADING.match(line)
        if atx:
            heading(atx.group(2))
        elif pending and len(pending) == 1 and _SETEXT_UNDERLINE.match(line):
            text = pending.pop()
            heading(text)
        elif not line.strip() or _RULE.match(line):
            flush()
        elif _LINK_DEFINITION.match(line):
            continue
        elif _LIST_ITEM.match(line):
            flush()
            pending.append(_LIST_ITEM.sub("", line, count=1))
        else:
            pending.append(_QUOTE.sub("", line, count=1))
    flush()
    return found


def _prose(lines: list[str]) -> list[str]:
    """One block of lines as paragraphs: soft line breaks join, raw HTML is read as HTML."""
    block = "\n".join(lines)
    if _HTML_BLOCK.match(block):
        try:
            return html_paragraphs(block)
        except HtmlTooComplex:
            return []
    text = _inline(block)
    return [text] if text else []


def _inline(text: str) -> str:
    """Markdown inline markup → plain words (images dropped, links kept as their text).

    Backslash-escaped punctuation is set aside first so ``\\*`` stays a literal asterisk.
    """
    # Each pattern is tried only where the character it needs is present: most prose
    # has no markup, and `str.translate` with a dict costs a lookup per character.
    if "\\" in text:
        text = _ESCAPE.sub(lambda match: chr(_ESCAPED + ord(match.group(1))), text)
    if "[" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(lambda match: match.group(1) or match.group(2), text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(r"\2", text)
        text = _EMPHASIS.sub(r"\2", text)
    if _PARKED.search(text):
        text = text.translate(_UNESCAPE)
    return tidy_line(text)
