"""Shaped words as glyphs tied to logical offsets, for the general word-by-word layout.

A glyph is one shaped base character and the marks drawn on it; each knows the logical
characters it shows, so highlights and selections land on the right cells. Format
characters (bidi controls, ZWNJ, ZWJ…) belong to no glyph. Plain paragraphs skip this
(`tui.text.plain_lines`); this serves words with harakat between a lam and its alef,
invisible characters, wide characters, and words cut across lines.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from tui.text.cells import HAS_FORMAT, char_width, is_invisible, is_mark
from tui.text.shaping import (
    CACHE_LIMIT,
    HAMZA,
    HAMZA_ISOLATED,
    SHAPED_SIMPLE_WORD,
    SIMPLE_BATCH,
    SIMPLE_WORD,
    TATWEEL,
    ZWJ,
    ZWNJ,
    reshape_each,
    shape_by_pieces,
)
from tui.text.shaping import clear_cache as clear_shaped_text

#: Lam-alef ligature → (lam form, alef final form) used when FriBidi would not ligate.
_LAM_ALEF_SPLIT = {
    "\ufef5": ("\ufedf", "\ufe82"),  # isolated lam + alef with madda
    "\ufef6": ("\ufee0", "\ufe82"),  # final
    "\ufef7": ("\ufedf", "\ufe84"),  # hamza above
    "\ufef8": ("\ufee0", "\ufe84"),
    "\ufef9": ("\ufedf", "\ufe88"),  # hamza below
    "\ufefa": ("\ufee0", "\ufe88"),
    "\ufefb": ("\ufedf", "\ufe8e"),  # plain alef
    "\ufefc": ("\ufee0", "\ufe8e"),
}
#: The format characters that are not transparent to joining: ZWJ joins, ZWNJ breaks.
_NOT_TRANSPARENT = frozenset({ZWJ, ZWNJ})
_POSITIONAL = ("<isolated>", "<initial>", "<medial>", "<final>")


class ShapedWord(NamedTuple):
    """A word's glyphs in logical order (a named tuple: a cold article makes hundreds).

    Attributes:
        glyphs: text of each glyph: one shaped base character followed by its marks
            (a lone mark with no base is a glyph of its own, zero columns wide).
        starts: offset in the word of the first character each glyph shows.
        ends: offset one past the last character each glyph shows.
        widths: terminal columns of each glyph.
        width: total columns.
    """

    glyphs: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    widths: tuple[int, ...]
    width: int


class _Mismatch(Exception):
    """The reshaper's output could not be aligned with its input."""


@lru_cache(maxsize=4096)
def _letters_of(shaped: str) -> str:
    """The logical letters a presentation form stands for (ﻻ → لا, ﺏ → ب)."""
    decomposition = unicodedata.decomposition(shaped)
    if decomposition.startswith(_POSITIONAL):
        return "".join(chr(int(code, 16)) for code in decomposition.split()[1:])
    return shaped


_ARABIC_SCRIPT = re.compile("[\u0600-\u08ff\ufb50-\ufeff]")


def _needs_shaping(word: str) -> bool:
    return _ARABIC_SCRIPT.search(word) is not None


def _align(core: str, shaped: str) -> list[tuple[str, list[int]]]:
    """Pair each shaped character with the offsets in *core* it stands for.

    The reshaper emits one character per letter, one per lam-alef pair, and harakat after
    the letter (or ligature) they follow.
    """
    out: list[tuple[str, list[int]]] = []
    pending: list[int] = []  # marks skipped while matching the letters of a ligature
    i, n = 0, len(core)
    for ch in shaped:
        if is_mark(ch):
            if pending and core[pending[0]] == ch:
                out.append((ch, [pending.pop(0)]))
                continue
            if i >= n or core[i] != ch:
                raise _Mismatch
            out.append((ch, [i]))
            i += 1
            continue
        offsets: list[int] = []
        for letter in _letters_of(ch):
            while offsets and i < n and is_mark(core[i]):
                pending.append(i)
                i += 1
            if i >= n or core[i] != letter:
                raise _Mismatch
            offsets.append(i)
            i += 1
        out.append((ch, offsets))
    if pending or i != n:
        raise _Mismatch
    return out


