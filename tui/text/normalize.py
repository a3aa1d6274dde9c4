"""The one Arabic-aware normaliser used by search, the index, entities and highlighting.

Folding rules (issue #6): NFKC; drop harakat, Quranic annotation marks and tatweel; fold
alef-with-hamza/madda/wasla to bare alef, alef maqsura to yeh, teh marbuta to heh, Persian and
Urdu yeh/kaf/heh to their Arabic letters; Arabic-Indic and Persian digits to ASCII; casefold
Latin; drop bidi controls and zero-width format characters.

Two entry points that must agree: `normalize` (fast, C-level `str.translate`, for indexing
whole corpora) and `normalize_with_map` (per-cluster, slower, keeps a map from every output
character back to its offset in the original text so hits land on the right characters).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Harakat and other Arabic combining marks (U+064B–U+065F, superscript alef U+0670).
_HARAKAT = [*range(0x064B, 0x0660), 0x0670]
# Quranic annotation signs and small high/low letters.
_QURANIC = [
    *range(0x0610, 0x061B),
    *range(0x06D6, 0x06DD),
    *range(0x06DF, 0x06E9),
    *range(0x06EA, 0x06EE),
    *range(0x08D3, 0x08E2),
    *range(0x08E3, 0x0900),
]
TATWEEL = 0x0640
# Bidi controls and zero-width format characters: ALM, LRM, RLM, ZWSP, ZWNJ, ZWJ,
# LRE..RLO, word joiner & invisible operators, LRI..PDI, BOM/ZWNBSP, soft hyphen.
_FORMAT = [
    0x00AD,
    0x061C,
    *range(0x200B, 0x2010),
    *range(0x202A, 0x202F),
    *range(0x2060, 0x2065),
    *range(0x2066, 0x206A),
    0xFEFF,
]

_FOLD: dict[int, str] = {
    0x0623: "ا",  # أ
    0x0625: "ا",  # إ
    0x0622: "ا",  # آ
    0x0671: "ا",  # ٱ alef wasla
    0x0672: "ا",  # ٲ wavy hamza above
    0x0673: "ا",  # ٳ wavy hamza below
    0x0649: "ي",  # ى alef maqsura
    0x06CC: "ي",  # ی Farsi yeh
    0x06D0: "ي",  # ې
    0x0629: "ه",  # ة teh marbuta
    0x06C0: "ه",  # ۀ
    0x06C1: "ه",  # ہ
    0x06D5: "ه",  # ە
    0x06A9: "ك",  # ک keheh
}
_DIGITS: dict[int, str] = {
    **{0x0660 + i: str(i) for i in range(10)},
    **{0x06F0 + i: str(i) for i in range(10)},
}

#: Translation table applied after NFKC: deletions, letter folds, digits.
FOLD_TABLE: dict[int, str | None] = {
    **dict.fromkeys([*_HARAKAT, *_QURANIC, TATWEEL, *_FORMAT]),
    **_FOLD,
    **_DIGITS,
}


def normalize(text: str) -> str:
    """Return the search form of *text* (no offset map; fast enough for whole corpora)."""
    return unicodedata.normalize("NFKC", text).translate(FOLD_TABLE).casefold()


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised string plus the way back to the original text.

    Attributes:
        text: the normalised text, equal to `normalize(original)`.
        origin: for each character of `text`, the offset in the original text of the
            character it came from.
        original_length: length of the original text.
    """

    text: str
    origin: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text back to the original text.

        The span widens to cover characters the normaliser dropped inside or right after
        it (harakat on the last letter, tatweel), so a highlight covers the whole word.
        """
        if not self.text or start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.original_length
            return pos, pos
        orig_start = self.origin[start]
        # The span ends where the next original character begins: a normalised character
        # that expanded from one original character (ﻻ → لا, ß → ss), or that belongs to a
        # cluster NFKC rewrote as a whole (ㄱ + accents → ᄀ + accents), and is cut in the
        # middle still maps to all of it.
        last = self.origin[end - 1]
        after = end
        while after < len(self.origin) and self.origin[after] <= last:
            after += 1
        orig_end = self.origin[after] if after < len(self.origin) else self.original_length
        return orig_start, orig_end


#: Characters that are never combining marks and never compose with the character before
#: them under NFKC (ASCII below the combining block's first users, Arabic letters): most of
#: an article, so `normalize_with_map` skips the Unicode lookups for them.
_PLAIN = frozenset(
    [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0x0621, 0x064B)] + [" ", "\n"]
)
#: Folded form of single characters, filled as they are met.
_FOLDED_CHAR: dict[str, str] = {}
_FOLDED_CHAR_LIMIT = 1 << 16


def _is_mark(ch: str) -> bool:
    if ch in _PLAIN:
        return False
    return unicodedata.category(ch) in ("Mn", "Me") or unicodedata.combining(ch) != 0


def _composes_across(text: str, start: int, middle: int, end: int) -> bool:
    """Whether NFKC of text[start:end] differs from NFKC of its two halves, concatenated.

    True for the rare pairs that compose although the second does not start with a
    combining mark (Hangul jamo ᄀ + ᅡ → 가, Indic two-part vowels େ + ା → ୋ) or whose
    marks canonical ordering moves across the boundary.
    """
    if text[middle] in _PLAIN or unicodedata.is_normalized("NFKC", text[start:end]):
        return False
    whole = unicodedata.normalize("NFKC", text[start:end])
    parts = unicodedata.normalize("NFKC", text[start:middle]) + unicodedata.normalize(
        "NFKC", text[middle:end]
    )
    return whole != parts


def _fold_char(ch: str) -> str:
    folded = _FOLDED_CHAR.get(ch)
    if folded is None:
        folded = ch.translate(FOLD_TABLE).casefold()
        if len(_FOLDED_CHAR) < _FOLDED_CHAR_LIMIT:
            _FOLDED_CHAR[ch] = folded
    return folded


def _fold_cluster(text: str, i: int, j: int, out: list[str], origin: list[int]) -> None:
    """Append the normalised form of text[i:j] and the origin of each output character."""
    piece = text[i:j]
    cluster = piece if piece in _PLAIN else unicodedata.normalize("NFKC", piece)
    if cluster == piece:
        # Common case: nothing composed, so each char maps to itself.
        for k in range(i, j):
            folded = _fold_char(text[k])
            out.append(folded)
            origin.extend([k] * len(folded))
    else:
        folded = cluster.translate(FOLD_TABLE).casefold()
        out.append(folded)
        origin.extend([i] * len(folded))


def normalize_with_map(text: str) -> Normalized:
    """Normalise *text* keeping, for every output character, its original offset.

    Works cluster by cluster (a base character and the combining marks after it), the unit
    within which NFKC composes, so the output equals `normalize(text)`. A cluster that NFKC
    would compose with the one before (see `_composes_across`) is merged into it.
    """
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(text)
    previous = -1  # start of the previous cluster
    mark = (0, 0)  # lengths of out/origin before the previous cluster was appended
    while i < n:
        j = i + 1
        while j < n and _is_mark(text[j]):
            j += 1
        if previous >= 0 and _composes_across(text, previous, i, j):
            del out[mark[0] :]
            del origin[mark[1] :]
            i = previous
        else:
            previous = i
            mark = (len(out), len(origin))
        _fold_cluster(text, i, j, out, origin)
        i = j
    return Normalized("".join(out), tuple(origin), n)
