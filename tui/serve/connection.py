"""One SSH client connection: authentication, refusals, the idle clock, and its log lines.

At most one session per connection (the reader); every forwarding request is refused and
logged. The key that signed the authentication names the user's state folder; anonymous
users get a throw-away folder removed when they leave.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Final

import asyncssh

from tui.serve.keys import (
    ANONYMOUS,
    ensure_private_dir,
    key_fingerprint,
    user_dir_name,
    users_dir,
)
from tui.serve.session import ReaderSession

if TYPE_CHECKING:
    from tui.serve.ssh import ReaderServer

log = logging.getLogger("akhbar.serve")

#: Printable characters kept when logging what a client sent (usernames, commands).
LOG_TEXT_LIMIT: Final = 120
IDLE_MESSAGE: Final = "\r\nakhbar: session closed after {minutes:g} minutes without input\r\n"
#: Shown in log lines for a connection that never logged in.
NOT_LOGGED_IN: Final = "-"


def printable(text: str) -> str:
    """*text* safe for a log line: repr-escaped and cut to `LOG_TEXT_LIMIT` characters."""
    shown = repr(text[:LOG_TEXT_LIMIT])
    return shown + ("…" if len(text) > LOG_TEXT_LIMIT else "")


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
        elif isinstance(exc, asyncssh.ConnectionLost | ConnectionError):  # FIN or RST
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
