"""Run GNU FriBidi's command-line tool, the reference for what a line must look like."""

from __future__ import annotations

import shutil
import subprocess

import pytest

FRIBIDI = shutil.which("fribidi")
needs_fribidi = pytest.mark.skipif(
    FRIBIDI is None and not __import__("os").environ.get("CI"),
    reason="GNU FriBidi CLI not installed (apt-get install libfribidi-bin)",
)
#: FriBidi pads lam-alef ligatures with U+FEFF ZERO WIDTH NO-BREAK SPACE; akhbar does not.
LAM_ALEF_PADDING = "\ufeff"


def fribidi_visual(lines: list[str], rtl: bool) -> list[str]:
    """Visual form of each logical line, as `fribidi --nopad --nobreak --reordernsm` gives it."""
    if not lines:
        return []
    assert FRIBIDI is not None, "fribidi is required (apt-get install libfribidi-bin)"
    for line in lines:
        assert "\n" not in line
    result = subprocess.run(
        [FRIBIDI, "--nopad", "--nobreak", "--reordernsm", "--rtl" if rtl else "--ltr"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    out = result.stdout.split("\n")
    assert out[-1] == ""
    out = out[:-1]
    assert len(out) == len(lines)
    return [line.replace(LAM_ALEF_PADDING, "") for line in out]
