"""CoNLL reading and conlleval-style scoring, on cases worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.entities.conll import (
    ConllError,
    chunks,
    evaluate,
    parse_conll,
    read_conll,
)


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["B-PERS", "I-PERS", "O", "B-LOC"], [(0, 2, "PERS"), (3, 4, "LOC")]),
        # conlleval: an I- after O starts a chunk
        (["O", "I-LOC", "I-LOC"], [(1, 3, "LOC")]),
        # a type change inside I- tags ends one chunk and starts another
        (["B-ORG", "I-ORG", "I-LOC"], [(0, 2, "ORG"), (2, 3, "LOC")]),
        # B after B: two chunks
        (["B-LOC", "B-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),
        # a chunk running to the end of the sentence
        (["O", "B-PERS", "I-PERS"], [(1, 3, "PERS")]),
        (["O", "O"], []),
        ([], []),
    ],
)
def test_chunks_follow_conlleval(tags: list[str], expected: list[tuple[int, int, str]]) -> None:
    assert chunks(tags) == expected


def test_evaluate_counts_exact_spans_only() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    # PERS span too short (wrong), LOC right, ORG right type+span, an extra LOC.
    pred = [["B-PERS", "O", "O", "B-LOC"], ["B-ORG", "I-ORG", "B-LOC"]]
    result = evaluate(gold, pred)
    assert (result.micro.gold, result.micro.predicted, result.micro.correct) == (3, 4, 2)
    assert result.micro.precision == pytest.approx(2 / 4)
    assert result.micro.recall == pytest.approx(2 / 3)
    assert result.micro.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert result.by_type["PERS"].correct == 0
    assert result.by_type["LOC"].precision == pytest.approx(1 / 2)
    assert result.by_type["ORG"].f1 == pytest.approx(1.0)


def test_misc_is_ignored_on_both_sides() -> None:
    result = evaluate([["B-MISC", "O"]], [["O", "B-MISC"]])
    assert result.micro.gold == 0
    assert result.micro.predicted == 0
    assert result.micro.f1 == 0.0


def test_parse_reads_documents_aliases_and_bad_lines() -> None:
    text = (
        "-DOCSTART- O\n\nأحمد B-PER\nقال O\n\n"
        "مصر B-LOC\nكلمة\nغريب X-Y\n\n-DOCSTART- O\nدبي B-LOC\n"
    )
    corpus = parse_conll(text)
    assert [[t for _, t in s] for s in corpus.sentences] == [
        ["B-PERS", "O"],
        ["B-LOC", "O", "O"],
        ["B-LOC"],
    ]
    assert corpus.documents == (0, 2)
    assert corpus.bad_tags == 2


def test_read_conll_errors_are_clear(tmp_path: Path) -> None:
    empty = tmp_path / "empty.conll"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ConllError, match="no `token TAG` lines"):
        read_conll(empty)
    with pytest.raises(ConllError, match="cannot read"):
        read_conll(tmp_path / "missing.conll")
    binary = tmp_path / "binary.conll"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(ConllError, match="cannot read"):
        read_conll(binary)


def test_table_lists_every_type_and_micro() -> None:
    table = evaluate([["B-LOC"]], [["B-LOC"]]).table()
    lines = table.splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["PERS", "LOC", "ORG", "micro"]
    assert "1.0000" in lines[2]


def _conlleval_chunks(tags: list[str]) -> list[tuple[int, int, str]]:
    """An independent, line-by-line port of conlleval's startOfChunk/endOfChunk (Perl)."""

    def split(tag: str) -> tuple[str, str]:
        return (tag, "") if tag == "O" else (tag.split("-", 1)[0], tag.split("-", 1)[1])

    def end_of_chunk(prev_tag: str, tag: str, prev_type: str, kind: str) -> bool:
        ends = (prev_tag, tag) in {
            ("B", "B"),
            ("B", "O"),
            ("I", "B"),
            ("I", "O"),
            ("E", "E"),
            ("E", "I"),
            ("E", "O"),
        }
        return ends or (prev_tag != "O" and prev_tag != "." and prev_type != kind)

    def start_of_chunk(prev_tag: str, tag: str, prev_type: str, kind: str) -> bool:
        starts = (prev_tag, tag) in {
            ("B", "B"),
            ("I", "B"),
            ("O", "B"),
            ("O", "I"),
            ("E", "E"),
            ("E", "I"),
            ("O", "E"),
        }
        return starts or (tag != "O" and tag != "." and prev_type != kind)

    found: list[tuple[int, int, str]] = []
    start, prev_tag, prev_type = -1, "O", ""
    for i, full in enumerate([*tags, "O"]):  # the sentence boundary ends any chunk
        tag, kind = split(full)
        if start >= 0 and end_of_chunk(prev_tag, tag, prev_type, kind):
            found.append((start, i, prev_type))
            start = -1
        if start_of_chunk(prev_tag, tag, prev_type, kind):
            start = i
        prev_tag, prev_type = tag, kind
    return found


TAG_VALUES = ["O", "B-PERS", "I-PERS", "E-PERS", "B-LOC", "I-LOC", "E-LOC"]


@given(st.lists(st.sampled_from(TAG_VALUES), max_size=12))
def test_chunks_equal_a_literal_port_of_conlleval(tags: list[str]) -> None:
    assert chunks(tags) == _conlleval_chunks(tags)
