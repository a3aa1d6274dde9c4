"""A minimal Textual app run through the BiDi guard exactly as the launcher runs the reader.

Used by test_bidi_bytes.py: the pty test needs a real Textual program, and this one starts in
well under a second and offers the exits the guard must survive: `q` quits, `x` crashes.
"""

from __future__ import annotations

import sys
from typing import ClassVar

from tui.terminal.bidi_mode import BIDI_MODES, BidiMode, bidi_terminal_mode


def main(argv: list[str]) -> int:
    """Run the app in the bidi mode named by argv[0] (default ``app``)."""
    mode: BidiMode = "terminal" if argv[:1] == ["terminal"] else "app"
    assert mode in BIDI_MODES
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Guarded(App[None]):
        BINDINGS: ClassVar = [("q", "quit", "Quit"), ("x", "crash", "Crash")]

        def compose(self) -> ComposeResult:
            yield Static("READY ﻣﺮﺣﺒﺎ")

        def action_crash(self) -> None:
            raise RuntimeError("deliberate crash")

    app = Guarded()
    guard = bidi_terminal_mode(
        mode, stream=sys.__stdout__, on_signal=None if "nosig" in argv else app.exit
    )
    with guard:
        app.run()
    if guard.received_signal is not None:
        return 128 + guard.received_signal
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
