"""Loading the one article a command works on (`akhbar entities`, `akhbar export`).

Both take a file and an ``--index`` into the articles it holds (feeds and JSON lists hold
several); a wrong path or index is a message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.corpus.article import Article


def add_index_option(parser: argparse.ArgumentParser) -> None:
    """The ``--index N`` option: which article of a file holding several."""
    parser.add_argument(
        "--index",
        type=int,
        default=0,
        metavar="N",
        help="which article of a file holding several (feeds, JSON lists); default 0",
    )


def load_one_article(command: str, path: Path, index: int) -> Article | None:
    """Article *index* of the file *path*, or None after telling stderr why not.

    The file's problems (undecodable entries, …) are reported too, prefixed with
    ``akhbar COMMAND:``.
    """
    from tui.corpus.loader import load_article, load_corpus

    if not path.is_file():
        reason = "is a folder" if path.is_dir() else "no such file"
        print(f"akhbar {command}: {path}: {reason}", file=sys.stderr)
        return None
    corpus = load_corpus([path], use_cache=False)
    for problem in corpus.problems:
        print(f"akhbar {command}: {problem.path}: {problem.message}", file=sys.stderr)
    count = len(corpus.headers)
    if not 0 <= index < count:
        if count:
            bounds = f"--index must be 0..{count - 1}"
            print(f"akhbar {command}: {path} holds {count} article(s); {bounds}", file=sys.stderr)
        elif not corpus.problems:
            print(f"akhbar {command}: {path}: no article found", file=sys.stderr)
        return None
    return load_article(corpus.headers[index])
