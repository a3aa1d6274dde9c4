"""Features the CRF sees for each token: shape, affixes, clitic readings, gazetteers, context.

Everything that depends on a word alone is computed once per distinct word and cached
(news repeats its words), including the copies of those features as seen from a neighbour
(``-1w=…``), so a sentence's features are mostly list concatenations. Only gazetteer
phrases, which span tokens, are matched per sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from tui.entities.gazetteer import LOC, ORG, SPORT, Gazetteer, gazetteers
from tui.entities.keys import (
    ARTICLE,
    PROCLITIC_LETTERS,
    choose_reading,
    fold_name,
    readings,
    strip_article,
    strip_clitic_article,
)

#: Punctuation spelled differently in different sources, read as one symbol.
PUNCTUATION_FOLD = str.maketrans(
    {
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "„": '"',
        "'": '"',
        "‘": '"',
        "’": '"',
        "،": ",",
        "؛": ";",
        "؟": "?",
        "[": "(",
        "]": ")",
        "{": "(",
        "}": ")",
        "–": "-",
        "—": "-",
    }
)
_CORE = re.compile(r"[^\W_]+")
_ALNUM = re.compile(r"[^\W_]")
_DIGIT_OR_LATIN = re.compile(r"[\da-zA-Z]")
#: Shortest prefix/suffix used as a feature. (Starting at two letters tags 10% faster
#: but cost 0.3 points of development F1.)
MIN_AFFIX_LENGTH = 1
#: Longest prefix/suffix used as a feature.
AFFIX_LENGTH = 4
#: Word lengths at or above this share one feature value.
LENGTH_CAP = 8
#: Cached distinct words; news vocabulary fits comfortably.
WORD_CACHE_SIZE = 200_000
#: Neighbour offsets whose word-level features a token sees.
NEIGHBOURS = (-2, -1, 1, 2)
_NEIGHBOUR_PREFIXES = tuple((offset, f"{offset:+d}") for offset in NEIGHBOURS)
#: Offsets whose gazetteer-phrase features a token sees.
PHRASE_NEIGHBOURS = (-1, 1)


class WordFeatures(NamedTuple):
    """Per-word features: its own, and as seen from each neighbour offset.

    Attributes:
        folded: the name-folded word features are built from.
        stem: the word without clitic and article, as document evidence is pooled by it
            (empty for punctuation, digits and Latin).
        bare: the folded word without its article (how later words of a name compare).
        categories: gazetteer categories of any of its readings.
        own: features of the token itself.
        seen_from: its features as seen from a neighbour at each offset.
    """

    folded: str
    stem: str
    bare: str
    categories: frozenset[str]
    own: tuple[str, ...]
    seen_from: dict[int, tuple[str, ...]]


def _shape(word: str) -> str:
    if word.isdigit():
        return "DIGIT"
    if not word.isalnum() and not _ALNUM.search(word):
        return "PUNCT"
    if word.isascii():
        return "LATIN"
    if _DIGIT_OR_LATIN.search(word):
        return "MIXED"
    return "ARABIC"


def fold_token(word: str) -> str:
    """The form features are built from: name-folded, punctuation unified."""
    return fold_name(word).translate(PUNCTUATION_FOLD)


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def word_features(word: str) -> WordFeatures:
    """Features of *word* that do not depend on its sentence."""
    gaz = gazetteers()
    folded = fold_token(word)
    core = _CORE.search(folded)
    if core and core.group() != folded:
        # ANERcorp sometimes glues punctuation to a word (``كابول؛``): read the word.
        folded = core.group()
    shape = _shape(folded)
    own = ["b", f"w={folded}", f"sh={shape}"]
    neighbour = [f"w={folded}"]
    stem = ""
    categories: frozenset[str] = frozenset()
    if shape in ("ARABIC", "MIXED"):
        bare = strip_clitic_article(folded)
        stem = bare
        if bare != folded:
            own.append(f"s={bare}")
            own.append(f"cl={folded[: len(folded) - len(bare)]}")
        if folded.startswith(ARTICLE) or bare != folded:
            own.append("al")
        if len(folded) > 3 and folded[0] in PROCLITIC_LETTERS:
            own.append(f"s1={strip_article(folded[1:])}")
        own.append(f"len={min(len(stem), LENGTH_CAP)}")
        for n in range(MIN_AFFIX_LENGTH, AFFIX_LENGTH + 1):
            if len(folded) > n:
                own.append(f"p{n}={folded[:n]}")
                own.append(f"x{n}={folded[-n:]}")
            if len(stem) > n + 1:
                own.append(f"sp{n}={stem[:n]}")
                own.append(f"sx{n}={stem[-n:]}")
        neighbour.append(f"s={stem}")
        named = _categories(gaz, folded)
        own.extend(named)
        neighbour.extend(named)
        categories = frozenset(name.split(":", 1)[1] for name in named)
        stem = choose_reading(folded, gaz.knows_word)[0]
    seen_from = {
        offset: tuple([prefix + feature for feature in neighbour])
        for offset, prefix in _NEIGHBOUR_PREFIXES
    }
    return WordFeatures(folded, stem, strip_article(folded), categories, tuple(own), seen_from)


class KnownFeatures:
    """The features one model has weights for, and words' features cut down to them.

    crfsuite looks every feature string up; producing only those it has weights for halves
    the cost of tagging without changing a single tag. Each loaded model owns one of these
    (a cache keyed by the set itself would compare 27,000-name sets on every lookup).
    """

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names
        self._words: dict[str, WordFeatures] = {}
        #: Words that occur in a word-pair feature the model knows: a pair feature is
        #: only spelled out when both its words are here.
        self.paired = frozenset(
            word
            for name in names
            if name.startswith(("bi-=", "bi+="))
            for word in name[4:].split("|")
        )

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def word(self, word: str) -> WordFeatures:
        """`word_features` of *word* without the features the model does not know."""
        found = self._words.get(word)
        if found is None:
            if len(self._words) >= WORD_CACHE_SIZE:
                self._words.clear()
            info = word_features(word)
            names = self.names
            found = info._replace(
                own=tuple(f for f in info.own if f in names),
                seen_from={
                    o: tuple(f for f in fs if f in names) for o, fs in info.seen_from.items()
                },
            )
            self._words[word] = found
        return found


def _categories(gaz: Gazetteer, folded: str) -> list[str]:
    """Gazetteer categories of every reading of the word (``g:`` whole, ``gc:`` after clitic)."""
    found: list[str] = []
    for stem, clitic in readings(folded):
        prefix = "gc:" if clitic else "g:"
        found.extend(prefix + category for category in sorted(gaz.categories(stem)))
    return sorted(set(found))


def sentence_features(words: Sequence[str], keep: KnownFeatures | None = None) -> list[list[str]]:
    """CRF features of each token of one sentence (tokens as written, clitics attached).

    Args:
        words: the sentence's tokens.
        keep: if given, only these features are produced (a model's known features).
    """
    return _sentence_features(_infos(words, keep), keep)


def _sentence_features(
    infos: Sequence[WordFeatures], keep: KnownFeatures | None
) -> list[list[str]]:
    count = len(infos)
    phrase: list[list[str]] = [[] for _ in range(count)]
    for match in gazetteers().find([info.folded for info in infos]):
        phrase[match.start].append(f"gz=B-{match.category}")
        for i in range(match.start + 1, match.end):
            phrase[i].append(f"gz=I-{match.category}")
    names = keep.names if keep is not None else None
    paired = keep.paired if keep is not None else None
    result: list[list[str]] = []
    for i, info in enumerate(infos):
        features = list(info.own)
        near = [*phrase[i]]
        for offset in PHRASE_NEIGHBOURS:
            j = i + offset
            if 0 <= j < count and phrase[j]:
                near.extend(f"{offset:+d}{feature}" for feature in phrase[j])
        previous = infos[i - 1].folded if i else "<s>"
        following = infos[i + 1].folded if i + 1 < count else "</s>"
        if paired is None or (previous in paired and info.folded in paired):
            near.append(f"bi-={previous}|{info.folded}")
        if paired is None or (following in paired and info.folded in paired):
            near.append(f"bi+={info.folded}|{following}")
        if near:
            # Word-level features are cut down once per word; these once per use.
            features.extend(near if names is None else [f for f in near if f in names])
        # NEIGHBOURS, unrolled: this loop runs once per token of every article.
        if i >= 2:
            features.extend(infos[i - 2].seen_from[-2])
        if i >= 1:
            features.extend(infos[i - 1].seen_from[-1])
        else:
            features.append("BOS")
        if i + 1 < count:
            features.extend(infos[i + 1].seen_from[1])
            if i + 2 < count:
                features.extend(infos[i + 2].seen_from[2])
        else:
            features.append("EOS")
        result.append(features)
    return result


def _infos(words: Sequence[str], keep: KnownFeatures | None) -> list[WordFeatures]:
    if keep is None:
        return [word_features(word) for word in words]
    return [keep.word(word) for word in words]


#: Sports words a document needs before it reads as a sports story.
SPORT_THRESHOLD = 3
#: Sentences per pseudo-document for a corpus without document boundaries (ANERcorp):
#: about one news story. Training and `ner-eval` both use it.
DOCUMENT_WINDOW = 20


def document_features(
    document: Sequence[Sequence[str]], keep: KnownFeatures | None = None
) -> list[list[list[str]]]:
    """Features of every token of a document: `sentence_features` plus the story's topic.

    In a sports story a city's name usually means its club (``فاز ليون على بورتو``), so
    every token of a document with `SPORT_THRESHOLD` sports words sees ``sport``, and a
    listed place or organisation also sees it joined with its category.

    (Pooling the context of a word's other occurrences in the document was tried as well;
    it did not beat the document rules of `tui.entities.rules` on the development split.)
    """
    infos = [_infos(sentence, keep) for sentence in document]
    sport = sum(SPORT in info.categories for sentence in infos for info in sentence)
    result = [_sentence_features(sentence, keep) for sentence in infos]
    if sport >= SPORT_THRESHOLD:
        for sentence, features in zip(infos, result, strict=True):
            for info, token_features in zip(sentence, features, strict=True):
                topic = ["sport", *(f"sport&{c}" for c in sorted(info.categories & {LOC, ORG}))]
                token_features.extend(f for f in topic if keep is None or f in keep)
    return result
