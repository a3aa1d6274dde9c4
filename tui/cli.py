"""Command-line entry point: `akhbar [PATH...]` opens the reader; `akhbar COMMAND ...` runs a tool.

Only argument parsing and dispatch live here; each command is a module under
`tui/commands/` imported on demand, so start-up pays only for what it runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from tui import __version__

#: Sub-command name → (module under tui.commands, one-line summary).
COMMANDS: dict[str, tuple[str, str]] = {
    "render": ("render", "print an article laid out exactly as the reading pane draws it"),
    "entities": ("entities", "list the people, places and organisations an article mentions"),
    "ner-train": ("ner_train", "retrain the shipped entity model from a CoNLL file"),
    "ner-eval": ("ner_eval", "score the entity tagger on a CoNLL file"),
    "search": ("search", "answer a query over articles from the command line"),
    "fetch": ("fetch", "download RSS/Atom feeds into the corpus folder"),
    "export": ("export", "write a cleaned article as txt, md or json"),
    "config": ("config", "show or locate the configuration file"),
    "doctor": ("doctor", "print a test card to pick the right bidi mode for this terminal"),
    "serve": ("serve", "offer the reader over SSH"),
}


def _read_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="akhbar",
        description="A terminal reader for Arabic news. With no PATH, opens the shipped articles.",
        epilog="commands:\n"
        + "\n".join(f"  {name:<10} {summary}" for name, (_, summary) in COMMANDS.items())
        + "\n\nRun `akhbar COMMAND --help` for a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    parser.add_argument("--version", action="version", version=f"akhbar {__version__}")
    parser.add_argument(
        "--bidi",
        choices=("app", "terminal"),
        default=None,
        help="app: akhbar shapes and reorders (default); terminal: the terminal does bidi",
    )
    parser.add_argument(
        "--lang", choices=("en", "ar"), default=None, help="interface language (ar mirrors it)"
    )
    parser.add_argument("--theme", default=None, help="Textual theme name")
    parser.add_argument(
        "--state-dir", default=None, help="keep reader state here instead of the data dir"
    )
    parser.add_argument(
        "--read-only", action="store_true", help="never write files (used by `serve`)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `akhbar` with *argv* (default: sys.argv[1:]) and return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        name = args[0]
        module = importlib.import_module(f"tui.commands.{COMMANDS[name][0]}")
        parser = argparse.ArgumentParser(prog=f"akhbar {name}", description=COMMANDS[name][1])
        module.register(parser)
        options = parser.parse_args(args[1:])
        result: int = options.run(options)
        return result
    options = _read_parser().parse_args(args)
    from tui.commands import read

    return read.run(options)
