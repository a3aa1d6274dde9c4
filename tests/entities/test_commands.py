"""`akhbar entities`, `ner-eval` and `ner-train` through the real command-line entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main

TINY = Path(__file__).parent / "fixtures" / "tiny.conll"


def test_entities_json_lists_mentions_with_offsets(
    seed_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.corpus.loader import load_article, load_corpus

    path = seed_paths[3]
    assert main(["entities", str(path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    text = load_article(load_corpus([path], use_cache=False).headers[0]).text
    assert rows, "a news article names someone"
    for row in rows:
        assert set(row) == {"text", "type", "start", "end", "canonical", "key"}
        assert text[row["start"] : row["end"]] == row["text"]
        assert row["type"] in {"PERSON", "LOCATION", "ORGANIZATION"}
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    assert {"موسكو", "كوريا الشمالية"} <= {r["canonical"] for r in rows}


def test_entities_table_groups_by_entity(
    seed_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["entities", str(seed_paths[3])]) == 0
    lines = capsys.readouterr().out.splitlines()
    moscow = [line for line in lines if line.split()[2:3] == ["موسكو"]]
    assert len(moscow) == 1
    assert moscow[0].split()[0] == "LOCATION"


def test_entities_reports_missing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entities", str(tmp_path / "nope.txt")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["entities", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_ner_eval_prints_scores_and_writes_predictions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pred.txt"
    assert main(["ner-eval", str(TINY), "--predictions", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "18 sentences" in printed
    assert [line.split()[0] for line in printed.splitlines()[-4:]] == [
        "PERS",
        "LOC",
        "ORG",
        "micro",
    ]
    lines = out.read_text(encoding="utf-8").split("\n")
    gold = TINY.read_text(encoding="utf-8").split("\n")
    assert len([x for x in lines if x]) == len([x for x in gold if x])
    first = lines[0].split()
    assert first[:2] == ["قال", "O"] and len(first) == 3


def test_ner_eval_rejects_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.conll"
    empty.write_text("", encoding="utf-8")
    assert main(["ner-eval", str(empty)]) == 1
    assert "no `token TAG` lines" in capsys.readouterr().err


def test_ner_train_writes_a_usable_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "model"
    args = ["ner-train", "--data", str(TINY), "--output", str(folder), "--iterations", "30"]
    assert main(args) == 0
    assert "model" in capsys.readouterr().out
    written = {p.name for p in folder.iterdir()}
    single = {"ner.crfsuite", "lexicon.txt", "common.txt", "features.txt", "unnamed.txt"}
    assert written == single
    model = folder / "ner.crfsuite"
    assert main(["ner-eval", str(TINY), "--model", str(model), "--no-rules"]) == 0
    micro = capsys.readouterr().out.splitlines()[-1].split()
    assert micro[0] == "micro" and float(micro[3]) > 0.5
    assert main([*args, "--two-stage"]) == 0
    assert {p.name for p in folder.iterdir()} == single | {
        "ner-stacked.crfsuite",
        "features-stacked.txt",
    }
    # Retrained with one stage into the same folder: the old second stage goes.
    assert main(args) == 0
    assert {p.name for p in folder.iterdir()} == single


def test_ner_train_dev_split_writes_its_parts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "dev"
    assert main(["ner-train", "--data", str(TINY), "--dev", str(folder), "--iterations", "20"]) == 0
    printed = capsys.readouterr().out
    assert "model alone" in printed and "document rules" in printed
    dev = (folder / "dev.conll").read_text(encoding="utf-8").strip().split("\n\n")
    train = (folder / "train.conll").read_text(encoding="utf-8").strip().split("\n\n")
    assert (len(train), len(dev)) == (15, 3)  # 18 sentences, the last 15% held out


def test_ner_train_cross_validation_prints_folds_and_pooled_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "cv"
    args = ["ner-train", "--data", str(TINY), "--cv", "2", "--output", str(folder)]
    assert main([*args, "--iterations", "20"]) == 0
    printed = capsys.readouterr().out
    assert "fold 1/2" in printed and "fold 2/2" in printed
    assert printed.count("2-fold cross-validation, pooled") == 3
    assert (folder / "fold0" / "ner.crfsuite").exists()
    assert (folder / "fold1" / "lexicon.txt").exists()


def test_ner_train_cross_validation_needs_two_folds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ner-train", "--data", str(TINY), "--cv", "1"]) == 1
    assert "at least 2 folds" in capsys.readouterr().err
