"""Training the CRF from a CoNLL corpus, and the development split used to measure it.

The split is by corpus order: the last `DEV_FRACTION` of the sentences is the development
set, the rest trains. ANERcorp repeats some sentences, so any development sentence whose
tokens also occur in the training part is dropped from the development set (it would be
scored on something the model has memorised), and repeated sentences inside each part
are kept once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.entities.conll import Sentence
from tui.entities.features import DOCUMENT_WINDOW, document_features

#: Share of sentences, at the end of the corpus, held out for development.
DEV_FRACTION = 0.15
#: L1 and L2 penalties of crfsuite's L-BFGS trainer: L1 prunes features (small model).
L1_PENALTY = 0.1
L2_PENALTY = 0.02
MAX_ITERATIONS = 250
#: Word lists written beside the model (see `write_word_lists`).
LEXICON_FILE = "lexicon.txt"
COMMON_FILE = "common.txt"
UNNAMED_FILE = "unnamed.txt"
#: The features a model has a weight for, written beside it (`write_model_features`).
FEATURES_FILE = "features.txt"
COMMON_MIN_COUNT = 3
COMMON_MAX_NAMED_SHARE = 0.1
#: Features seen fewer times than this in training are not generated.
MIN_FEATURE_FREQUENCY = 1


@dataclass(frozen=True, slots=True)
class Split:
    """Training and development sentences, and what deduplication removed."""

    train: tuple[Sentence, ...]
    dev: tuple[Sentence, ...]
    dev_dropped_as_seen: int
    duplicates_dropped: int


def _tokens(sentence: Sentence) -> tuple[str, ...]:
    return tuple(token for token, _ in sentence)


def dedupe(sentences: Sequence[Sentence]) -> tuple[list[Sentence], int]:
    """Keep the first occurrence of each token sequence; return them and how many went."""
    seen: set[tuple[str, ...]] = set()
    kept: list[Sentence] = []
    for sentence in sentences:
        key = _tokens(sentence)
        if key not in seen:
            seen.add(key)
            kept.append(sentence)
    return kept, len(sentences) - len(kept)


def split_dev(sentences: Sequence[Sentence], fraction: float = DEV_FRACTION) -> Split:
    """Carve the development set from the end of *sentences* (see the module docstring)."""
    cut = len(sentences) - round(len(sentences) * fraction)
    train, train_dupes = dedupe(sentences[:cut])
    seen = {_tokens(sentence) for sentence in train}
    dev_all, dev_dupes = dedupe(sentences[cut:])
    dev = [sentence for sentence in dev_all if _tokens(sentence) not in seen]
    return Split(tuple(train), tuple(dev), len(dev_all) - len(dev), train_dupes + dev_dupes)


def cv_folds(sentences: Sequence[Sentence], folds: int) -> list[Split]:
    """K-fold cross-validation splits by corpus blocks (`Split.dev` is the fold's test part).

    Fold *i* tests on the *i*-th of *folds* consecutive blocks of the corpus and trains on
    the rest, with the same deduplication as `split_dev`: repeats are kept once in each
    part, and a test sentence also found in the training part is dropped. Blocks rather
    than shuffled sentences keep a story's sentences on one side, as a new article would be.
    """
    count = len(sentences)
    splits = []
    for fold in range(folds):
        start, end = count * fold // folds, count * (fold + 1) // folds
        train, train_dupes = dedupe([*sentences[:start], *sentences[end:]])
        seen = {_tokens(sentence) for sentence in train}
        test_all, test_dupes = dedupe(sentences[start:end])
        test = [sentence for sentence in test_all if _tokens(sentence) not in seen]
        splits.append(
            Split(tuple(train), tuple(test), len(test_all) - len(test), train_dupes + test_dupes)
        )
    return splits


@dataclass(frozen=True, slots=True)
class TrainReport:
    """What a training run did."""

    sentences: int
    tokens: int
    seconds: float
    model_bytes: int


def train(
    sentences: Sequence[Sentence],
    model_path: Path,
    *,
    l1: float = L1_PENALTY,
    l2: float = L2_PENALTY,
    iterations: int = MAX_ITERATIONS,
    stage1_tags: Sequence[Sequence[str]] | None = None,
    features_file: str = FEATURES_FILE,
    progress: Callable[[str], None] | None = None,
) -> TrainReport:
    """Train a CRF on *sentences* and write it to *model_path*.

    Args:
        sentences: (token, tag) sentences with ANERcorp's BIO tags (MISC included: the
            model learns it, so it does not confuse it with the scored types; the tagger
            drops MISC).
        model_path: where the crfsuite model goes (parent folders are created).
        l1: L1 penalty (higher: fewer features, smaller model).
        l2: L2 penalty.
        iterations: L-BFGS iterations.
        stage1_tags: first-stage tags of *sentences*, one list per sentence: train the
            second stage of `tui.entities.stacking` instead of the first.
        features_file: name of the list of the model's features written beside it.
        progress: receives a line now and then (``ner-train`` prints them).
    """
    import pycrfsuite

    started = time.perf_counter()
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer = pycrfsuite.Trainer(verbose=False)
    tokens = 0
    for first in range(0, len(sentences), DOCUMENT_WINDOW):
        window = sentences[first : first + DOCUMENT_WINDOW]
        words = [[token for token, _ in sentence] for sentence in window]
        features = document_features(words)
        if stage1_tags is not None:
            from tui.entities.stacking import add_consistency_features

            add_consistency_features(features, words, stage1_tags[first : first + DOCUMENT_WINDOW])
        for sentence, sentence_features in zip(window, features, strict=True):
            trainer.append(sentence_features, [tag for _, tag in sentence])
            tokens += len(sentence)
    trainer.set_params(
        {
            "c1": l1,
            "c2": l2,
            "max_iterations": iterations,
            "feature.minfreq": MIN_FEATURE_FREQUENCY,
            "feature.possible_transitions": True,
        }
    )
    if progress:
        progress(f"training on {len(sentences)} sentences, {tokens} tokens…")
    temporary = model_path.with_suffix(model_path.suffix + ".tmp")
    trainer.train(str(temporary))
    temporary.replace(model_path)
    write_model_features(model_path, features_file)
    seconds = time.perf_counter() - started
    return TrainReport(len(sentences), tokens, seconds, model_path.stat().st_size)


def write_model_features(model_path: Path, features_file: str = FEATURES_FILE) -> int:
    """Write the features *model_path* has a weight for beside it; return their number.

    The tagger produces only these (see `tui.entities.features.sentence_features`), which
    halves crfsuite's work; reading them from the model at run time would take 0.3 s.
    """
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    names = sorted({name for name, _ in tagger.info().state_features})
    tagger.close()
    header = "# Features the model beside this file has weights for (`akhbar ner-train`)."
    (model_path.parent / features_file).write_text(
        "\n".join([header, *names]) + "\n", encoding="utf-8"
    )
    return len(names)


def _word_keys(sentence: Sentence, start: int, end: int) -> list[str]:
    from tui.entities.features import word_features

    return [word_features(sentence[i][0]).stem for i in range(start, end)]


def name_lexicon(sentences: Sequence[Sentence]) -> list[str]:
    """Stems of every word of a PERSON/LOCATION/ORGANIZATION span (sorted)."""
    from tui.entities.conll import SCORED_TYPES, chunks

    words: set[str] = set()
    for sentence in sentences:
        for start, end, kind in chunks([tag for _, tag in sentence]):
            if kind in SCORED_TYPES:
                words.update(k for k in _word_keys(sentence, start, end) if len(k) >= 2)
    return sorted(words)


def common_words(sentences: Sequence[Sentence]) -> list[str]:
    """Stems seen at least `COMMON_MIN_COUNT` times and almost never inside a name.

    The document rules never spread a one-word name that is such a word (``على`` folds
    to ``علي``, so one "Ali" must not make every "on" a person).
    """
    from tui.entities.conll import chunks

    total: dict[str, int] = {}
    named: dict[str, int] = {}
    for sentence in sentences:
        inside = [False] * len(sentence)
        for start, end, _ in chunks([tag for _, tag in sentence]):
            for i in range(start, end):
                inside[i] = True
        for i, key in enumerate(_word_keys(sentence, 0, len(sentence))):
            if key:
                total[key] = total.get(key, 0) + 1
                named[key] = named.get(key, 0) + inside[i]
    return sorted(
        key
        for key, count in total.items()
        if count >= COMMON_MIN_COUNT and named[key] <= count * COMMON_MAX_NAMED_SHARE
    )


def unnamed_phrases(sentences: Sequence[Sentence]) -> list[str]:
    """Listed places and organisations of several words the corpus mostly leaves untagged.

    ANERcorp does not tag ministries, cabinets or parliaments (``وزارة الخارجية``,
    ``مجلس الوزراء``) and calls ``البيت الأبيض`` MISC, while the reader shows them as
    organisations. Under the corpus' conventions (`tui.entities.rules.apply` with these
    phrases) the gazetteers do not force such an entry on the model. Each line is the
    entry's word keys as `tui.entities.gazetteer.Gazetteer.find` compares them.
    """
    from tui.entities.conll import SCORED_TYPES, chunks
    from tui.entities.features import word_features
    from tui.entities.gazetteer import LOC, ORG, gazetteers

    gaz = gazetteers()
    named: dict[str, int] = {}
    unnamed: dict[str, int] = {}
    for sentence in sentences:
        folded = [word_features(token).folded for token, _ in sentence]
        tags = [tag for _, tag in sentence]
        gold = {(start, end) for start, end, kind in chunks(tags) if kind in SCORED_TYPES}
        for match in gaz.find(folded):
            if match.category not in (LOC, ORG) or match.end - match.start < 2:
                continue
            key = " ".join(match.entry)
            if (match.start, match.end) in gold:
                named[key] = named.get(key, 0) + 1
            elif all(tag == "O" or tag.endswith("MISC") for tag in tags[match.start : match.end]):
                unnamed[key] = unnamed.get(key, 0) + 1
    return sorted(key for key, count in unnamed.items() if count > named.get(key, 0))


def write_word_lists(sentences: Sequence[Sentence], folder: Path) -> tuple[int, int, int]:
    """Write the lexicon, common-word and unnamed-phrase files beside the model; return sizes."""
    sizes = []
    for name, words, what in (
        (LEXICON_FILE, name_lexicon(sentences), "Stems of words inside names"),
        (COMMON_FILE, common_words(sentences), "Frequent stems almost never inside names"),
        (UNNAMED_FILE, unnamed_phrases(sentences), "Listed names mostly left untagged"),
    ):
        header = f"# {what} in the training corpus, written by `akhbar ner-train`."
        (folder / name).write_text("\n".join([header, *words]) + "\n", encoding="utf-8")
        sizes.append(len(words))
    return sizes[0], sizes[1], sizes[2]
