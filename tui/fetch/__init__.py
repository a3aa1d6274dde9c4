"""Fetching news from the web: the HTTP client, the article store, and the fetch run.

Nothing here imports Textual: `fetch_feeds` is called by `akhbar fetch` and, from a thread
worker, by the app's refresh key.
"""

from __future__ import annotations

#: Seconds to wait to connect, and between two reads of a response (``akhbar fetch --timeout``).
DEFAULT_TIMEOUT = 15.0
