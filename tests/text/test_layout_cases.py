"""The hand-checked layout cases of layout_cases.json (see README.md next to this file)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tests.text.fribidi import FRIBIDI, fribidi_visual
from tui.text.cells import text_width
from tui.text.layout import Mode, layout_paragraph

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).with_name("layout_cases.json")).read_text(encoding="utf-8")
)
KEYS = {"label", "input", "width", "mode", "expected", "known_failure"}


def test_case_file_is_well_formed() -> None:
    labels = [case["label"] for case in CASES]
    assert len(labels) == len(set(labels)), "labels must be unique"
    for case in CASES:
        assert set(case) == KEYS, case["label"]
        assert isinstance(case["input"], str) and case["input"]
        assert isinstance(case["width"], int) and case["width"] > 0
        assert case["mode"] in {mode.value for mode in Mode}
        assert isinstance(case["expected"], list) and case["expected"]
        for line in case["expected"]:
            assert text_width(line) <= case["width"], case["label"]
        assert case["known_failure"] is None or isinstance(case["known_failure"], str)


def _params() -> list[Any]:
    return [
        pytest.param(
            case,
            id=case["label"],
            marks=[pytest.mark.xfail(strict=True, reason=case["known_failure"])]
            if case["known_failure"]
            else [],
        )
        for case in CASES
    ]


@pytest.mark.parametrize("case", _params())
def test_case(case: dict[str, Any]) -> None:
    layout = layout_paragraph(case["input"], case["width"], Mode(case["mode"]))
    assert [line.text for line in layout.lines] == case["expected"]


@pytest.mark.skipif(FRIBIDI is None, reason="GNU FriBidi CLI not installed")
@pytest.mark.parametrize("case", [c for c in CASES if c["mode"] == "app"], ids=lambda c: c["label"])
def test_expected_lines_are_fribidis(case: dict[str, Any]) -> None:
    """The expected value of every app-mode case is what FriBidi draws for those words."""
    layout = layout_paragraph(case["input"], case["width"])
    logical = [case["input"][line.start : line.end] for line in layout.lines]
    reference = [
        "".join(ch for ch in line if unicodedata.category(ch) != "Cf")
        for line in fribidi_visual(logical, layout.rtl)
    ]
    assert [line.strip(" ") for line in case["expected"]] == [r.strip(" ") for r in reference]
