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

from tui.entities.gazetteer import (
    FIRST,
    LOC,
    NATIONALITY,
    ORG,
    ORG_TRIGGER,
    PLACE_TRIGGER,
    SPORT,
    TITLE,
    VERB,
    Gazetteer,
    gazetteers,
)
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
#: Cue categories a token sees when any of the `CUE_WINDOW` words before (``lw=``) or
#: after (``rw=``) it has them, wherever in the window (titles, given names, triggers).
CUE_CATEGORIES = frozenset({TITLE, FIRST, VERB, PLACE_TRIGGER, ORG_TRIGGER, NATIONALITY})
CUE_WINDOW = 3


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


class ModelWord(NamedTuple):
    """A word's features as one model sees them: only those it knows, UTF-8 encoded.

    crfsuite reads features as bytes; handing them over encoded once per word, rather than
    once per use, halves the cost of building its input.

    Attributes:
        folded: as in `WordFeatures`.
        categories: as in `WordFeatures`.
        own: features of the token itself.
        as_left2, as_left1, as_right1, as_right2: its features when it stands two or one
            places to the left or right of the token being tagged (``-2w=…``, ``+1w=…``).
    """

    folded: str
    categories: frozenset[str]
    own: tuple[bytes, ...]
    as_left2: tuple[bytes, ...]
    as_left1: tuple[bytes, ...]
    as_right1: tuple[bytes, ...]
    as_right2: tuple[bytes, ...]


class FeatureTable:
    """One model's view of words: the features it has weights for, per word, encoded.

    crfsuite looks every feature string up; producing only those the model has weights for
    halves the cost of tagging without changing a single tag. Each loaded model owns one of
    these (a cache keyed by the set itself would compare 20,000-name sets on every lookup);
    training uses one that keeps every feature.

    Attributes:
        names: the features the model has weights for (None: produce all of them).
        pairs: the word-pair features the model knows, by (first, second) word, encoded,
            for the pair with the word before (``bi-=``) and with the word after
            (``bi+=``): looked up rather than spelled out for every token (None: spell
            every pair out).
    """

    def __init__(self, names: frozenset[str] | None = None) -> None:
        self.names = names
        self._words: dict[str, ModelWord] = {}
        #: Features of the first and last token of a sentence.
        self.bos = tuple(self.keep(["BOS"]))
        self.eos = tuple(self.keep(["EOS"]))
        self.pairs: tuple[dict[tuple[str, str], bytes], dict[tuple[str, str], bytes]] | None
        self.pairs = None
        if names is not None:
            self.pairs = ({}, {})
            for name in names:
                if name.startswith(("bi-=", "bi+=")) and name.count("|") == 1:
                    first, second = name[4:].split("|")
                    self.pairs[name[2] == "+"][(first, second)] = name.encode()

    def keep(self, features: Sequence[str]) -> list[bytes]:
        """*features* the model knows, encoded."""
        names = self.names
        return [f.encode() for f in features if names is None or f in names]

    def word(self, word: str) -> ModelWord:
        """`word_features` of *word* cut down to the features known, encoded."""
        found = self._words.get(word)
        if found is None:
            if len(self._words) >= WORD_CACHE_SIZE:
                self._words.clear()
            info = word_features(word)
            seen = info.seen_from
            found = ModelWord(
                info.folded,
                info.categories,
                tuple(self.keep(info.own)),
                tuple(self.keep(seen[-2])),
                tuple(self.keep(seen[-1])),
                tuple(self.keep(seen[1])),
                tuple(self.keep(seen[2])),
            )
            self._words[word] = found
        return found


#: The table of a model that produces every feature (training).
PLAIN = FeatureTable()


def _categories(gaz: Gazetteer, folded: str) -> list[str]:
    """Gazetteer categories of every reading of the word (``g:`` whole, ``gc:`` after clitic)."""
    found: list[str] = []
    for stem, clitic in readings(folded):
        prefix = "gc:" if clitic else "g:"
        found.extend(prefix + category for category in sorted(gaz.categories(stem)))
    return sorted(set(found))


def sentence_features(words: Sequence[str], table: FeatureTable | None = None) -> list[list[bytes]]:
    """CRF features of each token of one sentence (tokens as written, clitics attached).

    Args:
        words: the sentence's tokens.
        table: the model's feature table (default: every feature produced).
    """
    table = table or PLAIN
    return _sentence_features([table.word(word) for word in words], table)


