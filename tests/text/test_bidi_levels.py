"""The python-bidi facade: levels agree with FriBidi, and the fast paths with the full one."""

from __future__ import annotations

import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.text.fribidi import FRIBIDI
from tui.text.bidi_levels import _levels_from_python_bidi, embedding_levels, paragraph_is_rtl

SAMPLES = [
    "قال Lavrov 2.5 مليون (FT)",
    "Financial Times فاينانشال تايمز",
    "قال \u2066Lavrov\u2069 أمس",
    "abc \u202bعربي\u202c def",
    "نسبة 40% من الذخيرة ٢٠٢٤",
]


@pytest.mark.skipif(FRIBIDI is None, reason="GNU FriBidi CLI not installed")
@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("rtl", [True, False])
def test_levels_equal_fribidis(text: str, rtl: bool) -> None:
    """The levels read from python-bidi's debug output are FriBidi's (pins the format)."""
    out = subprocess.run(
        ["fribidi", "--levels", "--novisual", "--rtl" if rtl else "--ltr"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    reference = [int(level) for level in out]
    ours = list(_levels_from_python_bidi(text, rtl))
    # FriBidi gives X9-removed characters (embedding controls) levels of their own choosing;
    # only compare characters that are not removed.
    kept = [i for i, ch in enumerate(text) if ch not in "\u202a\u202b\u202c\u202d\u202e"]
    assert [ours[i] for i in kept] == [reference[i] for i in kept]


common = st.text(st.sampled_from(list("ابتثجحخ ًٌٍَُِّْ.,!?()«»-:%\"' \u0640")), min_size=1, max_size=40)
latin = st.text(st.sampled_from(list("abcXYZ 0123456789.,!?()-:%\"'")), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(common)
def test_rtl_fast_path_matches_python_bidi(text: str) -> None:
    assert embedding_levels(text, True) == _levels_from_python_bidi(text, True)


@settings(max_examples=300, deadline=None)
@given(latin)
def test_ltr_fast_path_matches_python_bidi(text: str) -> None:
    assert embedding_levels(text, False) == _levels_from_python_bidi(text, False)


def test_paragraph_direction_is_the_first_strong_character() -> None:
    assert paragraph_is_rtl("2024 قال")
    assert not paragraph_is_rtl("CNN قالت")
    assert paragraph_is_rtl("\u2066abc\u2069 قال")  # P2 skips isolates
    assert not paragraph_is_rtl("123 ...")
    assert not paragraph_is_rtl("")


#: Arabic with digits, separators and terminators (the common news line).
numbers = st.text(
    st.sampled_from(list("ابتثجحخ  ًٌٍَُِّْ٠١٢٣0123456789۱۲.,:/-+%#$٪،()«»\"'!؟")),
    min_size=1,
    max_size=40,
)
#: Latin words, digits, separators, brackets and Hebrew in Arabic.
latin_in_arabic = st.text(
    st.sampled_from(list("ابتثجحخ ً ّabcXYZ 0123٠١٢ .,:/-+%#$'\"!؟،«»<>—…\u05d0\u05d1()[]{}(()")),
    min_size=1,
    max_size=40,
)


@settings(max_examples=1200, deadline=None)
@given(numbers | latin_in_arabic)
def test_rtl_string_rules_match_python_bidi(text: str) -> None:
    """RTL lines without explicit controls: akhbar's string rules (W1–W7, N0–N2, I2) give
    the levels python-bidi's UAX #9 gives."""
    assert embedding_levels(text, True) == _levels_from_python_bidi(text, True)


def test_bracket_pairs_by_rule_n0() -> None:
    """Worked by hand from UAX #9 N0 in an RTL paragraph (level 1): a pair holding only
    Latin takes L only if the strong letter before it is L; otherwise it is R."""
    # ب (abc) def: the strong letter before "(" is Arabic, so the pair is R (level 1); the
    # spaces sit between R and R, or R and L: N2 gives them the paragraph's level.
    assert embedding_levels("ب (abc) def", True) == (1, 1, 1, 2, 2, 2, 1, 1, 2, 2, 2)
    # abc (def) ب: "c" before the pair is L, so the pair is L (level 2), and the space
    # between "c" and "(" is between two L: N1 makes it L too.
    assert embedding_levels("abc (def) ب", True) == (2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1)
    # After a Latin word, digits are L (W7), so "(12)" holds only L and is L like "c".
    assert embedding_levels("abc (12) ب", True) == (2, 2, 2, 2, 2, 2, 2, 2, 1, 1)
    # After an Arabic word, digits are AN (W2), which N0 counts as R: the pair is R.
    assert embedding_levels("ب (12) abc", True) == (1, 1, 1, 2, 2, 1, 1, 2, 2, 2)
