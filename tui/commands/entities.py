"""`akhbar entities PATH [--json]`: the people, places and organisations an article names."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.entities.mention import Mention

JSON_INDENT = 2


def register(parser: argparse.ArgumentParser) -> None:
    """Add the options of `akhbar entities`."""
    parser.add_argument("path", metavar="PATH", help="an article file (txt, md, html, json, feed)")
    parser.add_argument(
        "--index",
        type=int,
        default=0,
        metavar="N",
        help="which article of a file holding several (feeds, JSON lists); default 0",
    )
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
    from tui.corpus.loader import load_article, load_corpus
    from tui.entities import ModelMissing, tag_article

    path = Path(args.path)
    if not path.is_file():
        reason = "is a folder" if path.is_dir() else "no such file"
        print(f"akhbar entities: {path}: {reason}", file=sys.stderr)
        return 1
    corpus = load_corpus([path], use_cache=False)
    for problem in corpus.problems:
        print(f"akhbar entities: {problem.path}: {problem.message}", file=sys.stderr)
    count = len(corpus.headers)
    if not 0 <= args.index < count:
        if count:
            print(
                f"akhbar entities: {path} holds {count} article(s); --index must be 0..{count - 1}",
                file=sys.stderr,
            )
        elif not corpus.problems:
            print(f"akhbar entities: {path}: no article found", file=sys.stderr)
        return 1
    try:
        mentions = tag_article(load_article(corpus.headers[args.index]))
    except ModelMissing as error:
        print(f"akhbar entities: {error}", file=sys.stderr)
        return 1
    output = format_json(mentions) if args.json else format_table(mentions)
    sys.stdout.buffer.write((output + "\n").encode("utf-8"))
    sys.stdout.flush()
    return 0
