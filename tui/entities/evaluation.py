"""Tagging a CoNLL corpus with the whole pipeline (model + document rules) and scoring it.

Scoring is on the corpus' own tokens (clitics attached, as ANERcorp writes them), so the
figures compare with published ANERcorp results. Document rules need documents: a file's
``-DOCSTART-`` lines delimit them; a file without any (ANERcorp) is read in windows of
`DOCUMENT_WINDOW` consecutive sentences, about the length of one news story.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.entities import model, rules
from tui.entities.conll import Corpus, Evaluation, Score, evaluate
from tui.entities.features import DOCUMENT_WINDOW

#: Rules as for scoring against the training corpus' annotation (see `tag_corpus`).
CORPUS_CONVENTIONS = "corpus"
#: Rules exactly as the reader applies them.
READER_CONVENTIONS = "reader"


@dataclass(frozen=True, slots=True)
class Result:
    """Predicted tags for every sentence of a corpus, and their score."""

    predicted: tuple[list[str], ...]
    evaluation: Evaluation


def document_ranges(corpus: Corpus, window: int = DOCUMENT_WINDOW) -> list[range]:
    """Sentence index ranges of the corpus' documents (or windows, see the module doc)."""
    count = len(corpus.sentences)
    if len(corpus.documents) > 1:
        bounds = [*corpus.documents, count]
        return [range(a, b) for a, b in itertools.pairwise(bounds) if a < b]
    return [range(a, min(a + window, count)) for a in range(0, count, max(window, 1))]


def tag_corpus(
    corpus: Corpus,
    *,
    model_path: Path | None = None,
    window: int = DOCUMENT_WINDOW,
    use_rules: bool = True,
    conventions: str = CORPUS_CONVENTIONS,
) -> list[list[str]]:
    """Tag every sentence of *corpus* with the model and, per document, the rules.

    Args:
        corpus: the sentences to tag.
        model_path: the model (default: the shipped one).
        window: sentences per document when the corpus marks none.
        use_rules: apply the document rules after the model.
        conventions: `CORPUS_CONVENTIONS` leaves listed names the training corpus does not
            tag (ministries, cabinets) to the model; `READER_CONVENTIONS` applies the rules
            exactly as the reader does.
    """
    tagger = model.load(model_path)
    unnamed = tagger.unnamed if conventions == CORPUS_CONVENTIONS else frozenset()
    predicted: list[list[str]] = []
    for span in document_ranges(corpus, window):
        words: Sequence[list[str]] = [[token for token, _ in corpus.sentences[i]] for i in span]
        tags = tagger.tag(words)
        predicted.extend(rules.apply(words, tags, tagger.common, unnamed) if use_rules else tags)
    return predicted


def score_corpus(
    corpus: Corpus,
    *,
    model_path: Path | None = None,
    window: int = DOCUMENT_WINDOW,
    use_rules: bool = True,
    conventions: str = CORPUS_CONVENTIONS,
) -> Result:
    """Tag *corpus* and score it against its own tags (conlleval rules, MISC ignored)."""
    predicted = tag_corpus(
        corpus, model_path=model_path, window=window, use_rules=use_rules, conventions=conventions
    )
    gold = [[tag for _, tag in sentence] for sentence in corpus.sentences]
    return Result(tuple(predicted), evaluate(gold, predicted))


def pooled(evaluations: Sequence[Evaluation]) -> Evaluation:
    """One evaluation of several (cross-validation folds): their counts added up."""
    counts: dict[str, list[int]] = {}
    for evaluation in evaluations:
        for kind, score in evaluation.by_type.items():
            total = counts.setdefault(kind, [0, 0, 0])
            total[0] += score.predicted
            total[1] += score.gold
            total[2] += score.correct
    by_type = {kind: Score(*total) for kind, total in counts.items()}
    micro = Score(
        sum(score.predicted for score in by_type.values()),
        sum(score.gold for score in by_type.values()),
        sum(score.correct for score in by_type.values()),
    )
    return Evaluation(by_type, micro)


def write_predictions(corpus: Corpus, predicted: Sequence[Sequence[str]], path: Path) -> None:
    """Write ``token gold predicted`` lines, a blank line after each sentence."""
    lines: list[str] = []
    for sentence, tags in zip(corpus.sentences, predicted, strict=True):
        lines.extend(
            f"{token} {gold} {guess}" for (token, gold), guess in zip(sentence, tags, strict=True)
        )
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
