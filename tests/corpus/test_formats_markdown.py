"""The Markdown reader: front matter, headings as titles, markup reduced to words."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.corpus.article import Article
from tui.corpus.formats import Source, UnreadableArticle, reader_for
from tui.corpus.formats.markdown import parse
from tui.text.sanitize import is_safe

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "formats"


def _read(text: str, path: str = "note.md") -> list[Article]:
    return parse(Source(path=path, data=text.encode(), text=text, encoding="utf-8"))


def test_registry_routes_md_here() -> None:
    assert reader_for(".md") is parse
    assert reader_for(".markdown") is parse


def test_fixture_front_matter_and_body() -> None:
    path = FIXTURES / "article.md"
    (article,) = parse(Source(str(path), path.read_bytes(), path.read_text("utf-8"), "utf-8"))
    assert article.title == "روسيا تواصل تقدمها في شرق أوكرانيا"
    assert article.date == "2024-08-25"
    assert article.published == "2024-08-25"
    assert article.source == "الشرق الأوسط"
    assert article.url == "https://example.com/news/ukraine-east"
    assert article.format == "md"
    assert article.paragraphs == (
        # the first heading is a paragraph here: front matter already named the title
        "عنوان ثانوي لا يحل محل عنوان المقدمة",
        "أعلنت روسيا أن قواتها سيطرت على تجمعين سكنيين آخرين في شرق أوكرانيا، في حين أقر"
        " رئيس أركان الجيش الأوكراني بأن قواته تواجه ضغوطاً.",
        "«الوضع صعب»",
        "قال قائد الجيش الأوكراني أولكسندر سيرسكي إن الوضع «صعب» في مواجهة الهجوم.",
        "البند الأول: تجمعان سكنيان",
        "البند الثاني: ضغوط على الجبهة",
        "وقالت أوكرانيا إنها ترد بالمثل.",
        "النسخة 2.0 من التقرير تستخدم *نجمة* حرفية ورمزاً.",
    )


def test_first_atx_heading_is_the_title() -> None:
    (article,) = _read("\n# عنوان الخبر #\n\nنص الفقرة.\n\n## قسم\n\nفقرة ثانية.\n")
    assert article.title == "عنوان الخبر"
    assert article.paragraphs == ("نص الفقرة.", "قسم", "فقرة ثانية.")
    assert article.date is None and article.source is None and article.url is None


def test_setext_heading_is_the_title() -> None:
    (article,) = _read("عنوان الخبر\n===========\n\nنص الفقرة.\n")
    assert article.title == "عنوان الخبر"
    assert article.paragraphs == ("نص الفقرة.",)


def test_without_heading_a_short_first_paragraph_is_the_title() -> None:
    (article,) = _read("سطر العنوان\n\nالفقرة الأولى.\n")
    assert article.title == "سطر العنوان"
    assert article.paragraphs == ("الفقرة الأولى.",)


def test_without_heading_or_short_line_the_file_name_is_the_title() -> None:
    long_line = "كلمة " * 60
    (article,) = _read(long_line, path="/notes/تقرير.md")
    assert article.title == "تقرير"
    assert article.paragraphs == (long_line.strip(),)


def test_links_images_code_and_emphasis_become_plain_words() -> None:
    text = (
        "# ع\n\nانظر [التقرير الكامل](https://example.com/r) و![صورة](a.png)"
        " و<https://example.com/x> و**مهم** و__جدا__ _مائل_ و_لا_ و`شيفرة`.\n"
    )
    (article,) = _read(text)
    assert article.paragraphs == (
        # CommonMark: an underscore inside a word (و_لا_) is not emphasis
        "انظر التقرير الكامل و وhttps://example.com/x ومهم وجدا مائل و_لا_ وشيفرة.",
    )


def test_fenced_code_lines_are_kept_verbatim() -> None:
    (article,) = _read("# ع\n\n```\nسطر *أول*\nسطر ثان\n```\n\nبعد.\n")
    assert article.paragraphs == ("سطر *أول*", "سطر ثان", "بعد.")


def test_html_block_inside_markdown_is_read_as_html() -> None:
    (article,) = _read("# ع\n\n<p>فقرة <b>أولى</b></p><p>ثانية</p>\n")
    assert article.paragraphs == ("فقرة أولى", "ثانية")


def test_bom_and_crlf_line_ends() -> None:
    (article,) = _read("\ufeff# عنوان\r\n\r\nنص.\r\n")
    assert article.title == "عنوان"
    assert article.paragraphs == ("نص.",)


def test_unclosed_front_matter_is_ordinary_text() -> None:
    (article,) = _read("---\ntitle: ليس مقدمة\n\nنص.\n")
    assert article.title == "title: ليس مقدمة"
    assert article.paragraphs == ("نص.",)


def test_front_matter_url_must_be_http() -> None:
    (article,) = _read("---\ntitle: ع\nurl: file:///etc/passwd\n---\nنص\n")
    assert article.url is None


@pytest.mark.parametrize("text", ["", "\n\n  \n", "---\n---\n", "![صورة](a.png)\n"])
def test_file_without_text_is_unreadable(text: str) -> None:
    with pytest.raises(UnreadableArticle, match="no text"):
        _read(text)


@given(st.text(max_size=400))
def test_any_text_is_read_safely_or_refused_cleanly(text: str) -> None:
    try:
        (article,) = _read(text)
    except UnreadableArticle:
        return
    for field in (article.title, *article.paragraphs):
        assert field and is_safe(field)
