"""A session through the real OpenSSH client in tmux: what the reader gets, keys, resize, exit."""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ARTICLES
from tests.serve.conftest import Keys
from tests.serve.harness import (
    Server,
    Tmux,
    needs_openssh,
    needs_tmux,
    process_alive,
    run_ssh,
    ssh_argv,
    wait_for,
)
from tests.serve.stub_reader import SHAPED

pytestmark = [needs_openssh, needs_tmux, pytest.mark.tmux]


def _reader_pid(screen: str) -> int:
    match = re.search(r"PID=(\d+)", screen)
    assert match, screen
    return int(match.group(1))


def test_reader_gets_the_clients_terminal(stub_server: Server, keys: Keys, tmux: Tmux) -> None:
    pane = tmux.start("s", ssh_argv(stub_server.port, keys.allowed, "-tt"), 100, 30)
    screen = tmux.wait_screen(pane, "READ_ONLY=")
    assert SHAPED in screen  # presentation forms reach the client's screen intact
    assert "TERM=tmux-256color" in screen  # from the client's pty request
    assert "SIZE=100x30" in screen
    assert "READ_ONLY=True" in screen
    assert re.search(r"STATE=\S+/ssh-users/[0-9a-f]{24}\b", screen)
    assert "PATHS=1" in screen
    assert re.search(r"SSH_CONNECTION=127\.0\.0\.1 \d+ 127\.0\.0\.1 \d+", screen)


def test_keys_reach_the_reader(stub_server: Server, keys: Keys, tmux: Tmux) -> None:
    pane = tmux.start("s", ssh_argv(stub_server.port, keys.allowed, "-tt"))
    tmux.wait_screen(pane, "READ_ONLY=")
    tmux.type(pane, "j")
    tmux.wait_screen(pane, "KEY='j'")
    tmux.send(pane, "Enter")
    tmux.wait_screen(pane, "KEY='\\r'")


def test_resize_is_forwarded(stub_server: Server, keys: Keys, tmux: Tmux) -> None:
    pane = tmux.start("s", ssh_argv(stub_server.port, keys.allowed, "-tt"), 100, 30)
    tmux.wait_screen(pane, "SIZE=100x30")
    tmux.resize(pane, 72, 20)
    tmux.wait_screen(pane, "SIZE=72x20")
    tmux.resize(pane, 120, 40)
    tmux.wait_screen(pane, "SIZE=120x40")


def test_quitting_the_reader_closes_the_connection(
    stub_server: Server, keys: Keys, tmux: Tmux
) -> None:
    pane = tmux.start("s", ssh_argv(stub_server.port, keys.allowed, "-tt"))
    pid = _reader_pid(tmux.wait_screen(pane, "READ_ONLY="))
    tmux.type(pane, "q")
    assert tmux.dead_status(pane) == 0
    wait_for(lambda: not process_alive(pid), what="reader to exit")
    stub_server.wait_log(r"#1 reader exited with status 0")
    stub_server.wait_log(r"#1 end key=SHA256:\S+ after")


def test_reader_exit_status_reaches_the_client(stub_server: Server, keys: Keys, tmux: Tmux) -> None:
    pane = tmux.start("s", ssh_argv(stub_server.port, keys.allowed, "-tt"))
    tmux.wait_screen(pane, "READ_ONLY=")
    tmux.type(pane, "x")  # the stand-in crashes with status 3
    assert tmux.dead_status(pane) == 3


def test_agent_and_x11_are_not_forwarded(stub_server: Server, keys: Keys, tmux: Tmux) -> None:
    argv = ssh_argv(stub_server.port, keys.allowed, "-tt", "-A", "-X", "-o", "SendEnv=AKHBAR_*")
    pane = tmux.start("s", ["env", "AKHBAR_CLIENT_PROBE=sent", "DISPLAY=:99", *argv])
    screen = tmux.wait_screen(pane, "CLIENT_ENV=")
    assert "AGENT=|DISPLAY=|" in screen
    assert "CLIENT_ENV=|" in screen  # nothing of the client's environment but TERM


