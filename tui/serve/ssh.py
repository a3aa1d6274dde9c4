"""`akhbar serve --ssh`: an asyncssh server whose every session is the reader and nothing more.

Public-key authentication against the reader's own authorized_keys (anonymous access only
when asked for); no shell, exec, SFTP, scp, port, agent or X11 forwarding. Each session runs
``python -m tui --read-only --state-dir <per-key folder> PATHS...`` on its own pty (see
`tui.serve.session`); reader state is kept per authenticated key, anonymous sessions get a
throw-away folder. Limits: concurrent sessions, unauthenticated connections, login time and
idle time. Every connection, login, refusal and end is logged with the key fingerprint.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import asyncssh

from tui.paths import cache_dir, config_dir, fetched_dir, shipped_articles_dir
from tui.serve import (
    DEFAULT_HOST,
    DEFAULT_IDLE_MINUTES,
    DEFAULT_LOGIN_TIMEOUT,
    DEFAULT_MAX_SESSIONS,
    DEFAULT_MAX_UNAUTHENTICATED,
    DEFAULT_PORT,
)
from tui.serve.connection import ReaderConnection
from tui.serve.keys import (
    AuthorizedKeys,
    ServeError,
    default_authorized_keys_path,
    key_fingerprint,
    load_or_create_host_key,
)
from tui.serve.pty_child import STOP_GRACE

log = logging.getLogger("akhbar.serve")

#: Dead clients (no FIN, e.g. a dropped network) are noticed after about 3 x 30 s.
KEEPALIVE_INTERVAL: Final = 30.0
KEEPALIVE_COUNT_MAX: Final = 3
SHUTDOWN_MESSAGE: Final = "\r\nakhbar: the server is shutting down\r\n"
#: Environment variables of the server that the reader inherits (all others are dropped).
INHERITED_VARIABLES: Final = ("PATH", "PYTHONPATH", "VIRTUAL_ENV", "TZ")
CHILD_LOCALE: Final = "C.UTF-8"
LOOPBACK_HOSTS: Final = frozenset({"127.0.0.1", "::1", "localhost"})
#: Parses the served paths into the article cache (run in its own process at start).
WARM_CACHE_CODE: Final = (
    "import sys; from pathlib import Path; from tui.corpus.loader import load_corpus; "
    "print(len(load_corpus([Path(p) for p in sys.argv[1:]]).headers))"
)


def default_serve_paths() -> list[Path]:
    """What the server offers when no ARTICLES are named: the shipped and fetched articles."""
    with contextlib.suppress(ImportError):
        from tui.corpus.loader import default_paths

        return list(default_paths())
    return [path for path in (shipped_articles_dir(), fetched_dir()) if path.exists()]


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """How `akhbar serve --ssh` was asked to run.

    Attributes:
        reader_command: the program each session runs, before ``--read-only`` and the rest;
            empty means ``sys.executable -m tui`` (tests substitute a small stand-in).
        warm_cache: parse the served articles into the cache once at start: read-only
            readers use a valid cache but never write one, so without this every session
            would parse the whole corpus again.
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    host_key: Path | None = None
    authorized_keys: Path | None = None
    allow_anonymous: bool = False
    max_sessions: int = DEFAULT_MAX_SESSIONS
    idle_timeout: float = DEFAULT_IDLE_MINUTES * 60
    login_timeout: float = DEFAULT_LOGIN_TIMEOUT
    max_unauthenticated: int = DEFAULT_MAX_UNAUTHENTICATED
    articles: tuple[Path, ...] = ()
    reader_command: tuple[str, ...] = ()
    warm_cache: bool = True


