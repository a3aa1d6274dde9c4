"""Arabic shaping for the terminal: a typed facade over arabic-reshaper, word by word.

This is the only module that imports `arabic_reshaper`. It shapes one space-free word at a
time (Arabic letters never join across a space, so words can be cached) and returns glyphs in
logical order, each with the logical characters it shows. The reshaper is built from the
complete configuration in ``reshaper.ini``: naming a file means the library never reads
PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE, so a user's environment cannot change what we draw.

Two corrections keep the output identical to GNU FriBidi, the project's reference:
a non-joining HAMZA stays U+0621 (FriBidi shapes only joining letters), and a lam-alef pair
with a haraka between the two letters is not ligated (FriBidi ligates adjacent letters only).
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tui.text.cells import HAS_FORMAT, char_width, is_invisible, is_mark

CONFIG_FILE = Path(__file__).with_name("reshaper.ini")
CONFIG_ENV = "PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE"


#: How ConfigParser spells booleans (``yes``, ``off``…), as `ConfigParser.BOOLEAN_STATES`.
_BOOLEAN_STATES = {"1": True, "yes": True, "true": True, "on": True}
_BOOLEAN_STATES |= {"0": False, "no": False, "false": False, "off": False}


class _ReadSettings:
    """The reshaper's settings, read once from its ConfigParser section.

    `ArabicReshaper.reshape` asks its configuration for six settings on every call, and a
    ConfigParser look-up costs about 7 µs: 50 µs a call, more than shaping the new words of
    a paragraph. This answers the same two methods from dictionaries (and anything it was
    not given from the section itself).
    """

    def __init__(self, section: SectionProxy) -> None:
        self._section = section
        self._values = dict(section.items())
        self._booleans = {
            key: _BOOLEAN_STATES[value.lower()]
            for key, value in self._values.items()
            if value.lower() in _BOOLEAN_STATES
        }

    def get(self, key: str, fallback: str | None = None) -> str | None:
        return self._values.get(key, fallback)

    def getboolean(self, key: str) -> bool:
        found = self._booleans.get(key)
        return bool(self._section.getboolean(key)) if found is None else found


def _build_reshaper() -> ArabicReshaper:
    """Import arabic-reshaper and build akhbar's reshaper, whatever the environment says.

    Importing the library already builds its default reshaper from CONFIG_ENV (and raises
    if that names a missing file), so the variable is hidden during the import.
    """
    saved = os.environ.pop(CONFIG_ENV, None)
    try:
        from arabic_reshaper import ArabicReshaper
    finally:
        if saved is not None:
            os.environ[CONFIG_ENV] = saved
    reshaper = ArabicReshaper(configuration_file=str(CONFIG_FILE))
    reshaper.configuration = _ReadSettings(reshaper.configuration)
    # Its ligature table is built on first use, without a lock: build it now, before two
    # threads (the reader and its preparing worker) can shape at once.
    reshaper.reshape("\u0644\u0627")
    return reshaper


if TYPE_CHECKING:
    from configparser import SectionProxy

    from arabic_reshaper import ArabicReshaper

_RESHAPER = _build_reshaper()


def _joining_segment_pattern(reshaper: ArabicReshaper) -> re.Pattern[str]:
    """Pieces of a word that shape on their own: a run of letters that join the letter after
    them (dual-joining letters, tatweel) and the one character ending the run.

    The reshaper gives a letter its form from its neighbours only, and a letter that does
    not join the next one (alef, dal, ra, waw, ta marbuta…, or anything not an Arabic letter)
    leaves the next letter as if it began the word: a word's shape is its pieces' shapes
    put together. The only ligature shaped (lam-alef) ends with its alef, inside one piece.
    Harakat would fall between pieces: only words without marks are shaped by pieces.
    """
    from arabic_reshaper.letters import connects_with_letter_after

    letters = reshaper.letters
    joiners = "".join(sorted(c for c in letters if connects_with_letter_after(c, letters)))
    joining = re.escape(joiners)
    # (A space ends a run but is a piece of its own: pieces are handed to the reshaper
    # joined by spaces.)
    return re.compile(f"[{joining}]+[^{joining} ]?|[^{joining}]")


_SEGMENT = _joining_segment_pattern(_RESHAPER)

ZWJ = "\u200d"
ZWNJ = "\u200c"
TATWEEL = "\u0640"
HAMZA = "\u0621"
HAMZA_ISOLATED = "\ufe80"

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
#: One-column glyphs of one character each: presentation forms other than the lam-alef
#: ligatures, Arabic letters and tatweel, ASCII printables, guillemets, Arabic comma,
#: semicolon and question mark, and the dashes, quotes and bullets of U+2010–U+2027 (all
#: neutral, none mirrored; a test checks they are one column).
_ONE_CELL = (
    "\ufb50-\ufdff\ufe70-\ufef4\ufefd\ufefe\u0621-\u064a\u0660-\u066f\u0671-\u06d3"
    "\u0021-\u007e\u00ab\u00bb\u060c\u061b\u061f\u2010-\u2027"
)
#: Text whose every character is a glyph of its own (see `_ONE_CELL`).
_SIMPLE = re.compile(f"[{_ONE_CELL}]*")
#: Words of such characters joined by spaces: a batch `shape_words` shapes in one piece.
_SIMPLE_BATCH = re.compile(f"[ {_ONE_CELL}]*")
#: Shaped text of such glyphs and lam-alef ligatures (U+FEF5–U+FEFC, two letters each).
_SIMPLE_WITH_LAM_ALEF = re.compile(f"[{_ONE_CELL}\ufef5-\ufefc]*")
#: Shaped plain text (see `shape_plain`): such glyphs, lam-alef ligatures and spaces.
_PLAIN_SHAPED = re.compile(f"[ {_ONE_CELL}\ufef5-\ufefc]*")
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
#: Shaped pieces of words (see `_SEGMENT`), bounded like `_CACHE`; a space is a piece too.
_PIECES: dict[str, str] = {" ": " "}
#: Shaped plain words (see `shape_plain`), bounded like `_CACHE`.
_PLAIN_WORDS: dict[str, str] = {}
CACHE_LIMIT = 200_000


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
    if shaped is None and len(core) == len(word) and _SIMPLE.fullmatch(word):
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
    """Shape *words* with one call of the reshaper.

    Most news words are letters and punctuation of one cell each (`_SIMPLE`): checked for
    the whole batch at once, handed to the reshaper as they are (it leaves what it does
    not shape alone, so Latin and punctuation ride along) and turned into glyphs without
    alignment. Other words have their format characters set aside first (`_prepare`) and
    their marks aligned (`_finish`).
    """
    if not shape:
        return [_finish(word, *_prepare(word), None) for word in words]
    if _SIMPLE_BATCH.fullmatch(" ".join(words)):
        simple = [True] * len(words)
    else:
        simple = [_SIMPLE.fullmatch(word) is not None for word in words]
    prepared: list[tuple[list[int], str] | None] = []
    segmented: list[list[str]] = []  # simple words: their pieces (see `_SEGMENT`)
    unshaped: dict[str, str | None] = {}  # simple words with nothing to shape (Latin, digits)
    texts: list[str] = []  # other words: what the reshaper shapes whole
    for word, is_simple in zip(words, simple, strict=True):
        if is_simple:
            prepared.append(None)
            if _needs_shaping(word):
                segmented.append(_SEGMENT.findall(word))
            else:
                segmented.append([word])
                unshaped[word] = word
            continue
        keep, core = _prepare(word)
        prepared.append((keep, core))
        if _needs_shaping(core):
            texts.append(core.replace(ZWJ, TATWEEL))
    # A local table, as in `shape_words`; pieces repeat far more than words do.
    if len(_PIECES) > CACHE_LIMIT:
        _PIECES.clear()
    found = {piece: _PIECES.get(piece) for pieces in segmented for piece in pieces}
    found |= unshaped
    new = [piece for piece, shaped_piece in found.items() if shaped_piece is None]
    shaped = _reshape_each([*new, *texts])
    for piece, shaped_piece in zip(new, shaped, strict=False):
        found[piece] = _PIECES[piece] = shaped_piece
    whole = iter(shaped[len(new) :])
    by_pieces = iter(segmented)
    result: list[ShapedWord] = []
    for word, ready in zip(words, prepared, strict=True):
        if ready is None:
            piece = "".join([found[part] or "" for part in next(by_pieces)])
            glyphs = _letters_only(word, piece) if _SIMPLE_WITH_LAM_ALEF.fullmatch(piece) else None
            result.append(glyphs or _finish(word, list(range(len(word))), word, piece))
        else:
            keep, core = ready
            result.append(_finish(word, keep, core, next(whole) if _needs_shaping(core) else None))
    return result


def _reshape_each(texts: list[str]) -> list[str]:
    """The reshaper's output for each of *texts* (none holding a space), in one call."""
    if not texts:
        return []
    together: str = _RESHAPER.reshape(" ".join(texts))
    shaped = together.replace(HAMZA_ISOLATED, HAMZA).split(" ")
    if len(shaped) != len(texts):  # a reshaper that ate a space
        shaped = [str(_RESHAPER.reshape(text)).replace(HAMZA_ISOLATED, HAMZA) for text in texts]
    return shaped