def _fribidi_compatible(pairs: list[tuple[str, list[int]]]) -> list[tuple[str, list[int]]]:
    """Undo the two reshaper choices that GNU FriBidi does not make (see module doc)."""
    result: list[tuple[str, list[int]]] = []
    for ch, offsets in pairs:
        if ch == HAMZA_ISOLATED:
            result.append((HAMZA, offsets))
        elif ch in _LAM_ALEF_SPLIT and offsets[1] != offsets[0] + 1:
            lam, alef = _LAM_ALEF_SPLIT[ch]
            result.append((lam, [offsets[0]]))
            result.append((alef, [offsets[1]]))
        else:
            result.append((ch, offsets))
    # A split ligature leaves its harakat after the alef; put each back after its letter.
    result.sort(key=lambda pair: pair[1][0])
    return result


def _glyphs(pairs: list[tuple[str, list[int]]]) -> ShapedWord:
    """Group shaped characters into glyphs: a base character and the marks after it."""
    glyphs: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    widths: list[int] = []
    for ch, offsets in pairs:
        first, last = min(offsets), max(offsets) + 1
        if is_mark(ch) and glyphs:
            glyphs[-1] += ch
            ends[-1] = max(ends[-1], last)
            continue
        glyphs.append(ch)
        starts.append(first)
        ends.append(last)
        widths.append(char_width(ch))
    return ShapedWord(tuple(glyphs), tuple(starts), tuple(ends), tuple(widths), sum(widths))


def _unshaped_pairs(core: str) -> list[tuple[str, list[int]]]:
    return [(ch, [i]) for i, ch in enumerate(core)]


#: Shaped words by shape? then word. Bounded: cleared wholesale when it grows past the limit.
_CACHE: dict[bool, dict[str, ShapedWord]] = {True: {}, False: {}}


