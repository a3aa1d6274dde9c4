"""Spelling-variant-insensitive keys for names, so `بيونغ يانغ` and `بیونج یانج` are one entity.

A key is built on the project's normaliser (`tui.text.normalize.normalize`: alef/hamza
forms, ى/ي, ة/ه, Persian ی/ک, harakat, tatweel) and then folds what only names need:

- the letters Arabic uses for a foreign "g" (غ ج ق گ) become one letter, and the Persian
  letters پ ڤ چ ژ become the Arabic letters news writers use for them;
- hamza carriers ؤ ئ become و ي and a lone ء is dropped (``هيئة``/``هييه``);
- proclitics glued to the first word (و ف ب ك ل, ``لل`` for ل + ال) and the article ال on
  every word are removed, so ``للأمم المتحدة`` and ``الأمم المتحدة`` share a key.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from tui.text.normalize import normalize

#: The one letter every transliteration of "g" folds to.
G_LETTER = "ج"
#: Extra folds applied after `normalize` (which already handles alef, yeh and Persian ی/ک).
NAME_FOLD: dict[int, str | None] = {
    ord("غ"): G_LETTER,
    ord("ق"): G_LETTER,
    ord("گ"): G_LETTER,
    ord("ڨ"): G_LETTER,
    ord("پ"): "ب",
    ord("ڤ"): "ف",
    ord("ژ"): "ز",
    ord("چ"): "تش",
    ord("ؤ"): "و",
    ord("ئ"): "ي",
    ord("ء"): None,
}
ARTICLE = "ال"
#: Single-letter proclitics: and, then, with/in, like, for.
PROCLITIC_LETTERS = "وفبكل"
#: Conjunction + preposition pairs that may precede a name (``وبموسكو``).
DOUBLE_PROCLITICS = frozenset({"وب", "ول", "وك", "فب", "فل", "فك"})
#: Distinct words whose readings are remembered.
READINGS_CACHE_SIZE = 200_000
#: Shortest word left after removing a clitic or the article (so ``ال`` alone survives).
MIN_STEM = 2

_WORD = re.compile(r"[^\W_]+")
_CLITIC_ARTICLE = re.compile(r"^(?:[وف]?[بكل]?ال|[وف]?لل)(?=..)")


def fold_name(text: str) -> str:
    """Normalise *text* and fold the letters that vary between spellings of one name."""
    return normalize(text).translate(NAME_FOLD)


def strip_article(word: str) -> str:
    """Remove a leading ال from an already folded word if a stem of two letters remains."""
    if word.startswith(ARTICLE) and len(word) - len(ARTICLE) >= MIN_STEM:
        return word[len(ARTICLE) :]
    return word


def strip_clitic_article(word: str) -> str:
    """Remove a proclitic+article prefix (``وال``, ``بال``, ``لل``…) or a bare article."""
    match = _CLITIC_ARTICLE.match(word)
    if match:
        return word[match.end() :]
    return strip_article(word)


@functools.lru_cache(maxsize=READINGS_CACHE_SIZE)
def readings(folded: str) -> tuple[tuple[str, int], ...]:
    """Ways to read a folded word that may begin a name, each with its proclitic length.

    ``وموسكو`` may be ``وموسكو`` or ``و`` + ``موسكو``; ``للأمم`` is ``لل`` + ``أمم`` (one
    letter of clitic: the second ل belongs to the article); ``للبنان`` may also be ``ل`` +
    ``لبنان``. The first reading is the word itself (article removed); the caller picks
    among them with a lexicon (`choose_reading`).
    """
    found = [(strip_article(folded), 0)]
    bare = strip_clitic_article(folded)
    if bare != found[0][0]:
        prefix = len(folded) - len(bare)
        # وال/بال…: the clitic is what precedes ال; in لل only the first ل is the clitic.
        clitic = prefix - 1 if folded.startswith("لل", prefix - 2) else prefix - 2
        found.append((bare, max(clitic, 1)))
    if len(folded) > MIN_STEM + 1 and folded[0] in PROCLITIC_LETTERS:
        found.append((strip_article(folded[1:]), 1))
        if len(folded) > MIN_STEM + 2 and folded[:2] in DOUBLE_PROCLITICS:
            found.append((strip_article(folded[2:]), 2))
    return tuple(found)


def choose_reading(folded: str, known: Callable[[str], bool]) -> tuple[str, int]:
    """The most plausible (stem, proclitic length) of a name's folded first word.

    The word itself wins if it is known (``واشنطن``, ``لبنان``); otherwise the first known
    stripped reading (``وموسكو`` → ``موسكو``, ``للبنان`` → ``لبنان``); otherwise a
    clitic glued to the article (``والولايات``, ``للأمم``) is removed, and a bare letter
    is kept (many names begin with و ب ل ك ف).
    """
    options = readings(folded)
    for option in options:
        if known(option[0]):
            return option
    if len(options) > 1 and options[1][0] == strip_clitic_article(folded) != options[0][0]:
        return options[1]
    return options[0]


def entity_key(name: str, *, known: Callable[[str], bool] | None = None) -> str:
    """The key under which spelling variants of *name* meet.

    Args:
        name: a name as written, possibly with a proclitic (``وموسكو``, ``للأمم المتحدة``).
        known: tells whether a folded, article-less word is a known name, to decide
            whether a leading و/ب/ل/ك/ف is a clitic (``وموسكو``) or part of the name
            (``واشنطن``); see `choose_reading`. Defaults to the shipped gazetteers.

    Returns:
        Folded, article-less words joined by single spaces; ``""`` if *name* has no letters.
    """
    words = _WORD.findall(fold_name(name))
    if not words:
        return ""
    stem, _ = choose_reading(words[0], known if known is not None else _gazetteer_knows)
    return " ".join([stem, *(strip_article(word) for word in words[1:])])


def key_contains(key: str, part: str) -> bool:
    """Whether the words of key *part* occur contiguously in *key* (``لافروف`` in a full name).

    Search qualifiers such as ``person:لافروف`` compare `entity_key` of the query with the
    keys of mentions this way, so a surname finds the stories that give the full name.
    """
    whole = key.split()
    sought = part.split()
    if not sought:
        return False
    width = len(sought)
    return any(whole[i : i + width] == sought for i in range(len(whole) - width + 1))


def _gazetteer_knows(word: str) -> bool:
    from tui.entities.gazetteer import gazetteers

    return gazetteers().knows_word(word)
