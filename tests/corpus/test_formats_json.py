"""The JSON / JSON Lines reader: shapes, field aliases, partial failures, hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.corpus.formats import Source, UnreadableArticle, reader_for
from tui.corpus.formats.json_articles import ArticleList, parse
from tui.text.sanitize import is_safe

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "formats"


def _read(text: str, path: str = "news.json") -> ArticleList:
    return parse(Source(path=path, data=text.encode(), text=text, encoding="utf-8"))


def _fixture(name: str) -> ArticleList:
    path = FIXTURES / name
    return parse(Source(str(path), path.read_bytes(), path.read_text("utf-8"), "utf-8"))


def test_registry_routes_json_and_jsonl_here() -> None:
    assert reader_for(".json") is parse
    assert reader_for(".jsonl") is parse


def test_list_of_articles_with_field_aliases() -> None:
    first, second = _fixture("articles.json")
    assert first.title == "لافروف يلتقي زعيم كوريا الشمالية"
    assert first.date == "الخميس 19 أكتوبر 2023"
    assert first.published == "2023-10-19"
    assert first.source == "الشرق الأوسط"
    assert first.url == "https://example.com/news/1"
    assert first.paragraphs == (
        "التقى وزير الخارجية الروسي سيرغي لافروف الزعيم الكوري الشمالي.",
        "وأشاد لافروف بكوريا الشمالية.",
    )
    assert (first.position, second.position) == (0, 1)
    # headline / datePublished / publisher.name / link / HTML content
    assert second.title == "روسيا تواصل تقدمها في شرق أوكرانيا"
    assert second.date == "2024-08-25T09:00:00Z"
    assert second.published == "2024-08-25"
    assert second.source == "رويترز"
    assert second.url == "https://example.com/news/2"
    assert second.paragraphs == (
        "أعلنت روسيا أن قواتها سيطرت على تجمعين سكنيين.",
        "وأقر الجيش الأوكراني بوضع صعب.",
    )
    assert {first.format, second.format} == {"json"}


def test_jsonl_keeps_good_lines_and_reports_bad_ones_by_line() -> None:
    articles = _fixture("articles.jsonl")
    assert [article.title for article in articles] == ["الخبر الأول", "الخبر الثاني"]
    assert articles[0].paragraphs == ("الفقرة الأولى من الخبر الأول.", "الفقرة الثانية.")
    assert articles[1].paragraphs == ("نص الخبر الثاني في سطر واحد.",)
    where = [problem.path.rsplit("(", 1)[1] for problem in articles.problems]
    assert where == ["line 2)", "line 3)", "line 6)"]
    messages = [problem.message for problem in articles.problems]
    assert messages[0].startswith("not valid JSON (Unterminated string")
    assert messages[1] == "expected an article object, found a list"
    assert messages[2] == "the object has neither a title nor a body"


def test_single_object_and_articles_wrapper() -> None:
    one = {"title": "عنوان", "body": "نص"}
    assert [a.title for a in _read(json.dumps(one))] == ["عنوان"]
    wrapped = {"articles": [one, {**one, "title": "ثان"}], "generator": "scraper"}
    assert [a.title for a in _read(json.dumps(wrapped))] == ["عنوان", "ثان"]


def test_json_file_holding_json_lines_is_read_line_by_line() -> None:
    text = '{"title": "أ", "body": "نص"}\n{"title": "ب", "body": "نص"}\n'
    assert [a.title for a in _read(text, path="export.json")] == ["أ", "ب"]


def test_body_as_list_and_newline_separated_string() -> None:
    (article,) = _read(json.dumps({"title": "ع", "body": ["أولى", " ", "ثانية  وثالثة"]}))
    assert article.paragraphs == ("أولى", "ثانية وثالثة")
    (article,) = _read(json.dumps({"title": "ع", "content": "سطر\r\nسطر آخر\n\n\nأخير"}))
    assert article.paragraphs == ("سطر", "سطر آخر", "أخير")


def test_title_only_object_with_empty_body_is_an_article() -> None:
    (article,) = _read(json.dumps({"title": "عاجل", "body": []}))
    assert article.title == "عاجل" and article.paragraphs == ()


def test_missing_title_takes_a_short_first_paragraph() -> None:
    (article,) = _read(json.dumps({"text": "عنوان\nالنص"}))
    assert article.title == "عنوان"
    assert article.paragraphs == ("النص",)


def test_non_http_url_and_non_text_fields_are_dropped() -> None:
    value = {"title": "ع", "body": "نص", "url": "javascript:alert(1)", "source": ["x"]}
    (article,) = _read(json.dumps(value))
    assert article.url is None and article.source is None


def test_numbers_are_accepted_as_text() -> None:
    (article,) = _read(json.dumps({"title": 2024, "body": "نص", "date": 20241101}))
    assert article.title == "2024" and article.date == "20241101"


def test_control_sequences_are_neutralised_in_every_field() -> None:
    value = {
        "title": "\x1b]0;pwned\x07عنوان",
        "source": "\x9b2Jمصدر",
        "date": "2024\x1b[1m",
        "body": ["نص\x1b[31m", "\u2028سطر"],
    }
    (article,) = _read(json.dumps(value))
    for field in (article.title, article.source, article.date, *article.paragraphs):
        assert field is not None and is_safe(field), field
    assert article.title == "␛]0;pwned␇عنوان"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("{not json", "not valid JSON"),
        ('"just a string"', "JSON holds no article"),
        ("42", "JSON holds no article"),
        ("[]", "holds no article"),
        ("[1, 2, 3]", "no article could be read"),
        ('[{"author": "x"}]', "neither a title nor a body"),
        ('{"title": "ع"}', "no body"),
        ("[" * 100_000, "not"),
    ],
)
def test_json_that_is_not_an_article_is_unreadable(text: str, message: str) -> None:
    with pytest.raises(UnreadableArticle, match=message):
        _read(text)


def test_all_bad_lines_make_one_message_naming_them() -> None:
    text = "\n".join(["nope", "[1]", "{}", "null", "4"])
    with pytest.raises(UnreadableArticle) as caught:
        _read(text, path="feed.jsonl")
    message = str(caught.value)
    assert "line 1" in message and "line 2" in message and "line 3" in message
    assert "and 2 more" in message


def test_deeply_nested_jsonl_line_is_one_problem() -> None:
    text = '{"title": "ع", "body": "نص"}\n' + "[" * 100_000 + "\n"
    articles = _read(text, path="x.jsonl")
    assert len(articles) == 1
    assert [p.message for p in articles.problems] == ["not readable JSON: nested too deeply"]


def test_bom_is_ignored() -> None:
    (article,) = _read('\ufeff{"title": "عنوان", "body": "نص"}')
    assert article.title == "عنوان"


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(), st.lists, max_leaves=20))
def test_any_json_value_is_read_or_refused_cleanly(value: object) -> None:
    try:
        articles = _read(json.dumps({"title": value, "body": value, "source": value}))
    except UnreadableArticle:
        return
    for article in articles:
        assert article.title and is_safe(article.title)
        assert all(is_safe(paragraph) for paragraph in article.paragraphs)
