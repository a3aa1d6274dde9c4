"""The fast feed reader: it reads common feeds, and wherever it reads one, feedparser agrees."""

from __future__ import annotations

from html import escape

import pytest
from feedparser.sanitizer import _HTMLSanitizer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.corpus.feed_tree import (
    SIMPLE_HTML_ATTRIBUTES,
    SIMPLE_HTML_TAGS,
    read_tree,
)
from tui.corpus.formats import Source, UnreadableArticle
from tui.corpus.formats.feed import Feed, read_feed

CONTENT_NS = 'xmlns:content="http://purl.org/rss/1.0/modules/content/"'
DC_NS = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
MEDIA_NS = 'xmlns:media="http://search.yahoo.com/mrss/"'
ATOM_NS = 'xmlns:atom="http://www.w3.org/2005/Atom"'


def _source(text: str) -> Source:
    return Source("feed.xml", text.encode("utf-8"), text, "utf-8")


def _both(text: str) -> tuple[Feed | str, Feed | str]:
    """The feed as read with the fast reader allowed, and by feedparser alone."""
    results: list[Feed | str] = []
    for fast in (True, False):
        try:
            results.append(read_feed(_source(text), fast=fast))
        except UnreadableArticle as error:
            results.append(f"unreadable: {error}")
    return results[0], results[1]


def _rss(items: str, channel: str = "<title>قناة الأخبار</title>") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" {CONTENT_NS} {DC_NS}'
        f" {MEDIA_NS} {ATOM_NS}><channel>{channel}{items}</channel></rss>"
    )


def test_simple_html_is_what_the_sanitiser_keeps() -> None:
    # if a feedparser upgrade drops one of these, the fast reader must stop accepting it
    assert SIMPLE_HTML_TAGS.issubset(_HTMLSanitizer.acceptable_elements)
    assert SIMPLE_HTML_ATTRIBUTES.issubset(_HTMLSanitizer.acceptable_attributes)


def test_a_news_feed_is_read_without_feedparser_and_as_feedparser_reads_it() -> None:
    body = escape("<p>التقى لافروف <b>كيم</b> في بيونغ يانغ.</p><p>وأشاد &amp; أثنى.</p>")
    item = (
        "<item><title>لافروف يلتقي كيم</title><link>https://example.com/a?x=1&amp;y=2</link>"
        "<guid isPermaLink='false'>id-1</guid><pubDate>Thu, 19 Oct 2023 23:30:00 -0500</pubDate>"
        f"<description>{body}</description><category>سياسة</category>"
        "<media:thumbnail url='https://example.com/t.jpg'/></item>"
    )
    channel = (
        "<title>أخبار</title><link>https://example.com/</link><language>ar</language>"
        "<atom:link href='https://example.com/rss' rel='self' type='application/rss+xml'/>"
    )
    text = _rss(item * 2, channel)
    tree = read_tree(text)
    assert tree is not None and tree.title == "أخبار" and len(tree.entries) == 2
    fast, slow = _both(text)
    assert fast == slow
    assert isinstance(fast, Feed)
    article = fast.entries[0].article
    assert article.paragraphs == ("التقى لافروف كيم في بيونغ يانغ.", "وأشاد & أثنى.")
    assert article.url == "https://example.com/a?x=1&y=2"
    assert article.published == "2023-10-19"


def test_content_encoded_and_guid_links_agree() -> None:
    html = "<p>الفقرة الأولى</p><p>الفقرة الثانية</p>"
    item = (
        "<item><title>خبر</title><guid>https://example.com/g</guid>"
        f"<content:encoded><![CDATA[{html}]]></content:encoded>"
        "<description>ملخص</description><dc:date>2024-08-25T09:00:00Z</dc:date></item>"
    )
    text = _rss(item)
    assert read_tree(text) is not None
    fast, slow = _both(text)
    assert fast == slow
    assert isinstance(fast, Feed)
    assert fast.entries[0].article.url == "https://example.com/g"
    assert fast.entries[0].article.paragraphs == ("الفقرة الأولى", "الفقرة الثانية")


