"""Arabic shaping for the terminal: a typed facade over arabic-reshaper.

This is the only module that imports `arabic_reshaper`. Arabic letters never join across a
space, nor after a letter that does not join the next one, so text is shaped in pieces
that end there (`_SEGMENT`), each shaped once and cached: `shape_plain` shapes a plain
paragraph into one string of glyphs, `shape_by_pieces` any plain words, `reshape_each`
whole words (with marks or format characters; `tui.text.word_glyphs` aligns those). The
reshaper is built from the complete configuration in ``reshaper.ini``: naming a file means
the library never reads PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE, so a user's environment
cannot change what we draw.

Two corrections keep the output identical to GNU FriBidi, the project's reference:
a non-joining HAMZA stays U+0621 (FriBidi shapes only joining letters), and a lam-alef pair
with a haraka between the two letters is not ligated (FriBidi ligates adjacent letters
only; `tui.text.word_glyphs` splits such a ligature).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

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

#: One-column glyphs of one character each: presentation forms other than the lam-alef
#: ligatures, Arabic letters and tatweel, ASCII printables, guillemets, Arabic comma,
#: semicolon and question mark, and the dashes, quotes and bullets of U+2010–U+2027 (all
#: neutral, none mirrored; a test checks they are one column).
_ONE_CELL = (
    "\ufb50-\ufdff\ufe70-\ufef4\ufefd\ufefe\u0621-\u064a\u0660-\u066f\u0671-\u06d3"
    "\u0021-\u007e\u00ab\u00bb\u060c\u061b\u061f\u2010-\u2027"
)
#: Text whose every character is a glyph of its own (see `_ONE_CELL`).
SIMPLE_WORD = re.compile(f"[{_ONE_CELL}]*")
#: Words of such characters joined by spaces.
SIMPLE_BATCH = re.compile(f"[ {_ONE_CELL}]*")
#: Shaped text of such glyphs and lam-alef ligatures (U+FEF5–U+FEFC, two letters each).
SHAPED_SIMPLE_WORD = re.compile(f"[{_ONE_CELL}\ufef5-\ufefc]*")
#: Shaped plain text (see `shape_plain`): such glyphs, lam-alef ligatures and spaces.
_PLAIN_SHAPED = re.compile(f"[ {_ONE_CELL}\ufef5-\ufefc]*")


#: Shaped pieces of words (see `_SEGMENT`); a space is a piece too. Bounded: cleared
#: wholesale when it grows past `CACHE_LIMIT`, like the other shaping caches.
_PIECES: dict[str, str] = {" ": " "}
#: Shaped plain words (see `shape_plain`), bounded the same way.
_PLAIN_WORDS: dict[str, str] = {}
CACHE_LIMIT = 200_000


def reshape_each(texts: list[str]) -> list[str]:
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
    every character of *text* is a space or a one-cell character without marks (`SIMPLE_WORD`).

    A paragraph of such words needs no glyph objects: glyph i shows character i, but for
    the lam-alef ligatures (U+FEF5–U+FEFC), each showing two. `tui.text.layout` wraps and
    reorders such paragraphs from this string by slicing.
    """
    if not SIMPLE_BATCH.fullmatch(text):
        return None
    words = text.split(" ")
    cache = _PLAIN_WORDS
    if len(cache) > CACHE_LIMIT:
        cache.clear()
    new = [word for word in dict.fromkeys(words) if word not in cache]
    if new:
        cache.update(zip(new, shape_by_pieces(" ".join(new)).split(" "), strict=True))
    try:
        shaped = " ".join(map(cache.__getitem__, words))
    except KeyError:  # another thread cleared the cache meanwhile (see `shape_words`)
        shaped = " ".join([cache.get(word) or shape_by_pieces(word) for word in words])
    return shaped if _PLAIN_SHAPED.fullmatch(shaped) else None


def shape_by_pieces(text: str) -> str:
    """*text* (plain words and spaces) shaped piece by piece (see `_SEGMENT`)."""
    pieces = _SEGMENT.findall(text)
    cache = _PIECES
    if len(cache) > CACHE_LIMIT:
        cache.clear()
    new = [piece for piece in dict.fromkeys(pieces) if piece not in cache and piece != " "]
    shaped_new = dict(zip(new, reshape_each(new), strict=True))
    shaped_new[" "] = " "
    cache.update(shaped_new)
    try:
        return "".join(map(cache.__getitem__, pieces))
    except KeyError:  # another thread cleared the cache meanwhile (see `shape_words`)
        return "".join([cache.get(piece) or reshape_each([piece])[0] for piece in pieces])


def clear_cache() -> None:
    """Forget every shaped piece and plain word (see `tui.text.word_glyphs.clear_cache`)."""
    _PIECES.clear()
    _PIECES[" "] = " "
    _PLAIN_WORDS.clear()
