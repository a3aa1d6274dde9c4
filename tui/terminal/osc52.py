"""OSC 52 clipboard sequences: copy logical text to the user's local clipboard, through SSH.

Textual's `App.copy_to_clipboard` already writes ``ESC ] 52 ; c ; <base64> BEL``, which is all
a terminal needs; callers must pass it the *logical* text (the article as stored, never the
shaped, reordered lines on screen). What Textual leaves out lives here: a size check (terminals
drop oversized sequences silently), the wrappers that carry the sequence through a terminal
multiplexer's passthrough, and the advice `akhbar doctor` prints when a multiplexer is in the
way. tmux forwards an application's OSC 52 only with ``set -g set-clipboard on`` (its default,
``external``, ignores it); GNU screen forwards only what is wrapped in its DCS passthrough.
"""

from __future__ import annotations

import base64
from typing import Final

from tui.terminal.capabilities import Multiplexer

OSC: Final = "\x1b]"
BEL: Final = "\x07"
ESC: Final = "\x1b"
ST: Final = "\x1b\\"
#: The clipboard selection ("c"); "p" would be the X primary selection.
CLIPBOARD: Final = "c"
#: Longest sequence we send. Terminals cap OSC strings (sizes differ and are rarely
#: documented); past a conservative 100 kB some drop the copy without telling anyone.
MAX_OSC52_BYTES: Final = 100_000
#: GNU screen passes at most this many bytes per DCS string; longer ones are cut into pieces.
SCREEN_CHUNK: Final = 76
TMUX_CLIPBOARD_ON: Final = "on"


class ClipboardTooLarge(ValueError):
    """The text would make an OSC 52 sequence longer than terminals reliably accept."""

    def __init__(self, size: int) -> None:
        super().__init__(
            f"{size} bytes is too much to copy through the terminal (limit {MAX_OSC52_BYTES})"
        )
        self.size = size


def osc52_sequence(text: str, selection: str = CLIPBOARD) -> str:
    """``OSC 52 ; selection ; base64(utf-8 text) BEL`` — the form Textual also writes.

    Raises:
        ClipboardTooLarge: when the sequence would exceed `MAX_OSC52_BYTES`.
    """
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    sequence = f"{OSC}52;{selection};{payload}{BEL}"
    if len(sequence) > MAX_OSC52_BYTES:
        raise ClipboardTooLarge(len(sequence))
    return sequence


def fits_clipboard(text: str) -> bool:
    """Whether *text* can be copied in one OSC 52 sequence (check before offering "copy all")."""
    encoded = 4 * ((len(text.encode("utf-8")) + 2) // 3)
    return len(f"{OSC}52;{CLIPBOARD};{BEL}") + encoded <= MAX_OSC52_BYTES


def tmux_passthrough(sequence: str) -> str:
    """Wrap *sequence* in tmux's DCS passthrough (needs ``set -g allow-passthrough on``).

    Inside the DCS every ESC of the wrapped sequence is doubled, as tmux requires.
    """
    return f"{ESC}Ptmux;{sequence.replace(ESC, ESC + ESC)}{ST}"


def screen_passthrough(sequence: str) -> str:
    """Wrap *sequence* for GNU screen: one DCS string per `SCREEN_CHUNK` bytes."""
    chunks = (sequence[i : i + SCREEN_CHUNK] for i in range(0, len(sequence), SCREEN_CHUNK))
    return "".join(f"{ESC}P{chunk}{ST}" for chunk in chunks)


def clipboard_sequence(text: str, multiplexer: Multiplexer | None = None) -> str:
    """Everything to write so *text* reaches the outer terminal's clipboard.

    Inside tmux the plain sequence works with ``set-clipboard on`` and the wrapped one with
    ``allow-passthrough on``; both are sent (the copy is the same text, so either or both
    arriving is harmless). Inside screen only the wrapped form gets through.
    """
    sequence = osc52_sequence(text)
    if multiplexer == "tmux":
        return sequence + tmux_passthrough(sequence)
    if multiplexer == "screen":
        return screen_passthrough(sequence)
    return sequence


def clipboard_advice(multiplexer: Multiplexer | None, tmux_set_clipboard: str | None) -> str:
    """One line for `akhbar doctor`: will copying reach the local clipboard, and if not why.

    Args:
        multiplexer: the multiplexer akhbar runs in, if any.
        tmux_set_clipboard: tmux's ``set-clipboard`` value when it could be read.
    """
    if multiplexer == "tmux":
        if tmux_set_clipboard == TMUX_CLIPBOARD_ON:
            return "copy: tmux forwards OSC 52 (set-clipboard on)"
        current = f" (it is {tmux_set_clipboard!r})" if tmux_set_clipboard else ""
        return (
            "copy: inside tmux, add `set -g set-clipboard on` to ~/.tmux.conf so copies reach "
            f"your clipboard{current}"
        )
    if multiplexer == "screen":
        return "copy: GNU screen does not forward OSC 52; copying may not reach your clipboard"
    return "copy: OSC 52 (works in most terminals; macOS Terminal ignores it)"
