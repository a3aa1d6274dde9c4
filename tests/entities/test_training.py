"""Training on a tiny hand-made corpus: the split, the model, the word lists, the scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.entities.conll import Corpus, read_conll
from tui.entities.evaluation import document_ranges, score_corpus
from tui.entities.model import MODEL_NAME, load
from tui.entities.training import (
    COMMON_FILE,
    LEXICON_FILE,
    dedupe,
    name_lexicon,
    split_dev,
    train,
    unnamed_phrases,
    write_word_lists,
)

TINY = Path(__file__).parent / "fixtures" / "tiny.conll"


def sentence(*pairs: str) -> list[tuple[str, str]]:
    return [(pair.split("/")[0], pair.split("/")[1]) for pair in pairs]


def test_split_is_the_tail_without_repeats_of_training_sentences() -> None:
    a = sentence("قال/O", "أحمد/B-PERS")
    b = sentence("في/O", "مصر/B-LOC")
    c = sentence("من/O", "دبي/B-LOC")
    d = sentence("إلى/O", "عمان/B-LOC")
    # 10 sentences: the last 2 (20%) form the dev set; `a` there is also in train.
    sentences = [a, b, c, a, b, c, b, c, a, d]
    split = split_dev(sentences, fraction=0.2)
    assert split.dev == (d,)
    assert split.dev_dropped_as_seen == 1
    assert split.train == (a, b, c)
    assert split.duplicates_dropped == 5


def test_dedupe_keeps_first_occurrences() -> None:
    a = sentence("قال/O")
    b = sentence("مصر/B-LOC")
    assert dedupe([a, b, a, a]) == ([a, b], 2)


def test_lexicon_holds_name_words_without_clitics() -> None:
    corpus = read_conll(TINY)
    words = set(name_lexicon(corpus.sentences))
    assert {"احمد", "سالم", "لندن", "رويترز", "امم", "متحده"} <= words
    assert "ولندن" not in words  # و + لندن: the clitic is not part of the name
    assert "قال" not in words


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("model")
    corpus = read_conll(TINY)
    report = train(corpus.sentences, folder / MODEL_NAME, iterations=60)
    write_word_lists(corpus.sentences, folder)
    assert report.sentences == len(corpus.sentences)
    assert report.model_bytes == (folder / MODEL_NAME).stat().st_size > 0
    return folder / MODEL_NAME


def test_model_learns_its_training_corpus(tiny_model: Path) -> None:
    corpus = read_conll(TINY)
    result = score_corpus(corpus, model_path=tiny_model, use_rules=False)
    assert result.evaluation.micro.f1 > 0.9
    assert (tiny_model.parent / LEXICON_FILE).is_file()
    assert (tiny_model.parent / COMMON_FILE).is_file()


def test_loaded_model_reads_its_word_lists(tiny_model: Path) -> None:
    tagger = load(tiny_model)
    assert "رويترز" in tagger.lexicon
    assert tagger.tag([["قال", "أحمد", "سالم", "في", "القاهرة"], []])[1] == []


def test_documents_are_docstart_sections_or_windows() -> None:
    s = sentence("x/O")
    assert document_ranges(Corpus((s,) * 5, (0, 2), 0)) == [range(0, 2), range(2, 5)]
    assert document_ranges(Corpus((s,) * 5, (0,), 0), window=2) == [
        range(0, 2),
        range(2, 4),
        range(4, 5),
    ]


def test_listed_names_the_corpus_leaves_untagged_are_found() -> None:
    ministry_untagged = sentence("قالت/O", "وزارة/O", "الخارجية/O")
    ministry_tagged = sentence("قالت/O", "وزارة/B-ORG", "الخارجية/I-ORG")
    white_house = sentence("قال/O", "البيت/B-MISC", "الأبيض/I-MISC")
    un = sentence("في/O", "الأمم/B-ORG", "المتحدة/I-ORG")
    un_untagged = sentence("للأمم/O", "المتحدة/O")
    sentences = [ministry_untagged, ministry_untagged, ministry_tagged, white_house, un, un]
    phrases = unnamed_phrases([*sentences, un_untagged])
    # untagged twice, tagged once; MISC counts as untagged; the UN is mostly tagged
    assert phrases == ["بيت ابيض", "وزاره خارجيه"]


def test_cv_folds_test_each_block_once_and_never_train_on_it() -> None:
    from tui.entities.training import cv_folds

    # Ten distinct sentences, then a repeat of the first: 11 sentences in 3 blocks of
    # 3, 4 and 4 (11 * k // 3 = 0, 3, 7, 11).
    corpus = [sentence(f"w{i}/O") for i in range(10)] + [sentence("w0/O")]
    folds = cv_folds(corpus, 3)
    tests = [[s[0][0] for s in fold.dev] for fold in folds]
    # w0 is in the first block and, repeated, in the last: whichever block is tested, the
    # other copy is in the training part, so w0 is never a test sentence.
    assert tests[0] == ["w1", "w2"] and folds[0].dev_dropped_as_seen == 1
    assert tests[1] == ["w3", "w4", "w5", "w6"] and folds[1].dev_dropped_as_seen == 0
    assert tests[2] == ["w7", "w8", "w9"] and folds[2].dev_dropped_as_seen == 1
    for fold in folds:
        trained = {s[0][0] for s in fold.train}
        assert not trained & {s[0][0] for s in fold.dev}
    # Fold 0 trains on w3…w9 and the repeated w0 once (a repeat inside the training part).
    assert sorted(s[0][0] for s in folds[0].train) == ["w0", *(f"w{i}" for i in range(3, 10))]


def test_pooled_adds_the_counts_of_every_fold() -> None:
    from tui.entities.conll import Evaluation, Score
    from tui.entities.evaluation import pooled

    first = Evaluation({"PERS": Score(4, 5, 3), "LOC": Score(2, 2, 2)}, Score(6, 7, 5))
    second = Evaluation({"PERS": Score(1, 3, 1), "LOC": Score(0, 1, 0)}, Score(1, 4, 1))
    total = pooled([first, second])
    assert total.by_type == {"PERS": Score(5, 8, 4), "LOC": Score(2, 3, 2)}
    assert total.micro == Score(7, 11, 6)
    # Pooled F1 is not the mean of the folds' F1: P = 6/7, R = 6/11.
    assert total.micro.f1 == pytest.approx(2 * (6 / 7) * (6 / 11) / (6 / 7 + 6 / 11))
