"""`find_hits`: spans in the original text, for highlighting and n/N."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.search import find_hits, parse_query
from tui.search.matcher import compile_query
from tui.search.terms import MAX_WORD_CHARS, WORD_RE
from tui.text.normalize import normalize_with_map


def marked(text: str, query: str) -> list[str]:
    return [text[s:e] for s, e in find_hits(query, text)]


def test_spans_cover_the_word_with_its_clitics() -> None:
    text = "عنوان\n\nقال لافروف ولروسيا علاقات مع روسيا"
    assert marked(text, "روسيا") == ["ولروسيا", "روسيا"]


def test_spans_cover_harakat_and_tatweel_as_written() -> None:
    text = "عنوان\n\nزار رُوسِيَا وروسيـــا اليوم"
    assert marked(text, "روسيا") == ["رُوسِيَا", "وروسيـــا"]


def test_spans_cover_presentation_forms_and_start_after_invisible_marks() -> None:
    text = "ﺭﻭﺳﻴﺎ و \u200fروسيا"
    assert marked(text, "روسيا") == ["ﺭﻭﺳﻴﺎ", "روسيا"]
    assert find_hits("روسيا", text)[1] == (text.index("روسيا"), len(text))


def test_an_invisible_mark_inside_a_word_does_not_split_it() -> None:
    text = "عنوان\n\nو\u200fروسيا"
    assert marked(text, "وروسيا") == ["و\u200fروسيا"]
    assert marked(text, "روسيا") == ["و\u200fروسيا"]


def test_phrase_is_one_span_and_may_cross_a_line_break_but_not_a_paragraph() -> None:
    text = "عنوان\n\nزعيم كوريا\nالشمالية هنا\n\nكوريا\n\nالشمالية"
    spans = marked(text, '"كوريا الشمالية"')
    assert spans == ["كوريا\nالشمالية"]


def test_words_of_a_query_are_highlighted_separately_and_sorted() -> None:
    text = "لافروف في موسكو\n\nموسكو ترحب بلافروف"
    assert marked(text, "موسكو لافروف") == ["لافروف", "موسكو", "موسكو", "بلافروف"]


def test_or_highlights_both_alternatives() -> None:
    text = "عنوان\n\nبيونغ يانغ أو بيونج يانج"
    assert marked(text, "بيونغ OR بيونج") == ["بيونغ", "بيونج"]


def test_excluded_words_source_and_state_are_not_highlighted() -> None:
    text = "روسيا\n\nروسيا وأوكرانيا"
    assert marked(text, "روسيا -أوكرانيا source:رويترز is:unread") == ["روسيا", "روسيا"]
    assert find_hits("-روسيا", text) == []


def test_title_qualifier_highlights_only_the_title() -> None:
    text = "لافروف في بكين\n\nقال لافروف"
    assert find_hits("title:لافروف", text) == [(0, 6)]
    assert find_hits("title:لافروف", text, title_end=0) == []


def test_overlapping_hits_merge_into_one() -> None:
    text = "عنوان\n\nزعيم كوريا الشمالية"
    assert marked(text, 'كوريا "كوريا الشمالية"') == ["كوريا الشمالية"]


def test_guarded_word_respects_the_final_letter_as_written() -> None:
    text = "عنوان\n\nقال علي إن الحل على الطاولة وعلى"
    assert marked(text, "علي") == ["علي"]
    assert marked(text, "على") == ["على", "وعلى"]
    # ﻰ is the final presentation form of ى.
    assert marked("عنوان\n\nعلﻰ", "على") == ["علﻰ"]
    assert marked("عنوان\n\nعلﻰ", "علي") == []


def test_malformed_or_empty_query_highlights_nothing() -> None:
    assert find_hits('"روسيا', "روسيا") == []
    assert find_hits("", "روسيا") == []


def test_compiled_query_can_be_reused() -> None:
    compiled = compile_query(parse_query("روسيا"))
    assert find_hits(compiled, "روسيا") == [(0, 5)]
    assert find_hits(compiled, "x\n\nلروسيا") == [(3, 9)]


_ARABIC_TEXT = st.lists(
    st.sampled_from([*"روسياوبلكالعلىي ـَُِّ\n\u200fﻻ", "\n\n", "ﻰ"]), max_size=40
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_ARABIC_TEXT, st.text(max_size=12))
def test_spans_are_sorted_disjoint_and_in_range(text: str, query: str) -> None:
    spans = find_hits(query, text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


@settings(max_examples=400, deadline=None)
@given(_ARABIC_TEXT, st.data())
def test_every_word_of_a_text_is_found_by_searching_for_it(text: str, data: st.DataObject) -> None:
    mapped = normalize_with_map(text)
    words = [m for m in WORD_RE.finditer(mapped.text) if len(m.group()) <= MAX_WORD_CHARS]
    if not words:
        return
    match = data.draw(st.sampled_from(words))
    start, end = mapped.to_original(match.start(), match.end())
    # The word as written (harakat, tatweel, presentation forms and all) finds itself.
    assert (start, end) in find_hits(text[start:end], text)
