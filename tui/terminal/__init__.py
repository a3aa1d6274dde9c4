"""Terminal plumbing: bidi mode escapes, colour depth, clipboard sequences (no Textual imports).

Everything here runs before Textual is imported (colour settings are read at import time)
or outside the app (`akhbar doctor`), so the package stays free of `textual` and `rich`.
"""

from __future__ import annotations
