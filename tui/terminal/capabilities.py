"""What the terminal can do, read from the environment, and the Textual settings that follow.

Over SSH only TERM reaches the server (COLORTERM is usually not forwarded, and the client's
LANG only with `SendEnv`), so colour depth is decided from TERM first, with COLORTERM as a
bonus when present. `NO_COLOR` (no-color.org: set and not empty) turns colour off. Textual reads
its settings (`TEXTUAL_COLOR_SYSTEM`, `TEXTUAL_ANIMATIONS`, `NO_COLOR`) when it is imported, so
the launcher calls `apply_terminal_environment` before importing anything from Textual.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Literal


class ColorDepth(StrEnum):
    """How many colours the terminal shows; values are what `akhbar doctor` prints."""

    TRUECOLOR = "truecolor"
    EIGHT_BIT = "256"
    STANDARD = "16"
    NONE = "none"


Multiplexer = Literal["tmux", "screen"]

#: Rich/Textual `color_system` names for each depth (none is expressed with NO_COLOR).
TEXTUAL_COLOR_SYSTEMS: Final[Mapping[ColorDepth, str]] = {
    ColorDepth.TRUECOLOR: "truecolor",
    ColorDepth.EIGHT_BIT: "256",
    ColorDepth.STANDARD: "standard",
}
#: COLORTERM values that promise 24-bit colour.
TRUECOLOR_COLORTERMS: Final = frozenset({"truecolor", "24bit"})
#: TERM values of terminals known to draw 24-bit colour (what they send over SSH).
TRUECOLOR_TERMS: Final = frozenset(
    {"xterm-kitty", "alacritty", "foot", "foot-extra", "wezterm", "xterm-ghostty", "contour"}
)
#: TERM suffixes of terminfo entries that describe direct (24-bit) colour.
TRUECOLOR_SUFFIXES: Final = ("-direct", "-truecolor", "-24bit")
#: TERM suffixes of 256-colour entries (xterm-256color, screen-256color, tmux-256color, …).
EIGHT_BIT_SUFFIXES: Final = ("-256color", "-256colour")
#: Terminals that show no colour at all.
MONOCHROME_TERMS: Final = frozenset({"", "dumb", "unknown", "vt52", "vt100", "vt102", "vt220"})
#: Variables an SSH server sets in the session it starts.
SSH_VARIABLES: Final = ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY")
#: Textual settings a user may set themselves; an explicit value always wins over ours.
TEXTUAL_COLOR_VARIABLE: Final = "TEXTUAL_COLOR_SYSTEM"
TEXTUAL_ANIMATIONS_VARIABLE: Final = "TEXTUAL_ANIMATIONS"
TEXTUAL_FPS_VARIABLE: Final = "TEXTUAL_FPS"
#: Frames Textual may paint per second (see `textual_environment`): opening an article was
#: painted 10-35 ms sooner (median) than at Textual's default 60 in bench_reader's A/B.
FRAMES_PER_SECOND: Final = "120"
NO_COLOR_VARIABLE: Final = "NO_COLOR"
#: Locale variables in the order POSIX consults them for the character set.
LOCALE_VARIABLES: Final = ("LC_ALL", "LC_CTYPE", "LANG")


@dataclass(frozen=True, slots=True)
class TerminalProfile:
    """The terminal as the environment describes it.

    Attributes:
        term: TERM ("" when unset).
        colorterm: COLORTERM ("" when unset; rarely forwarded over SSH).
        color_depth: colours the app should use (NONE when `no_color`).
        no_color: the user asked for no colour (NO_COLOR set and not empty).
        over_ssh: this process runs in an SSH session.
        multiplexer: inside tmux or screen (from TMUX/STY, else guessed from TERM).
        locale: the locale that decides the character set (LC_ALL > LC_CTYPE > LANG).
        utf8: that locale is UTF-8; without it Arabic cannot be typed or shown reliably.
    """

    term: str
    colorterm: str
    color_depth: ColorDepth
    no_color: bool
    over_ssh: bool
    multiplexer: Multiplexer | None
    locale: str
    utf8: bool


def terminal_color_depth(term: str, colorterm: str = "") -> ColorDepth:
    """Colour depth a terminal supports, from its TERM and (when forwarded) COLORTERM.

    Unknown terminals get 16 colours: every colour terminal draws those, and Textual maps its
    theme onto them.
    """
    term = term.strip().lower()
    if term in MONOCHROME_TERMS:
        return ColorDepth.NONE
    if colorterm.strip().lower() in TRUECOLOR_COLORTERMS:
        return ColorDepth.TRUECOLOR
    if term in TRUECOLOR_TERMS or term.endswith(TRUECOLOR_SUFFIXES):
        return ColorDepth.TRUECOLOR
    if term.endswith(EIGHT_BIT_SUFFIXES):
        return ColorDepth.EIGHT_BIT
    return ColorDepth.STANDARD


def effective_locale(environ: Mapping[str, str]) -> str:
    """The locale name that decides the character set ("C" when none is set)."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            return value
    return "C"


