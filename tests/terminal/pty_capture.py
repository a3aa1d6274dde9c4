"""Run a program on a fresh pty and keep every byte it writes, for exact escape-sequence tests."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass

STARTUP_TIMEOUT = 20.0
#: CSI sequences (colours, cursor moves, modes) and OSC strings, to read the text drawn.
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
EXIT_TIMEOUT = 20.0


@dataclass
class PtyRun:
    """A program running on a pty; `output` grows as `pump` reads."""

    pid: int
    fd: int
    output: bytearray

    def pump(self, seconds: float) -> bool:
        """Read for up to *seconds*; False once the pty reports end of output."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if select.select([self.fd], [], [], 0.02)[0]:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return False
                if not data:
                    return False
                self.output.extend(data)
        return True

    def text(self) -> str:
        """What has been written, escape sequences removed (the characters drawn, in order)."""
        return ESCAPES.sub(b"", bytes(self.output)).decode("utf-8", "replace")

    def wait_for(self, marker: bytes, timeout: float = STARTUP_TIMEOUT) -> None:
        """Read until *marker* has been written (raw bytes)."""
        deadline = time.monotonic() + timeout
        while marker not in self.output:
            assert time.monotonic() < deadline, f"{marker!r} never came: {bytes(self.output)!r}"
            if not self.pump(0.05):
                raise AssertionError(f"exited before {marker!r}: {bytes(self.output)!r}")

    def wait_for_text(self, text: str, timeout: float = STARTUP_TIMEOUT) -> None:
        """Read until *text* has been drawn, however it was styled."""
        deadline = time.monotonic() + timeout
        while text not in self.text():
            assert time.monotonic() < deadline, f"{text!r} never drawn: {self.text()[-300:]!r}"
            if not self.pump(0.1):
                raise AssertionError(f"exited before drawing {text!r}")

    def type(self, text: str) -> None:
        """Send keys as a terminal would."""
        os.write(self.fd, text.encode())

    def signal(self, signum: int) -> None:
        """Send *signum* to the program."""
        os.kill(self.pid, signum)

    def finish(self, timeout: float = EXIT_TIMEOUT) -> int:
        """Read everything until the program exits; its exit status (128 + signal if killed)."""
        deadline = time.monotonic() + timeout
        while self.pump(0.1):
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                break
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        code = os.waitstatus_to_exitcode(status)
        return 128 - code if code < 0 else code


def start(argv: Sequence[str], env: dict[str, str], columns: int = 80, rows: int = 24) -> PtyRun:
    """Start *argv* on a new pty of the given size."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
            os.execve(argv[0], list(argv), env)
        finally:
            os._exit(127)
    return PtyRun(pid, fd, bytearray())


def python_argv(*args: str) -> list[str]:
    """This interpreter running *args*."""
    return [sys.executable, *args]