@lru_cache(maxsize=64)
def _one_per_glyph(n: int) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Starts, ends and widths of *n* one-column glyphs of one character each."""
    return tuple(range(n)), tuple(range(1, n + 1)), (1,) * n


def _prepare(word: str) -> tuple[list[int], str]:
    """Offsets of the characters that take part in shaping, and the text handed to the
    reshaper (transparent format characters left out, ZWJ shaped as TATWEEL)."""
    if HAS_FORMAT.search(word) is None:
        return list(range(len(word))), word
    keep = [i for i, ch in enumerate(word) if not is_invisible(ch) or ch in _NOT_TRANSPARENT]
    return keep, "".join(word[i] for i in keep)


def _letters_only(word: str, shaped: str) -> ShapedWord | None:
    """The glyphs of a word without marks or invisible characters, shaped as *shaped*
    (hamza already restored): glyph i is character i, except that a lam-alef ligature
    (common: ال before an alef) shows two adjacent letters. None if they do not line up."""
    glyphs = tuple(shaped)
    if len(shaped) == len(word):
        return ShapedWord(glyphs, *_one_per_glyph(len(word)), len(word))
    starts, ends, at = [], [], 0
    for ch in shaped:
        starts.append(at)
        at += 2 if ch in _LAM_ALEF_SPLIT else 1
        ends.append(at)
    if at == len(word):
        return ShapedWord(glyphs, tuple(starts), tuple(ends), (1,) * len(glyphs), len(glyphs))
    return None


def _finish(word: str, keep: list[int], core: str, shaped: str | None) -> ShapedWord:
    if shaped is None and len(core) == len(word) and SIMPLE_WORD.fullmatch(word):
        # Latin, digits, punctuation: one narrow glyph per character, nothing to shape.
        return ShapedWord(tuple(word), *_one_per_glyph(len(word)), len(word))
    pairs = _unshaped_pairs(core)
    if shaped is not None:
        try:
            pairs = _fribidi_compatible(_align(core.replace(ZWJ, TATWEEL), shaped))
        except (_Mismatch, IndexError):
            pairs = _unshaped_pairs(core)
    # Back to offsets in *word*, leaving out ZWJ/ZWNJ: they steer joining, are never drawn.
    pairs = [
        (ch, [keep[k] for k in offsets])
        for ch, offsets in pairs
        if not is_invisible(core[offsets[0]])
    ]
    return _glyphs(pairs)


def shape_words(words: list[str], shape: bool = True) -> list[ShapedWord]:
    """Shape several words (none containing U+0020) at once; see `shape_word`.

    The reshaper is called once for all the words not already cached: each call costs a
    dozen configuration look-ups, so one call per paragraph beats one per word.
    """
    cache = _CACHE[shape]
    if len(cache) > CACHE_LIMIT:
        cache.clear()
    # A local table: another thread (the reader prepares the next article in a worker)
    # may clear the shared cache between our look-ups.
    found = {w: cache.get(w) for w in words}
    missing = [w for w, shaped_word in found.items() if shaped_word is None]
    if missing:
        for word, shaped_word in zip(missing, _shape_missing(missing, shape), strict=True):
            found[word] = cache[word] = shaped_word
    return [found[w] for w in words]  # type: ignore[misc]


def _shape_missing(words: list[str], shape: bool) -> list[ShapedWord]:
    """Shape *words* with two calls of the reshaper at most.

    Most news words are letters and punctuation of one cell each (`SIMPLE_WORD`): checked
    for the whole batch at once, shaped by pieces (`tui.text.shaping.shape_by_pieces`; the
    reshaper leaves what it does not shape alone, so Latin and punctuation ride along) and
    turned into glyphs without alignment. Other words have their format characters set
    aside first (`_prepare`), are shaped whole and have their marks aligned (`_finish`).
    """
    if not shape:
        return [_finish(word, *_prepare(word), None) for word in words]
    if SIMPLE_BATCH.fullmatch(" ".join(words)):
        simple = [True] * len(words)
    else:
        simple = [SIMPLE_WORD.fullmatch(word) is not None for word in words]
    prepared: list[tuple[list[int], str] | None] = []
    texts: list[str] = []  # the other words, as the reshaper shapes them whole
    for word, is_simple in zip(words, simple, strict=True):
        if is_simple:
            prepared.append(None)
            continue
        keep, core = _prepare(word)
        prepared.append((keep, core))
        if _needs_shaping(core):
            texts.append(core.replace(ZWJ, TATWEEL))
    plain = [word for word, ready in zip(words, prepared, strict=True) if ready is None]
    by_pieces = iter(shape_by_pieces(" ".join(plain)).split(" ") if plain else ())
    whole = iter(reshape_each(texts))
    result: list[ShapedWord] = []
    for word, ready in zip(words, prepared, strict=True):
        if ready is None:
            piece = next(by_pieces)
            glyphs = _letters_only(word, piece) if SHAPED_SIMPLE_WORD.fullmatch(piece) else None
            result.append(glyphs or _finish(word, list(range(len(word))), word, piece))
        else:
            keep, core = ready
            result.append(_finish(word, keep, core, next(whole) if _needs_shaping(core) else None))
    return result


def shape_word(word: str, shape: bool = True) -> ShapedWord:
    """Shape one word (no spaces) into glyphs; with ``shape=False`` keep letters as they are.

    Format characters (bidi controls, ZWNJ, ZWJ…) belong to no glyph. All but ZWJ and ZWNJ
    are transparent to joining (Unicode joining type T) and are set aside before shaping, so
    letters around them still join. ZWJ is join-causing like TATWEEL, which the reshaper
    handles well, so it is shaped as one.

    Known difference from GNU FriBidi: FriBidi also breaks a join where an invisible bidi
    control changes the embedding level between two letters (an LRM inside an Arabic word).
    Shaping here happens per word, before levels are known, so such a word stays joined.
    """
    return shape_words([word], shape)[0]


def clear_cache() -> None:
    """Forget every shaped word and piece (benchmarks measure cold runs with it)."""
    for cache in _CACHE.values():
        cache.clear()
    clear_shaped_text()
