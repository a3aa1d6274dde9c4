"""Fixtures for fetch tests: a local news site and Arabic feeds and pages to serve."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest

from tests.fetch.server import NewsSite, start

SITE_NAME = "وكالة الأنباء المحلية"

#: Full articles: (slug, title, paragraphs). Each is long enough not to count as a teaser.
STORIES = (
    (
        "moscow-talks",
        "محادثات في موسكو بين روسيا وكوريا الشمالية",
        (
            "بدأت محادثات في موسكو اليوم الجمعة بين وزير الخارجية الروسي سيرغي لافروف ونظيرته"
            " الكورية الشمالية تشوي سون هوي، في ظل المخاوف من استخدام جنود بيونغ يانغ في"
            " النزاع الأوكراني.",
            "وقالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا إن الاجتماع بدأ في محطة"
            " ياروسلافسكي للقطارات في موسكو، مضيفة أن المحادثات ستتواصل في مقر الخارجية.",
            "وأكدت وزيرة الخارجية الكورية الشمالية أن بلادها ستقف بجانب روسيا حتى تحقيق النصر،"
            " وأوضحت أن بلادها تقف على الدوام بجانب رفاقها الروس.",
            "وقال حاكم منطقة ستافروبول في جنوب روسيا إن طائرة مسيرة سقطت على مستودع للنفط"
            " بالمنطقة، في ثاني هجوم من نوعه خلال يومين.",
        ),
    ),
    (
        "kyiv-front",
        "روسيا تواصل تقدمها في شرق أوكرانيا",
        (
            "أعلنت روسيا أن قواتها سيطرت على تجمعين سكنيين آخرين في شرق أوكرانيا، في حين أقر"
            " رئيس أركان الجيش الأوكراني الجنرال أولكسندر سيرسكي بأن قواته تواجه ضغوطاً.",
            "وقال سيرسكي إن الوضع صعب في مواجهة الهجوم الروسي الرئيسي، ولكن تم اتخاذ جميع"
            " القرارات اللازمة لتعزيز الدفاعات على طول خط الجبهة.",
            "ويأتي ذلك بعد أيام من إعلان كييف عن عملية عسكرية في منطقة كورسك الروسية، وهي"
            " الأولى من نوعها منذ بداية الحرب قبل أكثر من عامين ونصف العام.",
        ),
    ),
)


def story_url(site: NewsSite, slug: str) -> str:
    return site.url(f"/news/{slug}.html")


def rss(site: NewsSite, stories: tuple[tuple[str, str, tuple[str, ...]], ...] = STORIES) -> bytes:
    """An RSS 2.0 feed carrying each story's full text in ``content:encoded``."""
    items = "".join(
        f"<item><title>{escape(title)}</title><link>{story_url(site, slug)}</link>"
        f"<pubDate>Fri, 01 Nov 2024 10:0{number}:00 +0300</pubDate>"
        f"<description>{escape(paragraphs[0][:60])}</description>"
        "<content:encoded><![CDATA["
        + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        + "]]></content:encoded></item>"
        for number, (slug, title, paragraphs) in enumerate(stories)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{SITE_NAME}</title><link>{site.url('/')}</link>{items}"
        "</channel></rss>"
    ).encode()


def teaser_rss(site: NewsSite, slugs: tuple[str, ...]) -> bytes:
    """An RSS feed whose items carry only a one-line teaser of each page."""
    items = "".join(
        f"<item><title>عنوان الخبر {number}</title><link>{story_url(site, slug)}</link>"
        f"<description>موجز قصير للخبر رقم {number}.</description></item>"
        for number, slug in enumerate(slugs, 1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
        f"<channel><title>{SITE_NAME}</title>{items}</channel></rss>"
    ).encode()


def page(title: str, paragraphs: tuple[str, ...]) -> bytes:
    """A news page with furniture around the article."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8">'
        f"<title>{escape(title)} | {SITE_NAME}</title>"
        f'<meta property="og:site_name" content="{SITE_NAME}">'
        '<meta property="article:published_time" content="2024-11-01T10:00:00+03:00">'
        "</head><body><nav><a href='/'>الرئيسية</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}"
        "<div class='related'><a href='/x'>خبر آخر لا علاقة له</a></div></article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    ).encode()


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """A folder to fetch into (not yet created: the store creates it)."""
    return tmp_path / "news"


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[NewsSite]:
    """A running local news site (no proxy between it and the client)."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    news = NewsSite()
    server, thread = start(news)
    yield news
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
