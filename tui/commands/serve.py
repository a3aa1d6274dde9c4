"""`akhbar serve --ssh`: offer the reader to colleagues over SSH without giving them a shell."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from tui.serve import (
    AUTHORIZED_KEYS_NAME,
    DEFAULT_HOST,
    DEFAULT_IDLE_MINUTES,
    DEFAULT_MAX_SESSIONS,
    DEFAULT_PORT,
    HOST_KEY_NAME,
)

LOG_FORMAT = "%(asctime)s %(levelname)s %(message)s"


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be 0-65535")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def register(parser: argparse.ArgumentParser) -> None:
    """Add `akhbar serve`'s options."""
    parser.add_argument(
        "--ssh", action="store_true", help="serve over SSH (the only transport so far)"
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on ({DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port to listen on ({DEFAULT_PORT})"
    )
    parser.add_argument(
        "--host-key",
        type=Path,
        metavar="FILE",
        help=f"private host key (default: DATA_DIR/{HOST_KEY_NAME}, created on first run)",
    )
    access = parser.add_mutually_exclusive_group()
    access.add_argument(
        "--authorized-keys",
        type=Path,
        metavar="FILE",
        help=f"public keys allowed in (default: CONFIG_DIR/{AUTHORIZED_KEYS_NAME})",
    )
    access.add_argument(
        "--allow-anonymous",
        action="store_true",
        help="let anyone in without a key (their reading state is not kept)",
    )
    parser.add_argument(
        "--max-sessions",
        type=_positive_int,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=f"readers running at once ({DEFAULT_MAX_SESSIONS})",
    )
    parser.add_argument(
        "--idle-timeout",
        type=_positive_float,
        default=DEFAULT_IDLE_MINUTES,
        metavar="MINUTES",
        help=f"close sessions without input for this long ({DEFAULT_IDLE_MINUTES:g})",
    )
    parser.add_argument(
        "articles", nargs="*", type=Path, metavar="ARTICLES", help="files or folders to serve"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Start the server in the foreground; Ctrl+C or SIGTERM stops it cleanly."""
    if not args.ssh:
        print("akhbar serve: say how to serve: --ssh", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT, stream=sys.stderr)
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    from tui.serve.keys import ServeError
    from tui.serve.ssh import ServeSettings, serve_forever

    settings = ServeSettings(
        host=args.host,
        port=args.port,
        host_key=args.host_key,
        authorized_keys=args.authorized_keys,
        allow_anonymous=args.allow_anonymous,
        max_sessions=args.max_sessions,
        idle_timeout=args.idle_timeout * 60,
        articles=tuple(args.articles),
    )
    try:
        return serve_forever(settings)
    except ServeError as error:
        print(f"akhbar serve: {error}", file=sys.stderr)
        return 1
