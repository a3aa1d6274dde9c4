"""The entity layer is pure: importing and using it pulls in neither Textual nor Rich."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys, pkgutil, importlib
import tui.entities
for module in pkgutil.iter_modules(tui.entities.__path__):
    importlib.import_module(f"tui.entities.{module.name}")
from tui.entities import tag_text
tag_text("قال لافروف في موسكو.")
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(",".join(bad))
"""


def test_entities_import_no_ui_library() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
