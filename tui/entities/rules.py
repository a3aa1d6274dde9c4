"""Corrections applied to the CRF's tags over a whole document (the "hybrid" part).

The model tags each sentence alone; these rules use the gazetteers and the rest of the
document:

- a span made only of nationality adjectives, titles, reporting verbs, weekdays or months
  (``الروسي``), or only of words the training corpus uses often and almost never in a
  name, is no entity; titles at the front of a person's span and a nationality adjective
  at the end of any span are cut off (``كورسك الروسية``, ``صحيفة بيلد الألمانية``);
- a span without a single Arabic letter is dropped (English embeds are not tagged);
- a place or organisation of several words in the gazetteers takes the gazetteer's type,
  is joined if the model cut it, added if the model missed it, and split from a listed
  name it was run together with (``بيونغ يانغ موسكو``) — except, when scoring against
  the training corpus' conventions, the listed names that corpus leaves untagged
  (ministries, cabinets: the ``unnamed`` phrases);
- a name tagged once is tagged wherever it recurs, including a person's surname alone
  (``سيرغي لافروف`` … ``لافروف``), with a proclitic or without;
- a name the model typed differently in different places takes its majority type;
- person spans linked by ``بن``/``آل``/``أبو`` are one name (``محمد بن راشد آل مكتوم``).

Tags are ANERcorp's BIO tags over tokens as written (clitics attached), so the same code
serves `ner-eval` and the character-level tagger.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence

from tui.entities.conll import chunks
from tui.entities.features import WordFeatures, word_features
from tui.entities.gazetteer import (
    LOC,
    NATIONALITY,
    NOT_ENTITY,
    ORG,
    TITLE,
    VERB,
    gazetteers,
)
from tui.entities.keys import PROCLITIC_LETTERS, choose_reading, strip_article

#: Entity types the rules work on (MISC is left as the model tagged it).
NAMED = ("PERS", "LOC", "ORG")
#: Gazetteer categories that are never a whole entity.
NEVER_ALONE = frozenset({NATIONALITY, NOT_ENTITY, TITLE, VERB})
#: Gazetteer categories that decide a span's type.
GAZETTEER_TYPES = {LOC: "LOC", ORG: "ORG"}
#: Adjectives that are often part of a place's name (كوريا الشمالية، الإمارات العربية),
#: as name-folded, article-less keys.
NAME_ADJECTIVES = frozenset(
    {"شمالي", "شماليه", "جنوبي", "جنوبيه", "شرجي", "شرجيه", "غربي", "غربيه", "عربي", "عربيه"}
)
#: Name-folded words that link the parts of an Arabic name (``آل``, ``بن``, ``أبو``…).
NAME_LINKS = frozenset({"ال", "بن", "بنت", "ابن", "ابو"})
#: A single word shorter than this is not propagated through the document.
MIN_PROPAGATED_LENGTH = 3

#: A document: sentences of tokens as written.
Document = Sequence[Sequence[str]]
Tags = list[list[str]]


def _has_arabic(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in word)


def _never_alone(folded: str) -> bool:
    gaz = gazetteers()
    return bool(gaz.categories(strip_article(folded)) & NEVER_ALONE) or bool(
        gaz.categories(choose_reading(folded, gaz.knows_word)[0]) & NEVER_ALONE
    )


def _is_common(info: WordFeatures, common: frozenset[str]) -> bool:
    """Whether a word, read with or without a leading clitic letter, is a common word."""
    if info.stem in common:
        return True
    folded = info.folded
    return (
        len(folded) > 3 and folded[0] in PROCLITIC_LETTERS and (strip_article(folded[1:]) in common)
    )


def _trailing_adjective(folded: str) -> bool:
    """A nationality adjective that follows a name without being part of it."""
    key = strip_article(folded)
    return key not in NAME_ADJECTIVES and NATIONALITY in gazetteers().categories(key)


def _write(tags: list[str], start: int, end: int, kind: str) -> None:
    tags[start] = f"B-{kind}"
    for i in range(start + 1, end):
        tags[i] = f"I-{kind}"


def _clear(tags: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        tags[i] = "O"


def clean_spans(
    words: Sequence[str], tags: list[str], common: frozenset[str] = frozenset()
) -> None:
    """Drop non-entities, cut titles off person spans and adjectives off names, in place.

    A span made only of *common* words (frequent in the training corpus, almost never in a
    name: ``وشريك تاريخي``) is dropped too.
    """
    spans = chunks(tags)
    if not spans:
        return
    gaz = gazetteers()
    infos = [word_features(word) for word in words]
    folded = [info.folded for info in infos]
    for start, end, kind in spans:
        if kind not in NAMED:
            continue
        if all(_is_common(infos[i], common) for i in range(start, end)):
            _clear(tags, start, end)
            continue
        if not any(_has_arabic(folded[i]) for i in range(start, end)):
            _clear(tags, start, end)
            continue
        if all(_never_alone(folded[i]) for i in range(start, end)):
            _clear(tags, start, end)
            continue
        if kind == "PERS":
            cut = start
            while cut < end - 1 and TITLE in gaz.categories(strip_article(folded[cut])):
                cut += 1
            if cut > start:
                _clear(tags, start, cut)
                _write(tags, cut, end, kind)
                start = cut
        # ``كورسك الروسية``: the adjective describes the place, it is not its name.
        stop = end
        while stop > start + 1 and _trailing_adjective(folded[stop - 1]):
            stop -= 1
        if stop < end:
            _clear(tags, stop, end)
            _write(tags, start, stop, kind)


def join_person_parts(words: Sequence[str], tags: list[str]) -> None:
    """Join person spans that are parts of one name, in place.

    Two person spans separated by one untagged `NAME_LINKS` word (``محمد بن راشد`` ``آل``
    ``مكتوم``), or adjacent with the second beginning with one (``محمد`` ``بن راشد``),
    are one name: the model often tags the parts, and propagation then finds the family
    name alone.
    """
    spans = [chunk for chunk in chunks(tags) if chunk[2] == "PERS"]
    for (first, first_end, _), (second, second_end, _) in itertools.pairwise(spans):
        if second - first_end > 1:
            continue
        link = first_end if second > first_end else second
        if word_features(words[link]).folded in NAME_LINKS and (
            second == first_end or tags[link] == "O"
        ):
            _write(tags, first, second_end, "PERS")


def gazetteer_spans(
    words: Sequence[str], tags: list[str], unnamed: frozenset[str] = frozenset()
) -> None:
    """Let the gazetteers type and join names they hold, in place.

    A listed place or organisation of several words that the model tagged as one or more
    spans lying wholly inside it, or left untagged (or called MISC, as ANERcorp does for
    ``البيت الأبيض``), becomes one span of the list's type: the model calls ``بيونغ يانغ``
    a person when it has seen ``يانغ`` in Chinese names, or cuts it in two. One-word
    entries are left to the model: too many of them are also given names or common words.
    Entries in *unnamed* (word keys joined by spaces: names the training corpus leaves
    untagged, see `tui.entities.training.unnamed_phrases`) are left to the model as well.
    """
    gaz = gazetteers()
    folded = [word_features(word).folded for word in words]
    typed: dict[tuple[int, int], set[str]] = defaultdict(set)
    for match in gaz.find(folded):
        if unnamed and " ".join(match.entry) in unnamed:
            continue
        if match.category in GAZETTEER_TYPES:
            typed[(match.start, match.end)].add(GAZETTEER_TYPES[match.category])
    if not typed:
        return
    _split_listed_runs(tags, typed)
    typed = {span: kinds for span, kinds in typed.items() if span[1] - span[0] > 1}
    for (match_start, match_end), kinds in sorted(typed.items()):
        if len(kinds) > 1:
            continue  # listed as both (الشرق الأوسط: a region and a newspaper)
        kind = kinds.pop()
        inside = True
        for start, end, current in chunks(tags):
            overlaps = start < match_end and match_start < end
            if overlaps and current in NAMED and (start < match_start or end > match_end):
                inside = False
                break
        if inside:
            _write(tags, match_start, match_end, kind)


def _key(sentence: Sequence[WordFeatures], start: int, end: int) -> tuple[str, ...]:
    """How a name is compared across the document: clitic-free first word, article-free rest."""
    return (sentence[start].stem, *(sentence[i].bare for i in range(start + 1, end)))


def _split_listed_runs(tags: list[str], typed: dict[tuple[int, int], set[str]]) -> None:
    """Split a span that is two or more listed names in a row (``بيونغ يانغ موسكو``).

    The model sometimes runs two adjacent names together (``أن تزود بيونغ يانغ موسكو``);
    when the gazetteers cover the whole span with several names, each gets its own span.
    """
    for start, end, kind in chunks(tags):
        if kind not in NAMED or end - start < 2:
            continue
        pieces: list[tuple[int, int, str]] = []
        at = start
        while at < end:
            # A one-word piece must be a place: one-word organisations (تايمز) are too
            # often the tail of a longer name (واشنطن تايمز).
            ends = [
                e
                for (s, e), kinds in typed.items()
                if s == at and e <= end and len(kinds) == 1 and (e - s > 1 or kinds == {"LOC"})
            ]
            if not ends:
                break
            stop = max(ends)
            pieces.append((at, stop, next(iter(typed[(at, stop)]))))
            at = stop
        if at == end and len(pieces) > 1:
            for piece_start, piece_end, piece_kind in pieces:
                _write(tags, piece_start, piece_end, piece_kind)


def _names(
    infos: list[list[WordFeatures]], tags: Tags, common: frozenset[str]
) -> dict[tuple[str, ...], Counter[str]]:
    """Keys of the document's entity spans → votes for each type."""
    names: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for sentence, sentence_tags in zip(infos, tags, strict=True):
        for start, end, kind in chunks(sentence_tags):
            if kind not in NAMED:
                continue
            key = _key(sentence, start, end)
            names[key][kind] += 2
            if kind == "PERS" and len(key) > 1 and key[-1] not in common:
                names[key[-1:]][kind] += 1
    return names


