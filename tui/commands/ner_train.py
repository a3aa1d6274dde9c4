"""`akhbar ner-train --data FILE`: rebuild the shipped entity model from a CoNLL corpus.

``--two-stage`` also trains the experimental second stage (see `tui.entities.stacking`), a
CRF that reads the first one's labels across the document, trained on labels from four
first-stage models that each left a quarter of the corpus out.

With ``--dev DIR`` it instead carves the development split (see `tui.entities.training`),
writes ``train.conll`` and ``dev.conll`` there, trains on the training part, and prints the
development scores, so the reported figures can be reproduced and rechecked with
``akhbar ner-eval DIR/dev.conll --model DIR/ner.crfsuite``.

With ``--cv K`` it runs K-fold cross-validation by corpus blocks instead (see
`tui.entities.training.cv_folds`): K trainings, each scored on the block it left out, and
the counts of all folds pooled into one table per configuration; fold models go under
``--output`` (a temporary folder without it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.entities.conll import Sentence
    from tui.entities.training import TrainReport


def register(parser: argparse.ArgumentParser) -> None:
    """Add the options of `akhbar ner-train`."""
    from tui.entities.training import L1_PENALTY, L2_PENALTY, MAX_ITERATIONS

    parser.add_argument(
        "--data",
        required=True,
        metavar="FILE",
        help="training corpus in CoNLL form, e.g. ANERcorp's train.conll",
    )
    parser.add_argument(
        "--output",
        metavar="DIR",
        help="write the model and lexicon here instead of into the installed package",
    )
    parser.add_argument(
        "--dev",
        metavar="DIR",
        help="hold out the last 15%% of sentences, train on the rest, score, write all to DIR",
    )
    parser.add_argument(
        "--cv",
        type=int,
        metavar="K",
        help="K-fold cross-validation by corpus blocks: train K times, print pooled scores",
    )
    parser.add_argument(
        "--no-gazetteers",
        action="store_true",
        help="do not regenerate the CLDR gazetteers first (they are regenerated when Babel "
        "is installed and the shipped model is being rebuilt)",
    )
    parser.add_argument(
        "--two-stage",
        action="store_true",
        help="also train a second CRF that reads the first one's labels across the document "
        "(experimental: six trainings instead of one; see tui/entities/stacking.py)",
    )
    parser.add_argument("--iterations", type=int, default=MAX_ITERATIONS, help="L-BFGS iterations")
    parser.add_argument("--c1", type=float, default=L1_PENALTY, help="L1 penalty")
    parser.add_argument("--c2", type=float, default=L2_PENALTY, help="L2 penalty")
    parser.set_defaults(run=run)


def _say(line: str) -> None:
    print(line, flush=True)


def _regenerate_gazetteers() -> None:
    """Rewrite the CLDR lists with Babel if it is installed (raises OSError if unwritable)."""
    from tui.entities import build_gazetteers

    try:
        entries = build_gazetteers.collect()
    except ImportError:
        _say("Babel is not installed: keeping the shipped gazetteers")
        return
    for path in build_gazetteers.write(entries):
        _say(f"wrote {path}")


def _reset_caches() -> None:
    from tui.entities import features, gazetteer, model, tagger

    gazetteer.gazetteers.cache_clear()
    features.word_features.cache_clear()
    model.forget()
    tagger.clear_cache()


def run(args: argparse.Namespace) -> int:
    """Train (and with --dev, score); 1 with a message if the corpus is unusable."""
    from tui.entities.conll import ConllError, read_conll
    from tui.entities.model import MODEL_NAME, shipped_model_path
    from tui.entities.training import dedupe, write_word_lists

    try:
        corpus = read_conll(Path(args.data))
    except ConllError as error:
        print(f"akhbar ner-train: {error}", file=sys.stderr)
        return 1
    if args.dev:
        return _train_dev(corpus.sentences, Path(args.dev), args)
    if args.cv is not None:
        return _train_cv(corpus.sentences, args)
    shipped = args.output is None
    folder = shipped_model_path().parent if shipped else Path(args.output)
    try:
        if shipped and not args.no_gazetteers:
            _regenerate_gazetteers()
    except OSError as error:
        print(f"akhbar ner-train: cannot update the gazetteers: {error}", file=sys.stderr)
        return 1
    _reset_caches()
    sentences, dropped = dedupe(corpus.sentences)
    _say(f"{len(corpus.sentences)} sentences, {dropped} repeated ones dropped")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        report = _train(sentences, folder / MODEL_NAME, args)
        names, common, unnamed = write_word_lists(sentences, folder)
    except OSError as error:
        print(f"akhbar ner-train: cannot write to {folder}: {error}", file=sys.stderr)
        return 1
    _reset_caches()
    _say(
        f"model {folder / MODEL_NAME}: {report.model_bytes / 1e6:.2f} MB, "
        f"{report.sentences} sentences, {report.tokens} tokens, {report.seconds:.0f} s; "
        f"word lists: {names} name words, {common} common words, "
        f"{unnamed} listed names the corpus leaves untagged"
    )
    return 0


def _train(sentences: Sequence[Sentence], path: Path, args: argparse.Namespace) -> TrainReport:
    """Train the first stage into *path* and, with --two-stage, the second beside it.

    Without --two-stage a second stage left beside *path* by an earlier run is removed (the
    tagger would otherwise pair it with a first stage it was not trained with).
    """
    from tui.entities.stacking import STACKED_FEATURES, STACKED_MODEL, train_stacked
    from tui.entities.training import TrainReport, train

    options = {"l1": args.c1, "l2": args.c2, "iterations": args.iterations, "progress": _say}
    report = train(sentences, path, **options)
    if not args.two_stage:
        for name in (STACKED_MODEL, STACKED_FEATURES):
            (path.parent / name).unlink(missing_ok=True)
        return report
    _say("second stage: first-stage labels from models that did not see each sentence…")
    stacked = train_stacked(sentences, path.parent, **options)
    return TrainReport(
        report.sentences,
        report.tokens,
        report.seconds + stacked.seconds,
        report.model_bytes + stacked.model_bytes,
    )


def _train_dev(sentences: Sequence[Sentence], folder: Path, args: argparse.Namespace) -> int:
    from tui.entities.conll import parse_conll
    from tui.entities.evaluation import CORPUS_CONVENTIONS, READER_CONVENTIONS, score_corpus
    from tui.entities.model import MODEL_NAME
    from tui.entities.training import split_dev, write_word_lists

    split = split_dev(sentences)
    _say(
        f"train {len(split.train)} sentences, dev {len(split.dev)} "
        f"({split.duplicates_dropped} repeats dropped, {split.dev_dropped_as_seen} dev "
        "sentences dropped as also in train)"
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, part in (("train.conll", split.train), ("dev.conll", split.dev)):
            text = "\n\n".join("\n".join(f"{w} {t}" for w, t in s) for s in part) + "\n"
            (folder / name).write_text(text, encoding="utf-8")
        report = _train(split.train, folder / MODEL_NAME, args)
        write_word_lists(split.train, folder)
    except OSError as error:
        print(f"akhbar ner-train: cannot write to {folder}: {error}", file=sys.stderr)
        return 1
    _say(f"trained in {report.seconds:.0f} s, model {report.model_bytes / 1e6:.2f} MB")
    dev = parse_conll((folder / "dev.conll").read_text(encoding="utf-8"))
    for title, rules, conventions in (
        ("model alone", False, CORPUS_CONVENTIONS),
        ("model + document rules (corpus conventions)", True, CORPUS_CONVENTIONS),
        ("model + document rules (reader conventions, as the app tags)", True, READER_CONVENTIONS),
    ):
        result = score_corpus(
            dev, model_path=folder / MODEL_NAME, use_rules=rules, conventions=conventions
        )
        _say(f"\ndev, {title}:")
        _say(result.evaluation.table())
    return 0


def _train_cv(sentences: Sequence[Sentence], args: argparse.Namespace) -> int:
    """K-fold cross-validation: a model per fold, scores of all folds pooled."""
    import tempfile

    from tui.entities.conll import Corpus, Evaluation
    from tui.entities.evaluation import (
        CORPUS_CONVENTIONS,
        READER_CONVENTIONS,
        pooled,
        score_corpus,
    )
    from tui.entities.model import MODEL_NAME
    from tui.entities.training import cv_folds, write_word_lists

    scored = (
        ("model alone", False, CORPUS_CONVENTIONS),
        ("model + document rules (corpus conventions)", True, CORPUS_CONVENTIONS),
        ("model + document rules (reader conventions, as the app tags)", True, READER_CONVENTIONS),
    )

    if args.cv < 2:
        print("akhbar ner-train: --cv needs at least 2 folds", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="akhbar-cv-") as scratch:
        folder = Path(args.output) if args.output else Path(scratch)
        results: list[list[Evaluation]] = [[] for _ in scored]
        for fold, split in enumerate(cv_folds(sentences, args.cv)):
            path = folder / f"fold{fold}" / MODEL_NAME
            try:
                report = _train(split.train, path, args)
                write_word_lists(split.train, path.parent)
            except OSError as error:
                print(f"akhbar ner-train: cannot write to {path.parent}: {error}", file=sys.stderr)
                return 1
            test = Corpus(split.dev, (0,), 0)
            line = [f"fold {fold + 1}/{args.cv}: {len(split.dev)} test sentences"]
            for scores, (title, rules, conventions) in zip(results, scored, strict=True):
                evaluation = score_corpus(
                    test, model_path=path, use_rules=rules, conventions=conventions
                ).evaluation
                scores.append(evaluation)
                line.append(f"{title}: {evaluation.micro.f1:.4f}")
            _say(f"{'; '.join(line)} (trained in {report.seconds:.0f} s)")
        for scores, (title, _, _) in zip(results, scored, strict=True):
            _say(f"\n{args.cv}-fold cross-validation, pooled, {title}:")
            _say(pooled(scores).table())
    return 0
