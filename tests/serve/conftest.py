"""Fixtures for the SSH server tests: client keys, a server factory, a private tmux."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ARTICLES
from tests.serve.harness import Server, Tmux, make_key, start_server


@dataclass(frozen=True)
class Keys:
    """Two client keys: `allowed` is in the authorized_keys file, `stranger` is not."""

    allowed: Path
    stranger: Path
    authorized: Path


@pytest.fixture
def keys(tmp_path: Path) -> Keys:
    folder = tmp_path / "client"
    folder.mkdir()
    allowed = make_key(folder, "allowed")
    stranger = make_key(folder, "stranger")
    authorized = folder / "authorized_keys"
    authorized.write_text(allowed.with_suffix(".pub").read_text())
    return Keys(allowed, stranger, authorized)


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start servers (stopped at the end): ``server_factory(*options)``."""
    started: list[Server] = []

    def start(*options: str) -> Server:
        server = start_server(tmp_path, *options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def stub_server(server_factory: Callable[..., Server], keys: Keys) -> Server:
    """A server running the stand-in reader on the shipped articles, key auth."""
    return server_factory("--authorized-keys", str(keys.authorized), str(ARTICLES))


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    session = Tmux(tmp_path)
    yield session
    session.kill()
