"""One SSH session: the reader on its own pty, bytes pumped both ways, and nothing else.

A session accepts a pty request and a shell request; exec and subsystem requests (``ssh host
ls``, SFTP, scp) are refused. When the shell starts, the reader is spawned on a fresh pty of
the client's size and TERM; window changes are forwarded; when the reader exits its status
goes back to the client and the connection closes. Output is read only while the channel can
take it and input is written only while the pty can take it, so a slow client slows its own
reader and nobody else.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import signal
import termios
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

import asyncssh

from tui.serve.pty_child import PtyChild, TerminalSize

if TYPE_CHECKING:
    from tui.serve.connection import ReaderConnection

log = logging.getLogger("akhbar.serve")

#: TERM values passed on to the reader; anything else becomes `FALLBACK_TERM`.
TERM_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
FALLBACK_TERM: Final = "xterm"
READ_SIZE: Final = 65536
#: Input waiting for the reader beyond this many bytes stops reading from the client (the
#: SSH window then holds the client back; nothing is dropped).
MAX_PENDING_INPUT: Final = 65536
#: Keys typed while the reader starts wait until it reads keys (its terminal leaves
#: canonical mode), so they are neither echoed onto the screen nor cut at a line's length;
#: checked this often, and given up waiting for after `KEYS_WAIT_LIMIT` seconds.
KEYS_POLL: Final = 0.05
KEYS_WAIT_LIMIT: Final = 15.0
NEEDS_PTY_MESSAGE: Final = (
    "akhbar: this server only runs the news reader, which needs a terminal; "
    "connect with `ssh -t`\r\n"
)
BUSY_MESSAGE: Final = "akhbar: all {limit} reader sessions are in use; please try again later\r\n"
START_FAILED_MESSAGE: Final = (
    "akhbar: the reader could not be started; please tell the operator\r\n"
)


def reads_keys(master_fd: int) -> bool:
    """Whether the program on the pty reads keys one by one (its terminal is not canonical).

    On Linux the master side reports the terminal settings the program has set.
    """
    try:
        return not termios.tcgetattr(master_fd)[3] & termios.ICANON
    except termios.error:
        return True


def safe_term(term_type: str) -> str:
    """The client's TERM if it looks like a terminfo name, else a safe default."""
    return term_type if TERM_PATTERN.fullmatch(term_type or "") else FALLBACK_TERM


