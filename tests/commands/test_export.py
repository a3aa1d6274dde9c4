"""`akhbar export`: txt, md and json carry the logical text, metadata and entities faithfully."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tui.cli import main
from tui.commands.export import export_text, format_markdown, md_escape
from tui.corpus.article import Article
from tui.entities.mention import EntityType, Mention

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "articles" / "000_b501a0667558c81e.txt"
MULTI = REPO / "tests" / "fixtures" / "formats" / "articles.json"
SEED_TITLE = "كوريا الشمالية: لن نترك روسيا حتى تحقيق النصر في أوكرانيا"
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")

ARTICLE = Article(
    title="لافروف في موسكو",
    paragraphs=("التقى سيرغي لافروف نظيره في موسكو.", "* ليس قائمة # ولا عنوان"),
    date="الجمعة 1 نوفمبر 2024",
    published="2024-11-01",
    source="الشرق الأوسط",
    url="https://example.com/a?x=1&y=2",
    path="news/a.txt",
    encoding="cp1256",
)
# Offsets into ARTICLE.text, counted by hand: the title is 15 characters, then "\n\n" (2),
# then "التقى " (6) puts سيرغي at 23.
MENTIONS = [
    Mention(23, 35, EntityType.PERSON, "سيرغي لافروف", "سيرغي لافروف", "سيرغي لافروف"),
    Mention(0, 6, EntityType.PERSON, "لافروف", "سيرغي لافروف", "سيرغي لافروف"),
    Mention(10, 15, EntityType.LOCATION, "موسكو", "موسكو", "موسكو"),
]


def test_hand_counted_offsets_are_right() -> None:
    for mention in MENTIONS:
        assert ARTICLE.text[mention.start : mention.end] == mention.text


def test_json_has_every_field_and_sorted_mentions() -> None:
    document = json.loads(export_text(ARTICLE, MENTIONS, "json"))
    assert document["title"] == "لافروف في موسكو"
    assert document["paragraphs"] == list(ARTICLE.paragraphs)
    assert document["text"] == ARTICLE.text
    assert (document["date"], document["published"]) == ("الجمعة 1 نوفمبر 2024", "2024-11-01")
    assert (document["source"], document["url"]) == (
        "الشرق الأوسط",
        "https://example.com/a?x=1&y=2",
    )
    assert (document["path"], document["encoding"]) == ("news/a.txt", "cp1256")
    assert document["identity"] == "url:https://example.com/a?x=1&y=2"
    assert [e["start"] for e in document["entities"]] == [0, 10, 23]
    assert document["entities"][0] == {
        "text": "لافروف",
        "type": "PERSON",
        "start": 0,
        "end": 6,
        "canonical": "سيرغي لافروف",
        "key": "سيرغي لافروف",
    }


def test_text_format() -> None:
    out = export_text(ARTICLE, MENTIONS, "txt")
    assert out.startswith(ARTICLE.text + "\n")
    assert "Date: الجمعة 1 نوفمبر 2024 (2024-11-01)\n" in out
    assert "Source: الشرق الأوسط\n" in out
    assert "URL: https://example.com/a?x=1&y=2\n" in out
    assert "Encoding: cp1256\n" in out
    assert out.endswith(
        "0\t6\tPERSON\tلافروف\tسيرغي لافروف\n"
        "10\t15\tLOCATION\tموسكو\tموسكو\n"
        "23\t35\tPERSON\tسيرغي لافروف\tسيرغي لافروف\n"
    )
    assert export_text(ARTICLE, [], "txt").endswith("(none)\n")


def _rendered_paragraphs(markdown: str) -> list[str]:
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    return [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", rendered, re.DOTALL)]


def test_markdown_renders_back_to_the_article() -> None:
    markdown = format_markdown(ARTICLE, MENTIONS)
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<h1>لافروف في موسكو</h1>" in rendered
    assert list(ARTICLE.paragraphs) == _rendered_paragraphs(markdown)
    assert "<td>سيرغي لافروف</td>" in rendered
    assert "<li><strong>URL:</strong> https://example.com/a?x=1&amp;y=2</li>" in rendered


# Printable text without line breaks: what a cleaned paragraph holds.
PARAGRAPH = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40
).map(lambda s: " ".join(s.split()))


@given(PARAGRAPH.filter(bool))
def test_md_escape_round_trips_through_commonmark(text: str) -> None:
    assert _rendered_paragraphs(md_escape(text)) == [text]


def test_unknown_format_is_an_error() -> None:
    with pytest.raises(ValueError, match="txt, md, json"):
        export_text(ARTICLE, [], "pdf")


def _logical_only(text: str) -> None:
    assert PRESENTATION_FORMS.search(text) is None
    assert BIDI_CONTROLS.search(text) is None


@pytest.mark.parametrize("fmt", ["txt", "md", "json"])
def test_seed_article_exports_logical_text(
    fmt: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["export", str(SEED), "--format", fmt, "--no-entities"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    _logical_only(out)
    assert SEED_TITLE in out
    assert "JavaScript" not in out  # boilerplate removed by the corpus layer


def test_seed_article_with_entities(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    pytest.importorskip("tui.entities", reason="entity tagger not built yet")
    from tui import entities

    if not hasattr(entities, "tag_article"):
        pytest.skip("tui.entities.tag_article not available yet")
    assert main(["export", str(SEED), "--format", "json"]) == 0
    document = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert document["title"] == SEED_TITLE
    assert document["entities"], "the seed names Lavrov, Moscow, North Korea..."
    for entity in document["entities"]:
        assert document["text"][entity["start"] : entity["end"]] == entity["text"]
        assert entity["type"] in {"PERSON", "LOCATION", "ORGANIZATION"}
    people = {e["text"] for e in document["entities"] if e["type"] == "PERSON"}
    assert any("لافروف" in name for name in people)  # Lavrov is named five times


def test_index_picks_one_article_of_a_multi_article_file(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert main(["export", str(MULTI), "--index", "1", "--format", "json", "--no-entities"]) == 0
    document = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    # From the fixture: the second object's headline, publisher and link.
    assert document["title"] == "روسيا تواصل تقدمها في شرق أوكرانيا"
    assert document["source"] == "رويترز"
    assert document["url"] == "https://example.com/news/2"
    assert document["position"] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--index", "5"], "holds 2 article(s); --index must be 0..1"),
        (["--index", "-1"], "--index must be 0..1"),
    ],
)
def test_bad_index(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(MULTI), "--no-entities", *argv]) == 1
    assert message in capsys.readouterr().err


def test_missing_file_folder_and_unreadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(tmp_path / "nope.txt")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["export", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    assert main(["export", str(binary), "--no-entities"]) == 1
    assert str(binary) in capsys.readouterr().err


def test_output_is_utf8_even_in_the_c_locale(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "tui", "export", str(SEED), "--format", "txt", "--no-entities"],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").startswith(SEED_TITLE + "\n")