def propagate(document: Document, tags: Tags, common: frozenset[str] = frozenset()) -> None:
    """Give every recurrence of a tagged name its majority type, in place.

    One-word names in *common* (frequent words of the training corpus that are almost never
    names) are not spread.
    """
    infos = [[word_features(word) for word in sentence] for sentence in document]
    names = _names(infos, tags, common)
    if not names:
        return
    majority = {key: votes.most_common(1)[0][0] for key, votes in names.items()}
    widths: dict[str, list[int]] = defaultdict(list)
    for key in majority:
        widths[key[0]].append(len(key))
    for first in widths:
        widths[first].sort(reverse=True)
    for sentence, sentence_tags in zip(infos, tags, strict=True):
        # Retype existing spans whose name the document mostly types otherwise.
        for start, end, kind in chunks(sentence_tags):
            if kind in NAMED and majority.get(_key(sentence, start, end), kind) != kind:
                _write(sentence_tags, start, end, majority[_key(sentence, start, end)])
        # Tag untagged recurrences, longest name first.
        i = 0
        while i < len(sentence):
            stem = sentence[i].stem
            candidates = widths.get(stem) if stem and sentence_tags[i] == "O" else None
            matched = 0
            for width in candidates or ():
                end = i + width
                if end > len(sentence) or any(tag != "O" for tag in sentence_tags[i:end]):
                    continue
                key = _key(sentence, i, end)
                if key not in majority:
                    continue
                if width == 1 and (
                    len(key[0]) < MIN_PROPAGATED_LENGTH
                    or key[0] in common
                    or _never_alone(sentence[i].folded)
                ):
                    continue
                _write(sentence_tags, i, end, majority[key])
                matched = width
                break
            i += matched or 1


def apply(
    document: Document,
    tags: Tags,
    common: frozenset[str] = frozenset(),
    unnamed: frozenset[str] = frozenset(),
) -> Tags:
    """All document rules, returning new tag lists (the input is not changed).

    Args:
        document: sentences of tokens as written.
        tags: the model's BIO tags for them.
        common: frequent words of the training corpus that are almost never names.
        unnamed: listed names the gazetteers must not force on the model (the corpus'
            conventions, for scoring); empty for the reader's conventions.
    """
    result = [list(sentence_tags) for sentence_tags in tags]
    for words, sentence_tags in zip(document, result, strict=True):
        clean_spans(words, sentence_tags, common)
        gazetteer_spans(words, sentence_tags, unnamed)
    propagate(document, result, common)
    for words, sentence_tags in zip(document, result, strict=True):
        join_person_parts(words, sentence_tags)
    return result
