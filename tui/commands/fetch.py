"""`akhbar fetch URL... [--into DIR]`: download RSS/Atom feeds into the corpus folder.

With no URL, the feeds listed in the config file (``[feeds] urls = [...]``) are fetched.
Progress goes to stderr when it is a terminal; problems go to stderr one per line; the
one-line summary goes to stdout. Exit status: 0 when nothing failed, 1 when something did,
2 when there was nothing to fetch or the config file is broken.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from tui.fetch.fetcher import FetchProgress

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
_PREFIX = "akhbar fetch: "


def register(parser: argparse.ArgumentParser) -> None:
    """Add `fetch`'s arguments."""
    from tui.fetch import DEFAULT_TIMEOUT

    parser.add_argument(
        "urls", nargs="*", metavar="URL", help="feed URLs (default: the feeds in the config file)"
    )
    parser.add_argument(
        "--into",
        type=Path,
        metavar="DIR",
        default=None,
        help="folder to write new articles to (default: the fetched-news folder akhbar reads)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        default=DEFAULT_TIMEOUT,
        help=f"give up on a server after this long without an answer (default {DEFAULT_TIMEOUT:g})",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Fetch, report, and return the exit status."""
    from tui.fetch.fetcher import fetch_feeds
    from tui.text.sanitize import sanitize_line

    urls = list(args.urls)
    if not urls:
        configured = configured_feeds()
        if isinstance(configured, str):
            print(_PREFIX + configured, file=sys.stderr)
            return EXIT_USAGE
        urls = list(configured)
    if not urls:
        print(_PREFIX + _no_feeds_message(), file=sys.stderr)
        return EXIT_USAGE
    line = _ProgressLine(sys.stderr) if sys.stderr.isatty() else None
    try:
        report = fetch_feeds(
            urls, args.into, progress=line.show if line else None, timeout=args.timeout
        )
    except KeyboardInterrupt:
        if line:
            line.clear()
        print(_PREFIX + "interrupted; articles already written are kept", file=sys.stderr)
        return EXIT_INTERRUPTED
    if line:
        line.clear()
    for problem in report.problems:
        print(_PREFIX + sanitize_line(f"{problem.path}: {problem.message}"), file=sys.stderr)
    print(report.summary())
    return EXIT_FAILED if report.failed else 0


def configured_feeds() -> tuple[str, ...] | str:
    """The feed URLs of the config file, or a message saying why they cannot be read."""
    from tui.config import ConfigError, load_config

    try:
        return load_config().feeds
    except ConfigError as error:
        return str(error)


def _no_feeds_message() -> str:
    from tui.config import config_path

    return (
        "no feed URL given and none configured; name feeds on the command line or add"
        f' [feeds] urls = ["https://…"] to {config_path()}'
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("the timeout must be more than 0 seconds")
    return value


class _ProgressLine:
    """One status line on a terminal, rewritten in place (``[2/5] url — entry 3 of 20``)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def show(self, progress: FetchProgress) -> None:
        from tui.text.sanitize import sanitize_line

        width = shutil.get_terminal_size().columns - 1
        text = sanitize_line(
            f"[{progress.done}/{progress.total}] {progress.url} — {progress.message}"
        )
        self.stream.write("\r\x1b[K" + text[:width])
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()
