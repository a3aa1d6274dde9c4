"""Hostile files in every format this team reads, through `load_corpus`: each reported once,
never a traceback, and every good article still loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.corpus.loader import load_article, load_corpus
from tui.text.sanitize import is_safe

GOOD = {
    "good.md": "# خبر سليم بالماركداون\n\nنص الخبر.\n",
    "good.html": "<html><head><title>خبر سليم بالـHTML</title></head><p>نص.</p></html>",
    "good.json": json.dumps({"title": "خبر سليم بالـJSON", "body": "نص."}, ensure_ascii=False),
    "good.rss": (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ق</title>'
        "<item><title>خبر سليم في موجز</title><description>نص.</description></item>"
        "</channel></rss>"
    ),
}
BAD: dict[str, bytes] = {
    "empty.md": b"",
    "blank.json": b"  \n",
    "binary.html": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "garbage.atom": bytes(range(256)) * 8,
    "deep.html": ("<ul><li>x" * 40_000).encode(),
    "broken.xml": b'<?xml version="1.0"?><rss><channel><item><title>x</tit',
    "not-a-feed.xml": '<?xml version="1.0"?><note>ملاحظة</note>'.encode(),
    "not-an-article.json": b'{"temperature": 21, "city": "Cairo"}',
    "scalar.json": b"42",
    "nested.json": b"[" * 200_000,
    "bad-lines.jsonl": b"{nope\n[1, 2]\n",
    "no-text.html": b"<html><head><script>var x = 1;</script></head><body></body></html>",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in GOOD.items():
        (corpus / name).write_text(text, "utf-8")
    for name, data in BAD.items():
        (corpus / name).write_bytes(data)
    return corpus


def test_every_bad_file_is_reported_once_and_good_ones_load(folder: Path) -> None:
    corpus = load_corpus([folder], use_cache=False)
    titles = sorted(header.title for header in corpus.headers)
    assert titles == sorted(
        ["خبر سليم بالماركداون", "خبر سليم بالـHTML", "خبر سليم بالـJSON", "خبر سليم في موجز"]
    )
    reported = sorted(Path(problem.path).name for problem in corpus.problems)
    assert reported == sorted(BAD)
    for problem in corpus.problems:
        assert problem.message and is_safe(problem.message)
        assert "Traceback" not in problem.message
        assert "Error:" not in problem.message, problem  # no raw exception from a reader bug
    for header in corpus.headers:
        assert load_article(header).title == header.title


def test_the_cache_reports_the_same_problems_on_the_next_start(folder: Path) -> None:
    first = load_corpus([folder])
    second = load_corpus([folder])
    assert sorted(p.path for p in second.problems) == sorted(p.path for p in first.problems)
    assert [h.title for h in second.headers] == [h.title for h in first.headers]


def test_bad_entries_of_a_readable_file_are_reported_too(tmp_path: Path) -> None:
    jsonl = tmp_path / "mixed.jsonl"
    jsonl.write_text('{"title": "خبر", "body": "نص"}\n{nope\n', "utf-8")
    feed = tmp_path / "mixed.rss"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ق</title>'
        "<item><title>خبر الموجز</title></item><item><link>https://x/1</link></item>"
        "</channel></rss>",
        "utf-8",
    )
    for use_cache in (True, True, False):  # parsed, then from the cache, then uncached
        corpus = load_corpus([jsonl, feed], use_cache=use_cache)
        assert sorted(header.title for header in corpus.headers) == ["خبر", "خبر الموجز"]
        assert sorted((p.path, p.message) for p in corpus.problems) == [
            (
                f"{jsonl} (line 2)",
                "not valid JSON (Expecting property name enclosed in double quotes, column 2)",
            ),
            (f"{feed} (entry 2)", "the entry has neither a title nor any text"),
        ]