class ReaderSession(asyncssh.SSHServerSession[bytes]):
    """The reader for one SSH channel."""

    def __init__(self, connection: ReaderConnection) -> None:
        self._connection = connection
        self._chan: asyncssh.SSHServerChannel[bytes] | None = None
        self._term: str | None = None
        self._size = TerminalSize(80, 24)
        self._child: PtyChild | None = None
        self._input = bytearray()
        self._writer_on = False
        self._client_paused = False
        self._keys_accepted = False
        self._keys_deadline = 0.0
        self._keys_timer: asyncio.TimerHandle | None = None
        self._reading = False
        self._output_done = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._farewell = ""
        self._client_gone = False

    # --- requests from the client -------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self._chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: Mapping[int, int]
    ) -> bool:
        self._term = safe_term(term_type)
        self._size = TerminalSize.clamped(term_size[0], term_size[1])
        return True

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self._connection.touch()
        self._size = TerminalSize.clamped(width, height)
        if self._child is not None:
            self._child.resize(self._size)

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        self._connection.refused("exec", command)
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        self._connection.refused("subsystem", subsystem)
        return False

    def break_received(self, msec: int) -> bool:
        return False

    def signal_received(self, signal: str) -> None:
        """Clients may not signal the reader."""

    def session_started(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self._connection.touch()
        self._input += data
        if self._child is not None:
            self._flush_input()
        else:
            self._throttle_client()

    def eof_received(self) -> bool:
        return True  # keep the reader's output flowing; the reader decides when to end

    def pause_writing(self) -> None:
        self._set_reading(False)

    def resume_writing(self) -> None:
        self._set_reading(True)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._client_gone:
            return
        self._client_gone = True
        self._connection.close()  # one session per connection: it ends with its channel
        self._set_reading(False)
        self._stop_writer()
        if self._child is not None:
            self._child.close_master()  # the reader gets SIGHUP, as after a dropped login
            self._child.stop(signal.SIGHUP)
        self._output_done.set()

    # --- the reader -----------------------------------------------------------------------

    async def _run(self) -> None:
        chan = self._chan
        assert chan is not None
        server = self._connection.server
        if self._term is None:
            chan.write_stderr(NEEDS_PTY_MESSAGE.encode())
            chan.exit(1)
            return
        if not server.acquire_session():
            self._connection.note("busy: %d sessions running", server.settings.max_sessions)
            chan.write(BUSY_MESSAGE.format(limit=server.settings.max_sessions).encode())
            chan.exit(1)
            return
        try:
            await self._serve(chan)
        except Exception:  # the edge of one session: log it, end it, keep serving the others
            log.exception("#%d session failed", self._connection.id)
            self._set_reading(False)
            self._stop_writer()
            if self._child is not None:
                self._child.close_master()
                await self._child.stop(signal.SIGKILL)
            self._connection.close()
        finally:
            server.release_session()

    async def _serve(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        assert self._term is not None
        server = self._connection.server
        state_dir = self._connection.state_dir()
        try:
            child = await PtyChild.spawn(
                server.reader_argv(state_dir),
                env=server.reader_env(self._connection, self._term, state_dir),
                size=self._size,
                cwd=state_dir,
            )
        except OSError as error:
            log.error("#%d reader did not start: %s", self._connection.id, error)
            chan.write(START_FAILED_MESSAGE.encode())
            chan.exit(1)
            return
        self._child = child
        self._keys_deadline = asyncio.get_running_loop().time() + KEYS_WAIT_LIMIT
        self._connection.note(
            "reader pid %d, TERM=%s, %dx%d", child.pid, self._term, *self._size_tuple()
        )
        if self._client_gone:  # the client left while the reader was starting
            child.close_master()
        else:
            self._set_reading(True)
            self._flush_input()
            await self._output_done.wait()
        self._set_reading(False)
        self._stop_writer()
        status = await child.stop(signal.SIGHUP)
        child.close_master()
        self._connection.note("reader exited with status %d", status)
        if self._client_gone:
            self._connection.close()
        else:
            if self._farewell:
                chan.write_stderr(self._farewell.encode())
            chan.exit(status)  # the connection closes once the channel has (connection_lost)

    def _size_tuple(self) -> tuple[int, int]:
        return self._size.columns, self._size.rows

    def stop(self, farewell: str) -> None:
        """End the session (idle timeout, server shutdown): the reader gets SIGTERM and exits
        cleanly, its last output (leaving the alternate screen) still reaching the client."""
        self._farewell = farewell
        if self._child is not None:
            self._child.stop(signal.SIGTERM)
        elif self._chan is not None and not self._client_gone:
            self._connection.close()

    def _set_reading(self, on: bool) -> None:
        child = self._child
        if child is None or child.master_fd < 0 or on == self._reading:
            return
        loop = asyncio.get_running_loop()
        if on:
            loop.add_reader(child.master_fd, self._on_output)
        else:
            loop.remove_reader(child.master_fd)
        self._reading = on

    def _on_output(self) -> None:
        child = self._child
        assert child is not None
        try:
            data = os.read(child.master_fd, READ_SIZE)
        except BlockingIOError:
            return
        except OSError:
            data = b""  # EIO: every process holding the pty's slave side is gone
        if not data:
            self._set_reading(False)
            self._output_done.set()
            return
        if self._chan is not None and not self._client_gone:
            with contextlib.suppress(OSError, asyncssh.Error):
                self._chan.write(data)

    def _flush_input(self) -> None:
        if self._keys_timer is not None:
            self._keys_timer.cancel()
            self._keys_timer = None
        child = self._child
        if child is None or child.master_fd < 0:
            return
        loop = asyncio.get_running_loop()
        if not self._keys_accepted:
            if reads_keys(child.master_fd) or loop.time() >= self._keys_deadline:
                self._keys_accepted = True
            else:
                if self._input:
                    self._keys_timer = loop.call_later(KEYS_POLL, self._flush_input)
                self._throttle_client()
                return
        while self._input:
            try:
                written = os.write(child.master_fd, self._input)
            except BlockingIOError:
                break
            except OSError:
                self._input.clear()
                break
            del self._input[:written]
        if self._input and not self._writer_on:
            loop.add_writer(child.master_fd, self._flush_input)
            self._writer_on = True
        elif not self._input:
            self._stop_writer()
        self._throttle_client()

    def _throttle_client(self) -> None:
        """Stop reading from the client while too much input waits, start again once drained."""
        pause = len(self._input) >= MAX_PENDING_INPUT
        if pause == self._client_paused or self._chan is None or self._client_gone:
            return
        self._client_paused = pause
        if pause:
            self._chan.pause_reading()
        else:
            self._chan.resume_reading()

    def _stop_writer(self) -> None:
        if self._keys_timer is not None:
            self._keys_timer.cancel()
            self._keys_timer = None
        if not self._writer_on:
            return
        self._writer_on = False
        if self._child is not None and self._child.master_fd >= 0:
            asyncio.get_running_loop().remove_writer(self._child.master_fd)
