"""Colour depth from TERM/COLORTERM/NO_COLOR, SSH and multiplexer detection, Textual settings."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.terminal.capabilities import (
    TEXTUAL_COLOR_SYSTEMS,
    ColorDepth,
    apply_terminal_environment,
    detect_terminal,
    terminal_color_depth,
    textual_environment,
)


@pytest.mark.parametrize(
    ("term", "colorterm", "depth"),
    [
        ("xterm-256color", "", ColorDepth.EIGHT_BIT),
        ("screen-256color", "", ColorDepth.EIGHT_BIT),
        ("tmux-256color", "", ColorDepth.EIGHT_BIT),
        ("rxvt-unicode-256color", "", ColorDepth.EIGHT_BIT),
        ("linux", "", ColorDepth.STANDARD),  # the Linux console: 8 colours and bright
        ("xterm", "", ColorDepth.STANDARD),
        ("screen", "", ColorDepth.STANDARD),
        ("xterm-16color", "", ColorDepth.STANDARD),
        ("xterm-direct", "", ColorDepth.TRUECOLOR),
        ("xterm-kitty", "", ColorDepth.TRUECOLOR),  # kitty's TERM crosses SSH, COLORTERM not
        ("alacritty", "", ColorDepth.TRUECOLOR),
        ("xterm", "truecolor", ColorDepth.TRUECOLOR),
        ("xterm-256color", "24bit", ColorDepth.TRUECOLOR),
        ("XTERM-256COLOR", "", ColorDepth.EIGHT_BIT),
        ("dumb", "truecolor", ColorDepth.NONE),
        ("", "", ColorDepth.NONE),
        ("vt100", "", ColorDepth.NONE),
    ],
)
def test_color_depth(term: str, colorterm: str, depth: ColorDepth) -> None:
    assert terminal_color_depth(term, colorterm) is depth


def test_no_color_wins_when_set_and_not_empty() -> None:
    assert detect_terminal({"TERM": "xterm-256color", "NO_COLOR": "1"}).color_depth is (
        ColorDepth.NONE
    )
    empty = detect_terminal({"TERM": "xterm-256color", "NO_COLOR": ""})
    assert empty.color_depth is ColorDepth.EIGHT_BIT  # no-color.org: empty means unset
    assert not empty.no_color


@pytest.mark.parametrize("variable", ["SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"])
def test_ssh_session_is_recognised(variable: str) -> None:
    assert detect_terminal({variable: "10.0.0.1 5555 10.0.0.2 22"}).over_ssh
    assert not detect_terminal({"TERM": "xterm"}).over_ssh


@pytest.mark.parametrize(
    ("environ", "multiplexer"),
    [
        ({"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "screen"}, "tmux"),
        ({"STY": "1234.pts-0.host", "TERM": "screen"}, "screen"),
        ({"TERM": "tmux-256color"}, "tmux"),  # over SSH from inside a local tmux
        ({"TERM": "screen-256color"}, "screen"),
        ({"TERM": "xterm-256color"}, None),
    ],
)
def test_multiplexer(environ: dict[str, str], multiplexer: str | None) -> None:
    assert detect_terminal(environ).multiplexer == multiplexer


@pytest.mark.parametrize(
    ("environ", "locale", "utf8"),
    [
        ({"LANG": "en_US.UTF-8"}, "en_US.UTF-8", True),
        ({"LANG": "ar_EG.utf8"}, "ar_EG.utf8", True),
        ({"LANG": "en_US.UTF-8", "LC_CTYPE": "C"}, "C", False),
        ({"LANG": "C", "LC_ALL": "C.UTF-8", "LC_CTYPE": "POSIX"}, "C.UTF-8", True),
        ({}, "C", False),
        ({"LANG": "ar_SA.ISO-8859-6"}, "ar_SA.ISO-8859-6", False),
    ],
)
def test_locale(environ: dict[str, str], locale: str, utf8: bool) -> None:
    profile = detect_terminal(environ)
    assert (profile.locale, profile.utf8) == (locale, utf8)


def test_textual_settings_follow_the_terminal() -> None:
    environ = {"TERM": "linux", "SSH_CONNECTION": "a b c d"}
    assert textual_environment(detect_terminal(environ), environ) == {
        "TEXTUAL_COLOR_SYSTEM": "standard",
        "TEXTUAL_ANIMATIONS": "none",
        "TEXTUAL_FPS": "120",
    }


def test_user_settings_are_left_alone() -> None:
    environ = {
        "TERM": "xterm",
        "SSH_TTY": "/dev/pts/1",
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
        "TEXTUAL_ANIMATIONS": "full",
        "TEXTUAL_FPS": "30",
    }
    assert textual_environment(detect_terminal(environ), environ) == {}


def test_no_colour_terminal_gets_no_color() -> None:
    environ = {"TERM": "dumb"}
    assert textual_environment(detect_terminal(environ), environ) == {
        "NO_COLOR": "1",
        "TEXTUAL_FPS": "120",
    }


def test_apply_updates_the_mapping_and_drops_empty_no_color() -> None:
    environ = {"TERM": "screen-256color", "NO_COLOR": ""}
    applied = apply_terminal_environment(environ)
    assert applied == {"TEXTUAL_COLOR_SYSTEM": "256", "TEXTUAL_FPS": "120"}
    assert environ == {"TERM": "screen-256color", **applied}


def test_color_system_names_are_ones_rich_accepts() -> None:
    from rich.console import Console

    for depth, name in TEXTUAL_COLOR_SYSTEMS.items():
        console = Console(color_system=name, force_terminal=True)  # type: ignore[arg-type]
        assert console.color_system == {"16": "standard"}.get(depth.value, depth.value)


@pytest.mark.parametrize(
    ("term", "expected"),
    [("linux", "standard"), ("xterm-256color", "256"), ("xterm-direct", "truecolor")],
)
def test_textual_reads_what_we_set(term: str, expected: str) -> None:
    code = (
        "import os; from tui.terminal.capabilities import apply_terminal_environment;"
        "apply_terminal_environment(); import textual.constants as c;"
        "print(c.COLOR_SYSTEM, c.TEXTUAL_ANIMATIONS, c.MAX_FPS)"
    )
    env = {"TERM": term, "SSH_CONNECTION": "1 2 3 4", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [expected, "none", "120"]


def test_terminal_modules_stay_free_of_textual_and_rich() -> None:
    code = (
        "import sys, tui.terminal.bidi_mode, tui.terminal.capabilities, tui.terminal.osc52;"
        "print(sorted(m for m in ('textual', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
