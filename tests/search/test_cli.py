"""`akhbar search QUERY [PATH...] [--json]`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ARTICLES
from tui.cli import main
from tui.paths import cache_dir
from tui.search import service


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["search", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_lists_hits_path_and_title(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "حتى", str(ARTICLES))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2  # حتى is in two seeds (see test_recall)
    for line in lines:
        hits, path, title = line.split(maxsplit=2)
        assert int(hits) >= 1
        assert Path(path).parent == ARTICLES
        assert title.strip()
    assert "2 articles match" in err


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, '"كوريا الشمالية" title:لافروف', str(ARTICLES), "--json")
    assert code == 0
    document = json.loads(out)
    assert document["query"] == '"كوريا الشمالية" title:لافروف'
    assert document["total"] == 3 == len(document["results"])
    first = document["results"][0]
    assert set(first) >= {"path", "position", "title", "hits", "score", "identity"}
    assert all("لافروف" in r["title"] for r in document["results"])
    hits = [r["hits"] for r in document["results"]]
    assert all(h >= 2 for h in hits)  # the phrase and the title word


def test_no_match_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "نابليون", str(ARTICLES))
    assert (code, out) == (1, "")
    assert "0 articles match" in err


def test_bad_query_exits_2_with_an_explanation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, 'روسيا "كوريا', str(ARTICLES))
    assert (code, out) == (2, "")
    assert "character 7" in err and "closing quote" in err


def test_default_paths_are_the_readers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "لافروف")
    assert code == 0
    assert len(out.splitlines()) == 5


def test_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "لافروف", str(ARTICLES), "--limit", "2")
    assert code == 0
    assert len(out.splitlines()) == 2
    assert "5 articles match" in err


def test_large_corpus_goes_through_the_index_and_agrees(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, in_memory, _ = run(capsys, "روسيا -الكرملين", str(ARTICLES), "--json")
    monkeypatch.setattr(service, "MEMORY_LIMIT", 0)
    code, indexed, _ = run(capsys, "روسيا -الكرملين", str(ARTICLES), "--json")
    assert code == 0
    assert list((cache_dir() / "search").glob("*.sqlite3"))
    memory_rows, index_rows = (
        [(r["identity"], r["hits"]) for r in json.loads(doc)["results"]]
        for doc in (in_memory, indexed)
    )
    assert set(memory_rows) == set(index_rows)
    assert len(memory_rows) == 2


def test_no_index_writes_no_index(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "MEMORY_LIMIT", 0)
    code, _, _ = run(capsys, "روسيا", str(ARTICLES), "--no-index")
    assert code == 0
    assert not list((cache_dir() / "search").glob("*.sqlite3"))


def test_unwritable_cache_falls_back_to_memory(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(service, "MEMORY_LIMIT", 0)
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("AKHBAR_CACHE_DIR", str(blocker))
    code, out, err = run(capsys, "حتى", str(ARTICLES), "--no-index")
    assert code == 0 and len(out.splitlines()) == 2
    code, out, err = run(capsys, "حتى", str(ARTICLES))
    assert code == 0 and len(out.splitlines()) == 2
    assert "searching in memory" in err