_NO_CUES: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1024)
def _cue_features(left: frozenset[str], right: frozenset[str]) -> tuple[str, ...]:
    """``lw=``/``rw=`` features of the cue categories seen before and after a token."""
    return (*(f"lw={cue}" for cue in sorted(left)), *(f"rw={cue}" for cue in sorted(right)))


def _sentence_features(infos: Sequence[ModelWord], table: FeatureTable) -> list[list[bytes]]:
    count = len(infos)
    folded = [info.folded for info in infos]
    phrase: list[list[str]] | None = None
    matches = gazetteers().find(folded)
    if matches:
        phrase = [[] for _ in range(count)]
        for match in matches:
            phrase[match.start].append(f"gz=B-{match.category}")
            for i in range(match.start + 1, match.end):
                phrase[i].append(f"gz=I-{match.category}")
    # Cue categories seen within CUE_WINDOW words before / after each token, spread from
    # the few cue words rather than gathered for every token.
    left_cues = [_NO_CUES] * count
    right_cues = [_NO_CUES] * count
    for j, info in enumerate(infos):
        cue = info.categories & CUE_CATEGORIES
        if cue:
            for k in range(j + 1, min(count, j + 1 + CUE_WINDOW)):
                left_cues[k] = left_cues[k] | cue
            for k in range(max(0, j - CUE_WINDOW), j):
                right_cues[k] = right_cues[k] | cue
    pairs = table.pairs
    bounded = ["<s>", *folded, "</s>"]
    result: list[list[bytes]] = []
    for i in range(count):
        info = infos[i]
        features = [*info.own]
        near: list[str] = []
        if phrase is not None:
            near.extend(phrase[i])
            for offset in PHRASE_NEIGHBOURS:
                j = i + offset
                if 0 <= j < count and phrase[j]:
                    near.extend(f"{offset:+d}{feature}" for feature in phrase[j])
        # bounded[i + 1] is this word, bounded[i] the one before, bounded[i + 2] after.
        if pairs is None:
            near.append(f"bi-={bounded[i]}|{bounded[i + 1]}")
            near.append(f"bi+={bounded[i + 1]}|{bounded[i + 2]}")
        else:
            for pair in (
                pairs[0].get((bounded[i], bounded[i + 1])),
                pairs[1].get((bounded[i + 1], bounded[i + 2])),
            ):
                if pair is not None:
                    features.append(pair)
        left, right = left_cues[i], right_cues[i]
        if left or right:
            near.extend(_cue_features(left, right))
        if near:
            features.extend(table.keep(near))
        # NEIGHBOURS, unrolled: this loop runs once per token of every article.
        if i >= 2:
            features.extend(infos[i - 2].as_left2)
        features.extend(infos[i - 1].as_left1 if i else table.bos)
        if i + 1 < count:
            features.extend(infos[i + 1].as_right1)
            if i + 2 < count:
                features.extend(infos[i + 2].as_right2)
        else:
            features.extend(table.eos)
        result.append(features)
    return result


#: Sports words a document needs before it reads as a sports story.
SPORT_THRESHOLD = 3
#: Sentences per pseudo-document for a corpus without document boundaries (ANERcorp):
#: about one news story. Training and `ner-eval` both use it.
DOCUMENT_WINDOW = 20


def document_features(
    document: Sequence[Sequence[str]], table: FeatureTable | None = None
) -> list[list[list[bytes]]]:
    """Features of every token of a document: `sentence_features` plus the story's topic.

    In a sports story a city's name usually means its club (``فاز ليون على بورتو``), so
    every token of a document with `SPORT_THRESHOLD` sports words sees ``sport``, and a
    listed place or organisation also sees it joined with its category.

    (Pooling the context of a word's other occurrences in the document was tried as well;
    it did not beat the document rules of `tui.entities.rules` on the development split.)
    """
    table = table or PLAIN
    infos = [[table.word(word) for word in sentence] for sentence in document]
    sport = sum(SPORT in info.categories for sentence in infos for info in sentence)
    result = [_sentence_features(sentence, table) for sentence in infos]
    if sport >= SPORT_THRESHOLD:
        for sentence, features in zip(infos, result, strict=True):
            for info, token_features in zip(sentence, features, strict=True):
                topic = ["sport", *(f"sport&{c}" for c in sorted(info.categories & {LOC, ORG}))]
                token_features.extend(table.keep(topic))
    return result
