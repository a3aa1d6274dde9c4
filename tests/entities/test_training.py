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
