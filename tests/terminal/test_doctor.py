"""`akhbar doctor`: the test card in both modes, the advice, and the terminal report."""

from __future__ import annotations

import pytest

from tui.cli import main
from tui.commands.doctor import (
    CARD_LINES,
    card_block,
    card_lines,
    coerced_locale,
    environment_report,
)
from tui.terminal.bidi_mode import BDSM_EXPLICIT, BDSM_IMPLICIT
from tui.terminal.capabilities import detect_terminal
from tui.text.cells import text_width

ARABIC_LETTERS = range(0x0621, 0x064B)  # base letters; harakat start at U+064B


def _has_unshaped_letters(line: str) -> bool:
    return any(ord(ch) in ARABIC_LETTERS for ch in line)


def test_block_a_is_shaped_and_in_visual_order() -> None:
    lines = card_block("app")
    assert len(lines) == len(CARD_LINES)
    assert not any(_has_unshaped_letters(line) for line in lines)
    first = lines[0].strip()
    # "السلام عليكم ورحمة الله" ends in the word الله; drawn left to right, the screen starts
    # with its last letter: HEH in final form (U+FEEA).
    assert first[0] == "\ufeea"
    # Right-aligned like the reading pane: the text ends at the card's right edge.
    assert len(lines[0]) == 50


def test_block_a_keeps_numbers_left_to_right() -> None:
    line = card_block("app")[1].strip()
    # The sentence's last word is 2024; in visual order it comes first, digits unreversed.
    assert line.startswith("2024 ")
    assert "1500" in line


def test_block_b_is_the_logical_text() -> None:
    assert card_block("terminal") == list(CARD_LINES)


def test_card_has_both_blocks_and_the_advice() -> None:
    text = "\n".join(card_lines())
    assert text.index("A  --bidi app") < text.index("B  --bidi terminal")
    assert "keep the default `--bidi app`" in text
    assert "use `akhbar --bidi terminal`" in text
    assert BDSM_EXPLICIT not in text and BDSM_IMPLICIT not in text


def test_on_a_terminal_block_a_is_drawn_in_explicit_mode() -> None:
    lines = card_lines(tty=True)
    a_start = lines.index(next(line for line in lines if line.startswith("A "))) + 1
    b_title = lines.index(next(line for line in lines if line.startswith("B ")))
    assert lines[a_start].startswith(BDSM_EXPLICIT)
    assert lines[a_start + len(CARD_LINES) - 1].endswith(BDSM_IMPLICIT)
    assert not any(BDSM_EXPLICIT in line or BDSM_IMPLICIT in line for line in lines[b_title:])


def test_report_over_ssh_in_tmux() -> None:
    environ = {
        "TERM": "screen-256color",
        "SSH_CONNECTION": "10.0.0.1 5555 10.0.0.2 22",
        "TMUX": "/tmp/tmux-1000/default,1,0",
        "LANG": "ar_EG.UTF-8",
    }
    report = "\n".join(
        environment_report(detect_terminal(environ), environ, tmux_set_clipboard="external")
    )
    assert "TERM         screen-256color" in report
    assert "COLORTERM    (not set)  (SSH rarely forwards it)" in report
    assert "colours      256" in report
    assert "TEXTUAL_ANIMATIONS=none" in report
    assert "locale       ar_EG.UTF-8\n" in report + "\n"
    assert "multiplexer  tmux" in report
    assert "over SSH     yes" in report
    assert "set -g set-clipboard on" in report
    assert "WARNING" not in report


def test_report_warns_about_a_non_utf8_locale_and_no_color() -> None:
    environ = {"TERM": "linux", "LANG": "ar_SA.ISO-8859-6", "NO_COLOR": "1"}
    report = "\n".join(environment_report(detect_terminal(environ), environ))
    assert "WARNING: not UTF-8" in report
    assert "export LANG=C.UTF-8" in report
    assert "none (NO_COLOR is set" in report
    assert "over SSH     no" in report


@pytest.mark.parametrize(
    ("environ", "coerced"),
    [
        ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, True),
        ({"LC_CTYPE": "C.UTF-8"}, True),
        ({"LANG": "en_US.UTF-8", "LC_CTYPE": "C.UTF-8"}, False),
        ({"LANG": "C", "LC_CTYPE": "C.UTF-8", "LC_ALL": "C.UTF-8"}, False),
        ({"LANG": "C"}, False),
    ],
)
def test_python_locale_coercion_is_recognised(environ: dict[str, str], coerced: bool) -> None:
    assert coerced_locale(environ) is coerced


def test_command_prints_card_and_report(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_CTYPE", raising=False)
    monkeypatch.delenv("TMUX", raising=False)
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "A  --bidi app" in out and "B  --bidi terminal" in out
    assert CARD_LINES[0] in out  # block B, logical
    assert "TERM         xterm-256color" in out
    assert "locale       en_US.UTF-8" in out
    assert "\x1b[" not in out  # not a terminal: no escape sequences


def test_width_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", "--width", "30"]) == 0
    out = capsys.readouterr().out
    block_a = out.split("A  --bidi app")[1].split("B  --bidi terminal")[0]
    a_lines = [line for line in block_a.splitlines()[1:] if line]
    assert len(a_lines) > len(CARD_LINES)  # the 46-column second line wraps at 30
    assert all(text_width(line) <= 3 + 30 for line in a_lines)  # harakat take no column
