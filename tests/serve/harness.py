"""Test harness for the SSH server: a server process, client keys, OpenSSH, and tmux panes.

The server runs as its own process (`server_main.py`), as in production, with either the
stand-in reader (`stub_reader.py`, for the server's mechanics) or the real reader. Clients are
the real OpenSSH `ssh`, inside tmux when a screen is needed.
"""

from __future__ import annotations

import ctypes
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SERVER_MAIN = HERE / "server_main.py"
START_TIMEOUT = 20.0
WAIT_TIMEOUT = 15.0
POLL = 0.05
PR_SET_PDEATHSIG = 1
SSH_TIMEOUT = 20.0
#: What `ssh` needs to talk to a throw-away server non-interactively.
SSH_OPTIONS = (
    "-F",
    "/dev/null",
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-o",
    "IdentitiesOnly=yes",
    "-o",
    "BatchMode=yes",
    "-o",
    "LogLevel=ERROR",
    "-o",
    "ConnectTimeout=10",
)
#: لافروف shaped and reversed by hand: isolated FEH, isolated WAW, final REH, initial FEH,
#: isolated LAM-ALEF ligature; the name is in every shipped article's title, so it is on
#: the real reader's first screen in `--bidi app` mode.
LAVROV_ON_SCREEN = "\ufed1\ufeed\ufeae\ufed3\ufefb"
READER_START_TIMEOUT = 30.0
TMUX_CONFIG = "set -g remain-on-exit on\nset -g default-terminal tmux-256color\nset -g status off\n"

needs_openssh = pytest.mark.skipif(
    shutil.which("ssh") is None or shutil.which("ssh-keygen") is None,
    reason="OpenSSH client not installed (apt-get install openssh-client)",
)
needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux not installed (apt-get install tmux)"
)


def wait_for(
    predicate: Callable[[], object], timeout: float = WAIT_TIMEOUT, what: str = ""
) -> None:
    """Poll *predicate* until it is true; fail the test after *timeout* seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(POLL)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")


def make_key(folder: Path, name: str) -> Path:
    """A fresh ed25519 key pair made by ssh-keygen; returns the private key's path."""
    path = folder / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)], check=True
    )
    return path


@dataclass
class Server:
    """A running `server_main.py`; its log is the process's stderr, kept in a file."""

    process: subprocess.Popen[str]
    port: int
    log_path: Path

    def log(self) -> str:
        """Everything the server has logged so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_log(self, pattern: str, timeout: float = WAIT_TIMEOUT) -> re.Match[str]:
        """Wait until the log matches the regular expression *pattern*."""
        found: list[re.Match[str]] = []

        def matched() -> bool:
            match = re.search(pattern, self.log())
            if match:
                found.append(match)
            return match is not None

        wait_for(matched, timeout, f"log line {pattern!r}")
        return found[0]

    def stop(self) -> int:
        """SIGTERM the server and return its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start_server(folder: Path, *args: str, env: dict[str, str] | None = None) -> Server:
    """Start `server_main.py ARGS` on a free port; return once it listens."""
    log_path = folder / f"server-{uuid.uuid4().hex[:8]}.log"
    with log_path.open("w") as log_file:
        process = subprocess.Popen(
            [sys.executable, str(SERVER_MAIN), "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=log_file,
            text=True,
            env=env,
            preexec_fn=_die_with_parent,
        )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("PORT "):
        process.kill()
        raise AssertionError(f"server did not start: {line!r}\n{log_path.read_text()}")
    return Server(process, int(line.split()[1]), log_path)


def _die_with_parent() -> None:
    """Let the kernel SIGTERM the server if the test run dies without stopping it."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def ssh_argv(
    port: int,
    key: Path | None,
    *options: str,
    command: Sequence[str] = (),
    user: str = "reader",
) -> list[str]:
    """An `ssh` command line for the test server (no key: offer no public key at all)."""
    identity = ["-i", str(key)] if key else ["-o", "PubkeyAuthentication=no"]
    host = f"{user}@127.0.0.1"
    return ["ssh", *SSH_OPTIONS, "-p", str(port), *identity, *options, host, *command]


def run_ssh(argv: Sequence[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run a non-interactive `ssh` to completion."""
    return subprocess.run(
        list(argv), input=stdin, capture_output=True, text=True, timeout=SSH_TIMEOUT, check=False
    )


@dataclass
class Tmux:
    """A private tmux server (own socket, own config) holding the panes under test."""

    folder: Path
    socket: str = field(default_factory=lambda: f"akhbar-test-{uuid.uuid4().hex[:12]}")

    def __post_init__(self) -> None:
        self.config = self.folder / "tmux.conf"
        self.config.write_text(TMUX_CONFIG)

    def _cmd(self, *args: str) -> list[str]:
        return ["tmux", "-L", self.socket, "-f", str(self.config), *args]

    def run(self, *args: str) -> str:
        """Run a tmux command; its stdout."""
        result = subprocess.run(self._cmd(*args), capture_output=True, text=True, check=True)
        return result.stdout

    def start(self, name: str, argv: Sequence[str], width: int = 100, height: int = 30) -> str:
        """Run *argv* in a new detached session of *width* x *height*; its target name."""
        # The shell records the exit status: tmux itself reports it late or not at all when
        # the pty closes before the process is reaped.
        command = " ".join(_quote(part) for part in argv)
        status = _quote(str(self._status_file(name)))
        script = f"{command}; echo $? > {status}.tmp && mv {status}.tmp {status}"
        self.run("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), script)
        return name

    def _status_file(self, target: str) -> Path:
        return self.folder / f"exit-status-{self.socket}-{target}"

    def screen(self, target: str, *, joined: bool = True) -> str:
        """The visible text of *target*'s pane; *joined* undoes tmux's wrapping of long lines
        (for reading long values), otherwise one string line per screen row."""
        return self.run("capture-pane", "-p", *(["-J"] if joined else []), "-t", target)

    def wait_screen(self, target: str, text: str, timeout: float = WAIT_TIMEOUT) -> str:
        """Wait until *text* is on *target*'s screen; the screen then."""
        wait_for(lambda: text in self.screen(target), timeout, f"{text!r} on screen")
        return self.screen(target)

    def send(self, target: str, *keys: str) -> None:
        """Type *keys* (tmux key names such as ``Enter``, or literal text with ``-l``)."""
        self.run("send-keys", "-t", target, *keys)

    def type(self, target: str, text: str) -> None:
        """Type *text* literally."""
        self.run("send-keys", "-t", target, "-l", text)

    def resize(self, target: str, width: int, height: int) -> None:
        """Resize *target*'s window (the pane gets SIGWINCH, ssh forwards it)."""
        self.run("resize-window", "-t", target, "-x", str(width), "-y", str(height))

    def pane(self, target: str, fmt: str) -> str:
        """A tmux format value for *target*'s pane (e.g. ``#{pane_dead}``)."""
        return self.run("display-message", "-p", "-t", target, fmt).strip()

    def dead_status(self, target: str, timeout: float = WAIT_TIMEOUT) -> int:
        """Wait until the pane's command has exited; its exit status."""
        path = self._status_file(target)
        wait_for(path.exists, timeout, f"{target}'s command to exit")
        return int(path.read_text())

    def kill(self) -> None:
        """Stop this tmux server."""
        subprocess.run(self._cmd("kill-server"), capture_output=True, check=False)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\"'\"'") + "'"


def process_alive(pid: int) -> bool:
    """Whether *pid* exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split()[2] != "Z"
    except OSError:
        return False
