"""A child on its own pty: controlling terminal, window size, SIGWINCH, stopping for good."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

from tests.serve.harness import process_alive
from tui.serve.pty_child import PtyChild, TerminalSize

PROBE = """
import os, shutil, signal, sys
def size(*_):
    c, r = shutil.get_terminal_size((0, 0))
    os.write(1, f"size={c}x{r}\\n".encode())
signal.signal(signal.SIGWINCH, size)
print("leader=", os.getsid(0) == os.getpid(), "foreground=", os.tcgetpgrp(0) == os.getpgrp(),
      "tty=", os.isatty(0) and os.isatty(1) and os.isatty(2), flush=True)
size()
print("got", sys.stdin.readline().strip(), flush=True)
"""

STUBBORN = """
import signal, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
signal.signal(signal.SIGHUP, signal.SIG_IGN)
print("ready", flush=True)
time.sleep(60)
"""


async def _read_until(child: PtyChild, text: str, timeout: float = 10.0) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while text not in seen:
        assert time.monotonic() < deadline, f"{text!r} not in {seen!r}"
        try:
            seen += os.read(child.master_fd, 4096).decode()
        except BlockingIOError:
            await asyncio.sleep(0.02)
    return seen


async def _spawn(code: str, tmp_path: Path, size: TerminalSize) -> PtyChild:
    env = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8"}
    return await PtyChild.spawn([sys.executable, "-c", code], env=env, size=size, cwd=tmp_path)


async def test_child_owns_its_terminal_and_follows_resizes(tmp_path: Path) -> None:
    child = await _spawn(PROBE, tmp_path, TerminalSize(90, 33))
    try:
        seen = await _read_until(child, "size=90x33")
        assert "leader= True foreground= True tty= True" in seen
        child.resize(TerminalSize(61, 17))
        await _read_until(child, "size=61x17")
        os.write(child.master_fd, b"bye\r")
        await _read_until(child, "got bye")
        assert await asyncio.wait_for(child.process.wait(), 10) == 0
        assert await child.stop() == 0  # already gone: nothing to signal
    finally:
        child.close_master()


async def test_stubborn_child_is_killed_after_the_grace_period(tmp_path: Path) -> None:
    child = await _spawn(STUBBORN, tmp_path, TerminalSize(80, 24))
    try:
        await _read_until(child, "ready")
        started = time.monotonic()
        status = await child.stop(grace=0.5)
        assert status == 128 + 9
        assert 0.4 < time.monotonic() - started < 5
        assert not process_alive(child.pid)
    finally:
        child.close_master()


async def test_stop_is_shared_and_idempotent(tmp_path: Path) -> None:
    child = await _spawn(STUBBORN, tmp_path, TerminalSize(80, 24))
    try:
        await _read_until(child, "ready")
        first = child.stop(grace=0.3)
        assert child.stop() is first
        assert await first == 137
        assert await child.stop() == 137
    finally:
        child.close_master()
        child.close_master()  # twice is harmless
