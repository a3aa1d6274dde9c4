"""Key names as Textual spells them: check and normalise what users write under ``[keys]``.

Textual names a printable key by its character when alphanumeric (``j``, ``J``, ``ب``) and
otherwise by its Unicode name in snake case (``?`` → ``question_mark``, ``/`` → ``slash``);
special keys have fixed names (``enter``, ``pagedown``, ``f5``) and modifiers are joined
with ``+`` in alphabetical order (``ctrl+shift+left``). Its keymap API compares these names
literally, so user input is normalised here to exactly that spelling. No Textual import: the
config layer stays pure and fast; a test checks the names against Textual's own.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

#: Modifier names, in the (alphabetical) order Textual joins them.
MODIFIERS: tuple[str, ...] = ("alt", "ctrl", "hyper", "meta", "shift", "super")
NAMED_KEYS = frozenset(
    {
        "escape",
        "enter",
        "tab",
        "space",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "pageup",
        "pagedown",
        "up",
        "down",
        "left",
        "right",
    }
)
#: Friendly spellings users write → Textual's name.
NAME_ALIASES = {
    "return": "enter",
    "esc": "escape",
    "del": "delete",
    "ins": "insert",
    "pgup": "pageup",
    "pgdn": "pagedown",
    "page_up": "pageup",
    "page_down": "pagedown",
    "spacebar": "space",
}
#: Whole keys that a terminal cannot tell apart from another key (Textual treats them so).
KEY_ALIASES = {"ctrl+i": "tab", "ctrl+m": "enter"}
#: Textual's shorter names for some characters' Unicode names.
_CHARACTER_NAME_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
_REPLACED = {short: long for long, short in _CHARACTER_NAME_REPLACEMENTS.items()}
_FUNCTION_KEY = re.compile(r"f([1-9]|1[0-9]|2[0-4])")
_MAX_NAME_WORDS = 8
KEY_SEPARATOR = ","
_HELP = "a single character, a name such as enter, escape, tab, space, up, pagedown or f5"


def character_key(character: str) -> str:
    """Textual's key name for typing *character* (``a`` → ``a``, ``?`` → ``question_mark``)."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return "tab" if character == "\t" else character
    return _CHARACTER_NAME_REPLACEMENTS.get(name, name)


def character_of(name: str) -> str | None:
    """The character a snake-case key name stands for (``full_stop`` → ``.``), if any.

    Unicode names mix spaces and hyphens (``LESS-THAN SIGN``) and the key name turned both
    into ``_``, so each ``_`` is tried as either.
    """
    words = _REPLACED.get(name, name).upper().split("_")
    if len(words) > _MAX_NAME_WORDS or not all(words):
        return None
    for joins in itertools.product((" ", "-"), repeat=len(words) - 1):
        candidate = words[0] + "".join(j + w for j, w in zip(joins, words[1:], strict=True))
        try:
            return unicodedata.lookup(candidate)
        except KeyError:
            continue
    return None


def _base_key(base: str, *, modified: bool) -> str:
    if len(base) == 1:
        if not base.isprintable():
            raise ValueError(f"{base!r} is a control character; use {_HELP}")
        if modified and base.isascii() and base.isalpha():
            base = base.lower()  # ctrl+A means ctrl+a
        return character_key(base)
    lower = NAME_ALIASES.get(base.lower(), base.lower())
    if lower in NAMED_KEYS or _FUNCTION_KEY.fullmatch(lower):
        return lower
    character = character_of(lower)
    if character is not None and not character.isalnum() and character.isprintable():
        return character_key(character)
    raise ValueError(f'unknown key "{base}"; use {_HELP}, optionally with ctrl+, alt+ or shift+')


def normalize_key(key: str) -> str:
    """One key in Textual's spelling: ``Ctrl+Shift+Left`` → ``ctrl+shift+left``.

    Raises:
        ValueError: an empty key, an unknown name or modifier, or a repeated modifier.
    """
    raw = key.strip()
    if not raw:
        raise ValueError("empty key name")
    if len(raw) == 1:
        return _base_key(raw, modified=False)
    if raw.endswith("++"):
        prefix, base = raw[:-2], "+"
    else:
        prefix, _, base = raw.rpartition("+")
    modifiers = [m.strip().lower() for m in prefix.split("+")] if prefix else []
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            raise ValueError(f'unknown modifier "{modifier}"; use {", ".join(MODIFIERS)}')
    if len(set(modifiers)) != len(modifiers):
        raise ValueError(f'"{raw}" repeats a modifier')
    if not base.strip():
        raise ValueError(f'"{raw}" has modifiers but an empty key name')
    full = "+".join([*sorted(modifiers), _base_key(base.strip(), modified=bool(modifiers))])
    return KEY_ALIASES.get(full, full)


def normalize_key_list(keys: str) -> tuple[str, ...]:
    """A comma-separated key list, normalised and without duplicates (``j, down``).

    A lone ``,`` means the comma key (Textual's name for it is ``comma``).

    Raises:
        ValueError: an empty list or entry, or any reason `normalize_key` gives.
    """
    if keys.strip() == KEY_SEPARATOR:
        return (character_key(KEY_SEPARATOR),)
    return tuple(dict.fromkeys(normalize_key(part) for part in keys.split(KEY_SEPARATOR)))


def describe_key(name: str) -> str:
    """A normalised key name as a user recognises it: ``"?" (question_mark)``, ``"ctrl+n"``."""
    character = None if "+" in name or len(name) == 1 else character_of(name)
    if character is not None and name not in NAMED_KEYS:
        return f'"{character}" ({name})'
    return f'"{name}"'
