"""Light proclitic analysis: what a text word is indexed as, what a query word accepts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.search.terms import (
    GUARDED,
    PROTECTED,
    Analysis,
    analyze,
    decode,
    encode,
    fold,
    forms,
    prepare,
    term,
    word_patterns,
)


def finds(query_word: str, text_word: str) -> bool:
    """Whether a one-word query finds a one-word text (through the index encoding)."""
    patterns = word_patterns(prepare(query_word))
    return any(p.accepts(term(prepare(text_word))) for p in patterns)


# Each text word's analysis written out by hand: (stem, article, preposition, conjunction).
ANALYSES = [
    ("روسيا", ("روسيا", False, "", "")),
    ("وروسيا", ("روسيا", False, "", "و")),
    ("لروسيا", ("روسيا", False, "ل", "")),
    ("بروسيا", ("روسيا", False, "ب", "")),
    ("الكرملين", ("كرملين", True, "", "")),
    ("والكرملين", ("كرملين", True, "", "و")),
    ("للكرملين", ("كرملين", True, "ل", "")),
    ("وللكرملين", ("كرملين", True, "ل", "و")),
    ("بالكرملين", ("كرملين", True, "ب", "")),
    ("فالرئيس", ("رئيس", True, "", "ف")),
    ("كالعادة", ("عاده", True, "ك", "")),
    # Guards: fewer than three letters would remain.
    ("بن", ("بن", False, "", "")),
    ("كل", ("كل", False, "", "")),
    ("الله", ("الله", False, "", "")),
    ("ولد", ("ولد", False, "", "")),
    ("وهو", ("وهو", False, "", "")),
    # Guards: protected words keep their first letter.
    ("لبنان", ("لبنان", False, "", "")),
    ("ولبنان", ("لبنان", False, "", "و")),
    ("للبنان", ("لبنان", False, "ل", "")),
    ("فرنسا", ("فرنسا", False, "", "")),
    ("وفرنسا", ("فرنسا", False, "", "و")),
    ("فلسطين", ("فلسطين", False, "", "")),
    ("كوريا", ("كوريا", False, "", "")),
    ("لكوريا", ("كوريا", False, "ل", "")),
    ("واشنطن", ("واشنطن", False, "", "")),
    ("لواشنطن", ("واشنطن", False, "ل", "")),
    # Folding happens before analysis; guarded words keep a final ى.
    ("بالأمم", ("امم", True, "ب", "")),
    ("على", ("على", False, "", "")),
    ("وعلى", ("على", False, "", "و")),
    ("علي", ("علي", False, "", "")),
    ("إلى", ("الى", False, "", "")),
    ("مستوى", ("مستوي", False, "", "")),
]


@pytest.mark.parametrize(("word", "expected"), ANALYSES)
def test_analysis(word: str, expected: tuple[str, bool, str, str]) -> None:
    assert analyze(prepare(word)) == Analysis(*expected)


def test_forms_remove_outer_clitics_one_layer_at_a_time() -> None:
    assert forms(analyze(prepare("وللكرملين"))) == ["وللكرملين", "للكرملين", "الكرملين", "كرملين"]
    assert forms(analyze(prepare("بروسيا"))) == ["بروسيا", "روسيا"]
    assert forms(analyze(prepare("لبنان"))) == ["لبنان"]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("روسيا", "وروسيا"),
        ("روسيا", "لروسيا"),
        ("روسيا", "بروسيا"),
        ("روسيا", "فروسيا"),
        ("الكرملين", "والكرملين"),
        ("الكرملين", "للكرملين"),
        ("الكرملين", "بالكرملين"),
        ("كرملين", "الكرملين"),
        ("رئيس", "الرئيس"),
        ("رئيس", "والرئيس"),
        ("لبنان", "ولبنان"),
        ("لبنان", "للبنان"),
        ("فرنسا", "وفرنسا"),
        ("وزير", "ووزير"),
        ("وزير", "لوزير"),
        ("لروسيا", "ولروسيا"),
        ("أوكرانيا", "وأوكرانيا"),
        ("اوكرانيا", "لأوكرانيا"),
    ],
)
def test_query_word_finds_text_word_with_proclitics(query: str, text: str) -> None:
    assert finds(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("بنان", "لبنان"),  # لبنان is not ل + بنان
        ("لبنان", "بنان"),
        ("رنسا", "فرنسا"),
        ("سط", "فلسطين"),  # no root stemming
        ("روس", "روسيا"),  # whole words only
        ("كوري", "كوريا"),
        ("له", "الله"),
        ("ن", "بن"),
        ("ل", "كل"),
        ("وروسيا", "روسيا"),  # a clitic typed in the query must be there
        ("لروسيا", "بروسيا"),
        ("الكرملين", "كرملين"),  # so must an article typed in the query
        ("علي", "على"),  # guarded: Ali is not "on"
        ("على", "علي"),
        ("علي", "وعلى"),
        ("إلى", "آلي"),
    ],
)
def test_unrelated_words_do_not_match(query: str, text: str) -> None:
    assert not finds(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("مستوي", "مستوى"),  # not a guarded word: ى/ي fold
        ("مصطفى", "مصطفي"),
        ("إلى", "الى"),  # guarded words still fold hamza
        ("على", "عَلَى"),
        ("علي", "علی"),  # Persian yeh reads as ي
    ],
)
def test_folding_still_applies_around_guards(query: str, text: str) -> None:
    assert finds(query, text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ابتكلمنوفيىةه", min_size=1, max_size=6),
    st.sampled_from(["", "!", "!<", "~=", "!=&", "~~+", "~<&"]),
)
def test_encode_decode_round_trip(stem: str, flags: str) -> None:
    analysis = decode(fold(stem) + "|" + flags)
    assert decode(encode(analysis)) == analysis


CLITICS = [
    "",
    "و",
    "ف",
    "ب",
    "ك",
    "ل",
    "ال",
    "لل",
    "وال",
    "فال",
    "بال",
    "كال",
    "ول",
    "وب",
    "ولل",
    "فلل",
]
_STEMS = st.one_of(
    st.text(alphabet="بكلفواملنرسيىهعد", min_size=1, max_size=5),
    st.sampled_from(sorted(PROTECTED)),
    st.sampled_from(sorted(GUARDED | {"على", "الى"})),
)


def _spec_finds(query_word: str, text_word: str) -> bool:
    """The rule, stated without the encoding: the query equals one of the text word's forms
    (both folded), and if the text word's stem is guarded, both end in the same ى or ي."""
    analysis = analyze(text_word)
    guarded = fold(analysis.stem) in GUARDED
    return any(
        fold(query_word) == fold(form)
        and (not guarded or query_word.endswith("ى") == form.endswith("ى"))
        for form in forms(analysis)
    )


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(CLITICS), _STEMS, st.data())
def test_patterns_accept_exactly_the_words_whose_forms_include_the_query(
    clitic: str, stem: str, data: st.DataObject
) -> None:
    text_word = clitic + stem
    # The query: a suffix of the text word (often one of its forms), or another word.
    query_word = data.draw(
        st.one_of(
            st.integers(0, len(text_word) - 1).map(lambda i: text_word[i:]),
            st.sampled_from(CLITICS).map(lambda c: c + stem),
            _STEMS,
        )
    )
    expected = _spec_finds(query_word, text_word)
    assert finds(query_word, text_word) == expected, (query_word, text_word)
