"""CoNLL files (``token TAG`` lines) and their scoring with conlleval's chunk rules.

Scoring follows the CoNLL-2000 ``conlleval`` script: a chunk starts and ends where its
``startOfChunk``/``endOfChunk`` say (an ``I-X`` after ``O`` or after another type starts a
chunk), sentence boundaries end chunks, and a predicted chunk counts only if its start, end
and type all equal a gold chunk's. Only PERSON, LOCATION and ORGANIZATION are scored;
ANERcorp's MISC chunks are ignored on both sides.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Types scored, by their corpus label; other corpora's ``PER`` is read as ``PERS``.
SCORED_TYPES = ("PERS", "LOC", "ORG")
LABEL_ALIASES = {"PER": "PERS", "PERSON": "PERS", "LOCATION": "LOC", "ORGANIZATION": "ORG"}
DOCSTART = "-DOCSTART-"
_TAG = re.compile(r"^(?:O|[BIE]-[A-Za-z]+)$")

#: A sentence: (token, tag) pairs.
Sentence = list[tuple[str, str]]


class ConllError(ValueError):
    """A CoNLL file that cannot be used (unreadable, or without a single tagged token)."""


@dataclass(frozen=True, slots=True)
class Corpus:
    """Sentences of a CoNLL file and the indexes where documents begin.

    Attributes:
        sentences: the sentences in file order.
        documents: index of the first sentence of each document (``-DOCSTART-`` lines);
            ``(0,)`` when the file has none.
        bad_tags: lines whose tag was not ``O``/``B-X``/``I-X`` and were read as ``O``.
    """

    sentences: tuple[Sentence, ...]
    documents: tuple[int, ...]
    bad_tags: int


def normalise_tag(tag: str) -> str:
    """``B-PER`` → ``B-PERS``; anything malformed → ``O``."""
    if not _TAG.match(tag) or tag == "O":
        return "O"
    prefix, label = tag.split("-", 1)
    return f"{prefix}-{LABEL_ALIASES.get(label.upper(), label.upper())}"


def parse_conll(text: str) -> Corpus:
    """Read CoNLL text: first column token, last column tag, blank line between sentences."""
    sentences: list[Sentence] = []
    documents: list[int] = []
    current: Sentence = []
    bad = 0
    for line in text.splitlines():
        fields = line.split()
        if not fields or fields[0] == DOCSTART:
            if current:
                sentences.append(current)
                current = []
            if fields:
                documents.append(len(sentences))
            continue
        if len(fields) == 1:
            bad += 1
            current.append((fields[0], "O"))
            continue
        tag = normalise_tag(fields[-1])
        if tag == "O" and fields[-1] != "O":
            bad += 1
        current.append((fields[0], tag))
    if current:
        sentences.append(current)
    starts = sorted({0, *(d for d in documents if d < len(sentences))})
    return Corpus(tuple(sentences), tuple(starts), bad)


def read_conll(path: Path) -> Corpus:
    """Read a CoNLL file, raising `ConllError` with a clear message if it is unusable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConllError(f"cannot read {path}: {error}") from error
    corpus = parse_conll(text)
    if not corpus.sentences:
        raise ConllError(f"{path} holds no `token TAG` lines")
    return corpus


#: conlleval's endOfChunk and startOfChunk for two tags of one type: (previous prefix,
#: prefix) pairs that end the open chunk, and pairs that start a new one. A change of
#: type always does both; an ``I-`` after ``O`` starts a chunk; ``B-`` after ``E-`` of the
#: same type, oddly, continues it (conlleval is the reference, oddities included).
_ENDS = frozenset(
    {("B", "B"), ("B", "O"), ("I", "B"), ("I", "O"), ("E", "E"), ("E", "I"), ("E", "O")}
)
_STARTS = frozenset(
    {("B", "B"), ("I", "B"), ("O", "B"), ("O", "I"), ("E", "E"), ("E", "I"), ("O", "E")}
)


def chunks(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Chunks (start, end exclusive, type) of one sentence's tags, by conlleval's rules."""
    found: list[tuple[int, int, str]] = []
    if isinstance(tags, list) and tags.count("O") == len(tags):
        return found  # most sentences name nobody; the rules ask about each one often
    start = -1
    prev_prefix, prev_type = "O", ""
    for i, tag in enumerate(tags):
        if tag == "O" or "-" not in tag:
            # The common case, kept cheap: an O ends any open chunk.
            if start >= 0:
                found.append((start, i, prev_type))
                start = -1
            prev_prefix, prev_type = "O", ""
            continue
        prefix, kind = tag.split("-", 1)
        if start >= 0 and (prev_type != kind or (prev_prefix, prefix) in _ENDS):
            found.append((start, i, prev_type))
            start = -1
        if prefix != "O" and (prev_type != kind or (prev_prefix, prefix) in _STARTS):
            start = i
        prev_prefix, prev_type = prefix, kind
    if start >= 0:
        found.append((start, len(tags), prev_type))
    return found


@dataclass(frozen=True, slots=True)
class Score:
    """Counts for one type (or all): predicted chunks, gold chunks, exact matches."""

    predicted: int
    gold: int
    correct: int

    @property
    def precision(self) -> float:
        """Share of predicted chunks that are right."""
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of gold chunks found."""
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Per-type scores and the micro-average over the scored types."""

    by_type: dict[str, Score]
    micro: Score

    def table(self) -> str:
        """A plain-text table like conlleval's summary."""
        rows = [f"{'type':<14}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
        for name, score in [*self.by_type.items(), ("micro", self.micro)]:
            rows.append(
                f"{name:<14}{score.precision:>8.4f}{score.recall:>8.4f}{score.f1:>8.4f}"
                f"{score.gold:>7}{score.predicted:>7}"
            )
        return "\n".join(rows)


def evaluate(
    gold: Iterable[Sequence[str]],
    predicted: Iterable[Sequence[str]],
    types: Sequence[str] = SCORED_TYPES,
) -> Evaluation:
    """Score predicted tag sequences against gold ones, sentence by sentence."""
    counts: dict[str, Counter[str]] = {kind: Counter() for kind in types}
    for gold_tags, predicted_tags in zip(gold, predicted, strict=True):
        gold_chunks = {c for c in chunks(gold_tags) if c[2] in counts}
        predicted_chunks = {c for c in chunks(predicted_tags) if c[2] in counts}
        for chunk in gold_chunks:
            counts[chunk[2]]["gold"] += 1
        for chunk in predicted_chunks:
            counts[chunk[2]]["predicted"] += 1
            if chunk in gold_chunks:
                counts[chunk[2]]["correct"] += 1
    by_type = {kind: Score(c["predicted"], c["gold"], c["correct"]) for kind, c in counts.items()}
    micro = Score(
        sum(s.predicted for s in by_type.values()),
        sum(s.gold for s in by_type.values()),
        sum(s.correct for s in by_type.values()),
    )
    return Evaluation(by_type, micro)
