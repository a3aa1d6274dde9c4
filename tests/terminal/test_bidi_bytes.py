"""The exact bytes a Textual program writes at start and exit through the BiDi guard, on a pty.

In `app` mode the first bytes are ``CSI 8 l`` and the alternate-screen switch follows; the last
bytes are ``CSI 8 h``, after Textual has left the alternate screen — on `q`, on a crash, and
on SIGTERM, SIGINT (Ctrl+C delivered as a signal) and SIGHUP. In `terminal` mode neither is sent.
"""

from __future__ import annotations

import importlib.util
import os
import signal
from pathlib import Path

import pytest

from tests.terminal.pty_capture import PtyRun, python_argv, start
from tui.terminal.bidi_mode import BDSM_EXPLICIT, BDSM_IMPLICIT

GUARDED_APP = str(Path(__file__).resolve().with_name("guarded_app.py"))
EXPLICIT = BDSM_EXPLICIT.encode()
IMPLICIT = BDSM_IMPLICIT.encode()
ALT_SCREEN_ON = b"\x1b[?1049h"
ALT_SCREEN_OFF = b"\x1b[?1049l"
READY = "READY ﻣﺮﺣﺒﺎ".encode()
#: لافروف as the reader draws it (see tests/serve/harness.py): in every seed title.
LAVROV_ON_SCREEN = "\ufed1\ufeed\ufeae\ufed3\ufefb"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(TERM="xterm-256color", LANG="C.UTF-8")
    env.pop("TEXTUAL_ALLOW_SIGNALS", None)
    return env


def _started(*args: str) -> PtyRun:
    run = start(python_argv(GUARDED_APP, *args), _env())
    run.wait_for(READY)
    return run


def _assert_guarded(output: bytes) -> None:
    assert output.startswith(EXPLICIT + ALT_SCREEN_ON), output[:40]
    assert output.count(EXPLICIT) == 1
    assert output.count(IMPLICIT) == 1
    assert output.rindex(ALT_SCREEN_OFF) < output.index(IMPLICIT)


def test_quit_key() -> None:
    run = _started("app")
    run.type("q")
    assert run.finish() == 0
    _assert_guarded(bytes(run.output))
    assert run.output.endswith(IMPLICIT)


def test_crash() -> None:
    run = _started("app")
    run.type("x")
    assert run.finish() == 1
    output = bytes(run.output)
    _assert_guarded(output)
    # Textual prints the traceback on the main screen; implicit mode comes after it.
    assert output.index(b"deliberate crash") < output.index(IMPLICIT)
    assert output.endswith(IMPLICIT + b"") or output.rstrip().endswith(IMPLICIT)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_signals(signum: int) -> None:
    run = _started("app")
    run.signal(signum)
    assert run.finish() == 128 + signum
    _assert_guarded(bytes(run.output))
    assert run.output.endswith(IMPLICIT)


def test_signal_without_an_exit_callback_still_restores_in_order() -> None:
    run = _started("app", "--no-on-signal")
    run.signal(signal.SIGTERM)
    assert run.finish() == 128 + signal.SIGTERM
    _assert_guarded(bytes(run.output))


def test_terminal_mode_sends_no_bdsm() -> None:
    run = _started("terminal")
    run.type("q")
    assert run.finish() == 0
    assert ALT_SCREEN_ON in run.output
    assert EXPLICIT not in run.output
    assert IMPLICIT not in run.output


@pytest.mark.skipif(
    importlib.util.find_spec("tui.commands.read") is None,
    reason="the reader (tui/commands/read.py) is not built yet",
)
@pytest.mark.parametrize("how", ["quit", "sigterm"])
def test_the_real_reader(how: str, seed_paths: list[Path]) -> None:
    run = start(python_argv("-m", "tui", "--read-only", *map(str, seed_paths)), _env(), 100, 30)
    run.wait_for_text(LAVROV_ON_SCREEN)  # its article list is drawn
    if how == "quit":
        run.type("q")
        assert run.finish() == 0
    else:
        run.signal(signal.SIGTERM)
        assert run.finish() == 128 + signal.SIGTERM
    _assert_guarded(bytes(run.output))
