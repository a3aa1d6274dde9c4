"""Layer boundary (as Harlequin enforces it): no pure module pulls in Textual or Rich."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import tui

REPO = Path(__file__).resolve().parents[1]
#: Packages and modules allowed to import Textual: the app layer, and the commands that
#: start it or run it for someone else.
UI_MODULES = ("tui.app", "tui.commands.read", "tui.commands.serve", "tui.serve")


def pure_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(tui.__path__, prefix="tui.")
        if not info.name.startswith(UI_MODULES) and not info.name.endswith("__main__")
    ]
    assert "tui.text.layout" in names and "tui.corpus.loader" in names
    assert "tui.entities.tagger" in names and "tui.reader_session" in names
    return names


def test_pure_modules_import_neither_textual_nor_rich() -> None:
    modules = pure_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print('\\n'.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "", f"pure layers imported: {result.stdout}"


def test_only_two_modules_import_the_text_libraries() -> None:
    """arabic_reshaper only in tui/text/shaping.py, bidi only in tui/text/bidi_levels.py."""
    owners = {"arabic_reshaper": "shaping.py", "bidi": "bidi_levels.py"}
    for path in (REPO / "tui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for library, owner in owners.items():
            pattern = rf"^\s*(?:import|from)\s+{library}\b"
            if re.search(pattern, text, re.MULTILINE):
                assert path.name == owner, f"{path} imports {library}"
