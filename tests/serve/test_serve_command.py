"""`akhbar serve --ssh` itself: starts, makes its host key, serves the reader, stops on SIGTERM."""

from __future__ import annotations

import importlib.util
import re
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ARTICLES
from tests.serve.conftest import Keys
from tests.serve.harness import (
    LAVROV_ON_SCREEN,
    READER_START_TIMEOUT,
    Tmux,
    needs_openssh,
    needs_tmux,
    run_ssh,
    ssh_argv,
    wait_for,
)

pytestmark = [
    needs_openssh,
    pytest.mark.skipif(
        importlib.util.find_spec("tui.commands.read") is None, reason="the reader is not built yet"
    ),
]


@needs_tmux
def test_serve_command(keys: Keys, isolated_dirs: Path, tmp_path: Path, tmux: Tmux) -> None:
    log = tmp_path / "serve.log"
    with log.open("w") as handle:
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "tui", "serve", "--ssh", "--port", "0"),
                *("--authorized-keys", str(keys.authorized), str(ARTICLES)),
            ],
            stderr=handle,
        )
    try:
        wait_for(lambda: "listening on" in log.read_text(), what="the server to listen")
        match = re.search(
            r"listening on 127\.0\.0\.1:(\d+), host key (SHA256:\S+) \(new\)", log.read_text()
        )
        assert match, log.read_text()
        port = int(match.group(1))
        host_key = isolated_dirs / "data" / "ssh_host_ed25519_key"
        assert stat.S_IMODE(host_key.stat().st_mode) == 0o600

        refused = run_ssh(ssh_argv(port, keys.allowed, command=["ls"]))
        assert refused.returncode == 255

        pane = tmux.start("r", ssh_argv(port, keys.allowed, "-tt"), 80, 24)
        wait_for(lambda: LAVROV_ON_SCREEN in tmux.screen(pane), READER_START_TIMEOUT, "the reader")
        tmux.type(pane, "q")
        assert tmux.dead_status(pane) == 0
        wait_for(lambda: "reader exited with status 0" in log.read_text(), what="the reader log")
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(15) == 0
    text = log.read_text()
    assert re.search(r"#2 login user='reader' key=SHA256:\S+", text)
    assert re.search(r"#2 end key=SHA256:\S+ after [\d.]+s", text)
