"""Tokens keep exact offsets; sentences split where a reader expects."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.entities.tokens import MAX_SENTENCE_TOKENS, sentences, tokenize


def test_words_keep_clitics_and_harakat_punctuation_stands_alone() -> None:
    text = 'وقال مُحَمَّد: «موسكو»، بـ"صدق".'
    words = [t.word for t in tokenize(text)]
    assert words == ["وقال", "مُحَمَّد", ":", "«", "موسكو", "»", "،", "بـ", '"', "صدق", '"', "."]


def test_sentences_end_at_full_stops_and_line_breaks() -> None:
    text = "قال لافروف. وصل إلى موسكو؟ ثم\nعاد"
    split = [[t.word for t in s] for s in sentences(text)]
    assert split == [["قال", "لافروف", "."], ["وصل", "إلى", "موسكو", "؟"], ["ثم"], ["عاد"]]


def test_runaway_sentences_are_cut() -> None:
    text = " ".join(["كلمة"] * (MAX_SENTENCE_TOKENS * 2 + 5))
    lengths = [len(s) for s in sentences(text)]
    assert lengths == [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 5]


@given(st.text(max_size=200))
def test_offsets_point_at_the_token(text: str) -> None:
    for token in tokenize(text):
        assert text[token.start : token.end] == token.word
        assert token.word.strip() == token.word != ""


@given(st.text(max_size=200))
def test_sentences_hold_every_token_once_in_order(text: str) -> None:
    assert [t for s in sentences(text) for t in s] == tokenize(text)
