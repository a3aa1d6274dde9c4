"""Plain paragraphs are laid out by slicing one shaped string (tui.text.plain_lines); the
result must be exactly what the general word-by-word layout gives."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.text import layout as layout_module
from tui.text import shaping, word_glyphs
from tui.text.bidi_levels import paragraph_is_rtl
from tui.text.cells import char_width, is_invisible, is_mark
from tui.text.layout import Mode
from tui.text.plain_lines import plain_lines, plain_paragraph
from tui.text.sanitize import sanitize_line

ARTICLES = Path(__file__).resolve().parents[2] / "articles"
WIDTHS = (1, 7, 20, 30, 45, 60, 80, 100, 120)


def _both_ways(text: str, width: int) -> tuple[object, object]:
    rtl = paragraph_is_rtl(text)
    plain = layout_module._plain_layout(text, width, rtl)
    return plain, layout_module._general_layout(text, width, Mode.APP, rtl)


def test_a_paragraph_with_harakat_and_a_ligature_by_hand() -> None:
    # ب + fatha, alef, ب, space, lam-alef: five glyphs; the fatha rides on the first.
    paragraph = plain_paragraph("بَاب لا")
    assert paragraph is not None
    assert paragraph.bases == "\ufe91\ufe8e\ufe8f \ufefb"
    assert paragraph.glyphs == ["\ufe91\u064e", "\ufe8e", "\ufe8f", " ", "\ufefb"]
    assert list(paragraph.bounds) == [0, 2, 3, 4, 5, 7]


def test_what_is_not_plain() -> None:
    assert plain_paragraph("لَا") is None  # a haraka between lam and alef: no ligature
    assert plain_paragraph("a\u200fb") is None  # an invisible mark
    assert plain_paragraph("中文") is None  # wide characters


def test_breaks_by_hand() -> None:
    # Words of 3, 2 and 4 columns at width 6: "aaa bb" fits (6), "cccc" goes down.
    assert plain_lines("aaa bb cccc", 6) == [(0, 6), (7, 11)]
    assert plain_lines("aaa bb cccc", 4) == [(0, 3), (4, 6), (7, 11)]
    assert plain_lines("aaa bb cccc", 2) is None  # "aaa" must be cut: the general wrap


def _seed_paragraphs() -> list[str]:
    lines = []
    for path in sorted(ARTICLES.glob("*.txt")):
        lines.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [sanitize_line(line) for line in lines if line.strip()]


def test_seed_paragraphs_lay_out_as_the_general_layout_does() -> None:
    paragraphs = _seed_paragraphs()
    plain = 0
    for text in paragraphs:
        for width in WIDTHS:
            word_glyphs.clear_cache()
            fast, general = _both_ways(text, width)
            if fast is not None:
                plain += 1
                assert fast == general, (text, width)
    # Most news paragraphs take the plain path (else this test would test little).
    assert plain > 0.6 * len(paragraphs) * len(WIDTHS)


_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءآأإؤئـ"  # letters (lam and the alefs make ligatures)
    + "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"  # harakat
    + "0123456789٠١٢٣"
    + "abcXYZ"
    + "()[]«»{}<>"
    + ".,:;!?،؛؟-“”•—…'\"/%"
)


@st.composite
def _plain_like(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.text(st.sampled_from(_ALPHABET), min_size=1, max_size=9), min_size=1))
    return " ".join(words)


@settings(max_examples=400, deadline=None)
@given(_plain_like(), st.integers(min_value=1, max_value=40))
def test_any_plain_paragraph_lays_out_as_the_general_layout_does(text: str, width: int) -> None:
    word_glyphs.clear_cache()
    fast, general = _both_ways(text, width)
    if fast is not None:
        assert fast == general


def test_one_cell_characters_are_one_cell() -> None:
    """Every character `shape_plain` takes as one glyph of its own is one column wide and
    neither a mark nor invisible (the plain layout counts one column per glyph)."""
    ranges = re.findall(r"(.)(?:-(.))?", shaping._ONE_CELL)
    checked = 0
    for low, high in ranges:
        for code in range(ord(low), ord(high or low) + 1):
            ch = chr(code)
            if unicodedata.category(ch) == "Cn":
                continue  # unassigned
            assert char_width(ch) == 1, hex(code)
            assert not is_mark(ch) and not is_invisible(ch), hex(code)
            checked += 1
    assert checked > 800
