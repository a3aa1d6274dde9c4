"""OSC 52 sequences: the logical text, base64, size limit, multiplexer passthrough, advice."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.terminal.osc52 import (
    MAX_OSC52_BYTES,
    SCREEN_CHUNK,
    ClipboardTooLarge,
    clipboard_advice,
    clipboard_sequence,
    fits_clipboard,
    osc52_sequence,
    screen_passthrough,
    tmux_passthrough,
)


def test_known_sequence() -> None:
    # `printf 'سلام' | base64` gives 2LPZhNin2YU=
    assert osc52_sequence("سلام") == "\x1b]52;c;2LPZhNin2YU=\x07"


def test_same_form_textual_writes() -> None:
    # textual.app.App.copy_to_clipboard writes f"\x1b]52;c;{base64_text}\a";
    # `printf akhbar | base64` gives YWtoYmFy
    assert osc52_sequence("akhbar") == "\x1b]52;c;YWtoYmFy\a"


@given(st.text())
def test_payload_decodes_to_the_logical_text(text: str) -> None:
    if not fits_clipboard(text):
        with pytest.raises(ClipboardTooLarge):
            osc52_sequence(text)
        return
    sequence = osc52_sequence(text)
    assert sequence.startswith("\x1b]52;c;") and sequence.endswith("\x07")
    assert base64.b64decode(sequence[7:-1]).decode("utf-8") == text


@pytest.mark.parametrize("size", [10, 74_000, 74_999, 75_000, 200_000])
def test_size_limit_agrees_with_fits(size: int) -> None:
    text = "x" * size  # 3 ASCII bytes become 4 base64 characters, plus 8 of framing
    expected_length = 8 + 4 * ((size + 2) // 3)
    assert fits_clipboard(text) == (expected_length <= MAX_OSC52_BYTES)
    if fits_clipboard(text):
        assert len(osc52_sequence(text)) == expected_length
    else:
        with pytest.raises(ClipboardTooLarge, match="too much to copy"):
            osc52_sequence(text)


def test_a_long_article_is_refused_not_cut() -> None:
    with pytest.raises(ClipboardTooLarge) as raised:
        osc52_sequence("ا" * MAX_OSC52_BYTES)
    assert raised.value.size > MAX_OSC52_BYTES


def test_tmux_passthrough_doubles_escapes() -> None:
    wrapped = tmux_passthrough("\x1b]52;c;YQ==\x07")
    assert wrapped == "\x1bPtmux;\x1b\x1b]52;c;YQ==\x07\x1b\\"


def test_screen_passthrough_chunks() -> None:
    sequence = osc52_sequence("خبر " * 100)
    wrapped = screen_passthrough(sequence)
    chunks = wrapped.split("\x1b\\")[:-1]
    assert all(chunk.startswith("\x1bP") for chunk in chunks)
    assert all(len(chunk) - 2 <= SCREEN_CHUNK for chunk in chunks)
    assert "".join(chunk[2:] for chunk in chunks) == sequence


def test_clipboard_sequence_per_multiplexer() -> None:
    plain = osc52_sequence("نص")
    assert clipboard_sequence("نص") == plain
    assert clipboard_sequence("نص", "tmux") == plain + tmux_passthrough(plain)
    assert clipboard_sequence("نص", "screen") == screen_passthrough(plain)


def test_advice() -> None:
    assert "set-clipboard on" in clipboard_advice("tmux", "external")
    assert "'external'" in clipboard_advice("tmux", "external")
    assert "forwards" in clipboard_advice("tmux", "on")
    assert "screen" in clipboard_advice("screen", None)
    assert "OSC 52" in clipboard_advice(None, None)
