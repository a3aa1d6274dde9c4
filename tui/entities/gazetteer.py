"""The shipped name lists (CLDR places, people's names, organisations, trigger words).

Lists live under `tui/entities/data/` as one entry a line: ``generated/`` is written by
`build_gazetteers` from CLDR and by `build_names` from names-dataset and arabnamer,
``curated/`` is edited by hand. Entries and text are compared
by their name-folded, article-less words (see `tui.entities.keys`), so spelling variants
match. Loading is lazy and happens once per process.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from tui.entities.keys import fold_name, readings, strip_article

# Categories of gazetteer entries.
LOC = "LOC"
ORG = "ORG"
FIRST = "FIRST"
TITLE = "TITLE"
PLACE_TRIGGER = "PLACE_TRIGGER"
ORG_TRIGGER = "ORG_TRIGGER"
VERB = "VERB"
NATIONALITY = "NATIONALITY"
NOT_ENTITY = "NOT_ENTITY"
SPORT = "SPORT"
#: Given and family names from names-dataset, words of names in the news from arabnamer
#: (`build_names`): features only, no rule reads them.
GIVEN = "GIVEN"
FAMILY = "FAMILY"
WORLD = "WORLD"

#: Data file (relative to `tui/entities/data/`) → category of its entries.
SOURCES: dict[str, str] = {
    "generated/places.txt": LOC,
    "generated/organisations.txt": ORG,
    "generated/nationalities.txt": NATIONALITY,
    "generated/given_names.txt": GIVEN,
    "generated/family_names.txt": FAMILY,
    "generated/world_names.txt": WORLD,
    "curated/places.txt": LOC,
    "curated/organisations.txt": ORG,
    "curated/clubs.txt": ORG,
    "curated/first_names.txt": FIRST,
    "curated/person_titles.txt": TITLE,
    "curated/place_triggers.txt": PLACE_TRIGGER,
    "curated/org_triggers.txt": ORG_TRIGGER,
    "curated/reporting_verbs.txt": VERB,
    "curated/nationalities.txt": NATIONALITY,
    "curated/not_entities.txt": NOT_ENTITY,
    "curated/sport_words.txt": SPORT,
}

#: Categories of one-word lists too long to be worth phrase matching: their entries are
#: looked up as words only (``g:GIVEN``), not matched as phrases (``gz=B-GIVEN``), which
#: would repeat the same fact for tens of thousands of entries.
WORD_ONLY = frozenset({GIVEN, FAMILY, WORLD})
#: Categories whose entries are names (they make a word "known" for clitic decisions).
NAME_CATEGORIES = frozenset({LOC, ORG, FIRST})
#: Sentences whose gazetteer matches are remembered.
FIND_CACHE_SIZE = 4096
#: Longest phrase, in words, worth looking up.
MAX_PHRASE_WORDS = 8


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """A gazetteer entry found in a token sequence: tokens ``start..end-1`` are one entry."""

    start: int
    end: int
    category: str
    #: Letters of proclitic glued to the first token outside the entry (``و`` in ``وموسكو``).
    clitic: int
    #: The entry's word keys (how the list spells it, the way `find` compares words).
    entry: tuple[str, ...]


def word_key(word: str) -> str:
    """How a word of an entry or of a text is compared: folded, without the article."""
    return strip_article(fold_name(word))


@dataclass(frozen=True, slots=True, eq=False)
class Gazetteer:
    """Lookup tables built from the lists.

    Attributes:
        words: word key of a one-word entry → its categories.
        phrases: word key of an entry's first word → (all word keys, category), longest
            first; holds one-word entries too (but those of `WORD_ONLY` lists), so one
            lookup finds everything.
        name_words: the first word key of every name entry (places, organisations, given
            names): what may follow a proclitic.
    """

    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    name_words: frozenset[str]

    def categories(self, key: str) -> frozenset[str]:
        """Categories of the one-word entry *key* (empty if none)."""
        return self.words.get(key, frozenset())

    def knows_word(self, folded: str) -> bool:
        """Whether a folded word (article allowed) can begin a known name."""
        return strip_article(folded) in self.name_words

    def find(self, folded: Sequence[str]) -> tuple[PhraseMatch, ...]:
        """Every entry occurring in a sentence of folded tokens, longest per start/category.

        The first token of an entry may carry a proclitic (``وموسكو``, ``للأمم``); later
        tokens are compared without their article only.
        """
        return _find(self, tuple(folded))

    def _find(self, folded: tuple[str, ...]) -> tuple[PhraseMatch, ...]:
        keys = [strip_article(word) for word in folded]
        found: list[PhraseMatch] = []
        for start, word in enumerate(folded):
            seen: set[str] = set()
            for first, clitic in readings(word):
                for entry, category in self.phrases.get(first, ()):
                    end = start + len(entry)
                    if category in seen or end > len(keys):
                        continue
                    if all(keys[start + k] == entry[k] for k in range(1, len(entry))):
                        seen.add(category)
                        found.append(PhraseMatch(start, end, category, clitic, entry))
        return tuple(found)


@functools.lru_cache(maxsize=FIND_CACHE_SIZE)
def _find(gazetteer: Gazetteer, folded: tuple[str, ...]) -> tuple[PhraseMatch, ...]:
    """`Gazetteer.find`, remembered: features and rules look up the same sentences."""
    return gazetteer._find(folded)


def _entries(text: str) -> Iterable[str]:
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def build(lists: Iterable[tuple[str, Iterable[str]]]) -> Gazetteer:
    """Build lookup tables from (category, entries) pairs."""
    words: dict[str, set[str]] = defaultdict(set)
    phrases: dict[str, set[tuple[tuple[str, ...], str]]] = defaultdict(set)
    name_words: set[str] = set()
    for category, entries in lists:
        for entry in entries:
            keys = tuple(word_key(word) for word in entry.split())
            keys = tuple(key for key in keys if key)
            if not keys or len(keys) > MAX_PHRASE_WORDS:
                continue
            if len(keys) == 1:
                words[keys[0]].add(category)
                if category in WORD_ONLY:
                    continue
            phrases[keys[0]].add((keys, category))
            if category in NAME_CATEGORIES:
                name_words.add(keys[0])
    return Gazetteer(
        words={key: frozenset(value) for key, value in words.items()},
        phrases={
            key: tuple(sorted(value, key=lambda item: (-len(item[0]), item)))
            for key, value in phrases.items()
        },
        name_words=frozenset(name_words),
    )


def read_lists() -> list[tuple[str, list[str]]]:
    """The shipped lists as (category, entries) pairs."""
    data = resources.files("tui.entities") / "data"
    return [
        (category, list(_entries((data / name).read_text(encoding="utf-8"))))
        for name, category in SOURCES.items()
    ]


@functools.cache
def gazetteers() -> Gazetteer:
    """The shipped gazetteers, loaded on first use."""
    return build(read_lists())
