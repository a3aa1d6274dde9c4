"""The BDSM guard in-process: what it writes, when, and that the terminal always ends implicit."""

from __future__ import annotations

import asyncio
import io
import os
import signal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.terminal.bidi_mode import (
    BDSM_EXPLICIT,
    BDSM_IMPLICIT,
    BidiTerminalGuard,
    bidi_terminal_mode,
    sequence_for_mode,
)


def test_sequences_are_the_terminal_wg_bdsm_ones() -> None:
    # "BiDi in Terminal Emulators", escape sequences: implicit mode CSI 8 h, explicit CSI 8 l.
    assert BDSM_EXPLICIT == "\x1b[8l"
    assert BDSM_IMPLICIT == "\x1b[8h"
    assert sequence_for_mode("app") == "\x1b[8l"
    assert sequence_for_mode("terminal") == "\x1b[8h"


def test_app_mode_is_explicit_inside_and_implicit_after() -> None:
    out = io.StringIO()
    with bidi_terminal_mode("app", out):
        assert out.getvalue() == "\x1b[8l"
        out.write("<app>")
    assert out.getvalue() == "\x1b[8l<app>\x1b[8h"


def test_terminal_mode_sends_nothing() -> None:
    out = io.StringIO()
    with bidi_terminal_mode("terminal", out):
        out.write("<app>")
    assert out.getvalue() == "<app>"


def test_restored_when_the_app_crashes() -> None:
    out = io.StringIO()
    with pytest.raises(RuntimeError), bidi_terminal_mode("app", out):
        raise RuntimeError("boom")
    assert out.getvalue() == "\x1b[8l\x1b[8h"


def test_restore_is_idempotent() -> None:
    out = io.StringIO()
    guard = bidi_terminal_mode("app", out)
    with guard:
        guard.restore()
        guard.restore()
    guard.restore()
    assert out.getvalue().count(BDSM_IMPLICIT) == 1


def test_toggling_at_run_time() -> None:
    out = io.StringIO()
    with bidi_terminal_mode("app", out) as guard:
        guard.set_mode("terminal")
        assert guard.mode == "terminal"
        guard.set_mode("terminal")  # no change, nothing sent
        guard.set_mode("app")
    assert out.getvalue() == "\x1b[8l" + "\x1b[8h" + "\x1b[8l" + "\x1b[8h"


def test_exit_after_toggling_to_terminal_sends_nothing_more() -> None:
    out = io.StringIO()
    with bidi_terminal_mode("app", out) as guard:
        guard.set_mode("terminal")
    assert out.getvalue() == "\x1b[8l\x1b[8h"


def test_suspend_gives_the_shell_implicit_mode() -> None:
    out = io.StringIO()
    with bidi_terminal_mode("app", out) as guard:
        guard.pause()
        guard.resume()
    assert out.getvalue() == "\x1b[8l\x1b[8h\x1b[8l\x1b[8h"


def test_not_a_terminal_gets_no_escapes(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    with path.open("w") as handle, bidi_terminal_mode("app", handle):
        pass
    assert path.read_text() == ""


def test_signal_handlers_are_put_back() -> None:
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGHUP)}
    with bidi_terminal_mode("app", io.StringIO()):
        assert signal.getsignal(signal.SIGTERM) is not before[signal.SIGTERM]
    assert {signum: signal.getsignal(signum) for signum in before} == before


@pytest.mark.parametrize(
    ("signum", "exception", "code"),
    [(signal.SIGTERM, SystemExit, 143), (signal.SIGHUP, SystemExit, 129)],
)
def test_signal_outside_a_loop_unwinds_and_restores(
    signum: int, exception: type[BaseException], code: int
) -> None:
    out = io.StringIO()
    with (
        pytest.raises(exception) as raised,
        bidi_terminal_mode("app", out, exit_deadline=None) as guard,
    ):
        signal.raise_signal(signum)
    assert raised.value.code == code  # type: ignore[attr-defined]
    assert guard.received_signal == signum
    assert out.getvalue() == "\x1b[8l\x1b[8h"


def test_sigint_outside_a_loop_is_keyboard_interrupt() -> None:
    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt), bidi_terminal_mode("app", out):
        signal.raise_signal(signal.SIGINT)
    assert out.getvalue() == "\x1b[8l\x1b[8h"


def test_signal_inside_a_loop_asks_the_app_to_quit() -> None:
    out = io.StringIO()
    asked: list[str] = []

    async def app(guard: BidiTerminalGuard, quit_event: asyncio.Event) -> None:
        asyncio.get_running_loop().call_later(0.05, os.kill, os.getpid(), signal.SIGTERM)
        await asyncio.wait_for(quit_event.wait(), 5)
        assert out.getvalue() == "\x1b[8l"  # still explicit while the app tidies up

    quit_event = asyncio.Event()

    def on_signal() -> None:
        asked.append("quit")
        quit_event.set()

    guard = bidi_terminal_mode("app", out, on_signal=on_signal, exit_deadline=None)
    with guard:
        asyncio.run(app(guard, quit_event))
    assert asked == ["quit"]
    assert guard.received_signal == signal.SIGTERM
    assert out.getvalue() == "\x1b[8l\x1b[8h"


ACTIONS = st.lists(st.sampled_from(["app", "terminal", "pause", "resume", "restore"]), max_size=12)


@given(start=st.sampled_from(["app", "terminal"]), actions=ACTIONS)
def test_terminal_always_ends_implicit(start: str, actions: list[str]) -> None:
    out = io.StringIO()
    guard = BidiTerminalGuard(start, out, signals=())  # type: ignore[arg-type]
    with guard:
        for action in actions:
            if action in ("app", "terminal"):
                guard.set_mode(action)  # type: ignore[arg-type]
            else:
                getattr(guard, action)()
    written = out.getvalue()
    # Whatever happened, the last BDSM sequence written (if any) is the implicit one.
    last_explicit = written.rfind(BDSM_EXPLICIT)
    assert last_explicit == -1 or written.rfind(BDSM_IMPLICIT) > last_explicit
    assert written.replace(BDSM_EXPLICIT, "").replace(BDSM_IMPLICIT, "") == ""


def test_signal_inside_a_loop_without_callback_cancels_the_app_cleanly() -> None:
    out = io.StringIO()
    cleaned_up: list[bool] = []

    async def app() -> None:
        asyncio.get_running_loop().call_later(0.05, os.kill, os.getpid(), signal.SIGTERM)
        try:
            await asyncio.sleep(5)
        finally:
            cleaned_up.append(out.getvalue() == "\x1b[8l")  # still explicit during clean-up

    with pytest.raises(SystemExit) as raised, bidi_terminal_mode("app", out, exit_deadline=None):
        asyncio.run(app())
    assert raised.value.code == 143
    assert cleaned_up == [True]
    assert out.getvalue() == "\x1b[8l\x1b[8h"
