"""`akhbar render PATH`: print an article exactly as the reading pane lays it out."""

from __future__ import annotations

import argparse
import shutil
import sys

DEFAULT_WIDTH = 80
BOLD, DIM, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def register(parser: argparse.ArgumentParser) -> None:
    """Add the options of `akhbar render`."""
    parser.add_argument("path", metavar="PATH", help="an article file")
    parser.add_argument(
        "--width", type=int, default=None, help="columns (default: the terminal's, else 80)"
    )
    parser.add_argument(
        "--bidi",
        choices=("app", "terminal"),
        default="app",
        help="app: shape and reorder here (default); terminal: logical order for bidi terminals",
    )
    parser.add_argument(
        "--index", type=int, default=None, help="only the N-th article of a multi-article file"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print every article of PATH (or the one chosen with --index); 1 if none could be read."""
    from pathlib import Path

    from tui.corpus.loader import load_article, load_corpus
    from tui.text.layout import Mode
    from tui.text.page import BlockKind, article_blocks, layout_page

    width = args.width
    if width is None:
        width = (
            shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
            if sys.stdout.isatty()
            else DEFAULT_WIDTH
        )
    if width < 1:
        print("akhbar render: --width must be at least 1", file=sys.stderr)
        return 2
    corpus = load_corpus([Path(args.path)], use_cache=False)
    for problem in corpus.problems:
        print(f"akhbar: {problem.path}: {problem.message}", file=sys.stderr)
    headers = list(corpus.headers)
    if args.index is not None:
        if not 0 <= args.index < len(headers):
            print(f"akhbar render: {args.path} holds {len(headers)} article(s)", file=sys.stderr)
            return 1
        headers = [headers[args.index]]
    if not headers:
        return 1
    styled = sys.stdout.isatty()
    out: list[str] = []
    for number, header in enumerate(headers):
        if number:
            out.append("")
        blocks = article_blocks(load_article(header))
        for page_line in layout_page(blocks, width, Mode(args.bidi)):
            text = page_line.text
            kind = blocks[page_line.block].kind
            if styled and text and kind is not BlockKind.BODY:
                text = (BOLD if kind is BlockKind.TITLE else DIM) + text + RESET
            out.append(text)
    sys.stdout.write("\n".join(out) + "\n")
    return 0
