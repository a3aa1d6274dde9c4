"""`akhbar entities PATH [--json]`: the people, places and organisations an article names."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.article_file import add_index_option, load_one_article

if TYPE_CHECKING:
    from tui.entities.mention import Mention

JSON_INDENT = 2


def register(parser: argparse.ArgumentParser) -> None:
    """Add the options of `akhbar entities`."""
    parser.add_argument("path", metavar="PATH", help="an article file (txt, md, html, json, feed)")
    add_index_option(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list of {text, type, start, end, canonical, key}",
    )
    parser.set_defaults(run=run)


def format_table(mentions: Sequence[Mention]) -> str:
    """One line per entity: type, canonical name, how often, and the spellings seen."""
    from tui.entities import group_mentions

    lines = []
    for group in group_mentions(mentions):
        spellings = sorted({m.text for m in group.mentions} - {group.canonical})
        also = f"  ({'، '.join(spellings)})" if spellings else ""
        lines.append(f"{group.type.value:<13} {len(group.mentions):>3}  {group.canonical}{also}")
    return "\n".join(lines)


def format_json(mentions: Sequence[Mention]) -> str:
    """Mentions in text order as JSON objects (offsets are code points into the text)."""
    rows = [
        {
            "text": m.text,
            "type": m.type.value,
            "start": m.start,
            "end": m.end,
            "canonical": m.canonical,
            "key": m.key,
        }
        for m in mentions
    ]
    return json.dumps(rows, ensure_ascii=False, indent=JSON_INDENT)


def run(args: argparse.Namespace) -> int:
    """List the mentions of one article; 1 with a message if it cannot be read."""
    from tui.entities import ModelMissing, tag_article

    article = load_one_article("entities", Path(args.path), args.index)
    if article is None:
        return 1
    try:
        mentions = tag_article(article)
    except ModelMissing as error:
        print(f"akhbar entities: {error}", file=sys.stderr)
        return 1
    output = format_json(mentions) if args.json else format_table(mentions)
    sys.stdout.buffer.write((output + "\n").encode("utf-8"))
    sys.stdout.flush()
    return 0