def test_state_is_kept_per_key(
    server_factory: Callable[..., Server], keys: Keys, tmux: Tmux, tmp_path: Path
) -> None:
    other = tmp_path / "client" / "both_keys"
    other.write_text(keys.authorized.read_text() + keys.stranger.with_suffix(".pub").read_text())
    server = server_factory("--authorized-keys", str(other), str(ARTICLES))
    folders = []
    for index, key in enumerate((keys.allowed, keys.allowed, keys.stranger)):
        pane = tmux.start(f"s{index}", ssh_argv(server.port, key, "-tt"))
        screen = tmux.wait_screen(pane, "READ_ONLY=")
        folders.append(Path(re.search(r"STATE=(\S+)", screen).group(1)))  # type: ignore[union-attr]
        tmux.type(pane, "w")
        tmux.wait_screen(pane, "WROTE")
        tmux.type(pane, "q")
        assert tmux.dead_status(pane) == 0
    assert folders[0] == folders[1] != folders[2]
    assert (folders[0] / "visits").read_text() == "visit\nvisit\n"
    assert (folders[2] / "visits").read_text() == "visit\n"
    assert oct(folders[0].stat().st_mode & 0o777) == "0o700"


def test_anonymous_sessions_get_a_throwaway_folder(
    server_factory: Callable[..., Server], tmux: Tmux
) -> None:
    server = server_factory("--allow-anonymous", str(ARTICLES))
    pane = tmux.start("s", ssh_argv(server.port, None, "-tt"))
    screen = tmux.wait_screen(pane, "READ_ONLY=")
    folder = Path(re.search(r"STATE=(\S+)", screen).group(1))  # type: ignore[union-attr]
    assert folder.name.startswith("anonymous-")
    assert folder.is_dir()
    tmux.type(pane, "q")
    assert tmux.dead_status(pane) == 0
    server.wait_log(r"#1 end key=anonymous")
    wait_for(lambda: not folder.exists(), what="anonymous folder removal")


def test_session_limit_holds(server_factory: Callable[..., Server], keys: Keys, tmux: Tmux) -> None:
    server = server_factory(
        "--authorized-keys", str(keys.authorized), "--max-sessions", "2", str(ARTICLES)
    )
    first = tmux.start("a", ssh_argv(server.port, keys.allowed, "-tt"))
    second = tmux.start("b", ssh_argv(server.port, keys.allowed, "-tt"))
    tmux.wait_screen(first, "READ_ONLY=")
    tmux.wait_screen(second, "READ_ONLY=")
    # Outside tmux: tmux may drop what a pane prints just before its command exits.
    third = run_ssh(ssh_argv(server.port, keys.allowed, "-tt"))
    assert "all 2 reader sessions are in use" in third.stdout
    assert third.returncode == 1
    server.wait_log(r"#3 busy: 2 sessions running")
    tmux.type(first, "q")
    assert tmux.dead_status(first) == 0
    fourth = tmux.start("d", ssh_argv(server.port, keys.allowed, "-tt"))
    tmux.wait_screen(fourth, "READ_ONLY=")  # the freed slot is usable again


def test_killing_one_reader_leaves_the_others(stub_server: Server, keys: Keys, tmux: Tmux) -> None:
    first = tmux.start("a", ssh_argv(stub_server.port, keys.allowed, "-tt"))
    second = tmux.start("b", ssh_argv(stub_server.port, keys.allowed, "-tt"))
    victim = _reader_pid(tmux.wait_screen(first, "READ_ONLY="))
    tmux.wait_screen(second, "READ_ONLY=")
    os.kill(victim, signal.SIGKILL)
    assert tmux.dead_status(first) == 128 + signal.SIGKILL
    tmux.type(second, "k")
    tmux.wait_screen(second, "KEY='k'")


def test_idle_sessions_are_closed(
    server_factory: Callable[..., Server], keys: Keys, tmux: Tmux
) -> None:
    server = server_factory(
        "--authorized-keys", str(keys.authorized), "--idle-timeout", "1.5", str(ARTICLES)
    )
    pane = tmux.start("s", ssh_argv(server.port, keys.allowed, "-tt"))
    pid = _reader_pid(tmux.wait_screen(pane, "READ_ONLY="))
    tmux.wait_screen(pane, "minutes without input", timeout=10)
    tmux.dead_status(pane)
    assert not process_alive(pid)
    server.wait_log(r"#1 idle for")


def test_server_shutdown_ends_sessions_cleanly(stub_server: Server, keys: Keys, tmux: Tmux) -> None:
    pane = tmux.start("s", ssh_argv(stub_server.port, keys.allowed, "-tt"))
    pid = _reader_pid(tmux.wait_screen(pane, "READ_ONLY="))
    assert stub_server.stop() == 0
    tmux.wait_screen(pane, "server is shutting down")
    tmux.dead_status(pane)
    assert not process_alive(pid)
