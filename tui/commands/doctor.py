"""`akhbar doctor`: a bidi test card in both modes, and what akhbar knows about this terminal.

Terminals split in two: most draw cells left to right and need akhbar to shape and reorder
(`--bidi app`), some do bidi themselves and would reverse that work a second time
(`--bidi terminal`). No escape sequence can ask a terminal which kind it is, so the card shows
the same lines both ways and the user picks the block that reads correctly. Block A is drawn
exactly as the reader draws: with the terminal switched to explicit mode (``CSI 8 l``) first,
so VTE and mintty, which honour that switch, show A correctly too.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from typing import Final

from tui.terminal.bidi_mode import BDSM_EXPLICIT, BDSM_IMPLICIT, BidiMode
from tui.terminal.capabilities import (
    TerminalProfile,
    detect_terminal,
    textual_environment,
)
from tui.terminal.osc52 import clipboard_advice

#: The card: a shaped line (joining, lam-alef), brackets and numbers, harakat.
CARD_LINES: Final[tuple[str, ...]] = (
    "السلام عليكم ورحمة الله",
    "أعلنت الوزارة (في بيان) عن 1500 إصابة عام 2024",
    "العَرَبِيَّةُ لُغَةٌ جَمِيلَةٌ",
)
#: Width the card's lines are laid out at (right-aligned inside it in mode A).
CARD_WIDTH: Final = 50
INDENT: Final = "   "
TMUX_QUERY_TIMEOUT: Final = 2.0
#: What PEP 538 sets LC_CTYPE to when Python starts under the C locale.
COERCED_CTYPES: Final = frozenset({"C.UTF-8", "C.utf8", "UTF-8"})

MODE_TITLES: Final[Mapping[BidiMode, str]] = {
    "app": "A  --bidi app       akhbar shapes and reorders (the default)",
    "terminal": "B  --bidi terminal  the terminal shapes and reorders",
}
ADVICE: Final = (
    "Which block reads correctly, right to left, with joined letters?",
    '  A   keep the default `--bidi app` (config: bidi = "app")',
    '  B   use `akhbar --bidi terminal` (config: bidi = "terminal")',
    "  both: your terminal obeys the bidi mode switch; keep `--bidi app`",
    "  neither: the font lacks Arabic glyphs, or the locale below is not UTF-8",
)


def register(parser: argparse.ArgumentParser) -> None:
    """Add `akhbar doctor`'s options."""
    parser.add_argument(
        "--width",
        type=int,
        default=CARD_WIDTH,
        help=f"columns to lay the card out in (default {CARD_WIDTH})",
    )
    parser.set_defaults(run=run)


def card_block(mode: BidiMode, width: int = CARD_WIDTH) -> list[str]:
    """The card's lines as the reader would send them to the terminal in *mode*."""
    from tui.text.layout import Mode, layout_paragraph

    lines: list[str] = []
    for text in CARD_LINES:
        layout = layout_paragraph(text, width, Mode(mode))
        lines.extend(line.text for line in layout.lines)
    return lines


def card_lines(width: int = CARD_WIDTH, *, tty: bool = False) -> list[str]:
    """Both blocks and the advice; with *tty*, block A is wrapped in explicit mode."""
    out: list[str] = []
    for mode in ("app", "terminal"):
        out.append(MODE_TITLES[mode])
        block = [INDENT + line for line in card_block(mode, width)]
        if tty and mode == "app":
            block[0] = BDSM_EXPLICIT + block[0]
            block[-1] = block[-1] + BDSM_IMPLICIT
        out.extend(block)
        out.append("")
    out.extend(ADVICE)
    return out


def _value(value: str) -> str:
    return value if value else "(not set)"


