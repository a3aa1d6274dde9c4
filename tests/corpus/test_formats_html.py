"""The saved-page reader: headline, metadata and body of news pages; hostile pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.corpus.formats import Source, UnreadableArticle, reader_for
from tui.corpus.formats import html as html_reader
from tui.corpus.formats.html import extract_page, parse
from tui.text.sanitize import is_safe

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "formats"


def _source(path: str, data: bytes, encoding: str = "utf-8") -> Source:
    return Source(path=path, data=data, text=data.decode(encoding), encoding=encoding)


def _fixture(name: str) -> Source:
    path = FIXTURES / name
    return _source(str(path), path.read_bytes())


def test_registry_routes_html_and_htm_here() -> None:
    assert reader_for(".html") is parse
    assert reader_for(".HTM") is parse


def test_news_page_headline_metadata_and_body() -> None:
    (article,) = parse(_fixture("news_page.html"))
    assert article.title == "لافروف يلتقي زعيم كوريا الشمالية في بيونغ يانغ"
    assert article.source == "الشرق الأوسط"
    assert article.date == "2023-10-19T14:05:00+03:00"
    assert article.published == "2023-10-19"
    assert article.url == "https://example.com/news/lavrov-pyongyang"
    assert article.format == "html"
    assert article.encoding == "utf-8"
    assert article.paragraphs == (
        "التقى وزير الخارجية الروسي سيرغي لافروف، الزعيم الكوري الشمالي كيم جونغ أون في"
        " بيونغ يانغ، الخميس، وفق ما أفادت خارجية موسكو في بيان.",
        "وأشاد لافروف بكوريا الشمالية، معتبراً أنها «جارة مقرّبة وشريك تاريخي» لروسيا.",
        "«أكثر من ألف حاوية»",
        "وأشار المتحدث باسم مجلس الأمن القومي الأميركي جون كيربي إلى أن كوريا الشمالية سلّمت"
        " «أكثر من ألف حاوية» من المعدات العسكرية والذخائر إلى روسيا.",
    )


def test_news_page_leaves_out_every_kind_of_furniture() -> None:
    (article,) = parse(_fixture("news_page.html"))
    text = article.text
    for furniture in (
        "إعلان",  # ad slot
        "العالم",  # navigation
        "ليس جزءا",  # script in head
        "نص من سكربت",  # script in body
        "تعليق مخفي",  # HTML comment
        "شارك",  # share bar
        "رويترز",  # figure caption
        "مقالات ذات صلة",  # related stories
        "عقيدتها النووية",  # related story teaser
        "خبر مهم جدا",  # reader comments
        "الأكثر قراءة",  # aside
        "جميع الحقوق",  # footer
        "الخميس 19 أكتوبر",  # dateline
    ):
        assert furniture not in text, furniture


def test_page_without_semantic_container_uses_json_ld_and_densest_block() -> None:
    (article,) = parse(_fixture("plain_page.html"))
    assert article.title == "كوريا الشمالية: لن نترك روسيا حتى تحقيق النصر"
    assert article.source == "اندبندنت عربية"
    assert article.published == "2024-11-01"
    assert article.url == "https://example.org/node/1234"
    assert article.paragraphs == (
        "بدأت محادثات في موسكو اليوم الجمعة بين وزير الخارجية الروسي سيرغي لافروف ونظيرته"
        " الكورية الشمالية تشوي سون هوي.",
        "وقالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا إن المحادثات ستتواصل في مقر"
        " الخارجية الروسية.",
        "وأكدت وزيرة الخارجية الكورية الشمالية أن بلادها ستقف بجانب روسيا.",
    )


def test_title_element_loses_the_site_suffix() -> None:
    page = extract_page(
        "<html><head><title>هدنة في غزة | الجزيرة</title>"
        "<meta property='og:site_name' content='الجزيرة'></head>"
        "<body><p>نص الخبر.</p></body></html>"
    )
    assert page.title == "هدنة في غزة"
    assert page.source == "الجزيرة"
    assert page.paragraphs == ("نص الخبر.",)


def test_time_element_gives_the_stated_date_and_machine_day() -> None:
    page = extract_page(
        "<article><h1>عنوان</h1><p>نشر في <time datetime='2024-03-05T08:00:00+02:00'>"
        "الثلاثاء 5 مارس</time></p><p>نص</p></article>"
    )
    assert page.date == "الثلاثاء 5 مارس"
    assert page.published == "2024-03-05"


def test_untitled_page_promotes_a_short_first_paragraph() -> None:
    page = extract_page("<body><p>عنوان قصير</p><p>الفقرة الأولى.</p></body>")
    assert page.title == "عنوان قصير"
    assert page.paragraphs == ("الفقرة الأولى.",)


def test_untitled_page_with_long_first_paragraph_falls_back_to_file_name() -> None:
    long_paragraph = "كلمة " * 60
    (article,) = parse(_source("/news/غزة-اليوم.html", f"<p>{long_paragraph}</p>".encode()))
    assert article.title == "غزة-اليوم"
    assert article.paragraphs == (long_paragraph.strip(),)


def test_relative_or_hostile_canonical_urls_are_ignored() -> None:
    page = extract_page(
        "<head><link rel='canonical' href='/relative'>"
        "<meta property='og:url' content='javascript:alert(1)'></head><p>نص</p>"
    )
    assert page.url is None


def test_control_sequences_in_every_field_are_neutralised() -> None:
    page = extract_page(
        "<head><title>\x1b]0;hacked\x07عنوان</title>"
        "<meta property='og:site_name' content='\x9b2Jمصدر'></head>"
        "<body><p>نص \x1b[31mأحمر</p></body>"
    )
    for field in (page.title, page.source or "", *page.paragraphs):
        assert is_safe(field), field
    assert page.title == "␛]0;hacked␇عنوان"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><head><title></title></head></html>",
        "<html><head><title>عنوان بلا نص</title></head><body></body></html>",
        "<body><nav>الرئيسية</nav><script>var a;</script></body>",
    ],
)
def test_page_without_text_is_unreadable(html: str) -> None:
    with pytest.raises(UnreadableArticle, match="no article text"):
        parse(_source("empty.html", html.encode()))


def test_ten_thousand_nested_elements() -> None:
    depth = 10_000
    html = "<html><body>" + "<div>" * depth + "<p>نص عميق</p>" + "</div>" * depth
    (article,) = parse(_source("deep.html", html.encode()))
    assert article.title == "نص عميق"


def test_pathologically_deep_page_is_reported_not_parsed() -> None:
    with pytest.raises(UnreadableArticle, match="nested too deeply"):
        parse(_source("deep.html", ("<ul><li>x" * 40_000).encode()))


def test_oversized_page_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader, "MAX_PAGE_CHARS", 1000)
    with pytest.raises(UnreadableArticle, match="larger than"):
        parse(_source("big.html", ("<p>نص</p>" * 200).encode()))


ARABIC_PAGE = (
    '<html><head><meta charset="{charset}"><title>عنوان الخبر</title></head>'
    "<body><p>نص الخبر بالعربية.</p></body></html>"
)


def test_declared_charset_wins_over_a_wrong_detection() -> None:
    data = ARABIC_PAGE.format(charset="windows-1256").encode("cp1256")
    misread = Source("page.html", data, data.decode("iso8859-6", errors="replace"), "iso8859-6")
    (article,) = parse(misread)
    assert article.title == "عنوان الخبر"
    assert article.paragraphs == ("نص الخبر بالعربية.",)
    assert article.encoding == "cp1256"


def test_valid_utf8_wins_over_a_stale_declaration() -> None:
    data = ARABIC_PAGE.format(charset="windows-1256").encode("utf-8")
    (article,) = parse(_source("page.html", data))
    assert article.title == "عنوان الخبر"
    assert article.encoding == "utf-8"


def test_unknown_declared_charset_keeps_the_detected_text() -> None:
    data = ARABIC_PAGE.format(charset="x-no-such-charset").encode("cp1256")
    (article,) = parse(Source("page.html", data, data.decode("cp1256"), "cp1256"))
    assert article.title == "عنوان الخبر"
    assert article.encoding == "cp1256"
