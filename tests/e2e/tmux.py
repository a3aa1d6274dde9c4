"""Drive the real `akhbar` inside tmux and read the screen with capture-pane."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
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
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        shell = f"cd {shlex.quote(str(REPO))} && env {exports} {shlex.join(command)}; sleep 60"
        subprocess.run(
            [
                TMUX,
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
            [TMUX, "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return out.split("\n")

    def send(self, *keys: str) -> None:
        subprocess.run([TMUX, "send-keys", "-t", self.name, *keys], check=True)

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
            [TMUX, "resize-window", "-t", self.name, "-x", str(width), "-y", str(height)],
            check=True,
        )

    def kill(self) -> None:
        subprocess.run([TMUX, "kill-session", "-t", self.name], capture_output=True)


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
