"""Make untrusted text inert for a terminal, without rewriting what a reader should see.

Articles come from the web. A C0/C1 control or an ESC that reaches the terminal can set the
window title, write the clipboard (OSC 52) or move the cursor. Every such character is
replaced by a visible stand-in (the Unicode Control Pictures for C0 and DEL, U+FFFD for C1),
so an escape sequence shows up inertly as text (``␛]0;title␇``) and never acts.
Newlines and tabs are structural: the caller splits lines before; a tab becomes a space.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

#: C0 controls (except TAB, LF, CR which callers treat as layout) → Control Pictures.
_C0 = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}
_TABLE: dict[int, str] = {
    **_C0,
    0x09: " ",
    0x7F: "\u2421",  # ␡
    **dict.fromkeys(range(128, 160), REPLACEMENT),  # C1 controls, incl. CSI (0x9B), OSC (0x9D)
    # Line/paragraph separators would break a terminal line; show them as spaces.
    0x2028: " ",
    0x2029: " ",
    # Non-characters and the interlinear annotation controls.
    0xFFFE: REPLACEMENT,
    0xFFFF: REPLACEMENT,
    0xFFF9: REPLACEMENT,
    0xFFFA: REPLACEMENT,
    0xFFFB: REPLACEMENT,
}
_SURROGATES = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufff9-\ufffb\ufffe\uffff\t]")


def sanitize_line(text: str) -> str:
    """Return *text* (one line, no LF/CR expected) with every terminal-unsafe char made inert.

    CR and LF, if present, are also replaced (by ␍ and ␊) so one logical line stays one line.
    """
    if is_safe(text):
        return text
    text = _SURROGATES.sub(REPLACEMENT, text)
    return text.translate(_TABLE).replace("\r", "\u240d").replace("\n", "\u240a")


def sanitize_text(text: str) -> str:
    """Sanitise a multi-line text, keeping line breaks (CRLF and lone CR become LF)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(sanitize_line(line) for line in text.split("\n"))


def is_safe(text: str) -> bool:
    """True if *text* holds no character that `sanitize_line` would replace."""
    # isprintable() is one fast C loop and stricter than the test below (every character it
    # would replace is a control, separator, format, unassigned or surrogate character):
    # most lines of news pass it.
    return text.isprintable() or (
        _UNSAFE.search(text) is None
        and _SURROGATES.search(text) is None
        and "\n" not in text
        and "\r" not in text
    )
