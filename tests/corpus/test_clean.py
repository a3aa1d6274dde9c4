"""Cleaning rules one at a time, on small pages written for each rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus.clean import CleanPage, Reason, classify, clean_page, split_lines
from tui.text.sanitize import is_safe, sanitize_text

TITLE = "لافروف يلتقي زعيم كوريا الشمالية في بيونغ يانغ"
BODY = (
    "التقى وزير الخارجية الروسي سيرغي لافروف، الزعيم الكوري الشمالي كيم جونغ أون في"
    " بيونغ يانغ، الخميس، وفق ما أفادت خارجية موسكو في بيان."
)
BODY2 = (
    "وفي وقت سابق اليوم، ندّد لافروف، بالسياسات العسكرية «الخطيرة» للولايات المتحدة"
    " وحليفتيها اليابان وكوريا الجنوبية حيال كوريا الشمالية."
)
BODY3 = "وأكدت روسيا أن إنتاجها من القذائف قد زاد هذا العام، لتحقيق الهدف المخطط له."
CAPTION = "وزير الخارجية الروسي سيرغي لافروف لدى وصوله إلى بيونغ يانغ اليوم (رويترز)"
TEASER = "مسؤول روسي: موسكو قد تعدّل عقيدتها النووية"


def _clean(*lines: str) -> CleanPage:
    page = clean_page("\n\n".join(lines))
    assert page is not None
    return page


def _dropped(page: CleanPage) -> list[tuple[str, str]]:
    return [(line.text, line.reason) for line in page.dropped]


@pytest.mark.parametrize(
    "warning",
    [
        "Sorry, you need to enable JavaScript to visit this website.",
        "Please enable JavaScript in your browser to view this page.",
        "يرجى تفعيل جافا سكريبت في متصفحك لعرض هذه الصفحة",
    ],
)
def test_javascript_warning(warning: str) -> None:
    page = _clean(warning, TITLE, BODY)
    assert page.title == TITLE
    assert _dropped(page) == [(warning, "javascript-warning")]


@pytest.mark.parametrize("token", ["TT", "|", "•", "* * *", "--"])
def test_stray_tokens(token: str) -> None:
    page = _clean(TITLE, token, BODY)
    assert page.paragraphs == (BODY,)
    assert _dropped(page) == [(token, "stray-token")]


def test_short_arabic_line_is_not_a_stray_token() -> None:
    assert classify("غزة").reason is None


def test_caption_twice_in_a_row_and_headline_repeated() -> None:
    page = clean_page(f"{TITLE}\n{CAPTION}\n{CAPTION}\nTT\n\n{TITLE}\n\n{CAPTION}\n\n{BODY}")
    assert page is not None
    assert page.title == TITLE
    assert page.paragraphs == (CAPTION, BODY)
    assert [reason for _, reason in _dropped(page)] == [
        "repeated-line",
        "stray-token",
        "repeated-line",
        "repeated-line",
    ]


def test_related_list_drops_teasers_and_takes_source_from_bylines() -> None:
    page = _clean(
        TITLE,
        BODY,
        "مقالات ذات صلة",
        TEASER,
        "أوروبا نائب وزير الخارجية الروسي سيرغي ريابكوف (رويترز)",
        "قال نائب وزير الخارجية الروسي إن روسيا ستجري تعديلات على عقيدتها النووية.",
        "«الشرق الأوسط» (موسكو)",
    )
    assert page.paragraphs == (BODY,)
    assert {reason for _, reason in _dropped(page)} == {"related-articles"}
    assert len(page.dropped) == 5
    assert page.source == "الشرق الأوسط"


def test_appended_article_after_teasers_is_other_article() -> None:
    second = "زيلينسكي يطلب ضوءاً أخضر أميركياً لشن ضربات أعمق في روسيا"
    page = clean_page(
        "\n\n".join([TITLE, BODY, "مقالات ذات صلة", TEASER, BODY3, second])
        + f"\n\n{CAPTION}\n{CAPTION}\nTT\n\n{BODY2}"
    )
    assert page is not None
    assert page.paragraphs == (BODY,)
    assert _dropped(page)[-5:] == [
        (second, "other-article"),
        (CAPTION, "other-article"),
        (CAPTION, "other-article"),
        ("TT", "other-article"),
        (BODY2, "other-article"),
    ]
    assert (TEASER, "related-articles") in _dropped(page)


def test_read_more_followed_by_body_drops_only_the_marker() -> None:
    residue = "يحتوي هذا القسم على المقلات ذات صلة, الموضوعة في (Related Nodes field)"
    page = _clean(TITLE, BODY, "اقرأ المزيد", residue, BODY2, "اقرأ المزيد", "المزيد من دوليات")
    assert page.paragraphs == (BODY, BODY2)
    assert _dropped(page) == [
        ("اقرأ المزيد", "related-articles"),
        (residue, "related-articles"),
        ("اقرأ المزيد", "related-articles"),
        ("المزيد من دوليات", "related-articles"),
    ]


def test_read_also_mid_article_drops_the_linked_headline_only() -> None:
    page = _clean(TITLE, BODY, "اقرأ أيضاً:", TEASER, BODY2, BODY3)
    assert page.paragraphs == (BODY, BODY2, BODY3)
    assert _dropped(page) == [("اقرأ أيضاً:", "related-articles"), (TEASER, "related-articles")]


def test_inline_read_also_link_is_one_dropped_line() -> None:
    link = f"إقرأ ايضا: {TEASER}"
    page = _clean(TITLE, BODY, link, BODY2)
    assert page.paragraphs == (BODY, BODY2)
    assert _dropped(page) == [(link, "related-articles")]


def test_read_also_after_the_tags_drops_the_rest() -> None:
    tags = "كلمات دلالية: روسيا كوريا الشمالية لافروف"
    page = _clean(TITLE, BODY, tags, "إقرأ أيضاً:", TEASER, BODY2, BODY3)
    assert page.paragraphs == (BODY,)
    assert _dropped(page)[0] == (tags, "tags")
    assert [reason for _, reason in _dropped(page)[1:]] == ["related-articles"] * 4


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("زر الذهاب إلى الأعلى", "back-to-top"),
        ("العودة إلى الأعلى", "back-to-top"),
        ("Back to top", "back-to-top"),
        ("ملخص", "label"),
        ("إعلان", "advertisement"),
        ("شارك فيسبوك تويتر واتساب", "share-buttons"),
        ("Share on Facebook Twitter", "share-buttons"),
        ("View this post on Instagram", "social-embed"),
        ("pic.twitter.com/J08t5Fsm5S", "social-embed"),
        ("We use cookies to improve your experience. Accept all cookies", "cookie-notice"),
        ("الوسوم: روسيا، أوكرانيا", "tags"),
        ("Tags: Russia, Ukraine", "tags"),
    ],
)
def test_furniture_lines(line: str, reason: str) -> None:
    assert classify(line).reason == reason
    page = _clean(TITLE, BODY, line, BODY2)
    assert page.paragraphs == (BODY, BODY2)
    assert _dropped(page) == [(line, reason)]


@pytest.mark.parametrize(
    "line",
    [
        "«أكثر من ألف حاوية»",  # a subheading in quotes, not a byline
        "الدعم الكوري الشمالي لموسكو في الحرب الأوكرانية",
        "نشر في وقت سابق من هذا الشهر تقرير عن المحادثات بين البلدين.",
        # Long sentences that mention boilerplate words are body text.
        "وقالت الوزارة إن الملفات ذات صلة بالقضية أحيلت إلى المحكمة العليا في العاصمة"
        " بعد أسابيع من التحقيقات التي شملت عشرات الشهود والخبراء.",
        "وأضاف المتحدث أن الموقع يستخدم تقنية JavaScript لعرض الخرائط التفاعلية للقراء"
        " الذين يتابعون تطورات الوضع الميداني على مدار الساعة في مختلف المناطق الحدودية.",
    ],
)
def test_body_lines_are_kept(line: str) -> None:
    assert classify(line).reason is None
    page = _clean(TITLE, BODY, line)
    assert page.paragraphs == (BODY, line)


def test_section_label_only_above_the_title() -> None:
    page = _clean("اخبار سياسية", TITLE, BODY, "أوروبا", BODY2)
    assert page.title == TITLE
    assert page.paragraphs == (BODY, "أوروبا", BODY2)
    assert _dropped(page) == [("اخبار سياسية", "section-label")]


def test_source_line_byline_and_precedence() -> None:
    page = _clean(TITLE, "«الشرق الأوسط» (لندن)", BODY)
    assert page.source == "الشرق الأوسط"
    assert _dropped(page) == [("«الشرق الأوسط» (لندن)", "byline")]
    page = _clean(TITLE, "«الشرق الأوسط» (لندن)", BODY, "المصدر: وكالة الأنباء")
    assert page.source == "وكالة الأنباء"
    assert page.paragraphs == (BODY,)


def test_source_label_glued_to_a_sentence_is_split_off() -> None:
    page = _clean(TITLE, f"{BODY}المصدر: موقع 24")
    assert page.paragraphs == (BODY,)
    assert page.source == "موقع 24"
    assert _dropped(page) == [("المصدر: موقع 24", "source")]


def test_tweet_attribution_glued_to_next_sentence_is_split() -> None:
    tweet = "Lavrov is being greeted in North Korea like a pop star. pic.twitter.com/J08t5Fsm5S"
    attribution = "— NEXTA (@nexta_tv) October 18, 2023"
    page = _clean(TITLE, BODY, tweet, attribution + BODY2)
    assert page.paragraphs == (
        BODY,
        "Lavrov is being greeted in North Korea like a pop star.",
        attribution,
        BODY2,
    )
    assert _dropped(page) == [("pic.twitter.com/J08t5Fsm5S", "social-embed")]


def test_date_line_is_metadata_and_first_one_wins() -> None:
    page = _clean(TITLE, "تاريخ النشر: 19th, October 2023 GMT", "آخر تحديث: 20/10/2023", BODY)
    assert (page.date, page.published) == ("19th, October 2023 GMT", "2023-10-19")
    assert [reason for _, reason in _dropped(page)] == ["date", "date"]
    assert page.paragraphs == (BODY,)


def test_date_above_the_title() -> None:
    page = _clean("الخميس 19 أكتوبر 2023", TITLE, BODY)
    assert page.title == TITLE
    assert page.published == "2023-10-19"


def test_url_line() -> None:
    page = _clean(TITLE, "URL: https://example.com/news/1", BODY)
    assert page.url == "https://example.com/news/1"
    assert page.paragraphs == (BODY,)


def test_long_first_line_gives_a_clipped_title_and_stays_a_paragraph() -> None:
    long_line = " ".join([BODY, BODY2])
    page = _clean(long_line, BODY3)
    assert page.title == " ".join(long_line.split()[:12]) + "…"
    assert page.paragraphs == (long_line, BODY3)


@pytest.mark.parametrize(
    "text",
    ["", "\n\n  \n", "Sorry, you need to enable JavaScript to visit this website.\nTT\n"],
)
def test_nothing_but_boilerplate(text: str) -> None:
    assert clean_page(text) is None


def test_crlf_and_cr_line_ends() -> None:
    page = clean_page(f"{TITLE}\r\n\r\n{BODY}\r{BODY2}\r\n")
    assert page is not None
    assert page.paragraphs == (BODY, BODY2)


def test_terminal_control_sequences_are_neutralised() -> None:
    page = clean_page(f"\x1b]0;owned\x07{TITLE}\n\nنص \x1b[2J\x9b31m خطير\x00.")
    assert page is not None
    assert page.title == f"␛]0;owned␇{TITLE}"
    assert page.paragraphs == ("نص ␛[2J\ufffd31m خطير␀.",)


def test_split_lines_trims_and_skips_blank_lines() -> None:
    assert split_lines(f"  {TITLE}  \n\n\t\n  • {BODY}") == [TITLE, f"• {BODY}"]


def test_reasons_are_the_documented_strings() -> None:
    assert Reason.STRAY == "stray-token"
    assert Reason.RELATED == "related-articles"


LINES = st.sampled_from(
    [
        TITLE,
        BODY,
        BODY2,
        BODY3,
        CAPTION,
        TEASER,
        "TT",
        "مقالات ذات صلة",
        "اقرأ أيضاً:",
        "اقرأ المزيد",
        "«الشرق الأوسط» (موسكو)",
        "تاريخ النشر: 19th, October 2023 GMT",
        "المصدر: موقع 24",
        "— NEXTA (@nexta_tv) October 18, 2023",
        "زر الذهاب إلى الأعلى",
        "\x1b[31m",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES | st.text(max_size=40), max_size=25))
def test_cleaning_never_rewrites_and_never_leaks_controls(lines: list[str]) -> None:
    text = "\n".join(lines)
    page = clean_page(text)
    if page is None:
        return
    safe = sanitize_text(text)
    for paragraph in page.paragraphs:
        assert paragraph in safe
        assert is_safe(paragraph)
        assert paragraph == paragraph.strip() and paragraph
    assert is_safe(page.title)
    assert all(is_safe(line.text) for line in page.dropped)
