"""A second CRF that sees the first one's labels across the document (document consistency).

Krishnan & Manning (2006): a name is usually labelled the same way wherever a story uses
it, and the first-stage CRF, which sees one sentence at a time, often labels it right in
some places only. The second stage gets the first stage's features plus, per token:

- the first stage's tag of the token and of its neighbours (``s1=B-PERS``, ``-1s1=…``);
- the majority type the first stage gave the same word (by stem, clitics and article
  removed) elsewhere in the document, over its named occurrences (``te=PERS``) and
  whether all other occurrences were left unnamed (``te=none``), also for the
  neighbours (``-1te=…``, ``+1te=…``);
- whether the word began or continued its names elsewhere (``tb=B``, ``tb=I``).

It is trained on first-stage labels from models that did not see the sentence
(jackknifing, `JACKKNIFE_FOLDS` folds), so it learns how far to trust them on new text.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from tui.entities.conll import Sentence
from tui.entities.features import DOCUMENT_WINDOW, document_features, word_features
from tui.entities.training import L1_PENALTY, L2_PENALTY, MAX_ITERATIONS, TrainReport, train

#: The second-stage model and its feature list, beside the first-stage model.
STACKED_MODEL = "ner-stacked.crfsuite"
STACKED_FEATURES = "features-stacked.txt"
#: Folds of the training corpus whose first-stage labels come from a model trained on
#: the other folds.
JACKKNIFE_FOLDS = 4
#: The value of ``te`` when every other occurrence of a word was left unnamed.
UNNAMED = "none"
_OUTSIDE = "O"


def _key(word: str) -> str:
    info = word_features(word)
    return info.stem or info.folded


def _majority(counts: Counter[str]) -> str:
    """The most frequent value (ties: the alphabetically first, so runs are repeatable)."""
    best = max(counts.values())
    return min(value for value, count in counts.items() if count == best)


def _alike(tag: str) -> tuple[str | None, str | None]:
    """What a word hears from elsewhere when every occurrence has its own named *tag*."""
    return tag[2:], tag[0]


#: What a token's second-stage features depend on: its first-stage tag and its
#: neighbours', and what the rest of the document says about it and its neighbours.
Context = tuple[str, str, str, str | None, str | None, str | None, str | None]


def _contexts(
    document: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]
) -> list[list[Context]]:
    keys = [[_key(word) for word in sentence] for sentence in document]
    kinds: dict[str, dict[str, int]] = {}
    for sentence_keys, sentence_tags in zip(keys, tags, strict=True):
        for key, tag in zip(sentence_keys, sentence_tags, strict=True):
            counts = kinds.get(key)
            if counts is None:
                kinds[key] = {tag: 1}
            else:
                counts[tag] = counts.get(tag, 0) + 1
    # What the rest of the document says about a word depends only on the word and its
    # own tag: worked out once per pair (most words occur once: no evidence at all).
    seen: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    nothing: tuple[str | None, str | None] = (None, None)
    unnamed: tuple[str | None, str | None] = (UNNAMED, None)

    def elsewhere(key: str, tag: str) -> tuple[str | None, str | None]:
        counts = kinds[key]
        if len(counts) == 1:
            return nothing if counts[tag] == 1 else unnamed if tag == _OUTSIDE else _alike(tag)
        found = seen.get((key, tag))
        if found is None:
            named: Counter[str] = Counter()
            began: Counter[str] = Counter()
            for other, count in counts.items():
                count -= other == tag
                if other != _OUTSIDE and count > 0:
                    named[other[2:]] += count
                    began[other[0]] += count
            found = (_majority(named), _majority(began)) if named else unnamed
            seen[(key, tag)] = found
        return found

    result: list[list[Context]] = []
    for sentence_keys, sentence_tags in zip(keys, tags, strict=True):
        other = [elsewhere(k, t) for k, t in zip(sentence_keys, sentence_tags, strict=True)]
        bounded_tags = ["BOS", *sentence_tags, "EOS"]
        bounded = [nothing, *other, nothing]
        result.append(
            [
                (
                    bounded_tags[i],
                    bounded_tags[i + 1],
                    bounded_tags[i + 2],
                    *other[i],
                    bounded[i][0],
                    bounded[i + 2][0],
                )
                for i in range(len(sentence_tags))
            ]
        )
    return result


def _features(context: Context) -> list[str]:
    before, tag, after, kind, began, left, right = context
    features = [f"s1={tag}", f"-1s1={before}", f"+1s1={after}"]
    if kind is not None:
        features.append(f"te={kind}")
        features.append(f"te={kind}&s1={tag}")
    if began is not None:
        features.append(f"tb={began}")
    if left is not None:
        features.append(f"-1te={left}")
    if right is not None:
        features.append(f"+1te={right}")
    return features


def consistency_features(
    document: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]
) -> list[list[list[str]]]:
    """Second-stage features of every token of *document* given first-stage *tags*.

    Args:
        document: sentences of tokens as written.
        tags: the first stage's BIO tags for them.
    """
    return [[_features(context) for context in sentence] for sentence in _contexts(document, tags)]


#: Encoded features by context: in practice a few hundred distinct contexts occur.
_ENCODED: dict[Context, tuple[bytes, ...]] = {}
#: Contexts remembered at most (a bound, never reached on news).
ENCODED_CACHE_SIZE = 100_000


def encoded_consistency_features(
    document: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]
) -> list[list[tuple[bytes, ...]]]:
    """`consistency_features`, encoded for crfsuite (what tagging uses: no strings built)."""
    result: list[list[tuple[bytes, ...]]] = []
    for sentence in _contexts(document, tags):
        encoded: list[tuple[bytes, ...]] = []
        for context in sentence:
            found = _ENCODED.get(context)
            if found is None:
                if len(_ENCODED) >= ENCODED_CACHE_SIZE:
                    _ENCODED.clear()
                found = _ENCODED[context] = tuple(f.encode() for f in _features(context))
            encoded.append(found)
        result.append(encoded)
    return result


def fold_bounds(count: int, folds: int = JACKKNIFE_FOLDS) -> list[tuple[int, int]]:
    """Sentence ranges of the jackknife folds of a corpus of *count* sentences.

    Folds are runs of whole documents (`DOCUMENT_WINDOW` sentences), so a story's other
    sentences never train the model that tags it (runs of sentences if there are fewer
    documents than folds: a tiny corpus).

    Raises:
        ValueError: fewer than two sentences.
    """
    starts = range(0, count, DOCUMENT_WINDOW)
    if len(starts) < folds:
        starts = range(count)
    if len(starts) < 2:
        raise ValueError("jackknifing needs at least two sentences")
    folds = min(folds, len(starts))
    bounds = [starts[len(starts) * k // folds] for k in range(folds)] + [count]
    return list(itertools.pairwise(bounds))


def add_consistency_features(
    features: list[list[list[bytes]]],
    document: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
) -> None:
    """Append the second-stage features of *document* (first-stage *tags*) to the
    first-stage *features* of its tokens, in place: what both training and tagging feed
    the second stage."""
    extra = encoded_consistency_features(document, tags)
    for sentence, added in zip(features, extra, strict=True):
        for token, more in zip(sentence, added, strict=True):
            token.extend(more)


def _windows(sentences: Sequence[Sentence], start: int, end: int) -> list[list[list[str]]]:
    """Tokens of the documents of sentences *start*…*end*, as training cuts them."""
    return [
        [
            [token for token, _ in sentence]
            for sentence in sentences[first : min(first + DOCUMENT_WINDOW, end)]
        ]
        for first in range(start, end, DOCUMENT_WINDOW)
    ]


def jackknife_tags(
    sentences: Sequence[Sentence],
    *,
    folds: int = JACKKNIFE_FOLDS,
    l1: float = L1_PENALTY,
    l2: float = L2_PENALTY,
    iterations: int = MAX_ITERATIONS,
    progress: Callable[[str], None] | None = None,
) -> list[list[str]]:
    """First-stage tags (the CRF alone) of every sentence from a model without its fold."""
    import tempfile  # training only: kept out of the reader's start-up

    import pycrfsuite

    tags: list[list[str]] = []
    bounds = fold_bounds(len(sentences), folds)
    with tempfile.TemporaryDirectory(prefix="akhbar-ner-") as scratch:
        for fold, (start, end) in enumerate(bounds):
            if progress:
                progress(f"first stage for fold {fold + 1} of {len(bounds)}…")
            path = Path(scratch) / f"fold{fold}.crfsuite"
            train([*sentences[:start], *sentences[end:]], path, l1=l1, l2=l2, iterations=iterations)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            for words in _windows(sentences, start, end):
                for features in document_features(words):
                    tags.append(list(tagger.tag(features)) if features else [])
            tagger.close()
    return tags


def train_stacked(
    sentences: Sequence[Sentence],
    folder: Path,
    *,
    l1: float = L1_PENALTY,
    l2: float = L2_PENALTY,
    iterations: int = MAX_ITERATIONS,
    progress: Callable[[str], None] | None = None,
) -> TrainReport:
    """Train the second stage on jackknifed first-stage tags; write it into *folder*."""
    started = time.perf_counter()
    tags = jackknife_tags(sentences, l1=l1, l2=l2, iterations=iterations, progress=progress)
    report = train(
        sentences,
        folder / STACKED_MODEL,
        l1=l1,
        l2=l2,
        iterations=iterations,
        stage1_tags=tags,
        features_file=STACKED_FEATURES,
        progress=progress,
    )
    seconds = time.perf_counter() - started
    return TrainReport(report.sentences, report.tokens, seconds, report.model_bytes)
