"""`akhbar ner-eval FILE.conll [--predictions OUT]`: score the entity tagger on a CoNLL file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(parser: argparse.ArgumentParser) -> None:
    """Add the options of `akhbar ner-eval`."""
    from tui.entities.evaluation import CORPUS_CONVENTIONS, READER_CONVENTIONS
    from tui.entities.features import DOCUMENT_WINDOW

    parser.add_argument(
        "file", metavar="FILE.conll", help="`token TAG` lines, blank line between sentences"
    )
    parser.add_argument(
        "--predictions", metavar="OUT", help="write `token gold predicted` lines to OUT"
    )
    parser.add_argument(
        "--model", metavar="MODEL", help="a crfsuite model (default: the shipped one)"
    )
    parser.add_argument(
        "--window",
        type=int,
        default=DOCUMENT_WINDOW,
        metavar="N",
        help="without -DOCSTART- lines, treat each N sentences as one document "
        f"(default {DOCUMENT_WINDOW})",
    )
    parser.add_argument(
        "--no-rules", action="store_true", help="score the model alone, without document rules"
    )
    parser.add_argument(
        "--conventions",
        choices=(CORPUS_CONVENTIONS, READER_CONVENTIONS),
        default=CORPUS_CONVENTIONS,
        help="corpus (default): listed names the training corpus leaves untagged, such as "
        "ministries, are left to the model; reader: the rules exactly as the reader applies "
        "them (ministries and cabinets are organisations)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Tag the file, print per-type and micro P/R/F1; 1 with a message on a bad file."""
    from tui.entities.conll import ConllError, read_conll
    from tui.entities.evaluation import score_corpus, write_predictions
    from tui.entities.model import ModelMissing

    try:
        corpus = read_conll(Path(args.file))
        result = score_corpus(
            corpus,
            model_path=Path(args.model) if args.model else None,
            window=args.window,
            use_rules=not args.no_rules,
            conventions=args.conventions,
        )
    except (ConllError, ModelMissing) as error:
        print(f"akhbar ner-eval: {error}", file=sys.stderr)
        return 1
    tokens = sum(len(sentence) for sentence in corpus.sentences)
    print(f"{len(corpus.sentences)} sentences, {tokens} tokens; exact spans, MISC ignored")
    if corpus.bad_tags:
        print(f"{corpus.bad_tags} malformed line(s) read as O")
    print(result.evaluation.table())
    if args.predictions:
        try:
            write_predictions(corpus, result.predicted, Path(args.predictions))
        except OSError as error:
            print(f"akhbar ner-eval: cannot write {args.predictions}: {error}", file=sys.stderr)
            return 1
    return 0
