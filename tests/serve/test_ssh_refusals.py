"""What the server refuses, seen from the real OpenSSH client: keys, exec, SFTP, forwarding."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable

import pytest

from tests.conftest import ARTICLES
from tests.serve.conftest import Keys
from tests.serve.harness import SSH_TIMEOUT, Server, needs_openssh, run_ssh, ssh_argv, wait_for

pytestmark = needs_openssh

PERMISSION_DENIED = "Permission denied (publickey)"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_key_not_in_authorized_keys_is_refused(stub_server: Server, keys: Keys) -> None:
    result = run_ssh(ssh_argv(stub_server.port, keys.stranger, "-tt"))
    assert result.returncode == 255
    assert PERMISSION_DENIED in result.stderr
    assert "STUB READER" not in result.stdout
    stub_server.wait_log(r"#1 key SHA256:\S+ refused \(not in authorized keys\)")
    stub_server.wait_log(r"#1 end key=- after")


def test_no_key_at_all_is_refused(stub_server: Server) -> None:
    result = run_ssh(ssh_argv(stub_server.port, None, "-tt"))
    assert result.returncode == 255
    assert PERMISSION_DENIED in result.stderr


def test_added_key_is_accepted_without_restart(stub_server: Server, keys: Keys) -> None:
    assert run_ssh(ssh_argv(stub_server.port, keys.stranger, "-tt")).returncode == 255
    with keys.authorized.open("a") as handle:
        handle.write(keys.stranger.with_suffix(".pub").read_text())
    result = run_ssh(ssh_argv(stub_server.port, keys.stranger, "-tt"), stdin="q")
    assert "STUB READER" in result.stdout
    assert result.returncode == 0


def test_exec_is_refused(stub_server: Server, keys: Keys) -> None:
    result = run_ssh(ssh_argv(stub_server.port, keys.allowed, command=["ls", "/"]))
    assert result.returncode == 255
    assert "exec request failed" in result.stderr
    assert "bin" not in result.stdout
    stub_server.wait_log(r"#1 refused exec 'ls /' key=SHA256:")


def test_exec_with_a_terminal_is_refused_too(stub_server: Server, keys: Keys) -> None:
    result = run_ssh(ssh_argv(stub_server.port, keys.allowed, "-tt", command=["sh", "-c", "id"]))
    assert result.returncode == 255
    assert "uid=" not in result.stdout


def test_sftp_is_refused(stub_server: Server, keys: Keys) -> None:
    result = run_ssh(ssh_argv(stub_server.port, keys.allowed, "-s", command=["sftp"]))
    assert result.returncode == 255
    assert "subsystem request failed" in result.stderr
    stub_server.wait_log(r"refused subsystem 'sftp'")


def test_stdio_forwarding_is_refused(stub_server: Server, keys: Keys) -> None:
    target = f"127.0.0.1:{stub_server.port}"
    result = run_ssh(ssh_argv(stub_server.port, keys.allowed, "-W", target))
    assert result.returncode == 255
    assert "stdio forwarding failed" in result.stderr
    stub_server.wait_log(rf"refused port forward '{target}'")


def test_remote_forwarding_is_refused(stub_server: Server, keys: Keys) -> None:
    argv = ssh_argv(
        stub_server.port,
        keys.allowed,
        "-N",
        "-o",
        "ExitOnForwardFailure=yes",
        "-R",
        "0:127.0.0.1:9",
    )
    result = run_ssh(argv)
    assert result.returncode == 255
    assert "remote port forwarding failed" in result.stderr
    stub_server.wait_log(r"refused remote port forward")


def test_local_forwarding_is_refused(stub_server: Server, keys: Keys) -> None:
    local = _free_port()
    forward = f"{local}:127.0.0.1:{stub_server.port}"
    client = subprocess.Popen(
        ssh_argv(stub_server.port, keys.allowed, "-N", "-L", forward),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stub_server.wait_log(r"#1 login")

        def refused_through_tunnel() -> bool:
            try:
                with socket.create_connection(("127.0.0.1", local), timeout=2) as tunnel:
                    tunnel.settimeout(5)
                    # Through a working tunnel the SSH server would greet us with its banner.
                    return tunnel.recv(64) == b""
            except ConnectionError:
                return False

        wait_for(refused_through_tunnel, what="the tunnel to be refused")
        stub_server.wait_log(rf"#1 refused port forward '127.0.0.1:{stub_server.port}'")
    finally:
        client.terminate()
        try:
            client.wait(SSH_TIMEOUT)
        except subprocess.TimeoutExpired:  # seen once on a loaded CI machine: make sure
            client.kill()
            client.wait(SSH_TIMEOUT)


def test_a_session_without_a_terminal_is_told_to_use_ssh_t(stub_server: Server, keys: Keys) -> None:
    result = run_ssh(ssh_argv(stub_server.port, keys.allowed, "-T"))
    assert result.returncode == 1
    assert "connect with `ssh -t`" in result.stderr
    assert "STUB READER" not in result.stdout


@pytest.mark.parametrize("option", ["--allow-anonymous"])
def test_anonymous_access_lets_anyone_in(
    server_factory: Callable[..., Server], keys: Keys, option: str
) -> None:
    server = server_factory(option, str(ARTICLES))
    for key in (None, keys.stranger):
        result = run_ssh(ssh_argv(server.port, key, "-tt"), stdin="q")
        assert "STUB READER" in result.stdout
        assert result.returncode == 0
    server.wait_log(r"#2 login user='reader' key=anonymous")


def test_exec_is_refused_for_anonymous_users_too(
    server_factory: Callable[..., Server],
) -> None:
    server = server_factory("--allow-anonymous", str(ARTICLES))
    started = time.monotonic()
    result = run_ssh(ssh_argv(server.port, None, command=["cat", "/etc/passwd"]))
    assert result.returncode == 255
    assert "root:" not in result.stdout
    assert time.monotonic() - started < SSH_TIMEOUT