def environment_report(
    profile: TerminalProfile,
    environ: Mapping[str, str],
    *,
    tmux_set_clipboard: str | None = None,
    configured_bidi: str | None = None,
) -> list[str]:
    """The "this terminal" section: TERM, colour, locale, multiplexer, SSH, copy, config."""
    settings = textual_environment(profile, environ)
    depth = profile.color_depth.value
    if profile.no_color:
        depth += " (NO_COLOR is set: highlights use bold/underline/reverse only)"
    elif settings:
        depth += "  → " + " ".join(f"{name}={value}" for name, value in sorted(settings.items()))
    locale = profile.locale + ("" if profile.utf8 else "  WARNING: not UTF-8")
    if coerced_locale(environ):
        locale += "  (LANG is C: only Python switched itself to UTF-8; set LANG=C.UTF-8)"
    lines = [
        "This terminal",
        f"  TERM         {_value(profile.term)}",
        f"  COLORTERM    {_value(profile.colorterm)}"
        + ("" if profile.colorterm or not profile.over_ssh else "  (SSH rarely forwards it)"),
        f"  colours      {depth}",
        f"  locale       {locale}",
        f"  multiplexer  {profile.multiplexer or 'none'}",
        f"  over SSH     {'yes (animations off)' if profile.over_ssh else 'no'}",
        f"  {clipboard_advice(profile.multiplexer, tmux_set_clipboard)}",
    ]
    if configured_bidi:
        lines.append(f"  config       bidi = {configured_bidi}")
    if not profile.utf8:
        lines.append(
            "  Set a UTF-8 locale (e.g. `export LANG=C.UTF-8`), or Arabic cannot be shown "
            "or typed reliably."
        )
    return lines


def coerced_locale(environ: Mapping[str, str]) -> bool:
    """Whether LC_CTYPE=C.UTF-8 was set by Python's C-locale coercion (PEP 538), not the user.

    Python started under LANG=C (or no locale at all) exports LC_CTYPE=C.UTF-8 into its own
    environment, so the locale looks fine from in here while the user's shell is still C.
    """
    return (
        not environ.get("LC_ALL")
        and environ.get("LC_CTYPE") in COERCED_CTYPES
        and environ.get("LANG", "") in ("", "C", "POSIX")
    )


def tmux_set_clipboard(environ: Mapping[str, str]) -> str | None:
    """tmux's `set-clipboard` option when running inside tmux, else None."""
    if not environ.get("TMUX") or shutil.which("tmux") is None:
        return None
    try:
        result = subprocess.run(
            ["tmux", "show-options", "-gv", "set-clipboard"],
            capture_output=True,
            text=True,
            timeout=TMUX_QUERY_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value else None


def _configured_bidi() -> str | None:
    """The `bidi` setting of the user's config, if the config module and file say one."""
    try:
        config = importlib.import_module("tui.config")
    except ImportError:  # the config module is optional for the card
        return None
    try:
        return str(config.load_config().bidi)
    except config.ConfigError as error:
        return f"(config.toml unreadable: {error})"


def report(environ: Mapping[str, str], width: int = CARD_WIDTH, *, tty: bool = False) -> list[str]:
    """Everything `akhbar doctor` prints, line by line."""
    profile = detect_terminal(environ)
    lines = [
        "akhbar doctor: pick the bidi mode that reads correctly on this screen",
        "",
        *card_lines(width, tty=tty),
        "",
        *environment_report(
            profile,
            environ,
            tmux_set_clipboard=tmux_set_clipboard(environ),
            configured_bidi=_configured_bidi(),
        ),
    ]
    return lines


def run(args: argparse.Namespace) -> int:
    """Print the card and the terminal report."""
    width = max(20, min(int(args.width), 200))
    out = sys.stdout
    if (out.encoding or "").lower().replace("-", "") != "utf8":
        # Arabic must reach the terminal even under a non-UTF-8 locale (which we warn about).
        out.flush()
        out.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    tty = out.isatty()
    lines: Sequence[str] = report(os.environ, width, tty=tty)
    out.write("\n".join(lines) + "\n")
    out.flush()
    return 0
