"""A child process on its own pseudo-terminal: spawn, resize, and stop it for good.

Each SSH session runs the reader as the leader of a new session whose controlling terminal is
a fresh pty, so the kernel delivers SIGWINCH when the window size is set on the master and
SIGHUP when the master closes, exactly as for a login over sshd. Stopping escalates from a
polite signal to SIGKILL of the whole process group, so a reader that hangs (e.g. blocked
writing to a terminal that is gone) can never outlive its session.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
import struct
import termios
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

#: Seconds a child gets to exit after the polite signal before SIGKILL.
STOP_GRACE: Final = 3.0
#: Terminal sizes outside this range are clamped (a client may send anything).
MIN_COLUMNS: Final = 1
MAX_COLUMNS: Final = 1000
MIN_ROWS: Final = 1
MAX_ROWS: Final = 500


@dataclass(frozen=True, slots=True)
class TerminalSize:
    """A window size in character cells, clamped to something a terminal can be."""

    columns: int
    rows: int

    @classmethod
    def clamped(cls, columns: int, rows: int) -> TerminalSize:
        """A size from untrusted numbers (0 means "unknown" in SSH: use 80x24)."""
        columns = columns or 80
        rows = rows or 24
        return cls(max(MIN_COLUMNS, min(MAX_COLUMNS, columns)), max(MIN_ROWS, min(MAX_ROWS, rows)))

    def packed(self) -> bytes:
        """`struct winsize` for TIOCSWINSZ."""
        return struct.pack("HHHH", self.rows, self.columns, 0, 0)


def set_window_size(fd: int, size: TerminalSize) -> None:
    """Set the pty's window size; the kernel sends SIGWINCH to its foreground group."""
    fcntl.ioctl(fd, termios.TIOCSWINSZ, size.packed())


def _become_terminal_owner() -> None:  # runs in the child between fork and exec
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def exit_status(returncode: int | None) -> int:
    """A shell-style exit status: 128 + signal number for a child killed by a signal."""
    if returncode is None:
        return 1
    return 128 - returncode if returncode < 0 else returncode & 0xFF


class PtyChild:
    """A running child and the master side of its pty (non-blocking)."""

    def __init__(self, process: asyncio.subprocess.Process, master_fd: int) -> None:
        self.process = process
        self.master_fd = master_fd
        self._stopping: asyncio.Task[int] | None = None

    @property
    def pid(self) -> int:
        """The child's pid, also its process-group and session id."""
        return self.process.pid

    @classmethod
    async def spawn(
        cls,
        argv: Sequence[str],
        *,
        env: Mapping[str, str],
        size: TerminalSize,
        cwd: Path,
    ) -> PtyChild:
        """Start *argv* as a session leader on a new pty of *size*.

        Raises:
            OSError: the pty or the process could not be created.
        """
        master_fd, slave_fd = os.openpty()
        try:
            set_window_size(slave_fd, size)
            process = await asyncio.create_subprocess_exec(
                *argv,
                stdin=slave_fd,
                stdout=slave_fd,
                stderr=slave_fd,
                env=dict(env),
                cwd=cwd,
                start_new_session=True,
                preexec_fn=_become_terminal_owner,
            )
        except BaseException:
            os.close(master_fd)
            raise
        finally:
            os.close(slave_fd)
        os.set_blocking(master_fd, False)
        return cls(process, master_fd)

    def resize(self, size: TerminalSize) -> None:
        """Forward a window-size change."""
        with contextlib.suppress(OSError):
            set_window_size(self.master_fd, size)

    def signal_group(self, signum: int) -> None:
        """Send *signum* to the child's whole process group, if it still exists."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signum)

    def stop(self, signum: int = signal.SIGTERM, grace: float = STOP_GRACE) -> asyncio.Task[int]:
        """Ask the child to exit with *signum*; SIGKILL its group after *grace* seconds.

        Returns the (shared) task that finishes with the exit status; calling again while a
        stop is under way returns the same task.
        """
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop(signum, grace))
        return self._stopping

    async def _stop(self, signum: int, grace: float) -> int:
        if self.process.returncode is None:
            self.signal_group(signum)
            try:
                await asyncio.wait_for(self.process.wait(), grace)
            except TimeoutError:
                self.signal_group(signal.SIGKILL)
                await self.process.wait()
        # Grandchildren left behind in the group go too.
        self.signal_group(signal.SIGKILL)
        return exit_status(self.process.returncode)

    def close_master(self) -> None:
        """Close our side of the pty (the child sees a hang-up)."""
        if self.master_fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.master_fd)
            self.master_fd = -1
