"""After SIGTERM/SIGHUP the process ends within the deadline even when the app hangs.

Seen for real: a reader whose terminal went away left Textual's (non-daemon) input thread
spinning on the dead tty, and the orphan burnt a third of a core until killed by hand.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

HANGING_APP = """
import asyncio, sys, threading, time
from tui.terminal.bidi_mode import bidi_terminal_mode

def spin():  # like Textual's input thread on a hung-up terminal: never ends
    while True:
        time.sleep(0.01)

threading.Thread(target=spin).start()  # not a daemon: keeps the interpreter alive
guard = bidi_terminal_mode("app", sys.__stdout__, on_signal=lambda: None, exit_deadline=0.5)

async def app():
    print("ready", flush=True)
    await asyncio.sleep(60)  # ignores the request to quit

with guard:
    asyncio.run(app())
"""


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_a_hanging_app_is_ended_after_the_deadline(signum: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", HANGING_APP], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    sent = time.monotonic()
    process.send_signal(signum)
    try:
        status = process.wait(10)
    finally:
        process.kill()
    assert status == 128 + signum
    assert 0.4 < time.monotonic() - sent < 5


def test_sigint_is_not_forced() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", HANGING_APP], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    process.send_signal(signal.SIGINT)
    with pytest.raises(subprocess.TimeoutExpired):
        process.wait(1.5)  # Ctrl+C asks; the user can press it again
    process.kill()
    process.wait()
