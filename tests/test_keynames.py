"""Key names from config.toml are normalised to exactly the names Textual uses."""

from __future__ import annotations

import string

import pytest
from textual.keys import Keys

# What Textual names a pressed printable key. No public API gives this; if a Textual upgrade
# renames keys, this test must fail, because config.toml overrides would silently stop working.
from textual.keys import _character_to_key as textual_name_of

from tui.keynames import describe_key, normalize_key, normalize_key_list


@pytest.mark.parametrize(
    ("written", "textual"),
    [
        ("j", "j"),
        ("J", "J"),
        ("ب", "ب"),
        ("5", "5"),
        ("?", "question_mark"),
        ("/", "slash"),
        ("-", "minus"),
        ("+", "plus"),
        ("_", "underscore"),
        ("@", "at"),
        (".", "full_stop"),
        ("<", "less_than_sign"),
        ("Enter", "enter"),
        ("return", "enter"),
        ("esc", "escape"),
        ("PgDn", "pagedown"),
        ("space", "space"),
        ("F5", "f5"),
        ("f24", "f24"),
        ("Ctrl+Shift+Left", "ctrl+shift+left"),
        ("shift+ctrl+left", "ctrl+shift+left"),
        ("ctrl+A", "ctrl+a"),
        ("alt+ب", "alt+ب"),
        ("ctrl++", "ctrl+plus"),
        ("ctrl+i", "tab"),
        ("ctrl+m", "enter"),
        ("question_mark", "question_mark"),
        ("solidus", "slash"),
        ("less_than_sign", "less_than_sign"),
        ("  n  ", "n"),
    ],
)
def test_normalize_key(written: str, textual: str) -> None:
    assert normalize_key(written) == textual


@pytest.mark.parametrize(
    ("written", "complaint"),
    [
        ("", "empty"),
        ("ctrl+", "empty"),
        ("f25", "unknown key"),
        ("foo", "unknown key"),
        ("latin_small_letter_a", "unknown key"),  # Textual calls that key "a"
        ("ctrlx+a", "unknown modifier"),
        ("ctrl+ctrl+x", "repeats"),
        ("\x07", "control character"),
    ],
)
def test_invalid_keys_say_why(written: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        normalize_key(written)


def test_key_lists() -> None:
    assert normalize_key_list("j, down") == ("j", "down")
    assert normalize_key_list("j,j,J") == ("j", "J")
    assert normalize_key_list(",") == ("comma",)
    with pytest.raises(ValueError, match="empty"):
        normalize_key_list("j,,k")


@pytest.mark.parametrize("character", [c for c in string.punctuation if c != ","] + ["«", "؟", "،"])
def test_character_names_are_the_ones_textual_emits(character: str) -> None:
    assert normalize_key(character) == textual_name_of(character)


def test_textual_key_names_are_accepted_unchanged() -> None:
    # Legacy spellings in the enum become the names Textual's key events actually carry.
    renamed = {"return": "enter", "ctrl+@": "ctrl+at", "ctrl+i": "tab", "ctrl+m": "enter"}
    names = [k.value for k in Keys if not k.value.startswith("<") and k.value != "ctrl-at"]
    for name in names:
        expected = renamed.get(name, name)
        assert normalize_key(name) == expected, name


def test_describe_key() -> None:
    assert describe_key("question_mark") == '"?" (question_mark)'
    assert describe_key("ctrl+n") == '"ctrl+n"'
    assert describe_key("enter") == '"enter"'
    assert describe_key("j") == '"j"'