def test_atom_text_and_html_entries_agree() -> None:
    text = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"'
        ' xml:lang="ar"><title>اندبندنت عربية</title><id>urn:x</id>'
        "<entry><title type='html'>كوريا: &lt;em&gt;لن نترك روسيا&lt;/em&gt;</title>"
        "<link rel='alternate' href='https://example.org/1'/><id>urn:1</id>"
        "<published>2024-11-01T01:30:00+03:00</published>"
        "<content type='html'>&lt;p&gt;بدأت محادثات.&lt;/p&gt;</content></entry>"
        "<entry><title>خبر نصي</title><id>https://example.org/2</id>"
        "<updated>2024-11-02T08:00:00Z</updated><summary>سطر أول\nسطر ثان</summary></entry>"
        "</feed>"
    )
    assert read_tree(text) is not None
    fast, slow = _both(text)
    assert fast == slow
    assert isinstance(fast, Feed)
    first, second = (entry.article for entry in fast.entries)
    assert first.title == "كوريا: لن نترك روسيا"
    assert second.url == "https://example.org/2"  # the id stands in for a missing link
    assert second.paragraphs == ("سطر أول", "سطر ثان")


@pytest.mark.parametrize(
    "text",
    [
        _rss(
            "<item><title>خبر</title><description>&lt;script&gt;x&lt;/script&gt;</description></item>"
        ),
        _rss("<item><title>خبر</title><description>&lt;p role='nav'&gt;x</description></item>"),
        _rss("<item><title>خبر</title><description>&amp;bogus; نص</description></item>"),
        _rss("<item><title>خبر</title><description>نص &amp;#150; نص</description></item>"),
        _rss("<item><title>خبر &amp;amp; آخر</title></item>"),
        _rss("<item><title>أ</title><title>ب</title></item>"),
        _rss("<item><title type='html'>خبر</title></item>"),
        _rss("<item><title>خبر</title><pubDate>في يوم ما</pubDate></item>"),
        _rss("<item><title>خبر</title><atom:link href='https://example.com/x'/></item>"),
        _rss("<item><title>Ã©tÃ©</title></item>"),  # feedparser repairs it to été
        _rss("<item><title>خبر</title></item>", channel="<dc:title>عنوان</dc:title>"),
        _rss("", channel="<title>فارغ</title>"),
        '<?xml version="1.0"?><!DOCTYPE rss><rss version="2.0"><channel><item><title>خبر'
        "</title></item></channel></rss>",
        '<rss version="2.0" xml:base="https://example.com/"><channel><item><title>خبر</title>'
        "<link>a</link></item></channel></rss>",
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>خبر</title><content'
        ' type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">نص</div></content></entry></feed>',
        "<html><body><p>صفحة</p></body></html>",
    ],
)
def test_shapes_only_feedparser_reads_exactly_are_declined(text: str) -> None:
    assert read_tree(text) is None
    fast, slow = _both(text)
    assert fast == slow


TEXTS = st.sampled_from(
    [
        "", " ", "خبر", "عاجل: لافروف", "a b", "&amp;", "&amp;amp;", "&lt;b&gt;x&lt;/b&gt;",
        "café", "Ã©", "«نص»", "\u202eعكس", "&#x1b;]0;x&#x7;", "&#150;", "x\n\ny", "&#x202E;",
    ]
)  # fmt: skip
HTML_PIECES = st.sampled_from(
    [
        "<p>", "</p>", "<br>", "<br/>", "</br>", "<b>", "</b>", "<div class=\"related\">",
        "<div class='x'>", "</div>", "<p role=\"navigation\">", "<script>", "</script>",
        "<span>", "</span>", "&amp;", "&nbsp;", "&#1575;", "&#150;", "&bogus;", "& ", "<",
        "نص الخبر", "كلمة", " ", "\n", "é", "Ã©", "<!-- c -->", "<img src=\"a.png\"/>", "<h1>",
        "</h1>", "<li>", "<ul>", "<a href=\"http://x?a=1&amp;b=2\">", "</a>", "<p/>", "<hr>",
        "<mark>", "<P>", "<p hidden>", "<p class=\"a\" class=\"b\">", "<figure>", "<figcaption>",
        "Sorry, you need to enable JavaScript to visit this website.", "&copy", "&apos;",
    ]
)  # fmt: skip
LINKS = st.sampled_from(
    [
        "https://example.com/a", "http:///example.com/b", "javascript:x()", "a?b=1&amp;c=2",
        "https://example.com/?a=1&amp;amp;b=2", "", " https://example.com/s ", "/relative",
    ]
)  # fmt: skip
DATES = st.sampled_from(
    [
        "Thu, 19 Oct 2023 23:30:00 -0500", "2024-11-01T01:30:00+03:00", "2024-11-02",
        "الخميس 19 أكتوبر 2023", "غير معروف", "", "Sun, 25 Aug 2024 09:00:00 GMT",
        "2024-13-45", "19 Oct 2023",
    ]
)  # fmt: skip


