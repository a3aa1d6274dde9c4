"""The search layer is pure: importing it (and the command) loads neither Textual nor Rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui.search


def test_search_modules_never_import_textual_or_rich() -> None:
    modules = sorted(f"tui.search.{m.name}" for m in pkgutil.iter_modules(tui.search.__path__))
    modules += ["tui.search", "tui.commands.search", "tui.text.normalize"]
    assert "tui.search.index" in modules  # the listing found the package's modules
    code = (
        f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.strip() == "[]"


def test_warm_up_loads_the_entity_keys_in_a_fresh_process() -> None:
    code = (
        "import sys\nfrom tui.search import warm_up\n"
        "before = 'tui.entities.gazetteer' in sys.modules\nwarm_up()\n"
        "print(before, 'tui.entities.gazetteer' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.split() == ["False", "True"]
