"""Runs the SSH server for tests and the load benchmark, with a chosen reader command.

``python tests/serve/server_main.py --reader stub|akhbar [serve options] [ARTICLES...]``
prints ``PORT <n>`` on stdout once listening, then logs to stderr like `akhbar serve`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from pathlib import Path

from tui.serve.keys import ServeError
from tui.serve.ssh import ReaderServer, ServeSettings, run_server

STUB = Path(__file__).resolve().with_name("stub_reader.py")


def main(argv: list[str]) -> int:
    """Parse *argv*, serve until SIGTERM/SIGINT."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--reader", choices=("stub", "akhbar"), default="stub")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--host-key", type=Path)
    parser.add_argument("--authorized-keys", type=Path)
    parser.add_argument("--allow-anonymous", action="store_true")
    parser.add_argument("--max-sessions", type=int, default=20)
    parser.add_argument("--idle-timeout", type=float, default=600.0, help="seconds")
    parser.add_argument("--login-timeout", type=float, default=30.0)
    parser.add_argument("--max-unauthenticated", type=int, default=32)
    parser.add_argument("articles", nargs="*", type=Path)
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    settings = ServeSettings(
        host=options.host,
        port=options.port,
        host_key=options.host_key,
        authorized_keys=options.authorized_keys,
        allow_anonymous=options.allow_anonymous,
        max_sessions=options.max_sessions,
        idle_timeout=options.idle_timeout,
        login_timeout=options.login_timeout,
        max_unauthenticated=options.max_unauthenticated,
        articles=tuple(options.articles),
        reader_command=(sys.executable, str(STUB)) if options.reader == "stub" else (),
        warm_cache=options.reader == "akhbar",
    )

    async def serve() -> None:
        task = asyncio.ensure_future(run_server(settings, _announce))
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, task.cancel)
        with contextlib.suppress(asyncio.CancelledError):
            await task

    try:
        asyncio.run(serve())
    except ServeError as error:
        print(f"server_main: {error}", file=sys.stderr)
        return 1
    return 0


def _announce(server: ReaderServer) -> None:
    print(f"PORT {server.port}", flush=True)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
