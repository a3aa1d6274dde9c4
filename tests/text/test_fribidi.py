"""Every line the reading pane draws equals GNU FriBidi's visual output for the same words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.text.fribidi import fribidi_visual, needs_fribidi
from tui.text.layout import Mode, layout_paragraph
from tui.text.sanitize import sanitize_line

ARTICLES = Path(__file__).resolve().parents[2] / "articles"
WIDTHS = (30, 45, 60, 80, 120)


def _paragraphs() -> list[str]:
    """Every non-blank line of every shipped article, raw: a superset of what the reader
    shows (it also drops boilerplate), so every drawn paragraph is covered."""
    paragraphs = []
    for path in sorted(ARTICLES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                paragraphs.append(sanitize_line(line))
    return paragraphs


@needs_fribidi
@pytest.mark.fribidi
@pytest.mark.parametrize("width", WIDTHS)
def test_seed_lines_equal_fribidi(width: int) -> None:
    paragraphs = _paragraphs()
    assert len(paragraphs) > 150
    logical: dict[bool, list[str]] = {True: [], False: []}
    drawn: dict[bool, list[str]] = {True: [], False: []}
    for paragraph in paragraphs:
        layout = layout_paragraph(paragraph, width, Mode.APP)
        for line in layout.lines:
            logical[layout.rtl].append(paragraph[line.start : line.end])
            drawn[layout.rtl].append("".join(line.glyphs))
    assert logical[True] and logical[False]
    for rtl in (True, False):
        expected = fribidi_visual(logical[rtl], rtl)
        mismatches = [
            (src, got, want)
            for src, got, want in zip(logical[rtl], drawn[rtl], expected, strict=True)
            if got != want
        ]
        assert not mismatches, f"{len(mismatches)} lines differ, first: {mismatches[0]}"


@pytest.mark.parametrize("width", WIDTHS)
def test_seed_lines_in_logical_order_and_aligned(width: int) -> None:
    for paragraph in _paragraphs():
        layout = layout_paragraph(paragraph, width, Mode.APP)
        previous_end = 0
        for line in layout.lines:
            assert line.start >= previous_end
            # Only spaces lie between one line and the next.
            assert paragraph[previous_end : line.start].strip() == ""
            previous_end = line.end
            assert line.width <= width
            if layout.rtl:
                assert line.width == width  # one shared right edge
            else:
                assert line.indent == 0
        assert paragraph[previous_end:].strip() == ""
