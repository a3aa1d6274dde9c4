"""The normaliser: every folding rule of issue #6, and the offset map's invariants."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.text.normalize import normalize, normalize_with_map

# Expected outputs are written out letter by letter from the rules, not computed.
FOLDS = [
    pytest.param("أحمد", "احمد", id="alef-hamza-above"),
    pytest.param("إسلام", "اسلام", id="alef-hamza-below"),
    pytest.param("آمن", "امن", id="alef-madda"),
    pytest.param("ٱلله", "الله", id="alef-wasla"),
    pytest.param("على", "علي", id="alef-maqsura"),
    pytest.param("مدرسة", "مدرسه", id="teh-marbuta"),
    pytest.param("ایران", "ايران", id="farsi-yeh"),
    pytest.param("ېوم", "يوم", id="pashto-yeh-e"),
    pytest.param("کتاب", "كتاب", id="keheh"),
    pytest.param("خانۀ", "خانه", id="heh-with-yeh"),
    pytest.param("ہند", "هند", id="heh-goal"),
    pytest.param("ەو", "هو", id="ae"),
    pytest.param("٢٠٢٤", "2024", id="arabic-indic-digits"),
    pytest.param("۱۴۰۳", "1403", id="persian-digits"),
    pytest.param("Reuters", "reuters", id="casefold-latin"),
    pytest.param("STRASSE Straße", "strasse strasse", id="casefold-sharp-s"),
    pytest.param("مُحَمَّدٌ", "محمد", id="harakat"),
    pytest.param("رحمٰن", "رحمن", id="superscript-alef"),
    pytest.param("قالــــوا", "قالوا", id="tatweel"),
    pytest.param("الرَّحِيمِ ۝", "الرحيم ۝", id="harakat-kept-end-of-ayah-sign"),
    pytest.param("صلى\u06d6", "صلي", id="quranic-small-high-ligature"),
    pytest.param("\u0610محمد", "محمد", id="quranic-honorific-sign"),
    pytest.param("\u200fموسكو\u200e", "موسكو", id="rlm-lrm"),
    pytest.param("\u061cبيروت", "بيروت", id="arabic-letter-mark"),
    pytest.param("بي\u200cروت", "بيروت", id="zwnj"),
    pytest.param("بي\u200dروت", "بيروت", id="zwj"),
    pytest.param("بي\u200bروت", "بيروت", id="zwsp"),
    pytest.param("\u202bمصر\u202c", "مصر", id="rle-pdf"),
    pytest.param("\u2067مصر\u2069", "مصر", id="rli-pdi"),
    pytest.param("\ufeffمصر", "مصر", id="bom"),
    pytest.param("مص\u00adر", "مصر", id="soft-hyphen"),
    pytest.param("مص\u2060ر", "مصر", id="word-joiner"),
    pytest.param("ﻻ", "لا", id="nfkc-lam-alef-ligature"),
    pytest.param("ﺑﻴﺮﻭﺕ", "بيروت", id="nfkc-presentation-forms"),
    pytest.param("Ａｂｃ", "abc", id="nfkc-fullwidth"),
]


@pytest.mark.parametrize(("text", "expected"), FOLDS)
def test_each_folding_rule(text: str, expected: str) -> None:
    assert normalize(text) == expected
    assert normalize_with_map(text).text == expected


@pytest.mark.parametrize("kept", ["ؤ", "ئ", "ء", "ت", "ه", "ي", "ك", "ا", " ", "\n", "،", "؟", "-"])
def test_letters_and_punctuation_outside_the_rules_are_kept(kept: str) -> None:
    assert normalize(kept) == kept


def test_every_harakah_in_range_is_dropped() -> None:
    for code in [*range(0x064B, 0x0660), 0x0670]:
        assert normalize("ب" + chr(code) + "ت") == "بت", hex(code)


def test_map_points_each_output_char_at_its_source() -> None:
    text = "قالَ لـافروف"
    mapped = normalize_with_map(text)
    assert mapped.text == "قال لافروف"
    # ق ا ل come from 0 1 2; the fatha at 3 is dropped; the space is 4; ل at 5;
    # tatweel at 6 dropped; ا at 7 …
    assert mapped.origin[:6] == (0, 1, 2, 4, 5, 7)


def test_to_original_covers_dropped_marks_and_tatweel_after_a_word() -> None:
    text = "سلامٌ عليكمـــ"
    mapped = normalize_with_map(text)
    start = mapped.text.index("عليكم")
    assert mapped.to_original(start, start + 5) == (6, len(text))
    assert mapped.to_original(0, 4) == (0, 5)  # سلام plus its tanween


def test_to_original_of_an_expanded_ligature_covers_the_whole_ligature() -> None:
    text = "ﻻ شك"
    mapped = normalize_with_map(text)
    assert mapped.text == "لا شك"
    assert mapped.to_original(0, 1) == (0, 1)  # half of لا is still the ligature
    assert mapped.to_original(0, 2) == (0, 1)


def test_empty_text() -> None:
    mapped = normalize_with_map("")
    assert (mapped.text, mapped.origin) == ("", ())
    assert mapped.to_original(0, 0) == (0, 0)


# Characters that stress the map: Arabic letters and marks, presentation forms, format
# characters, Hangul jamo that compose across clusters, Indic spacing vowel signs,
# combining marks of every class, and anything else.
_INTERESTING = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآٱیکۀہە"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640\u06d6\u0610"
    "ﻻﺑﻴﺮﻭﺕﹰﹱﷲ٠١٢۳۴"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u2066\u2069\ufeff\u00ad\u061c"
    "\u1100\u1161\u11a8\u314f\u3131가"
    "\u0b47\u0b3e\u0b57\u09c7\u09be\u0dd9\u0dcf"
    "\u0301\u0323\u0308\U0001d165\u0345"
    "aAßﬁ²½ǅ Ω\n"
)
_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from(_INTERESTING), max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
)

# NFKC composes across what looks like a boundary between two base characters: Hangul
# jamo (also compatibility jamo), Indic two-part vowel signs, and non-starters that
# canonical ordering moves past a spacing mark.
CROSS_CLUSTER = [
    pytest.param("\u1100\u1161", id="hangul-lv"),
    pytest.param("\u1100\u1161\u11a8", id="hangul-lvt"),
    pytest.param("\u1100\u314f", id="hangul-compatibility-jamo"),
    pytest.param("\u0b47\u0b3e", id="oriya-two-part-vowel"),
    pytest.param("\u0dd9\u0dcf", id="sinhala-two-part-vowel"),
    pytest.param("a\U0001d165\u0301", id="reordered-non-starters"),
    pytest.param("ب\u0651\u064e\U0001d165", id="arabic-marks-then-spacing-mark"),
]


@pytest.mark.parametrize("text", CROSS_CLUSTER)
def test_map_agrees_when_nfkc_composes_across_clusters(text: str) -> None:
    mapped = normalize_with_map(text)
    assert mapped.text == normalize(text)
    assert all(0 <= o < len(text) for o in mapped.origin)


@settings(max_examples=600, deadline=None)
@given(_TEXT)
def test_map_text_equals_normalize(text: str) -> None:
    assert normalize_with_map(text).text == normalize(text)


@settings(max_examples=600, deadline=None)
@given(_TEXT)
def test_origin_is_monotonic_and_in_range(text: str) -> None:
    mapped = normalize_with_map(text)
    assert len(mapped.origin) == len(mapped.text)
    assert all(0 <= o < len(text) for o in mapped.origin)
    assert all(a <= b for a, b in zip(mapped.origin, mapped.origin[1:], strict=False))


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.data())
def test_to_original_spans_are_ordered_and_in_range(text: str, data: st.DataObject) -> None:
    mapped = normalize_with_map(text)
    size = len(mapped.text)
    start = data.draw(st.integers(0, size))
    end = data.draw(st.integers(start, size))
    orig_start, orig_end = mapped.to_original(start, end)
    assert 0 <= orig_start <= orig_end <= len(text)
    if start < end:
        # The original span, normalised, contains the normalised span.
        assert mapped.text[start:end] in normalize(text[orig_start:orig_end])


def test_a_span_cut_inside_a_rewritten_cluster_maps_to_all_of_it() -> None:
    # NFKC rewrites ㄱ (U+3131) to ᄀ (U+1100) and its accents follow it; the map gives the
    # whole cluster one origin, so a span ending on the first accent ends after the last.
    text = "AAAAAAㄱ\u0301\u0301"
    mapped = normalize_with_map(text)
    assert mapped.text == "aaaaaa\u1100\u0301\u0301"
    assert mapped.to_original(0, 8) == (0, 9)
    assert mapped.to_original(0, 6) == (0, 6)


# Arabic script as news writes it (letters, harakat, tatweel, presentation forms, Persian
# letters, both digit sets, invisible format characters) plus ASCII. Over arbitrary Unicode
# the fold is not idempotent (a dropped ZWSP can leave a Latin letter and a combining accent
# that NFKC now composes; casefold decomposes ΐ, which NFKC recomposes), but names and
# words normalised twice (entity keys, stored terms) are Arabic.
_ARABIC_TEXT = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x0600, 0x0700)]
        + [chr(c) for c in range(0xFE70, 0xFEFD)]
        + [chr(c) for c in range(0x20, 0x7F)]
        + list("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u2066\u2069\ufeff\u00ad")
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(_ARABIC_TEXT)
def test_normalize_is_idempotent_on_arabic_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


def test_output_has_no_format_or_harakat_characters() -> None:
    sample = "".join(_INTERESTING)
    out = normalize(sample)
    assert not any(unicodedata.category(c) == "Cf" for c in out)
    assert not any(0x064B <= ord(c) <= 0x065F or ord(c) == 0x0670 for c in out)


@pytest.mark.xfail(
    strict=True,
    reason="known: a dropped invisible character leaves a letter and a combining accent "
    "that NFKC composes on a second pass (Latin only; Arabic marks are dropped)",
)
def test_known_failure_not_idempotent_across_a_dropped_zwsp() -> None:
    once = normalize("A\u200b\u0301")
    assert normalize(once) == once
