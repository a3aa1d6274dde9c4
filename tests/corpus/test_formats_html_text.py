"""HTML → paragraphs: block structure, furniture removal, safety on hostile markup."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.corpus.html_text import (
    HtmlTooComplex,
    drop_furniture_lines,
    html_paragraphs,
    is_furniture,
    iso_day,
    node_paragraphs,
    parse_html,
    tidy_line,
)
from tui.text.sanitize import is_safe


def test_each_block_is_a_paragraph_and_inline_markup_joins_without_spaces() -> None:
    html = "<div><p>مرحبا <b>بكم</b>في <a href='#'>الخبر</a></p><h2>عنوان فرعي</h2>نص حر</div>"
    assert html_paragraphs(html) == ["مرحبا بكمفي الخبر", "عنوان فرعي", "نص حر"]


def test_whitespace_and_entities_collapse_to_single_spaces() -> None:
    html = "<p>  وزير\n\t الخارجية&nbsp;&nbsp;الروسي &amp; نظيرته  </p>"
    assert html_paragraphs(html) == ["وزير الخارجية الروسي & نظيرته"]


def test_single_br_joins_lines_double_br_separates_paragraphs() -> None:
    html = "<p>السطر الأول<br>والسطر الثاني</p>فقرة<br> <br/>أخرى<br><br><br>ثالثة"
    assert html_paragraphs(html) == ["السطر الأول والسطر الثاني", "فقرة", "أخرى", "ثالثة"]


def test_list_items_and_table_cells_are_paragraphs() -> None:
    html = "<ul><li>أولا</li><li>ثانيا</li></ul><table><tr><td>خلية</td><td>أخرى</td></tr></table>"
    assert html_paragraphs(html) == ["أولا", "ثانيا", "خلية", "أخرى"]


@pytest.mark.parametrize(
    "furniture",
    [
        "<script>var x = '<p>سكربت</p>';</script>",
        "<style>p { color: red }</style>",
        "<!-- <p>تعليق</p> -->",
        "<nav><a>الرئيسية</a></nav>",
        "<aside>الأكثر قراءة</aside>",
        "<figure><img src=x><figcaption>صورة (رويترز)</figcaption></figure>",
        "<footer>جميع الحقوق محفوظة</footer>",
        "<form><button>اشترك</button></form>",
        "<div class='ad'>إعلان</div>",
        "<div class='top-ads-slot'>إعلان</div>",
        "<section class='related-articles'><a>مقالات ذات صلة</a></section>",
        "<div id='comments'>تعليق القارئ</div>",
        "<div class='share-tools'>شارك</div>",
        "<ul class='breadcrumbs'><li>العالم</li></ul>",
        "<div hidden>مخفي</div>",
        "<span aria-hidden='true'>مخفي</span>",
        "<div role='navigation'>روابط</div>",
        "<span class='sr-only'>لقارئ الشاشة</span>",
    ],
)
def test_page_furniture_is_left_out(furniture: str) -> None:
    assert html_paragraphs(f"<p>قبل</p>{furniture}<p>بعد</p>") == ["قبل", "بعد"]


@pytest.mark.parametrize("css_class", ["shadow", "reading", "lead", "article-body", "header-text"])
def test_class_names_that_merely_contain_ad_are_kept(css_class: str) -> None:
    assert html_paragraphs(f"<div class='{css_class}'><p>نص</p></div>") == ["نص"]


def test_the_root_is_never_judged_as_furniture() -> None:
    tree = parse_html("<div class='has-ads'><p>نص المقال</p></div>")
    node = tree.css_first("div")
    assert node is not None and is_furniture(node)
    from tui.corpus.html_text import node_paragraphs

    assert node_paragraphs(node) == ["نص المقال"]


def test_terminal_control_sequences_are_neutralised() -> None:
    html = "<p>عنوان \x1b]0;pwned\x07 و\x9b31m نص &#x1b;[2J</p>"
    (paragraph,) = html_paragraphs(html)
    assert is_safe(paragraph)
    assert "\x1b" not in paragraph and "\x9b" not in paragraph and "\x07" not in paragraph
    assert "␛]0;pwned␇" in paragraph


def test_ten_thousand_nested_elements_read_without_recursion_error() -> None:
    depth = 10_000
    html = "<div>" * depth + "<p>نص عميق</p>" + "</div>" * depth + "<p>بعده</p>"
    assert html_paragraphs(html) == ["نص عميق", "بعده"]


def test_markup_that_would_stall_the_parser_is_refused() -> None:
    with pytest.raises(HtmlTooComplex, match="nested too deeply"):
        html_paragraphs("<ul><li>بند" * 30_000)


def test_many_shallow_tags_are_not_mistaken_for_deep_nesting() -> None:
    html = "<p>فقرة <b>غامقة</b></p>" * 20_000
    assert len(html_paragraphs(html)) == 20_000


def test_tidy_line_collapses_whitespace_and_sanitises() -> None:
    assert tidy_line("  a\n\tb\u00a0 c\x1b ") == "a b c␛"


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-11-01", "2024-11-01"),
        ("2024-11-01T23:30:00-05:00", "2024-11-01"),  # the source's own day, not UTC's
        ("2024-11-01T01:30:00+03:00", "2024-11-01"),
        ("2024-11-01T09:30:00Z", "2024-11-01"),
        ("Thu, 19 Oct 2023 23:30:00 -0500", "2023-10-19"),
        ("Sun, 25 Aug 2024 09:00:00 GMT", "2024-08-25"),
        ("2024-02-30", None),
        ("الخميس 19 أكتوبر 2023", "2023-10-19"),
        ("19 تشرين الأول 2023", "2023-10-19"),
        ("غير مؤرخ", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_day(value: str | None, day: str | None) -> None:
    assert iso_day(value) == day


@given(st.text(max_size=300))
def test_any_text_in_a_paragraph_comes_out_safe_and_tidy(text: str) -> None:
    for paragraph in html_paragraphs(f"<p>{text}</p><div>{text}</div>"):
        assert paragraph and is_safe(paragraph)
        assert paragraph == paragraph.strip()
        assert "  " not in paragraph


@given(st.text(alphabet="<>/=\"' abpdivlr\x00&#;\n", max_size=400))
def test_arbitrary_markup_never_raises(html: str) -> None:
    for paragraph in html_paragraphs(html):
        assert is_safe(paragraph)


def test_lines_that_are_furniture_on_their_own_are_dropped_with_reasons() -> None:
    lines = [
        "TT",
        "نص الخبر عن فيسبوك وتويتر وغيرها من المنصات.",
        "شارك عبر فيسبوك",
        "إعلان",
        "Sorry, you need to enable JavaScript to visit this website.",
        "زر الذهاب إلى الأعلى",
        "«الشرق الأوسط» (كييف)",  # a byline is metadata, not furniture: kept
        "الخميس 19 أكتوبر 2023",  # so is a dateline
    ]
    kept, dropped = drop_furniture_lines(lines)
    assert kept == [lines[1], lines[6], lines[7]]
    assert [(line.text, line.reason) for line in dropped] == [
        ("TT", "stray-token"),
        ("شارك عبر فيسبوك", "share-buttons"),
        ("إعلان", "advertisement"),
        ("Sorry, you need to enable JavaScript to visit this website.", "javascript-warning"),
        ("زر الذهاب إلى الأعلى", "back-to-top"),
    ]


def test_a_page_wrapper_named_like_furniture_is_kept_when_it_holds_the_text() -> None:
    long_text = "نص الخبر الطويل " * 20
    html = (
        "<div class='site-layout has-sidebar with-comments'>"
        f"<div><p>{long_text}أول</p></div><div><p>{long_text}ثان</p></div>"
        "<div class='sidebar'><p>الأكثر قراءة</p></div>"
        "<div class='comments'><p>تعليق</p></div></div>"
    )
    paragraphs = html_paragraphs(html)
    assert [p[-3:] for p in paragraphs] == ["أول", "ثان"]


def test_a_related_list_with_teaser_paragraphs_is_still_dropped() -> None:
    body = "".join(f"<p>{'نص الخبر ' * 30}{n}</p>" for n in range(3))
    related = "".join(f"<p>خبر آخر {n}</p>" for n in range(10))
    html = f"<article>{body}<section class='related-stories'>{related}</section></article>"
    assert len(html_paragraphs(html)) == 3


def test_ten_thousand_nested_furniture_names_stay_fast_and_dropped() -> None:
    html = "<div class='share'>" * 10_000 + "<p>زر</p>" + "</div>" * 10_000 + "<p>نص</p>"
    assert html_paragraphs(html) == ["نص"]


@given(st.text(alphabet=st.characters(blacklist_characters="<&\x00\r"), max_size=200))
def test_plain_text_reads_as_the_parser_reads_it(text: str) -> None:
    parsed = node_paragraphs(parse_html(text).body)  # type: ignore[arg-type]
    assert html_paragraphs(text) == parsed


def test_plain_text_fragments() -> None:
    assert html_paragraphs("  سطر أول\nو سطر\tثان  ") == ["سطر أول و سطر ثان"]
    assert html_paragraphs(" \n\t ") == []
    assert html_paragraphs("a & b") == ["a & b"]  # an entity-like text: parsed
