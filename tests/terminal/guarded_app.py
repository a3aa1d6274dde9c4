"""A minimal Textual app run through the BiDi guard the way the launcher runs the reader.

Used by test_bidi_bytes.py, which needs a real Textual program under a pty that starts fast
and offers every way out: `q` quits, `x` crashes, signals come from the test.
Usage: ``guarded_app.py [app|terminal] [--no-on-signal]``.
"""

from __future__ import annotations

import sys
from typing import ClassVar

from tui.terminal.bidi_mode import BidiMode, bidi_terminal_mode
from tui.terminal.capabilities import apply_terminal_environment

READY = "READY ﻣﺮﺣﺒﺎ"


def main(argv: list[str]) -> int:
    """Run the app; the exit status is 128 + signal after a signal, like a shell's."""
    mode: BidiMode = "terminal" if "terminal" in argv else "app"
    apply_terminal_environment()
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Guarded(App[None]):
        BINDINGS: ClassVar = [("q", "quit", "Quit"), ("x", "crash", "Crash")]

        def compose(self) -> ComposeResult:
            yield Static(READY)

        def action_crash(self) -> None:
            raise RuntimeError("deliberate crash")

    app = Guarded()
    on_signal = None if "--no-on-signal" in argv else app.exit
    guard = bidi_terminal_mode(mode, stream=sys.__stdout__, on_signal=on_signal)
    with guard:
        app.run()
    if guard.received_signal is not None:
        return 128 + guard.received_signal
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
