"""Strips from laid-out lines: styled ranges land on exactly the glyphs they cover."""

from __future__ import annotations

from rich.style import Style

from tui.app.strips import StyledRange, line_strip
from tui.text.layout import Mode, layout_paragraph

BASE = Style(color="white")
BOLD = Style(bold=True)
UNDERLINE = Style(underline=True)


def _cells(text: str, width: int, ranges: list[StyledRange]) -> list[tuple[str, Style]]:
    (line,) = layout_paragraph(text, width, Mode.APP).lines
    strip = line_strip(line, width, BASE, ranges)
    return [(ch, segment.style) for segment in strip for ch in segment.text]


def test_a_range_styles_the_cells_of_its_word_in_an_rtl_line() -> None:
    # "باب كتب" (logical 0-2 باب, 3 space, 4-6 كتب), RTL, width 7: drawn
    # ﺐﺘﻛ ﺏﺎﺑ — كتب on the left, reversed; باب on the right.
    cells = _cells("باب كتب", 7, [StyledRange(4, 7, BOLD)])
    assert "".join(ch for ch, _ in cells) == "ﺐﺘﻛ ﺏﺎﺑ"
    bold = [ch for ch, style in cells if style.bold]
    assert bold == ["ﺐ", "ﺘ", "ﻛ"]


def test_overlapping_ranges_add_their_styles_in_order() -> None:
    cells = _cells("باب كتب", 7, [StyledRange(0, 7, BOLD), StyledRange(4, 5, UNDERLINE)])
    styled = {ch: (bool(style.bold), bool(style.underline)) for ch, style in cells}
    assert styled["ﻛ"] == (True, True)  # ك (offset 4) is in both
    assert styled["ﺘ"] == (True, False)
    assert styled["ﺏ"] == (True, False)
    assert all(style.color == BASE.color for _, style in cells)


def test_a_ligature_belongs_to_an_overlapping_range_but_not_to_a_selection_from_its_alef() -> None:
    # "لا" is one glyph (ﻻ) showing offsets 0-1; a range from offset 1 overlaps it; a
    # selection starting at offset 1 starts after the glyph's first character.
    assert _cells("لا", 1, [StyledRange(1, 2, BOLD)])[0][1].bold
    assert not _cells("لا", 1, [StyledRange(1, 2, BOLD, by_start=True)])[0][1].bold
    assert _cells("لا", 1, [StyledRange(0, 1, BOLD, by_start=True)])[0][1].bold


def test_one_segment_per_run_of_one_style() -> None:
    (line,) = layout_paragraph("باب كتب دار", 11, Mode.APP).lines
    plain = list(line_strip(line, 11, BASE))
    assert len(plain) == 1
    styled = list(line_strip(line, 11, BASE, [StyledRange(4, 7, BOLD)]))
    # دار and its space | كتب | space and باب: three runs.
    assert [segment.text for segment in styled] == [
        "ﺭ\ufe8dﺩ ",
        "ﺐﺘﻛ",
        " ﺏﺎﺑ",
    ]  # ا after د: isolated ﺍ
