"""One incremental pass of the index over the listed files: what changed is re-read, only that.

A file is unchanged if its (mtime_ns, size) is what the index recorded; if only the mtime
moved (touched, copied back) and the content hash is the same, the index just notes the
new mtime. A file whose listed articles differ from the indexed ones (the loader now
de-duplicates differently) is re-indexed too. Files no longer listed are removed; a file
that cannot be read becomes a `Problem` and its old articles go.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tui.corpus.article import ArticleHeader, Problem
from tui.search.index import COMMIT_EVERY_S, SyncReport

if TYPE_CHECKING:
    from tui.search.index import Loader, SearchIndex


class Sync:
    """One pass of `SearchIndex.sync` over a listing of files and their articles."""

    def __init__(
        self, index: SearchIndex, load: Loader, should_stop: Callable[[], bool] | None
    ) -> None:
        self.index = index
        self.load = load
        self.should_stop = should_stop or (lambda: False)
        self.problems: list[Problem] = []
        self.counts = {"added": 0, "updated": 0, "removed": 0, "unchanged": 0}

    def run(self, listing: Mapping[str, list[ArticleHeader]]) -> SyncReport:
        conn = self.index.connection
        stored = {
            row[0]: (row[1], row[2], row[3], row[4])
            for row in conn.execute("SELECT path, id, mtime_ns, size, digest FROM files")
        }
        listed_docs = self._stored_docs() if stored else {}
        last_commit = time.monotonic()
        conn.execute("BEGIN")
        try:
            for path in [p for p in stored if p not in listing]:
                self.index.remove_file(path)
                self.counts["removed"] += 1
            for path, headers in listing.items():
                if self.should_stop():
                    break
                self._file(path, headers, stored.get(path), listed_docs.get(path))
                if time.monotonic() - last_commit > COMMIT_EVERY_S:
                    conn.execute("COMMIT")
                    conn.execute("BEGIN")
                    last_commit = time.monotonic()
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return SyncReport(problems=tuple(self.problems), **self.counts)

    def _stored_docs(self) -> dict[str, list[tuple[int, str]]]:
        found: dict[str, list[tuple[int, str]]] = {}
        sql = "SELECT f.path, d.position, d.identity FROM docs d JOIN files f ON f.id = d.file_id"
        for path, position, identity in self.index.connection.execute(sql + " ORDER BY d.id"):
            found.setdefault(path, []).append((position, identity))
        return found

    def _file(
        self,
        path: str,
        headers: list[ArticleHeader],
        stored: tuple[int, int, int, str] | None,
        stored_docs: list[tuple[int, str]] | None,
    ) -> None:
        try:
            info = Path(path).stat()
            wanted = [(h.position, h.identity) for h in headers]
            if stored is not None and (stored_docs or []) == wanted:
                file_id, mtime_ns, size, digest = stored
                if (mtime_ns, size) == (info.st_mtime_ns, info.st_size):
                    self.counts["unchanged"] += 1
                    return
                # Touched or copied but not changed: keep its articles, note the new mtime.
                if size == info.st_size and _digest(path) == digest:
                    sql = "UPDATE files SET mtime_ns = ? WHERE id = ?"
                    self.index.connection.execute(sql, (info.st_mtime_ns, file_id))
                    self.counts["unchanged"] += 1
                    return
            stamp = (info.st_mtime_ns, info.st_size, _digest(path))
            articles = [self.load(h) for h in headers]
        except (OSError, ValueError) as error:
            self._problem(path, error)
            return
        self.index.add_file(path, stamp, articles)
        self.counts["updated" if stored is not None else "added"] += 1

    def _problem(self, path: str, error: Exception) -> None:
        """Record a file that cannot be read now; drop what the index held for it."""
        self.index.remove_file(path)
        self.problems.append(Problem(path, str(error) or type(error).__name__))


def _digest(path: str) -> str:
    with Path(path).open("rb") as handle:
        return hashlib.file_digest(handle, "blake2b").hexdigest()[:32]
