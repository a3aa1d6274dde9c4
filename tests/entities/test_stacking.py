"""The second stage: document-consistency features, jackknifed training, two-stage tagging."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.entities.conll import read_conll
from tui.entities.evaluation import score_corpus
from tui.entities.model import MODEL_NAME, SequenceTagger
from tui.entities.stacking import (
    STACKED_FEATURES,
    STACKED_MODEL,
    consistency_features,
    encoded_consistency_features,
    fold_bounds,
    jackknife_tags,
    train_stacked,
)
from tui.entities.training import train, write_word_lists

TINY = Path(__file__).parent / "fixtures" / "tiny.conll"


def test_a_surname_left_unnamed_sees_its_name_elsewhere() -> None:
    document = [
        ["قال", "سيرغي", "لافروف", "في", "موسكو"],
        ["وأكد", "لافروف", "أن", "موسكو"],
    ]
    tags = [["O", "B-PERS", "I-PERS", "O", "B-LOC"], ["O", "O", "O", "B-LOC"]]
    first, second = consistency_features(document, tags)
    # لافروف in the second sentence: the first stage missed it, but named it before.
    assert second[1] == ["s1=O", "-1s1=O", "+1s1=O", "te=PERS", "te=PERS&s1=O", "tb=I"]
    # وأكد precedes it: it sees its neighbour's name elsewhere.
    assert "+1te=PERS" in second[0]
    # The first لافروف: its only other occurrence was left unnamed.
    assert first[2] == ["s1=I-PERS", "-1s1=B-PERS", "+1s1=O", "te=none", "te=none&s1=I-PERS"]
    # موسكو, read with its clitic-free stem, was a place in both sentences.
    assert "te=LOC" in first[4] and "tb=B" in first[4]
    assert "te=LOC" in second[3]
    # A word used once has no evidence from elsewhere.
    assert not any(f.startswith(("te=", "tb=")) for f in first[0])


def test_majority_type_over_named_occurrences() -> None:
    document = [["ليون"], ["ليون"], ["ليون"], ["ليون"]]
    tags = [["B-ORG"], ["B-ORG"], ["B-LOC"], ["O"]]
    features = consistency_features(document, tags)
    # The unnamed one sees ORG twice and LOC once elsewhere.
    assert "te=ORG" in features[3][0]
    # The LOC one sees ORG twice.
    assert "te=ORG&s1=B-LOC" in features[2][0]
    # An ORG one sees one ORG and one LOC: ties go to the alphabetically first type.
    assert "te=LOC" in features[0][0]


@given(
    st.lists(
        st.lists(
            st.tuples(
                st.sampled_from(["علي", "موسكو", "في", "،", "x"]),
                st.sampled_from(["O", "B-PERS", "I-PERS", "B-LOC", "B-MISC"]),
            ),
            max_size=6,
        ),
        max_size=4,
    )
)
def test_one_feature_list_per_token(document: list[list[tuple[str, str]]]) -> None:
    words = [[word for word, _ in sentence] for sentence in document]
    tags = [[tag for _, tag in sentence] for sentence in document]
    features = consistency_features(words, tags)
    assert [len(sentence) for sentence in features] == [len(s) for s in words]
    for sentence_tags, sentence_features in zip(tags, features, strict=True):
        for tag, token in zip(sentence_tags, sentence_features, strict=True):
            assert token[0] == f"s1={tag}"
    # What tagging uses is the same features, encoded (built through a cache).
    encoded = encoded_consistency_features(words, tags)
    assert encoded == [[tuple(f.encode() for f in token) for token in s] for s in features]


@pytest.mark.parametrize(
    ("count", "folds", "expected"),
    [
        # 100 sentences are five 20-sentence documents: folds of whole documents.
        (100, 4, [(0, 20), (20, 40), (40, 60), (60, 100)]),
        # Fewer documents than folds: folds of sentences.
        (7, 4, [(0, 1), (1, 3), (3, 5), (5, 7)]),
        (2, 4, [(0, 1), (1, 2)]),
    ],
)
def test_jackknife_folds_cover_the_corpus(
    count: int, folds: int, expected: list[tuple[int, int]]
) -> None:
    assert fold_bounds(count, folds) == expected


def test_jackknifing_one_sentence_is_refused() -> None:
    with pytest.raises(ValueError, match="two sentences"):
        fold_bounds(1)


def test_jackknife_tags_every_sentence_once() -> None:
    sentences = read_conll(TINY).sentences
    tags = jackknife_tags(sentences, folds=2, iterations=20)
    assert [len(t) for t in tags] == [len(s) for s in sentences]


@pytest.fixture(scope="module")
def stacked_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stacked")
    sentences = read_conll(TINY).sentences
    train(sentences, folder / MODEL_NAME, iterations=60)
    write_word_lists(sentences, folder)
    report = train_stacked(sentences, folder, iterations=60)
    assert report.model_bytes == (folder / STACKED_MODEL).stat().st_size > 0
    return folder


def test_stacked_model_is_used_and_learns_its_corpus(stacked_folder: Path) -> None:
    assert (stacked_folder / STACKED_FEATURES).is_file()
    tagger = SequenceTagger(stacked_folder / MODEL_NAME)
    assert tagger.stacked
    corpus = read_conll(TINY)
    result = score_corpus(corpus, model_path=stacked_folder / MODEL_NAME, use_rules=False)
    assert result.evaluation.micro.f1 > 0.9
    assert tagger.tag([["قال", "أحمد", "سالم"], []])[1] == []
