"""Drive the real `akhbar` inside tmux and read the screen with capture-pane."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
needs_tmux = pytest.mark.skipif(
    TMUX is None and not os.environ.get("CI"), reason="tmux not installed"
)
REPO = Path(__file__).resolve().parents[2]


class TmuxSession:
    """One detached tmux session running a command at a fixed size."""

    def __init__(self, command: list[str], env: dict[str, str], width: int, height: int) -> None:
        assert TMUX is not None, "tmux is required (apt-get install tmux)"
        self.name = f"akhbar-test-{uuid.uuid4().hex[:8]}"
        # A tmux server of our own, configured so the window keeps the size asked for
        # (detached windows otherwise fall back to tmux's default 80x24 at times).
        config = Path(tempfile.mkdtemp()) / "tmux.conf"
        config.write_text(f"set-option -g default-size {width}x{height}\n", encoding="ascii")
        self.tmux = [TMUX, "-L", self.name, "-f", str(config)]
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        shell = f"cd {shlex.quote(str(REPO))} && env {exports} {shlex.join(command)}; sleep 60"
        subprocess.run(
            [
                *self.tmux,
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(width),
                "-y",
                str(height),
                shell,
            ],
            check=True,
        )

    def capture(self) -> list[str]:
        out = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return out.split("\n")

    def send(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, predicate: object, timeout: float = 20.0) -> list[str]:
        """Capture until *predicate(lines)* holds."""
        deadline = time.monotonic() + timeout
        lines = self.capture()
        while not predicate(lines):  # type: ignore[operator]
            assert time.monotonic() < deadline, "\n".join(lines)
            time.sleep(0.2)
            lines = self.capture()
        return lines

    def stable(self, predicate: object = None, timeout: float = 20.0) -> list[str]:
        """Capture until the screen stops changing (and *predicate* holds, if given)."""
        deadline = time.monotonic() + timeout
        previous = None
        while True:
            lines = self.capture()
            if lines == previous and (predicate is None or predicate(lines)):  # type: ignore[operator]
                return lines
            assert time.monotonic() < deadline, "\n".join(lines)
            previous = lines
            time.sleep(0.3)

    def resize(self, width: int, height: int) -> None:
        subprocess.run(
            [*self.tmux, "resize-window", "-t", self.name, "-x", str(width), "-y", str(height)],
            check=True,
        )

    def _children(self) -> list[int]:
        """Processes started by the pane's shell (the reader)."""
        shell = subprocess.run(
            [*self.tmux, "display", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if not shell.isdigit():
            return []
        found = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout
        return [int(pid) for pid in found.split()]

    def kill(self, timeout: float = 8.0) -> None:
        """End the session; the reader must exit on the hang-up, else it is killed and the
        test fails (a reader left spinning on a dead terminal is a bug)."""
        children = self._children()
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)
        deadline = time.monotonic() + timeout
        alive = children
        while alive and time.monotonic() < deadline:
            time.sleep(0.1)
            alive = [pid for pid in alive if _running(pid)]
        for pid in alive:
            os.kill(pid, signal.SIGKILL)
        assert not alive, f"reader processes {alive} survived the terminal hang-up"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def akhbar_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tui", *args]


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        "TERM": "xterm-256color",
        "AKHBAR_DATA_DIR": str(home / "data"),
        "AKHBAR_CACHE_DIR": str(home / "cache"),
        "AKHBAR_CONFIG_DIR": str(home / "config"),
        "LANG": "C.UTF-8",
    }
    env.update(extra)
    return env