class ReaderServer:
    """The listening server and what its connections share: keys, paths, counters."""

    def __init__(self, settings: ServeSettings) -> None:
        """Load keys and check paths, so every setup problem shows before listening.

        Raises:
            ServeError: a key file or an article path is unusable.
        """
        self.settings = settings
        self.host_key, self.host_key_created = load_or_create_host_key(settings.host_key)
        self.authorized: AuthorizedKeys | None = None
        if not settings.allow_anonymous:
            path = settings.authorized_keys or default_authorized_keys_path()
            if not path.exists():
                raise ServeError(
                    f"no authorized keys: create {path} (one public key per line), pass "
                    "--authorized-keys FILE, or allow anyone with --allow-anonymous"
                )
            self.authorized = AuthorizedKeys(path)
        paths = list(settings.articles) or default_serve_paths()
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise ServeError(f"no such article file or folder: {', '.join(missing)}")
        self.paths = tuple(path.resolve() for path in paths)
        self.sessions = 0
        self.unauthenticated = 0
        self.connections: set[ReaderConnection] = set()
        self._ids = itertools.count(1)
        self._acceptor: asyncssh.SSHAcceptor | None = None

    @property
    def fingerprint(self) -> str:
        """The host key's fingerprint, printed at start so users can check it."""
        return key_fingerprint(self.host_key)

    @property
    def port(self) -> int:
        """The port actually listened on (useful with port 0)."""
        assert self._acceptor is not None
        return self._acceptor.get_port()

    def next_id(self) -> int:
        """A number for the next connection's log lines."""
        return next(self._ids)

    async def start(self) -> None:
        """Start listening."""
        anonymous = self.settings.allow_anonymous
        try:
            self._acceptor = await asyncssh.create_server(
                lambda: ReaderConnection(self),
                self.settings.host,
                self.settings.port,
                server_host_keys=[self.host_key],
                public_key_auth=not anonymous,
                password_auth=False,
                kbdint_auth=False,
                host_based_auth=False,
                gss_host=None,
                allow_pty=True,
                line_editor=False,
                encoding=None,
                agent_forwarding=False,
                x11_forwarding=False,
                allow_scp=False,
                sftp_factory=None,
                login_timeout=self.settings.login_timeout,
                keepalive_interval=KEEPALIVE_INTERVAL,
                keepalive_count_max=KEEPALIVE_COUNT_MAX,
                reuse_address=True,
            )
        except OSError as error:
            raise ServeError(
                f"cannot listen on {self.settings.host}:{self.settings.port}: {error}"
            ) from error

    async def close(self) -> None:
        """Stop listening, end every session cleanly (the readers restore the clients'
        terminals), then drop what is left."""
        if self._acceptor is not None:
            self._acceptor.close()
        for connection in list(self.connections):
            connection.stop(SHUTDOWN_MESSAGE)
        deadline = asyncio.get_running_loop().time() + STOP_GRACE + 1
        while self.connections and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)
        for connection in list(self.connections):
            connection.close()
        if self._acceptor is not None:
            await self._acceptor.wait_closed()

    def acquire_session(self) -> bool:
        """Take a reader slot; False when `max_sessions` readers are running."""
        if self.sessions >= self.settings.max_sessions:
            return False
        self.sessions += 1
        return True

    def release_session(self) -> None:
        """Give a reader slot back."""
        self.sessions -= 1

    def reader_argv(self, state_dir: Path) -> list[str]:
        """The command a session runs: the reader, read-only, on this session's state."""
        command = list(self.settings.reader_command) or [sys.executable, "-m", "tui"]
        return [
            *command,
            "--read-only",
            "--state-dir",
            str(state_dir),
            "--",
            *map(str, self.paths),
        ]

    def reader_env(
        self, connection: ReaderConnection, term: str, state_dir: Path
    ) -> dict[str, str]:
        """The reader's whole environment: nothing of the client's but TERM."""
        env = {name: os.environ[name] for name in INHERITED_VARIABLES if name in os.environ}
        env.update(
            TERM=term,
            LANG=CHILD_LOCALE,
            HOME=str(state_dir),
            AKHBAR_DATA_DIR=str(state_dir),
            AKHBAR_CACHE_DIR=str(cache_dir()),
            AKHBAR_CONFIG_DIR=str(config_dir()),
            AKHBAR_SSH_USER=connection.fingerprint,
            SSH_CONNECTION=connection.ssh_connection_value(),
        )
        return env


async def run_server(
    settings: ServeSettings, on_listening: Callable[[ReaderServer], object] | None = None
) -> None:
    """Serve until cancelled, then shut down cleanly.

    Args:
        settings: what to serve and how.
        on_listening: called once the server listens (tests read `server.port` there).

    Raises:
        ServeError: a setup problem (keys, paths, address in use).
    """
    server = ReaderServer(settings)
    await server.start()
    log.info(
        "akhbar serve: listening on %s:%d, host key %s%s",
        settings.host,
        server.port,
        server.fingerprint,
        " (new)" if server.host_key_created else "",
    )
    log.info(
        "serving %s; %s; up to %d sessions",
        ", ".join(map(str, server.paths)),
        "anonymous access" if server.authorized is None else f"keys in {server.authorized.path}",
        settings.max_sessions,
    )
    if server.authorized is None and settings.host not in LOOPBACK_HOSTS:
        log.warning("anyone who can reach %s may read without a key", settings.host)
    if on_listening is not None:
        on_listening(server)
    warming = asyncio.ensure_future(warm_cache(server.paths)) if settings.warm_cache else None
    try:
        await asyncio.Event().wait()
    finally:
        if warming is not None:
            warming.cancel()
        await server.close()
        log.info("akhbar serve: stopped")


async def warm_cache(paths: Sequence[Path]) -> None:
    """Fill the article cache for *paths* in a separate process (readers only read it)."""
    started = asyncio.get_running_loop().time()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        WARM_CACHE_CODE,
        *map(str, paths),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await process.communicate()
    except asyncio.CancelledError:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
        raise
    elapsed = asyncio.get_running_loop().time() - started
    if process.returncode == 0:
        log.info("article cache ready: %s articles in %.1fs", out.decode().strip(), elapsed)
    else:
        last = err.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
        log.warning(
            "could not fill the article cache (%s); readers parse files themselves", last[0]
        )


def serve_forever(settings: ServeSettings) -> int:
    """Run the server in the foreground until SIGINT or SIGTERM; the command's exit status."""
    import signal

    async def main() -> None:
        task = asyncio.current_task()
        assert task is not None
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, task.cancel)
        with contextlib.suppress(asyncio.CancelledError):
            await run_server(settings)

    asyncio.run(main())
    return 0
