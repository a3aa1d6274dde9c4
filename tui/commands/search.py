"""`akhbar search QUERY [PATH...] [--json]`: answer a query from the command line.

Prints one line per matching article (hits, file, title), best first, and the number of
matches on stderr; ``--json`` prints one JSON document instead. Without PATH it searches
what the reader opens (shipped articles, fetched news, configured folders). Exit status:
0 if something matched, 1 if nothing did, 2 if the query could not be understood.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.corpus.article import ArticleHeader, Problem
    from tui.search.result import SearchResult

EXIT_MATCH, EXIT_NO_MATCH, EXIT_BAD_QUERY = 0, 1, 2
#: Characters of the query shown after "near" in an error message.
ERROR_CONTEXT = 20


def register(parser: argparse.ArgumentParser) -> None:
    """Add the options of `akhbar search`."""
    parser.add_argument("query", metavar="QUERY", help='words, "phrases", -word, OR, title: …')
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="article files or folders (default: the reader's)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--limit", type=int, default=0, help="print at most N articles (default: all)"
    )
    parser.add_argument(
        "--no-index",
        action="store_true",
        help="search in memory; do not create or update the index in the cache folder",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Search and print; see the module docstring for the exit status."""
    from tui.corpus.loader import default_paths, load_article, load_corpus
    from tui.search.query import QueryError, parse_query

    try:
        query = parse_query(args.query)
    except QueryError as error:
        return _bad_query(args.query, error)
    roots = [Path(p) for p in args.paths] if args.paths else default_paths()
    corpus = load_corpus(roots)
    read, bookmarked = _reader_state() if query.flags() else (frozenset(), frozenset())
    limit = args.limit if args.limit > 0 else max(len(corpus.headers), 1)
    result = _search(args, roots, corpus.headers, load_article, read, bookmarked, limit)
    if result.error is not None:
        return _bad_query(args.query, result.error)
    if args.json:
        print(json.dumps(_as_json(result, corpus.problems), ensure_ascii=False, indent=2))
    else:
        _print_text(result, corpus.problems)
    return EXIT_MATCH if result.total else EXIT_NO_MATCH


def _search(
    args: argparse.Namespace,
    roots: Sequence[Path],
    headers: Sequence[ArticleHeader],
    load: Any,
    read: frozenset[str],
    bookmarked: frozenset[str],
    limit: int,
) -> SearchResult:
    from tui.search.index import IndexUnavailable
    from tui.search.service import MEMORY_LIMIT, memory_searcher, open_searcher, refresh_index

    if not args.no_index and len(headers) > MEMORY_LIMIT:
        try:
            refresh_index(roots, headers, load=load)
            indexed = open_searcher(roots, load=load)
        except IndexUnavailable as error:
            print(f"akhbar search: no index ({error}); searching in memory", file=sys.stderr)
        else:
            try:
                indexed.confirm(args.query)
                return indexed.search(args.query, read=read, bookmarked=bookmarked, limit=limit)
            finally:
                indexed.index.close()
    articles = []
    for header in headers:
        try:
            articles.append(load(header))
        except (OSError, ValueError) as error:
            print(f"akhbar: {header.path}: {error}", file=sys.stderr)
    searcher = memory_searcher(articles)
    return searcher.search(args.query, read=read, bookmarked=bookmarked, limit=limit)


def _reader_state() -> tuple[frozenset[str], frozenset[str]]:
    """Read and bookmarked article identities, for ``is:`` filters (empty if unavailable)."""
    try:
        from tui.state.store import ReaderState

        with ReaderState.open(read_only=True) as state:
            return state.read_identities(), state.bookmarked_identities()
    except (ImportError, OSError) as error:
        print(f"akhbar search: reader state unavailable: {error}", file=sys.stderr)
        return frozenset(), frozenset()


def _bad_query(text: str, error: Exception) -> int:
    position = int(getattr(error, "position", 0))
    near = text[position : position + ERROR_CONTEXT]
    print(
        f"akhbar search: query error at character {position + 1}: {error} (near: {near!r})",
        file=sys.stderr,
    )
    return EXIT_BAD_QUERY


def _place(header: ArticleHeader) -> str:
    path = header.path or header.url or "?"
    return f"{path}#{header.position}" if header.position else path


def _print_text(result: SearchResult, problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(f"akhbar: {problem.path}: {problem.message}", file=sys.stderr)
    for row in result.rows:
        print(f"{row.hits:5d}  {_place(row.header)}  {row.header.title}")
    noun = "article matches" if result.total == 1 else "articles match"
    note = "" if result.ranked or not result.rows else " (too many to rank: newest first)"
    print(f"{result.total} {noun}{note}", file=sys.stderr)


def _as_json(result: SearchResult, problems: Sequence[Problem]) -> dict[str, Any]:
    return {
        "query": result.text,
        "total": result.total,
        "ranked": result.ranked,
        "unconfirmed": result.unconfirmed,
        "results": [
            {
                "path": row.header.path,
                "position": row.header.position,
                "title": row.header.title,
                "hits": row.hits,
                "score": round(row.score, 6),
                "identity": row.header.identity,
                "url": row.header.url,
                "source": row.header.source,
                "date": row.header.published or row.header.date,
            }
            for row in result.rows
        ],
        "problems": [{"path": p.path, "message": p.message} for p in problems],
    }
