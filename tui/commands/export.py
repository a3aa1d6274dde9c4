"""`akhbar export ARTICLE --format txt|md|json`: the cleaned article, metadata and entities.

Output is logical Unicode text (never presentation forms or bidi marks; layout is the
reader's job), written as UTF-8 to stdout whatever the locale, so it pipes into other tools.
Entity offsets are code-point offsets into the article's logical text (the JSON ``text``
field: title and paragraphs joined by blank lines), so ``text[start:end]`` is the mention.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.article_file import add_index_option, load_one_article

if TYPE_CHECKING:
    from tui.corpus.article import Article
    from tui.entities.mention import Mention

FORMATS = ("txt", "md", "json")
JSON_INDENT = 2
TXT_RULE = "-" * 40
#: Characters CommonMark gives a meaning to anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!])")
#: Line starts that would make a list, a quote, a heading underline or a thematic break.
_MD_LINE_START = re.compile(r"^(\s*)([-+=])", re.MULTILINE)
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def register(parser: argparse.ArgumentParser) -> None:
    """Add the options of `akhbar export`."""
    parser.add_argument("article", metavar="ARTICLE", help="an article file (txt, md, html, ...)")
    parser.add_argument("--format", choices=FORMATS, default="txt", help="output format")
    add_index_option(parser)
    parser.add_argument(
        "--no-entities", action="store_true", help="skip entity tagging (faster; none listed)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Export one article to stdout; 1 (with a message) if it cannot be read or found."""
    article = load_one_article("export", Path(args.article), args.index)
    if article is None:
        return 1
    mentions: Sequence[Mention] = ()
    if not args.no_entities:
        from tui.entities import tag_article

        mentions = tag_article(article)
    return _write(export_text(article, mentions, args.format))


def _write(text: str) -> int:
    try:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        return 0  # `akhbar export ... | head` is not an error
    return 0


def export_text(article: Article, mentions: Sequence[Mention], fmt: str) -> str:
    """The article in format *fmt* (``txt``, ``md`` or ``json``).

    Raises:
        ValueError: an unknown format.
    """
    if fmt == "json":
        return format_json(article, mentions)
    if fmt == "md":
        return format_markdown(article, mentions)
    if fmt == "txt":
        return format_text(article, mentions)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def _metadata(article: Article) -> list[tuple[str, str]]:
    """(label, value) for every known piece of metadata, in a fixed order."""
    date = article.date
    if article.published and article.published != date:
        date = f"{date} ({article.published})" if date else article.published
    where = article.path or ""
    if where and article.position:
        where = f"{where} #{article.position}"
    fields = [
        ("Date", date),
        ("Source", article.source),
        ("URL", article.url),
        ("File", where),
        ("Encoding", article.encoding),
    ]
    return [(label, value) for label, value in fields if value]


def _entity_rows(mentions: Sequence[Mention]) -> list[tuple[str, ...]]:
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    return [(str(m.start), str(m.end), str(m.type), m.text, m.canonical) for m in ordered]


def format_text(article: Article, mentions: Sequence[Mention]) -> str:
    """Plain text: the article, then metadata lines, then one tab-separated line per mention."""
    lines = [article.text, "", TXT_RULE]
    lines += [f"{label}: {value}" for label, value in _metadata(article)]
    lines += ["", "Entities (start, end, type, text, canonical):"]
    lines += ["\t".join(_one_line(cell) for cell in row) for row in _entity_rows(mentions)]
    if not mentions:
        lines.append("(none)")
    return "\n".join(lines) + "\n"


def md_escape(text: str) -> str:
    """*text* as Markdown that renders back to exactly *text* (CommonMark backslash escapes)."""
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(r"\1\\\2", text)
    return _MD_ORDERED.sub(r"\1\\\2", text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def format_markdown(article: Article, mentions: Sequence[Mention]) -> str:
    """Markdown: a heading, a metadata list, the paragraphs, and an entity table."""
    parts = [f"# {md_escape(_one_line(article.title))}"]
    metadata = _metadata(article)
    if metadata:
        parts.append("\n".join(f"- **{label}:** {md_escape(value)}" for label, value in metadata))
    parts += [md_escape(paragraph.strip()) for paragraph in article.paragraphs if paragraph.strip()]
    parts.append("## Entities")
    rows = _entity_rows(mentions)
    if rows:
        table = ["| Start | End | Type | Text | Canonical |", "|---:|---:|---|---|---|"]
        table += [
            "| " + " | ".join(md_escape(_one_line(cell)) for cell in row) + " |" for row in rows
        ]
        parts.append("\n".join(table))
    else:
        parts.append("None found.")
    return "\n\n".join(parts) + "\n"


def format_json(article: Article, mentions: Sequence[Mention]) -> str:
    """JSON: every Article field, the logical text, and the mentions with their offsets."""
    document = {
        "title": article.title,
        "date": article.date,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "path": article.path,
        "position": article.position,
        "format": article.format,
        "encoding": article.encoding,
        "identity": article.identity,
        "paragraphs": list(article.paragraphs),
        "text": article.text,
        "entities": [
            {
                "text": m.text,
                "type": str(m.type),
                "start": m.start,
                "end": m.end,
                "canonical": m.canonical,
                "key": m.key,
            }
            for m in sorted(mentions, key=lambda m: (m.start, m.end))
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=JSON_INDENT) + "\n"
