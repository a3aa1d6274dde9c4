"""Arabic-aware search: query language, matching, highlighting, and the SQLite FTS5 index.

The API the rest of akhbar calls:

- `parse_query(text) -> Query`, raising `QueryError` (``message``, ``position``, ``code``);
- `find_hits(query, text) -> list[tuple[int, int]]`: spans of an article's ``text`` to
  highlight, in original offsets;
- `refresh_index(roots, headers)` in a worker, then `open_searcher(roots)` whose
  ``search(text, read=..., bookmarked=...)`` returns a `SearchResult` (rows of header,
  score and hit count, the total, or the error to show); `memory_searcher(articles)` for a
  small corpus;
- `warm_up()` in a worker at start-up, so the first ``person:`` keystroke is quick;
- `search_help(lang)`: the query language explained for the help screen.

Nothing here imports Textual or Rich.
"""

from __future__ import annotations

from tui.search.help import SEARCH_HELP_AR, SEARCH_HELP_EN, error_message, search_help
from tui.search.highlight import find_hits
from tui.search.index import IndexUnavailable, SearchIndex, SyncReport, index_path
from tui.search.memory import MemorySearcher
from tui.search.query import Field, Flag, Query, QueryError, parse_query
from tui.search.result import SearchResult, SearchRow
from tui.search.searcher import IndexSearcher
from tui.search.service import (
    MEMORY_LIMIT,
    memory_searcher,
    open_searcher,
    refresh_index,
    warm_up,
)

__all__ = [
    "MEMORY_LIMIT",
    "SEARCH_HELP_AR",
    "SEARCH_HELP_EN",
    "Field",
    "Flag",
    "IndexSearcher",
    "IndexUnavailable",
    "MemorySearcher",
    "Query",
    "QueryError",
    "SearchIndex",
    "SearchResult",
    "SearchRow",
    "SyncReport",
    "error_message",
    "find_hits",
    "index_path",
    "memory_searcher",
    "open_searcher",
    "parse_query",
    "refresh_index",
    "search_help",
    "warm_up",
]
