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
import shutil
import sys
import tempfile
from collections.abc import Callable
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
from tui.serve.keys import (
    ANONYMOUS,
    AuthorizedKeys,
    ServeError,
    default_authorized_keys_path,
    ensure_private_dir,
    key_fingerprint,
    load_or_create_host_key,
    user_dir_name,
    users_dir,
)
from tui.serve.pty_child import STOP_GRACE
from tui.serve.session import ReaderSession

log = logging.getLogger("akhbar.serve")

#: Dead clients (no FIN, e.g. a dropped network) are noticed after about 3 x 30 s.
KEEPALIVE_INTERVAL: Final = 30.0
KEEPALIVE_COUNT_MAX: Final = 3
#: Printable characters kept when logging what a client sent (usernames, commands).
LOG_TEXT_LIMIT: Final = 120
IDLE_MESSAGE: Final = "\r\nakhbar: session closed after {minutes:g} minutes without input\r\n"
SHUTDOWN_MESSAGE: Final = "\r\nakhbar: the server is shutting down\r\n"
#: Environment variables of the server that the reader inherits (all others are dropped).
INHERITED_VARIABLES: Final = ("PATH", "PYTHONPATH", "VIRTUAL_ENV", "TZ")
CHILD_LOCALE: Final = "C.UTF-8"
#: Shown in log lines for a connection that never logged in.
NOT_LOGGED_IN: Final = "-"


def printable(text: str) -> str:
    """*text* safe for a log line: repr-escaped and cut to `LOG_TEXT_LIMIT` characters."""
    shown = repr(text[:LOG_TEXT_LIMIT])
    return shown + ("…" if len(text) > LOG_TEXT_LIMIT else "")


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


class ReaderConnection(asyncssh.SSHServer):
    """One client connection: authentication, refusals, idle timer, log lines."""

    def __init__(self, server: ReaderServer) -> None:
        self.server = server
        self.id = server.next_id()
        self.fingerprint = NOT_LOGGED_IN
        self._offered = ANONYMOUS
        self._conn: asyncssh.SSHServerConnection | None = None
        self._peer: tuple[str, int] = ("?", 0)
        self._local: tuple[str, int] = ("?", 0)
        self._authenticated = False
        self._session: ReaderSession | None = None
        self._state_dir: Path | None = None
        self._temporary = False
        self._started = 0.0
        self._last_input = 0.0
        self._idle_task: asyncio.Task[None] | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        loop = asyncio.get_running_loop()
        self._conn = conn
        self._started = self._last_input = loop.time()
        peer = conn.get_extra_info("peername") or ("?", 0)
        local = conn.get_extra_info("sockname") or ("?", 0)
        self._peer, self._local = (str(peer[0]), int(peer[1])), (str(local[0]), int(local[1]))
        self.server.connections.add(self)
        self.server.unauthenticated += 1
        if self.server.unauthenticated > self.server.settings.max_unauthenticated:
            log.warning("#%d from %s:%d dropped: too many logins under way", self.id, *self._peer)
            self.close()
            return
        log.info("#%d connection from %s:%d", self.id, *self._peer)

    def begin_auth(self, username: str) -> bool:
        self._username = username
        return not self.server.settings.allow_anonymous

    def public_key_auth_supported(self) -> bool:
        return self.server.authorized is not None

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        authorized = self.server.authorized
        fingerprint = key_fingerprint(key)
        allowed = authorized is not None and authorized.allows(key, self._peer[0], self._peer[0])
        if allowed:
            self._offered = fingerprint  # the last accepted key is the one that signs
        else:
            log.info("#%d key %s refused (not in authorized keys)", self.id, fingerprint)
        return allowed

    def auth_completed(self) -> None:
        self.fingerprint = self._offered
        self._authenticated = True
        self.server.unauthenticated -= 1
        self._idle_task = asyncio.ensure_future(self._watch_idle())
        log.info(
            "#%d login user=%s key=%s",
            self.id,
            printable(getattr(self, "_username", "")),
            self.fingerprint,
        )

    def session_requested(self) -> ReaderSession | bool:
        if self._session is not None:
            self.refused("second session", "")
            return False
        self._session = ReaderSession(self)
        return self._session

    def connection_requested(
        self, dest_host: str, dest_port: int, orig_host: str, orig_port: int
    ) -> bool:
        self.refused("port forward", f"{dest_host}:{dest_port}")
        return False

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        self.refused("remote port forward", f"{listen_host}:{listen_port}")
        return False

    def unix_connection_requested(self, dest_path: str) -> bool:
        self.refused("unix socket forward", dest_path)
        return False

    def unix_server_requested(self, listen_path: str) -> bool:
        self.refused("remote unix socket forward", listen_path)
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.server.connections.discard(self)
        if not self._authenticated:
            self.server.unauthenticated -= 1
        if self._idle_task is not None:
            self._idle_task.cancel()
        if self._session is not None:
            self._session.connection_lost(exc)
        if self._temporary and self._state_dir is not None:
            shutil.rmtree(self._state_dir, ignore_errors=True)
        elapsed = asyncio.get_running_loop().time() - self._started
        if exc is None:
            reason = "closed"
        elif isinstance(exc, asyncssh.ConnectionLost):
            reason = "client went away"
        else:
            reason = f"error: {exc}"
        log.info("#%d end key=%s after %.1fs (%s)", self.id, self.fingerprint, elapsed, reason)

    # --- used by the session ----------------------------------------------------------------

    def touch(self) -> None:
        """The client typed or resized: the idle clock starts again."""
        self._last_input = asyncio.get_running_loop().time()

    def note(self, message: str, *args: object) -> None:
        """Log *message* for this connection."""
        log.info("#%d " + message, self.id, *args)

    def refused(self, what: str, detail: str) -> None:
        """Log a refused request."""
        log.info("#%d refused %s %s key=%s", self.id, what, printable(detail), self.fingerprint)

    def state_dir(self) -> Path:
        """This user's reader-state folder (a throw-away one for anonymous users)."""
        if self._state_dir is None:
            if self.fingerprint == ANONYMOUS:
                parent = ensure_private_dir(users_dir())
                self._state_dir = Path(tempfile.mkdtemp(prefix="anonymous-", dir=parent))
                self._temporary = True
            else:
                self._state_dir = ensure_private_dir(users_dir() / user_dir_name(self.fingerprint))
        return self._state_dir

    def ssh_connection_value(self) -> str:
        """``client-ip client-port server-ip server-port``, as sshd sets SSH_CONNECTION."""
        return f"{self._peer[0]} {self._peer[1]} {self._local[0]} {self._local[1]}"

    def stop(self, farewell: str) -> None:
        """End this connection cleanly: its reader (if any) exits, then the connection."""
        if self._session is not None:
            self._session.stop(farewell)
        else:
            self.close()

    def close(self) -> None:
        """Close the connection now."""
        if self._conn is not None:
            self._conn.close()

    async def _watch_idle(self) -> None:
        loop = asyncio.get_running_loop()
        limit = self.server.settings.idle_timeout
        while (remaining := self._last_input + limit - loop.time()) > 0:
            await asyncio.sleep(remaining)
        log.info("#%d idle for %.0fs", self.id, limit)
        self.stop(IDLE_MESSAGE.format(minutes=round(limit / 60, 1)))


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
    if on_listening is not None:
        on_listening(server)
    try:
        await asyncio.Event().wait()
    finally:
        await server.close()


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