@st.composite
def _html(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(HTML_PIECES, max_size=12)))


def _wrap(value: str, cdata: bool) -> str:
    if cdata and "]]>" not in value:
        return f"<![CDATA[{value}]]>"
    return escape(value, quote=False)


@st.composite
def _rss_item(draw: st.DrawFn) -> str:
    parts: list[str] = []
    if draw(st.booleans()):
        parts.append(f"<title>{escape(draw(TEXTS), quote=False)}</title>")
    if draw(st.booleans()):
        parts.append(f"<link>{escape(draw(LINKS), quote=False)}</link>")
    if draw(st.booleans()):
        permalink = draw(st.sampled_from(["", " isPermaLink='false'", " isPermaLink='True'"]))
        parts.append(f"<guid{permalink}>{escape(draw(LINKS), quote=False)}</guid>")
    if draw(st.booleans()):
        parts.append(f"<pubDate>{escape(draw(DATES), quote=False)}</pubDate>")
    if draw(st.booleans()):
        parts.append(f"<dc:date>{escape(draw(DATES), quote=False)}</dc:date>")
    if draw(st.booleans()):
        parts.append(f"<description>{_wrap(draw(_html()), draw(st.booleans()))}</description>")
    if draw(st.booleans()):
        body = _wrap(draw(_html()), draw(st.booleans()))
        parts.append(f"<content:encoded>{body}</content:encoded>")
    if draw(st.booleans()):
        parts.append("<category>سياسة</category><author>a@b.c (كاتب)</author>")
    if draw(st.booleans()):
        parts.append("<enclosure url='https://example.com/a.mp3' type='audio/mpeg'/>")
    return "<item>" + "".join(draw(st.permutations(parts))) + "</item>"


@st.composite
def _rss_feed(draw: st.DrawFn) -> str:
    channel: list[str] = [f"<title>{escape(draw(TEXTS), quote=False)}</title>"]
    if draw(st.booleans()):
        channel.append("<image><title>صورة</title><url>https://example.com/i.png</url></image>")
    if draw(st.booleans()):
        channel.append("<atom:link href='https://example.com/rss' rel='self'/>")
    channel.extend(draw(st.lists(_rss_item(), min_size=1, max_size=3)))
    return _rss("".join(draw(st.permutations(channel))), channel="")


@st.composite
def _atom_feed(draw: st.DrawFn) -> str:
    entries: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        parts: list[str] = []
        kinds = st.sampled_from(["", " type='text'", " type='html'"])
        if draw(st.booleans()):
            parts.append(f"<title{draw(kinds)}>{_wrap(draw(_html()), False)}</title>")
        for _ in range(draw(st.integers(0, 2))):
            rel = draw(st.sampled_from(["", " rel='alternate'", " rel='self'", " rel='ALTERNATE'"]))
            kind = draw(st.sampled_from(["", " type='text/html'", " type='application/pdf'"]))
            parts.append(f"<link{rel}{kind} href='{escape(draw(LINKS))}'/>")
        if draw(st.booleans()):
            parts.append(f"<id>{escape(draw(LINKS), quote=False)}</id>")
        for name in ("published", "updated"):
            if draw(st.booleans()):
                parts.append(f"<{name}>{escape(draw(DATES), quote=False)}</{name}>")
        for name in ("summary", "content"):
            if draw(st.booleans()):
                body = _wrap(draw(_html()), draw(st.booleans()))
                parts.append(f"<{name}{draw(kinds)}>{body}</{name}>")
        if draw(st.booleans()):
            parts.append("<author><name>كاتب</name><uri>https://example.com/k</uri></author>")
        entries.append("<entry>" + "".join(draw(st.permutations(parts))) + "</entry>")
    title = escape(draw(TEXTS), quote=False)
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title>{''.join(entries)}</feed>"
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(_rss_feed(), _atom_feed()))
def test_where_the_fast_reader_reads_a_feed_feedparser_reads_the_same(text: str) -> None:
    fast, slow = _both(text)
    assert fast == slow
