"""Lay out a paragraph for a terminal: wrap in logical order, then shape and reorder each line.

Terminals such as xterm, tmux and kitty draw cells left to right and never join letters, so
in mode ``app`` this module does what a bidi-aware renderer would (UAX #9 and Arabic
shaping) and hands the widget the exact cells to draw, plus maps between logical offsets
(what search hits, entities and selections are defined on) and screen columns.

The pipeline for a paragraph of logical text:

1. Base direction: the first strong character of the whole paragraph (rules P2–P3), so a
   wrapped line that starts with a Latin word or a number still belongs to an RTL paragraph.
2. Wrap in logical order at spaces, measuring each word after shaping (a lam-alef ligature
   is one column, harakat none); a word wider than the line is cut between glyphs.
3. For each line: resolve embedding levels with the paragraph's base direction, reset
   trailing whitespace (L1), reverse runs (L2), keep every mark after its base (L3: a
   terminal draws a combining mark on the cell before it), mirror brackets and guillemets
   at odd levels (L4).
4. Right-align RTL paragraphs, left-align LTR ones.

Most news paragraphs are plain (`tui.text.plain_lines`): they take `_plain_layout`, which
does the same steps on one shaped string by slicing, with the same result (tested), instead
of a glyph object per word.

GNU FriBidi is the reference: each line equals what ``fribidi --nopad --nobreak
--reordernsm --rtl|--ltr`` prints for the same logical text (tests/text/test_fribidi.py).
Levels are resolved per line with the paragraph's direction, exactly as that command does.

Mode ``terminal`` is for terminals that do bidi themselves: logical order, unshaped,
wrapped to the width, no padding.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from tui.text.bidi_levels import (
    MIRROR_TABLE,
    bidi_class,
    mixed_levels,
    paragraph_is_rtl,
    uniform_level,
)
from tui.text.lines import Mode, ParagraphLayout, VisualLine
from tui.text.plain_lines import plain_lines, plain_paragraph
from tui.text.rule_l2 import visual_order
from tui.text.sanitize import sanitize_line
from tui.text.wrap import NOT_PLAIN, LineGlyphs, wrap

ELLIPSIS = "…"
#: Characters rule L1 resets to the paragraph level at the end of a line.
_L1_CLASSES = frozenset({"WS", "FSI", "LRI", "RLI", "PDI", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"})


__all__ = ["ELLIPSIS", "Mode", "ParagraphLayout", "VisualLine", "fit_line", "layout_paragraph"]

#: Invisible characters that hold a place in the visual order: implicit marks and isolates
#: (unlike the embedding controls and BN characters that rule X9 removes).
_UNDRAWN_ORDERED = re.compile("[\u200e\u200f\u061c\u2066-\u2069]")


#: Characters rule L4 may mirror (to skip the per-glyph check on lines without any).
_MIRRORED = re.compile("[" + "".join(re.escape(chr(c)) for c in MIRROR_TABLE) + "]")


#: A line's glyphs in visual order, as parallel tuples: texts, starts, ends, widths.
_Columns = tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def _reorder_uniform(text: str, line: LineGlyphs, level: int) -> _Columns:
    """Rules L2–L4 when every character of the line has one level: an even level keeps
    the order; an odd one reverses it and mirrors what has a mirror (L1 changes nothing:
    the uniform level is the paragraph's)."""
    if level % 2 == 0:
        return tuple(line.texts), tuple(line.starts), tuple(line.ends), tuple(line.widths)
    texts = tuple(reversed(line.texts))
    if _MIRRORED.search(text, line.start, line.end):
        texts = tuple(_mirrored(list(texts)))
    return (
        texts,
        tuple(reversed(line.starts)),
        tuple(reversed(line.ends)),
        tuple(reversed(line.widths)),
    )


def _reorder(text: str, line: LineGlyphs, rtl: bool) -> _Columns:
    """Rules L1–L4 for one line whose logical text is ``text[line.start:line.end]``."""
    logical = text[line.start : line.end]
    level = uniform_level(logical, rtl)
    if level is not None:
        return _reorder_uniform(text, line, level)
    levels = list(mixed_levels(logical, rtl))
    # L1: whitespace and isolate/embedding controls at the end of the line take the
    # paragraph level.
    k = len(levels) - 1
    while k >= 0 and bidi_class(text[line.start + k]) in _L1_CLASSES:
        levels[k] = 1 if rtl else 0
        k -= 1
    texts, starts, ends, widths = line.texts, line.starts, line.ends, line.widths
    if _UNDRAWN_ORDERED.search(text, line.start, line.end):
        # Marks (LRM, RLM, ALM) and isolate controls are never drawn, but they take part in
        # rule L2: an RLM between two LTR runs keeps the runs apart. Reorder placeholders.
        extra = [m.start() for m in _UNDRAWN_ORDERED.finditer(text, line.start, line.end)]
        merged = sorted(
            [*zip(starts, ends, texts, widths, strict=True), *((e, e + 1, "", 0) for e in extra)]
        )
        starts, ends, texts, widths = (list(column) for column in zip(*merged, strict=True))
    glyph_levels = [levels[s - line.start] for s in starts]
    order = visual_order(glyph_levels)  # L2
    # L3 holds by construction: a glyph is a base followed by its marks.
    if len(texts) != len(line.texts):
        order = [i for i in order if texts[i]]  # placeholders are not drawn
    if not order:
        return (), (), (), ()
    pick = itemgetter(*order, order[0])  # one index more: always a tuple, even for one
    visual_texts = pick(texts)[:-1]
    if _MIRRORED.search(text, line.start, line.end):
        # L4: mirror brackets, parentheses, guillemets… resolved to an odd (RTL) level. Only
        # the few glyphs holding one are looked at (NUL never reaches the layout).
        joined = "\0".join(visual_texts)
        mirrored = list(visual_texts)
        for match in _MIRRORED.finditer(joined):
            glyph = joined.count("\0", 0, match.start())
            if glyph_levels[order[glyph]] % 2:
                mirrored[glyph] = mirrored[glyph].translate(MIRROR_TABLE)
        visual_texts = tuple(mirrored)
    return visual_texts, pick(starts)[:-1], pick(ends)[:-1], pick(widths)[:-1]


def _plain_layout(text: str, width: int, rtl: bool) -> list[VisualLine] | None:
    """The lines of a plain paragraph (see `tui.text.plain_lines`), cut from its shaped
    glyph string; None if it is not one (then `wrap` and `_reorder` lay it out)."""
    if NOT_PLAIN.search(text) is not None:
        return None
    paragraph = plain_paragraph(text)
    if paragraph is None:
        return None
    breaks = plain_lines(paragraph.bases, width)
    if breaks is None:
        return None
    lines = []
    for first, end in breaks:
        glyphs, count = paragraph.glyphs[first:end], end - first
        starts, ends = paragraph.bounds[first:end], paragraph.bounds[first + 1 : end + 1]
        start, stop = starts[0], ends[-1]
        level = uniform_level(text[start:stop], rtl)
        if level is None:  # numbers or Latin in Arabic, Arabic in English: rules L1–L4
            line = LineGlyphs(
                list(glyphs), list(starts), list(ends), [1] * count, start, stop, count
            )
            columns = _reorder(text, line, rtl)
        elif level % 2:
            if _MIRRORED.search(text, start, stop):
                glyphs = _mirrored(glyphs)
            columns = (tuple(glyphs[::-1]), tuple(starts[::-1]), tuple(ends[::-1]), (1,) * count)
        else:
            columns = (tuple(glyphs), tuple(starts), tuple(ends), (1,) * count)
        indent = max(0, width - count) if rtl else 0
        lines.append(VisualLine(*columns, indent, start, stop, rtl))
    return lines


def _mirrored(glyphs: str | list[str]) -> str | list[str]:
    """Rule L4 for glyphs all at an odd level (only a glyph's base can have a mirror)."""
    if isinstance(glyphs, str):  # one character per glyph
        return glyphs.translate(MIRROR_TABLE)
    # (NUL never reaches the layout: see sanitize.)
    return "\0".join(glyphs).translate(MIRROR_TABLE).split("\0")


@lru_cache(maxsize=8192)
def layout_paragraph(
    text: str, width: int, mode: Mode = Mode.APP, rtl: bool | None = None
) -> ParagraphLayout:
    """Lay out one paragraph of logical text at *width* columns.

    Args:
        text: the paragraph (one logical line; control characters are made inert here too).
        width: the number of columns available (at least 1). A single glyph wider than
            the width (a CJK character at width 1) is still drawn, overflowing.
        mode: ``app`` to shape and reorder, ``terminal`` to leave that to the terminal.
        rtl: force the base direction; by default the paragraph's first strong character.

    Returns:
        The paragraph's lines, cached by (text, width, mode, rtl): an unchanged paragraph
        costs nothing to lay out again.
    """
    width = max(1, width)
    text = sanitize_line(text)
    is_rtl = paragraph_is_rtl(text) if rtl is None else rtl
    plain = _plain_layout(text, width, is_rtl) if mode is Mode.APP and text else None
    lines = _general_layout(text, width, mode, is_rtl) if plain is None else plain
    return ParagraphLayout(text, width, mode, is_rtl, tuple(lines))


def _general_layout(text: str, width: int, mode: Mode, rtl: bool) -> list[VisualLine]:
    """Any paragraph's lines: wrapped word by word (`wrap`), then reordered (`_reorder`)."""
    app = mode is Mode.APP
    lines = []
    for line in wrap(text, width, mode):
        if app:
            glyphs, starts, ends, widths = _reorder(text, line, rtl)
        else:
            glyphs, starts, ends = tuple(line.texts), tuple(line.starts), tuple(line.ends)
            widths = tuple(line.widths)
        indent = max(0, width - line.width) if (app and rtl) else 0
        lines.append(VisualLine(glyphs, starts, ends, widths, indent, line.start, line.end, rtl))
    return lines


def fit_line(text: str, width: int, mode: Mode = Mode.APP, rtl: bool | None = None) -> VisualLine:
    """*text* on one line of *width* columns, cut with an ellipsis if it does not fit.

    The text is cut at the glyph where it stops fitting (in logical order, so the start of
    the title shows) and the ellipsis goes where the reading direction ends: on the left of
    an RTL line, on the right of an LTR one (in ``terminal`` mode at the logical end, where
    the terminal will place it). The ellipsis maps to the logical offset of the cut.
    """
    width = max(1, width)
    is_rtl = paragraph_is_rtl(sanitize_line(text)) if rtl is None else rtl
    whole = layout_paragraph(text, max(width, 2 * len(text) + 2), mode, is_rtl)
    if not whole.lines:
        return VisualLine((), (), (), (), 0, 0, 0, is_rtl)
    (line,) = whole.lines
    if sum(line.widths) <= width:
        return layout_paragraph(text, width, mode, is_rtl).lines[0]
    # Longest logical prefix that leaves a column for the ellipsis.
    used, cut = 0, 0
    for _start, end, glyph_width in sorted(zip(line.starts, line.ends, line.widths, strict=True)):
        if used + glyph_width > width - 1:
            break
        used, cut = used + glyph_width, end
    prefix = text[:cut].rstrip()
    kept = layout_paragraph(prefix, width, mode, is_rtl).lines if prefix else ()
    body = kept[0] if kept else VisualLine((), (), (), (), 0, 0, 0, is_rtl)
    at_left = is_rtl and mode is Mode.APP
    glyphs = (ELLIPSIS, *body.glyphs) if at_left else (*body.glyphs, ELLIPSIS)
    starts = (cut, *body.starts) if at_left else (*body.starts, cut)
    ends = (len(text), *body.ends) if at_left else (*body.ends, len(text))
    widths = (1, *body.widths) if at_left else (*body.widths, 1)
    indent = max(0, width - sum(widths)) if at_left else 0
    return VisualLine(glyphs, starts, ends, widths, indent, 0, len(text), is_rtl)