def shape_plain(text: str) -> str | None:
    """The shaped glyphs of *text*, one character each, in logical order; None unless
    every character of *text* is a space or a one-cell character without marks (`_SIMPLE`).

    A paragraph of such words needs no glyph objects: glyph i shows character i, but for
    the lam-alef ligatures (U+FEF5–U+FEFC), each showing two. `tui.text.layout` wraps and
    reorders such paragraphs from this string by slicing.
    """
    if not _SIMPLE_BATCH.fullmatch(text):
        return None
    words = text.split(" ")
    cache = _PLAIN_WORDS
    if len(cache) > CACHE_LIMIT:
        cache.clear()
    new = [word for word in dict.fromkeys(words) if word not in cache]
    if new:
        cache.update(zip(new, _shape_by_pieces(" ".join(new)).split(" "), strict=True))
    try:
        shaped = " ".join(map(cache.__getitem__, words))
    except KeyError:  # another thread cleared the cache meanwhile (see `shape_words`)
        shaped = " ".join([cache.get(word) or _shape_by_pieces(word) for word in words])
    return shaped if _PLAIN_SHAPED.fullmatch(shaped) else None


def _shape_by_pieces(text: str) -> str:
    """*text* (plain words and spaces) shaped piece by piece (see `_SEGMENT`)."""
    pieces = _SEGMENT.findall(text)
    cache = _PIECES
    if len(cache) > CACHE_LIMIT:
        cache.clear()
    new = [piece for piece in dict.fromkeys(pieces) if piece not in cache and piece != " "]
    shaped_new = dict(zip(new, _reshape_each(new), strict=True))
    shaped_new[" "] = " "
    cache.update(shaped_new)
    try:
        return "".join(map(cache.__getitem__, pieces))
    except KeyError:  # another thread cleared the cache meanwhile (see `shape_words`)
        return "".join([cache.get(piece) or _reshape_each([piece])[0] for piece in pieces])


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
    """Forget every shaped word (benchmarks measure cold runs with it)."""
    for cache in _CACHE.values():
        cache.clear()
    _PIECES.clear()
    _PIECES[" "] = " "
    _PLAIN_WORDS.clear()
