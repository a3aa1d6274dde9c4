"""The five shipped pages: title, date and source of each; which lines go and why; nothing lost.

Expected values were read off the seed files by hand (line numbers below are the files').
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tui.corpus.article import Article
from tui.corpus.decode import decode_bytes
from tui.corpus.formats import Source
from tui.corpus.formats.txt import parse
from tui.text.sanitize import is_safe

ARTICLES = Path(__file__).resolve().parents[2] / "articles"
SEEDS = {path.name[:3]: path for path in sorted(ARTICLES.glob("*.txt"))}


def _article(seed: str) -> Article:
    data = SEEDS[seed].read_bytes()
    text, encoding = decode_bytes(data)
    (article,) = parse(Source(str(SEEDS[seed]), data, text, encoding))
    return article


def _raw_lines(seed: str) -> list[str]:
    return [line.strip() for line in SEEDS[seed].read_text(encoding="utf-8").split("\n")]


def _reasons(article: Article) -> Counter[str]:
    return Counter(line.reason for line in article.dropped)


def test_five_seeds_are_shipped() -> None:
    assert sorted(SEEDS) == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize(
    ("seed", "title", "date", "published", "source"),
    [
        ("000", "كوريا الشمالية: لن نترك روسيا حتى تحقيق النصر في أوكرانيا", None, None, None),
        ("001", "لافروف يلتقي زعيم كوريا الشمالية في بيونغ يانغ", None, None, "الشرق الأوسط"),
        (
            "002",
            "لافروف يشكر كوريا الشمالية على دعمها روسيا ضد أوكرانيا",
            "19th, October 2023 GMT",
            "2023-10-19",
            "موقع 24",
        ),
        ("003", "موسكو تعلن عن محادثات «استراتيجية» مع كوريا الشمالية", None, None, "الشرق الأوسط"),
        (
            "004",
            "لافروف يوجه تحذيراً لواشنطن وحلفائها من إحداث تهديدات أمنية لروسيا وكوريا الشمالية",
            None,
            None,
            None,
        ),
    ],
)
def test_title_date_source(
    seed: str, title: str, date: str | None, published: str | None, source: str | None
) -> None:
    article = _article(seed)
    assert article.title == title
    assert article.date == date
    assert article.published == published
    assert article.source == source
    assert article.encoding == "utf-8"
    assert article.format == "txt"


def test_000_javascript_warning_labels_and_read_more() -> None:
    article = _article("000")
    assert [(d.text, d.reason) for d in article.dropped] == [
        ("Sorry, you need to enable JavaScript to visit this website.", "javascript-warning"),
        ("ملخص", "label"),
        ("اقرأ المزيد", "related-articles"),
        (
            "يحتوي هذا القسم على المقلات ذات صلة, الموضوعة في (Related Nodes field)",
            "related-articles",
        ),
        ("اقرأ المزيد", "related-articles"),
        ("المزيد من دوليات", "related-articles"),
    ]
    # Lines 5-37 and 43-47: the body goes on after the empty "read more" widget.
    assert len(article.paragraphs) == 19
    assert article.paragraphs[0].startswith("لافروف قال إن واشنطن وموسكو")
    assert article.paragraphs[1].endswith("تشوي سون هوي (أ ف ب)")
    assert article.paragraphs[16].startswith("وفي سبتمبر (أيلول)، قالت مجموعة")
    assert article.paragraphs[-1].startswith("من جانبه، يعتبر الرئيس الروسي")


def test_001_captions_once_related_teasers_and_appended_article_dropped() -> None:
    article = _article("001")
    caption = (
        "الزعيم الكوري الشمالي كيم جونغ أون يصافح وزير الخارجية الروسي سيرغي لافروف"
        " خلال اجتماع في بيونغ يانغ(رويترز)"
    )
    # Line 3 kept; its copies on lines 4, 9 and 10 and the headline on line 7 are repeats.
    assert article.paragraphs[0] == caption
    assert [d.text for d in article.dropped[:5]] == [
        caption,
        "TT",
        "لافروف يلتقي زعيم كوريا الشمالية في بيونغ يانغ",
        caption,
        caption,
    ]
    assert [d.reason for d in article.dropped[:5]] == [
        "repeated-line",
        "stray-token",
        "repeated-line",
        "repeated-line",
        "repeated-line",
    ]
    # Lines 73-110: the marker and 20 teaser lines; lines 112-141: the appended article.
    assert _reasons(article) == Counter(
        {"repeated-line": 4, "stray-token": 1, "related-articles": 21, "other-article": 17}
    )
    assert article.dropped[5].text == "مقالات ذات صلة"
    other = [d.text for d in article.dropped if d.reason == "other-article"]
    assert other[0] == "زيلينسكي يطلب ضوءاً أخضر أميركياً لشن ضربات أعمق في روسيا"
    assert other[-1].startswith("وقالت وزيرة الاقتصاد يوليا سفيريدينكو")
    # Caption + the 30 non-blank lines 12-70, subheadings «…» included.
    assert len(article.paragraphs) == 31
    assert "«أكثر من ألف حاوية»" in article.paragraphs
    assert "«الأولوية الأولى»" in article.paragraphs
    assert article.paragraphs[-1].startswith("وذكرت وكالة «يونهاب» الكورية الجنوبية")
    assert not any("زيلينسكي" in paragraph for paragraph in article.paragraphs)


def test_002_tweets_kept_links_dropped_glued_lines_split() -> None:
    article = _article("002")
    paragraphs = article.paragraphs
    assert paragraphs[3].startswith("Lavrov is being greeted in North Korea like a pop star")
    assert paragraphs[3].endswith("waves his hand to welcome Putin's horse.")
    # Line 7: the attribution and the Arabic sentence glued to it become two paragraphs.
    assert paragraphs[4] == "— NEXTA (@nexta_tv) October 18, 2023"
    assert paragraphs[5].startswith("وخلال اجتماع مع نظيرته الكورية الشمالية تشوي سون هوي")
    assert paragraphs[5].endswith('بلغت مستوى إستراتيجياً جديداً نوعياً".')
    assert paragraphs[8:11] == (
        "Sergey Lavrov pays tribute to Kim Il Sung and Kim Jong Il",
        "The Russian Foreign Minister laid flowers at the monuments to the North Korean"
        " leaders in a solemn ceremony in Pyongyang on Thursday.",
        "???? © Russian MFA#Russia | #NorthKorea",
    )
    assert paragraphs[13].endswith("strengthen its warfighting capabilities.")
    assert paragraphs[14] == "— NBC News (@NBCNews) October 19, 2023"
    assert len(paragraphs) == 15
    assert [(d.text, d.reason) for d in article.dropped[:6]] == [
        ("تاريخ النشر: 19th, October 2023 GMT", "date"),
        ("pic.twitter.com/J08t5Fsm5S", "social-embed"),
        ("pic.twitter.com/I2HNfRa9Qv", "social-embed"),
        ("https://t.co/oqkLE9vFQt", "social-embed"),
        ("المصدر: موقع 24", "source"),
        (_raw_lines("002")[16], "tags"),
    ]
    # Line 18 "إقرأ أيضاً:" after the tags: the other story (lines 19-25) goes with it.
    assert article.dropped[6].text == "إقرأ أيضاً:"
    assert _reasons(article)["related-articles"] == 8
    assert article.dropped[7].text.startswith("المجلس الأوروبي: عقوبات جديدة ضد روسيا")


def test_003_related_teasers_and_appended_article_dropped() -> None:
    article = _article("003")
    caption = "صورة من أمام مبنى سفارة كوريا الشمالية في موسكو 30 أكتوبر 2024 (إ.ب.أ)"
    assert article.paragraphs[0] == caption
    assert len(article.paragraphs) == 9  # caption + lines 12-26
    assert article.paragraphs[-1].startswith("وصوّت المشرعون الروس بالإجماع")
    assert _reasons(article) == Counter(
        {"repeated-line": 4, "stray-token": 1, "related-articles": 22, "other-article": 12}
    )
    other = [d.text for d in article.dropped if d.reason == "other-article"]
    assert other[0] == "الولايات المتحدة ترحب بجهود الهند والصين لخفض التوترات الحدودية بينهما"


def test_004_section_label_bullets_and_back_to_top() -> None:
    article = _article("004")
    assert [(d.text, d.reason) for d in article.dropped] == [
        ("اخبار سياسية", "section-label"),
        ("مقالات ذات صلة", "related-articles"),
        ("زر الذهاب إلى الأعلى", "back-to-top"),
    ]
    assert len(article.paragraphs) == 24
    assert article.paragraphs[0] == (
        "تصريحات وتحركات ديبلوماسية مهمة حول الوضع في شبه الجزيرة الكورية وأوكرانيا"
    )
    bullets = [p for p in article.paragraphs if p.startswith("• ")]
    assert len(bullets) == 17  # every "  • " line of the file, indentation trimmed
    assert "الدعم الكوري الشمالي لموسكو في الحرب الأوكرانية" in article.paragraphs


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_nothing_is_lost_or_rewritten(seed: str) -> None:
    """Every line of the file is the title, paragraphs or dropped lines, in file order."""
    article = _article(seed)
    raw = SEEDS[seed].read_text(encoding="utf-8")
    pieces = [article.title, *article.paragraphs, *(d.text for d in article.dropped)]
    for line in _raw_lines(seed):
        rest = line
        for piece in sorted(pieces, key=len, reverse=True):
            if piece and piece in rest:
                rest = rest.replace(piece, " ", 1)
        assert rest.strip() == "", f"text of {line!r} was lost: {rest.strip()!r}"
    # Paragraphs are verbatim source text, in source order.
    positions = [raw.find(paragraph) for paragraph in article.paragraphs]
    assert -1 not in positions
    assert positions == sorted(positions)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_field_is_terminal_safe(seed: str) -> None:
    article = _article(seed)
    fields = [article.title, *article.paragraphs, article.date or "", article.source or ""]
    assert all(is_safe(text) for text in fields)
