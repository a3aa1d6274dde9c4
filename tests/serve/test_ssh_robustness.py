"""The server survives bad clients: garbage, stalled handshakes, floods, vanishing clients."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import socket
import time
from collections.abc import Callable

from tests.conftest import ARTICLES
from tests.serve.conftest import Keys
from tests.serve.harness import (
    Server,
    needs_openssh,
    process_alive,
    run_ssh,
    ssh_argv,
    wait_for,
)

pytestmark = needs_openssh

CLOSE_TIMEOUT = 8.0


def _closed_by_server(sock: socket.socket, timeout: float = CLOSE_TIMEOUT) -> bool:
    """Read until the server closes *sock* (True) or *timeout* passes (False)."""
    sock.settimeout(0.2)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if sock.recv(65536) == b"":
                return True
        except TimeoutError:
            continue
        except ConnectionError:
            return True
    return False


def _session_works(server: Server, keys: Keys) -> bool:
    result = run_ssh(ssh_argv(server.port, keys.allowed, "-tt"), stdin="q")
    return "STUB READER" in result.stdout and result.returncode == 0


def test_garbage_is_dropped_and_others_still_served(stub_server: Server, keys: Keys) -> None:
    junk = [
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        b"SSH-2.0-evil\r\n" + os.urandom(64 * 1024),
        os.urandom(4096),
        b"\x00" * 10000,
    ]
    for payload in junk:
        with socket.create_connection(("127.0.0.1", stub_server.port)) as sock:
            try:
                sock.sendall(payload)
            except ConnectionError:
                continue  # already closed on us: fine
            assert _closed_by_server(sock), payload[:20]
    assert _session_works(stub_server, keys)


def test_stalled_handshakes_time_out_without_blocking_others(
    server_factory: Callable[..., Server], keys: Keys
) -> None:
    server = server_factory(
        "--authorized-keys", str(keys.authorized), "--login-timeout", "1.5", str(ARTICLES)
    )
    silent = socket.create_connection(("127.0.0.1", server.port))
    banner_only = socket.create_connection(("127.0.0.1", server.port))
    banner_only.sendall(b"SSH-2.0-stalled\r\n")
    try:
        assert _session_works(server, keys)  # served while the two hang
        assert _closed_by_server(silent)
        assert _closed_by_server(banner_only)
    finally:
        silent.close()
        banner_only.close()


def test_unauthenticated_connections_are_capped(
    server_factory: Callable[..., Server], keys: Keys
) -> None:
    server = server_factory(
        "--authorized-keys",
        str(keys.authorized),
        "--max-unauthenticated",
        "2",
        "--login-timeout",
        "3",
        str(ARTICLES),
    )
    sockets = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(4)]
    try:
        server.wait_log(r"dropped: too many logins under way")
        dropped = [s for s in sockets if _closed_by_server(s, timeout=1.0)]
        assert len(dropped) >= 2
    finally:
        for sock in sockets:
            sock.close()
    wait_for(lambda: _session_works(server, keys), what="a login after the flood")


def test_a_vanished_client_takes_its_reader_with_it(stub_server: Server, keys: Keys) -> None:
    pid, fd = pty.fork()
    if pid == 0:  # the ssh client, on a pty of its own
        argv = ssh_argv(stub_server.port, keys.allowed, "-tt")
        os.execvp(argv[0], argv)
    try:
        seen = b""
        deadline = time.monotonic() + 15
        while b"READ_ONLY=" not in seen and time.monotonic() < deadline:
            if select.select([fd], [], [], 0.2)[0]:
                seen += os.read(fd, 4096)
        match = re.search(rb"PID=(\d+)", seen)
        assert match, seen
        reader = int(match.group(1))
        os.kill(pid, signal.SIGKILL)  # no goodbye: the TCP connection just closes
        stub_server.wait_log(r"#1 end key=SHA256:\S+ after [\d.]+s \(client went away\)")
        wait_for(lambda: not process_alive(reader), what="the orphaned reader to be stopped")
    finally:
        os.close(fd)
        os.waitpid(pid, 0)
    assert _session_works(stub_server, keys)


def test_a_flood_of_keys_does_not_hurt_other_sessions(stub_server: Server, keys: Keys) -> None:
    flood = "a" * 50_000 + "q"
    result = run_ssh(ssh_argv(stub_server.port, keys.allowed, "-tt"), stdin=flood)
    assert result.returncode == 0
    assert result.stdout.count("KEY='a'") > 1000
    assert _session_works(stub_server, keys)


def test_keys_typed_during_start_up_wait_for_the_reader(stub_server: Server, keys: Keys) -> None:
    result = run_ssh(ssh_argv(stub_server.port, keys.allowed, "-tt"), stdin="ab\rq")
    assert result.returncode == 0
    banner = result.stdout.index("STUB READER")
    # Held back until the reader reads keys: not echoed by the starting terminal...
    assert "ab" not in result.stdout[:banner]
    # ...and then delivered, in order, carriage return included.
    keys_seen = re.findall(r"KEY=('[^']*')", result.stdout)
    assert keys_seen == ["'a'", "'b'", "'\\r'"]
    assert result.stdout.rstrip().endswith("BYE")