def is_utf8_locale(locale: str) -> bool:
    """True for `en_US.UTF-8`, `C.utf8`, `ar_EG.UTF-8@…` and the like."""
    lowered = locale.lower()
    return "utf-8" in lowered or "utf8" in lowered


def detect_multiplexer(environ: Mapping[str, str]) -> Multiplexer | None:
    """tmux or screen when inside one (TMUX/STY), else a guess from TERM (e.g. over SSH)."""
    if environ.get("TMUX"):
        return "tmux"
    if environ.get("STY"):
        return "screen"
    term = environ.get("TERM", "")
    if term.startswith("tmux"):
        return "tmux"
    if term.startswith("screen"):
        return "screen"
    return None


def detect_terminal(environ: Mapping[str, str]) -> TerminalProfile:
    """Read the terminal's profile from *environ* (pure: pass `os.environ` or a test dict)."""
    term = environ.get("TERM", "")
    colorterm = environ.get("COLORTERM", "")
    no_color = bool(environ.get(NO_COLOR_VARIABLE, ""))
    depth = ColorDepth.NONE if no_color else terminal_color_depth(term, colorterm)
    locale = effective_locale(environ)
    return TerminalProfile(
        term=term,
        colorterm=colorterm,
        color_depth=depth,
        no_color=no_color,
        over_ssh=any(environ.get(name) for name in SSH_VARIABLES),
        multiplexer=detect_multiplexer(environ),
        locale=locale,
        utf8=is_utf8_locale(locale),
    )


def textual_environment(profile: TerminalProfile, environ: Mapping[str, str]) -> dict[str, str]:
    """The Textual variables to set for *profile*, leaving any the user set alone.

    Over SSH animations are off (every frame of a slide costs a round of bytes on a slow
    link). Textual paints on a fixed grid of frames, so a key's repaint waits for the next
    tick: `FRAMES_PER_SECOND` of 120 rather than Textual's 60 halves that wait (frames are
    still drawn only when something changed). A terminal without colour gets NO_COLOR so
    Textual draws in monochrome and the highlights keep their non-colour cues (bold,
    underline, reverse).
    """
    settings: dict[str, str] = {}
    if profile.color_depth is ColorDepth.NONE:
        if not environ.get(NO_COLOR_VARIABLE):
            settings[NO_COLOR_VARIABLE] = "1"
    elif TEXTUAL_COLOR_VARIABLE not in environ:
        settings[TEXTUAL_COLOR_VARIABLE] = TEXTUAL_COLOR_SYSTEMS[profile.color_depth]
    if profile.over_ssh and TEXTUAL_ANIMATIONS_VARIABLE not in environ:
        settings[TEXTUAL_ANIMATIONS_VARIABLE] = "none"
    if TEXTUAL_FPS_VARIABLE not in environ:
        settings[TEXTUAL_FPS_VARIABLE] = FRAMES_PER_SECOND
    return settings


def apply_terminal_environment(
    environ: MutableMapping[str, str] | None = None,
) -> dict[str, str]:
    """Set Textual's colour and animation variables for this terminal; call before Textual.

    An empty NO_COLOR is removed: no-color.org says only a non-empty value counts, but Textual
    would go monochrome on the variable merely being present.

    Args:
        environ: the environment to update; `os.environ` by default.

    Returns:
        The variables that were set (for logging and `akhbar doctor`).
    """
    target: MutableMapping[str, str] = os.environ if environ is None else environ
    if target.get(NO_COLOR_VARIABLE) == "":
        del target[NO_COLOR_VARIABLE]
    settings = textual_environment(detect_terminal(target), target)
    target.update(settings)
    return settings
