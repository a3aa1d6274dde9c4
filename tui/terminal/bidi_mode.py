"""The terminal's BiDi mode: BDSM escape sequences and a guard that holds them for the app's life.

The terminal-wg recommendation "BiDi in Terminal Emulators" (Egmont Koblinger) reuses ECMA-48's
BDSM, mode 8: ``CSI 8 h`` (SM) selects *implicit* mode, where the terminal reorders and shapes
what it is sent (its default); ``CSI 8 l`` (RM) selects *explicit* mode, where each character
stays in the cell it was written to. An app that does its own bidi (akhbar's ``app`` mode) must
switch to explicit mode before drawing and back to implicit mode on exit, or VTE and mintty
reverse its already-reordered text a second time. An app that leaves bidi to the terminal
(``terminal`` mode) does not touch the setting, so this guard sends nothing in that mode.

Usage, from the launcher::

    guard = bidi_terminal_mode(mode, stream=sys.__stdout__, on_signal=app.exit)
    with guard:
        app.run()
    if guard.received_signal is not None:
        return 128 + guard.received_signal

The guard restores implicit mode on normal exit, on an exception, at interpreter exit (atexit),
and on SIGTERM, SIGHUP and SIGINT (Ctrl+C while the terminal is in cooked mode, or `kill -INT`).
After SIGTERM or SIGHUP it also guarantees the process ends within `EXIT_DEADLINE` seconds.
Textual writes its frames from a thread to ``sys.__stderr__``; ``App.run`` joins that thread
before returning, so the ``CSI 8 h`` written on leaving the block always follows Textual's
``CSI ? 1049 l`` (leave the alternate screen).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterable
from types import FrameType, TracebackType
from typing import IO, Final, Literal

#: ``CSI 8 l`` — RM 8, BDSM reset: explicit mode, the terminal must not reorder or shape.
BDSM_EXPLICIT: Final = "\x1b[8l"
#: ``CSI 8 h`` — SM 8, BDSM set: implicit mode, the terminal does bidi (the default state).
BDSM_IMPLICIT: Final = "\x1b[8h"

BidiMode = Literal["app", "terminal"]
#: The values `--bidi` and the `bidi` config setting accept, default first.
BIDI_MODES: Final[tuple[BidiMode, ...]] = ("app", "terminal")

#: Signals after which the terminal must be restored; SIGHUP does not exist on Windows.
GUARDED_SIGNALS: Final[tuple[signal.Signals, ...]] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)

#: Signals after which the process must end even if the app hangs on the way out.
FORCED_EXIT_SIGNALS: Final = frozenset(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
#: Seconds the app gets to quit cleanly after SIGTERM/SIGHUP before the process is ended.
EXIT_DEADLINE: Final = 5.0

_SignalHandler = Callable[[int, FrameType | None], object] | int | None


def sequence_for_mode(mode: BidiMode) -> str:
    """The BDSM sequence that puts the terminal in the state *mode* needs.

    ``app`` (akhbar reorders) needs explicit mode; ``terminal`` (the terminal reorders) needs
    implicit mode.
    """
    return BDSM_EXPLICIT if mode == "app" else BDSM_IMPLICIT


def _raise_for(signum: int) -> None:
    """Raise what the signal means: KeyboardInterrupt for SIGINT, else SystemExit(128 + n)."""
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class BidiTerminalGuard:
    """Puts the terminal in the BiDi state a mode needs and guarantees it is put back.

    Restoring is idempotent: whichever of `__exit__`, a signal handler or atexit runs first
    writes ``CSI 8 h`` (only if ``CSI 8 l`` was written), the others do nothing.
    """

    def __init__(
        self,
        mode: BidiMode,
        stream: IO[str] | None = None,
        *,
        on_signal: Callable[[], object] | None = None,
        signals: Iterable[int] = GUARDED_SIGNALS,
        exit_deadline: float | None = EXIT_DEADLINE,
    ) -> None:
        """Prepare the guard; nothing is written before `start` (or entering the block).

        Args:
            mode: ``app`` sends explicit mode now and implicit mode at the end;
                ``terminal`` sends nothing.
            stream: the terminal; written through its file descriptor when it has one (and
                only if that is a tty), so a signal arriving mid-`print` cannot garble it.
            on_signal: asks the running app to quit (e.g. ``app.exit``). On the first guarded
                signal while an asyncio loop runs, it is scheduled on that loop so the app
                leaves the alternate screen itself before the guard restores the mode.
                Without it, KeyboardInterrupt (SIGINT) or SystemExit(128 + signal) is raised
                from a loop callback instead; outside a loop, or on a second signal, straight
                from the handler. The mode is restored as that unwinds (a further signal
                restores it at once).
            signals: the signals to handle.
            exit_deadline: after SIGTERM or SIGHUP, end the process (`os._exit`) this many
                seconds later if it is still running, whatever it is doing; None never.
        """
        self._mode: BidiMode = mode
        self._stream = stream
        self._on_signal = on_signal
        self._signals = tuple(signals)
        self._previous: dict[int, _SignalHandler] = {}
        self._explicit_sent = False
        self._started = False
        self._restored = False
        self._received: int | None = None
        self._raised = False
        self._exit_deadline = exit_deadline
        self._deadline_timer: threading.Timer | None = None

    @property
    def mode(self) -> BidiMode:
        """The mode the terminal is currently set up for."""
        return self._mode

    @property
    def received_signal(self) -> int | None:
        """The first guarded signal received, so the launcher can exit with 128 + its number."""
        return self._received

    def start(self) -> None:
        """Send the start sequence (app mode only) and install the restore hooks."""
        if self._started:
            return
        self._started = True
        if self._mode == "app":
            self._explicit_sent = self._write(BDSM_EXPLICIT) or self._explicit_sent
        atexit.register(self.restore)
        if threading.current_thread() is threading.main_thread():
            for signum in self._signals:
                self._previous[signum] = signal.getsignal(signum)
                signal.signal(signum, self._handle_signal)

    def set_mode(self, mode: BidiMode) -> None:
        """Switch mode at run time (the app's toggle key): send the sequence *mode* needs.

        Written straight to the terminal, so call it between frames (e.g. from the key
        handler, before refreshing), not from a thread while Textual is drawing.
        """
        if mode == self._mode or self._restored:
            self._mode = mode
            return
        self._mode = mode
        if self._write(sequence_for_mode(mode)):
            self._explicit_sent = mode == "app"

    def pause(self) -> None:
        """Give the shell back implicit mode while the app is suspended (Ctrl+Z)."""
        if self._explicit_sent and self._write(BDSM_IMPLICIT):
            self._explicit_sent = False

    def resume(self) -> None:
        """Re-enter the state the current mode needs after `pause`."""
        if self._mode == "app" and not self._restored:
            self._explicit_sent = self._write(BDSM_EXPLICIT) or self._explicit_sent

    def restore(self) -> None:
        """Put the terminal back in implicit mode and remove the hooks; safe to call twice."""
        if self._restored:
            return
        self._restored = True
        if self._explicit_sent:
            self._write(BDSM_IMPLICIT)
            self._explicit_sent = False
        atexit.unregister(self.restore)
        if threading.current_thread() is threading.main_thread():
            for signum, handler in self._previous.items():
                with contextlib.suppress(TypeError, ValueError, OSError):
                    signal.signal(signum, handler)
        self._previous.clear()

    def __enter__(self) -> BidiTerminalGuard:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.restore()

    def _handle_signal(self, signum: int, frame: FrameType | None) -> None:
        first = self._received is None
        if first:
            self._received = signum
        self._arm_exit_deadline(signum)
        loop = _running_loop()
        if first and loop is not None:
            # Act between two callbacks of the loop, never in the middle of the app's code:
            # ask the app to quit (it leaves the alternate screen, then `__exit__` restores
            # the mode), or raise there so asyncio cancels the app's tasks and they clean up.
            loop.call_soon_threadsafe(self._on_signal or (lambda: _raise_for(signum)))
            return
        # Outside a loop, or the app did not quit on the first signal: unwind from here.
        # If a signal arrives again while unwinding, restore now in case clean-up hangs.
        if self._raised:
            self.restore()
        self._raised = True
        _raise_for(signum)

    def _arm_exit_deadline(self, signum: int) -> None:
        """Make sure a terminated or hung-up process really ends.

        A Textual app whose terminal has gone can hang on the way out (its input thread,
        not a daemon, spins on the dead tty and keeps the interpreter alive), and an
        orphaned reader then burns CPU on the server forever. The timer is a daemon thread,
        so it still fires while the interpreter waits for such threads at exit.
        """
        if (
            self._exit_deadline is None
            or signum not in FORCED_EXIT_SIGNALS
            or self._deadline_timer is not None
        ):
            return
        timer = threading.Timer(self._exit_deadline, self._force_exit, args=(signum,))
        timer.daemon = True
        timer.start()
        self._deadline_timer = timer

    def _force_exit(self, signum: int) -> None:
        self.restore()
        os._exit(128 + signum)

    def _write(self, text: str) -> bool:
        """Write *text* to the terminal; False if there is none (not a tty, or hung up)."""
        stream = self._stream
        if stream is None:
            return False
        try:
            fd = stream.fileno()
        except (AttributeError, OSError, ValueError):
            fd = -1
        try:
            if fd < 0:
                stream.write(text)
                stream.flush()
                return True
            if not os.isatty(fd):
                return False
            with contextlib.suppress(OSError, ValueError, RuntimeError):
                stream.flush()  # anything printed before us goes first
            data = text.encode("ascii")
            while data:
                data = data[os.write(fd, data) :]
        except (OSError, ValueError):
            return False
        return True


def bidi_terminal_mode(
    mode: BidiMode,
    stream: IO[str] | None = None,
    *,
    on_signal: Callable[[], object] | None = None,
    exit_deadline: float | None = EXIT_DEADLINE,
) -> BidiTerminalGuard:
    """A guard for ``with bidi_terminal_mode(mode, stream=sys.__stdout__): app.run()``.

    See `BidiTerminalGuard` for what each argument does.
    """
    return BidiTerminalGuard(mode, stream, on_signal=on_signal, exit_deadline=exit_deadline)
