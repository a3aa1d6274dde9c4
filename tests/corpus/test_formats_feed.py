"""The RSS/Atom reader: entries as articles, dates, summaries, malformed and hostile feeds."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.corpus.formats import Source, UnreadableArticle, reader_for
from tui.corpus.formats.feed import parse, read_feed
from tui.text.sanitize import is_safe

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "formats"


def _source(text: str, path: str = "feed.xml", encoding: str = "utf-8") -> Source:
    data = text.encode(encoding)
    return Source(path=path, data=data, text=text, encoding=encoding)


def _fixture(name: str) -> Source:
    path = FIXTURES / name
    return Source(str(path), path.read_bytes(), path.read_text("utf-8"), "utf-8")


def _rss(items: str, declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> str:
    return (
        f'{declaration}<rss version="2.0"><channel><title>قناة الأخبار</title>'
        f"<link>https://example.com/</link>{items}</channel></rss>"
    )


@pytest.mark.parametrize("extension", [".xml", ".rss", ".atom"])
def test_registry_routes_feed_extensions_here(extension: str) -> None:
    assert reader_for(extension) is parse


def test_rss_entries_become_articles() -> None:
    first, second = parse(_fixture("feed.rss"))
    assert first.title == "لافروف يلتقي زعيم كوريا الشمالية"
    assert first.source == "أخبار العالم - الشرق الأوسط"
    assert first.url == "https://example.com/news/1"
    assert first.date == "Thu, 19 Oct 2023 23:30:00 -0500"
    # the day the feed wrote; in UTC it is already 20 October
    assert first.published == "2023-10-19"
    assert first.format == "feed" and first.encoding == "utf-8"
    assert first.paragraphs[:2] == (
        "التقى وزير الخارجية الروسي سيرغي لافروف، الزعيم الكوري الشمالي كيم جونغ أون في"
        " بيونغ يانغ.",
        "وأشاد لافروف بكوريا الشمالية، معتبراً أنها «جارة مقرّبة وشريك تاريخي» لروسيا.",
    )
    assert first.paragraphs[-1] == "نص فيه تسلسل تحكم ␛]0;عنوان␇ للطرفية."
    assert "alert" not in first.text  # the script in the content is gone
    assert all(is_safe(paragraph) for paragraph in first.paragraphs)
    assert second.title == "روسيا تواصل تقدمها في شرق أوكرانيا"
    assert second.published == "2024-08-25"
    assert second.paragraphs == ("أعلنت روسيا أن قواتها سيطرت على تجمعين سكنيين آخرين.",)
    assert (first.position, second.position) == (0, 1)


def test_summary_only_entries_are_flagged() -> None:
    feed = read_feed(_fixture("feed.rss"))
    assert feed.title == "أخبار العالم - الشرق الأوسط"
    assert [entry.summary_only for entry in feed.entries] == [False, True]
    assert feed.problems == ()


def test_atom_html_title_xhtml_and_text_content() -> None:
    first, second = parse(_fixture("feed.atom"))
    assert first.title == "كوريا الشمالية: لن نترك روسيا"
    assert first.source == "اندبندنت عربية"
    assert first.url == "https://example.org/node/1234"
    assert first.date == "2024-11-01T01:30:00+03:00"
    assert first.published == "2024-11-01"  # UTC would say 31 October
    assert first.paragraphs == (
        "بدأت محادثات في موسكو اليوم الجمعة.",
        "وقالت زاخاروفا إن المحادثات ستتواصل.",
    )
    assert second.title == "خبر نصي"
    assert second.date == "2024-11-02T08:00:00Z"  # no <published>: <updated> stands in
    assert second.paragraphs == ("السطر الأول من الخبر.", "السطر الثاني من الخبر.")


def test_untitled_entry_takes_its_first_short_paragraph() -> None:
    # description is HTML: a bare newline is only whitespace, so this is one paragraph
    (article,) = parse(_source(_rss("<item><description>عاجل\nتفاصيل</description></item>")))
    assert (article.title, article.paragraphs) == ("عاجل تفاصيل", ())
    html = "&lt;p&gt;عاجل&lt;/p&gt;&lt;p&gt;تفاصيل&lt;/p&gt;"
    (article,) = parse(_source(_rss(f"<item><description>{html}</description></item>")))
    assert (article.title, article.paragraphs) == ("عاجل", ("تفاصيل",))


def test_empty_entries_are_problems_and_good_ones_are_kept() -> None:
    items = "<item><link>https://example.com/x</link></item><item><title>خبر</title></item>"
    articles = parse(_source(_rss(items)))
    assert [article.title for article in articles] == ["خبر"]
    assert [problem.message for problem in articles.problems] == [
        "the entry has neither a title nor any text"
    ]
    assert articles.problems[0].path == "feed.xml (entry 1)"


def test_non_http_links_are_dropped() -> None:
    (article,) = parse(_source(_rss("<item><title>ع</title><link>javascript:x()</link></item>")))
    assert article.url is None


def test_malformed_xml_keeps_what_was_read_and_says_so() -> None:
    broken = _rss("<item><title>خبر سليم</title></item><item><title>مكسور</b></item>")
    articles = parse(_source(broken))
    assert "خبر سليم" in [article.title for article in articles]
    assert any("malformed XML" in problem.message for problem in articles.problems)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01\x02 garbage \xff",
        "<html><body><p>صفحة وليست موجزا</p></body></html>",
        '<?xml version="1.0"?><note><to>أحمد</to></note>',
        '<?xml version="1.0"?><rss version="2.0"><channel><title>فارغ</title></channel></rss>',
    ],
)
def test_documents_that_are_not_feeds_are_unreadable(text: str) -> None:
    with pytest.raises(UnreadableArticle):
        parse(_source(text))


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    text = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://'
        + str(secret)
        + '">]><rss version="2.0"><channel><title>ق</title>'
        "<item><title>خبر &x;</title><description>نص</description></item></channel></rss>"
    )
    try:
        articles = parse(_source(text))
    except UnreadableArticle:
        return
    assert all("TOP-SECRET" not in article.text for article in articles)


def test_entity_expansion_bomb_finishes() -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {name} "{("&" + previous + ";") * 10}">'
        for previous, name in zip("abcdefg", "bcdefgh", strict=True)
    )
    text = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<title>&h;</title><item><title>خبر</title></item></channel></rss>"
    )
    try:
        articles = parse(_source(text))
    except UnreadableArticle:
        return
    assert all(len(article.source or "") < 1000 for article in articles)


def test_xml_declaration_wins_over_a_wrong_detection() -> None:
    text = _rss(
        "<item><title>عنوان الخبر</title><description>نص الخبر</description></item>",
        declaration='<?xml version="1.0" encoding="windows-1256"?>',
    )
    data = text.encode("cp1256")
    misread = Source("feed.xml", data, data.decode("iso8859-6", errors="replace"), "iso8859-6")
    (article,) = parse(misread)
    assert (article.title, article.paragraphs) == ("عنوان الخبر", ("نص الخبر",))
    assert article.source == "قناة الأخبار"
    assert article.encoding == "cp1256"


def test_undeclared_legacy_encoding_uses_the_detected_text() -> None:
    text = _rss("<item><title>عنوان الخبر</title></item>", declaration="")
    (article,) = parse(_source(text, encoding="cp1256"))
    assert article.title == "عنوان الخبر"
    assert article.encoding == "cp1256"


@given(title=st.text(max_size=80), body=st.text(max_size=300))
def test_any_entry_text_is_read_safely_or_refused_cleanly(title: str, body: str) -> None:
    item = f"<item><title>{escape(title)}</title><description>{escape(body)}</description></item>"
    try:
        articles = parse(_source(_rss(item)))
    except UnreadableArticle:
        return
    for article in articles:
        for field in (article.title, article.source or "", *article.paragraphs):
            assert is_safe(field), field
