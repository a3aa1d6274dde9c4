"""The layout module on hand-checked cases: shaping, wrapping, reordering, alignment, maps."""

from __future__ import annotations

import unicodedata

from tui.text.layout import ELLIPSIS, Mode, fit_line, layout_paragraph

# Presentation forms used below (checked against the Unicode charts):
# ﻻ U+FEFB lam-alef isolated; ﻝ U+FEDD lam isolated; ﺏ U+FE8F beh isolated.


def visual(text: str, width: int = 80, mode: Mode = Mode.APP) -> list[str]:
    return ["".join(line.glyphs) for line in layout_paragraph(text, width, mode).lines]


def test_lam_alef_is_one_cell() -> None:
    (line,) = layout_paragraph("لا", 10).lines
    assert line.glyphs == ("\ufefb",)
    assert line.widths == (1,)
    assert (line.starts, line.ends) == ((0,), (2,))


def test_harakat_take_no_column_and_follow_their_letter() -> None:
    # مَرْحَبًا: meem fatha, reh sukun, hah fatha, beh fathatan, alef.
    (line,) = layout_paragraph("مَرْحَبًا", 20).lines
    assert sum(line.widths) == 5
    # Visual order is right to left: alef first, then beh with its fathatan, …
    assert line.glyphs == ("\ufe8e", "\ufe92\u064b", "\ufea3\u064e", "\ufeae\u0652", "\ufee3\u064e")
    assert line.indent == 15


def test_allah_ligature_is_not_produced() -> None:
    (line,) = layout_paragraph("الله", 10).lines
    assert "\ufdf2" not in "".join(line.glyphs)
    assert len(line.glyphs) == 4


def test_brackets_and_guillemets_are_mirrored_in_rtl() -> None:
    # Logical "(أ ف ب)": the opening parenthesis comes first, so it is drawn rightmost,
    # as "(" mirrored... which a reader of RTL text sees as the opening bracket.
    assert visual("(أ ف ب)") == ["(\ufe8f \ufed1 \ufe83)"]
    assert visual("«نص»") == ["«\ufeba\ufee7»"]


def test_numbers_keep_their_order_inside_arabic() -> None:
    assert visual("2.5 مليون") == ["\ufee5\ufeee\ufef4\ufee0\ufee3 2.5"]


def test_latin_run_inside_arabic_keeps_its_order() -> None:
    line = visual("قال Financial Times أمس")[0]
    assert "Financial Times" in line
    assert line.index("Financial") < line.index("Times")


def test_rtl_paragraph_right_aligned_ltr_left_aligned() -> None:
    (rtl,) = layout_paragraph("مرحبا", 12).lines
    (ltr,) = layout_paragraph("hello", 12).lines
    assert rtl.indent == 7 and rtl.width == 12 and rtl.rtl
    assert ltr.indent == 0 and ltr.width == 5 and not ltr.rtl


def test_wrapped_line_starting_with_latin_stays_rtl() -> None:
    text = "نشرت صحيفة Financial Times تقريرا"
    layout = layout_paragraph(text, 12)
    assert layout.rtl
    starts_latin = [line for line in layout.lines if text[line.start].isascii()]
    assert starts_latin, "expected a line that starts with a Latin word"
    for line in layout.lines:
        assert line.rtl and line.width == 12


def test_wrap_happens_in_logical_order() -> None:
    # The first line holds the first words of the sentence.
    text = "واحد اثنان ثلاثة أربعة خمسة"
    layout = layout_paragraph(text, 12)
    assert [text[line.start : line.end] for line in layout.lines] == [
        "واحد اثنان",
        "ثلاثة أربعة",
        "خمسة",
    ]


def test_long_word_is_cut_never_overflows() -> None:
    word = "ب" * 25
    lines = layout_paragraph(word, 10).lines
    assert [sum(line.widths) for line in lines] == [10, 10, 5]
    # Each piece is drawn on its own line, so it is shaped on its own: ends are isolated
    # from the next piece (beh final form U+FE90 at the logical end of a piece).
    assert lines[0].glyphs[0] == "\ufe90"


def test_bidi_controls_are_honoured_not_drawn() -> None:
    controls = (
        "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200d\u200c"
    )
    text = "abc \u2067قال\u2069 def" + controls
    drawn = "".join(g for line in layout_paragraph(text, 40).lines for g in line.glyphs)
    assert not any(unicodedata.category(ch) == "Cf" for ch in drawn)
    # The RLI…PDI isolate keeps "قال" one RTL run inside an LTR line.
    assert drawn.startswith("abc ") and drawn.endswith(" def")


def test_rlm_between_latin_runs_separates_them() -> None:
    # In an RTL paragraph, "ab RLM cd": the RLM is an RTL character between two LTR runs,
    # so the runs are reordered as separate runs: "cd" then "ab" from left to right.
    (line,) = layout_paragraph("ab\u200fcd", 10, rtl=True).lines
    assert "".join(line.glyphs) == "cdab"


def test_terminal_mode_is_logical_and_unshaped() -> None:
    text = "قال لافروف (أ ف ب) 2.5"
    layout = layout_paragraph(text, 80, Mode.TERMINAL)
    (line,) = layout.lines
    assert "".join(line.glyphs) == text
    assert line.indent == 0


def test_maps_between_offsets_and_columns() -> None:
    text = "قال Lavrov اليوم"
    (line,) = layout_paragraph(text, 20).lines
    # "Lavrov" occupies offsets 4..10 and sits in the middle of the line, left to right.
    columns = [line.column_of(offset) for offset in range(4, 10)]
    assert columns == sorted(columns) and columns[-1] - columns[0] == 5
    for offset, column in zip(range(4, 10), columns, strict=True):
        assert column is not None
        assert line.offset_at(column) == offset
    # The first Arabic letter is drawn rightmost (last column).
    assert line.column_of(0) == 19
    assert line.offset_at(0) is None  # padding
    assert line.spans(4, 10) == [(columns[0], columns[-1] + 1)]


def test_span_across_a_line_break() -> None:
    text = "واحد اثنان ثلاثة"
    layout = layout_paragraph(text, 11)
    start, end = text.index("اثنان"), text.index("ثلاثة") + 5
    pieces = layout.spans(start, end)
    assert {piece[0] for piece in pieces} == {0, 1}


def test_fit_line_puts_the_ellipsis_at_the_end_of_reading() -> None:
    rtl = fit_line("لافروف يلتقي زعيم كوريا الشمالية في بيونغ يانغ", 20)
    # Cut at the glyph that no longer fits: the line is full, the ellipsis leftmost.
    assert rtl.width == 20 and rtl.glyphs[0] == ELLIPSIS and rtl.indent == 0
    assert rtl.glyphs[-1] == "\ufefb"  # the title's first letters (ﻻ of لافروف), rightmost
    ltr = fit_line("Lavrov is being greeted in North Korea", 20)
    assert ltr.glyphs[-1] == ELLIPSIS and ltr.width <= 20
    short = fit_line("قصير", 20)
    assert ELLIPSIS not in short.glyphs and short.width == 20


def test_unchanged_paragraph_is_cached() -> None:
    text = "فقرة لم تتغير"
    assert layout_paragraph(text, 30) is layout_paragraph(text, 30)


def test_degenerate_inputs_never_raise() -> None:
    for text in ("", "   ", "\u064b\u064e\u0651", "ب" * 10_000, "\x1b]0;x\x07", "\ud800"):
        for width in (1, 2, 80):
            layout = layout_paragraph(text, width)
            for line in layout.lines:
                assert line.width <= max(width, 1)
