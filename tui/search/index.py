"""The search index: one SQLite file in the cache folder, FTS5 over articles' search terms.

SQLite folds no Arabic, so akhbar tokenises itself (`tui.search.terms`) and stores each
article's terms as space-separated *streams* (table ``streams``); an external-content FTS5
table indexes them with the ``ascii`` tokenizer, which splits on spaces only (the flag
characters of terms are declared token characters). The index is updated incrementally:
a file is re-read only when its (mtime_ns, size) changed and its content hash too, or when
the articles listed for it changed; files no longer listed are removed.

The file is a cache: if it is corrupt, from another schema or another analysis, it is
deleted and rebuilt. Use one `SearchIndex` per thread (SQLite connections are not shared);
WAL lets a reader search while a worker thread syncs.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.corpus.article import Article, ArticleHeader, Problem
from tui.search import terms as analysis
from tui.search.matcher import article_view
from tui.search.names import EntitiesUnavailable, term_keys

SCHEMA_VERSION = 1
INDEX_FOLDER = "search"
#: Index files kept for different corpus scopes (the least recently used go first).
INDEXES_KEPT = 4
BUSY_TIMEOUT_S = 10.0
#: Commit a sync at least this often, so an interrupted first build keeps its progress.
COMMIT_EVERY_S = 2.0
CACHE_KIB = 32 * 1024
_HEADER_COLUMNS = "title, date, published, source, url, path, position, format, encoding, identity"

_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,
    mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, digest TEXT NOT NULL);
CREATE TABLE docs(
    id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, tagged INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL, date TEXT, published TEXT, source TEXT, url TEXT, path TEXT,
    position INTEGER NOT NULL, format TEXT NOT NULL, encoding TEXT, identity TEXT NOT NULL);
CREATE INDEX docs_file ON docs(file_id);
CREATE INDEX docs_identity ON docs(identity);
CREATE TABLE streams(id INTEGER PRIMARY KEY, title TEXT, body TEXT, source TEXT);
CREATE VIRTUAL TABLE fts USING fts5(
    title, body, source, content='streams', content_rowid='id',
    tokenize="ascii tokenchars '{analysis.TERM_PUNCTUATION}'");
CREATE TABLE name_terms(key TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY(key, term))
    WITHOUT ROWID;
CREATE TABLE mention_grams(gram TEXT NOT NULL, type TEXT NOT NULL, doc INTEGER NOT NULL);
CREATE INDEX mention_grams_lookup ON mention_grams(gram, type, doc);
CREATE INDEX mention_grams_doc ON mention_grams(doc);
"""


def analysis_fingerprint() -> str:
    """Changes whenever the way text becomes terms changes (then the index is rebuilt)."""
    parts = [
        str(SCHEMA_VERSION),
        str(analysis.MIN_STEM),
        str(analysis.MAX_WORD_CHARS),
        " ".join(sorted(analysis.PROTECTED)),
        " ".join(sorted(analysis.GUARDED)),
        analysis.TERM_PUNCTUATION,
    ]
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=8).hexdigest()


def index_path(roots: Iterable[Path | str]) -> Path:
    """The index file for a corpus made of *roots* (files and folders), in the cache folder."""
    from tui.paths import cache_dir

    resolved = sorted({str(Path(r).expanduser().resolve()) for r in roots})
    digest = hashlib.blake2b("\n".join(resolved).encode(), digest_size=8).hexdigest()
    return cache_dir() / INDEX_FOLDER / f"{digest}.sqlite3"


def _forget_old_indexes(folder: Path, keep: Path) -> None:
    """Delete all but the `INDEXES_KEPT` most recently used index files of *folder*."""
    try:
        found = sorted(folder.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in [p for p in found if p != keep][INDEXES_KEPT - 1 :]:
        _delete_database(old)


def _delete_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


class IndexUnavailable(OSError):
    """The index file cannot be opened for writing; search in memory instead."""


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What a sync did: counts of files, and files that could not be read."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: tuple[Problem, ...] = ()


Loader = Callable[[ArticleHeader], Article]
#: A file's (mtime_ns, size, content digest).
Stamp = tuple[int, int, str]


class SearchIndex:
    """One open index file (or an in-memory index)."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self.connection = connection
        self.path = path
        self._names = True
        self._registered: set[str] | None = None

    @classmethod
    def open(cls, path: Path | None = None) -> SearchIndex:
        """Open (creating or rebuilding as needed) the index at *path*; None = in memory.

        Raises:
            IndexUnavailable: the file cannot be created or written (read-only or full
                disk, a file where the folder should be, locked for too long).
        """
        if path is None:
            return cls(_prepare(sqlite3.connect(":memory:")), None)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                connection = _prepare(sqlite3.connect(path, timeout=BUSY_TIMEOUT_S))
            except sqlite3.OperationalError:
                raise
            except sqlite3.DatabaseError:  # not a database, or malformed: start over
                _delete_database(path)
                connection = _prepare(sqlite3.connect(path, timeout=BUSY_TIMEOUT_S))
        except (OSError, sqlite3.Error) as error:
            raise IndexUnavailable(f"{path}: {error}") from error
        with contextlib.suppress(OSError):
            os.utime(path)
        _forget_old_indexes(path.parent, path)
        return cls(connection, path)

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def document_count(self) -> int:
        """How many articles the index holds."""
        row = self.connection.execute("SELECT count(*) FROM docs").fetchone()
        return int(row[0])

    def headers(self, ids: Sequence[int]) -> dict[int, ArticleHeader]:
        """The headers of the articles with these index ids."""
        found: dict[int, ArticleHeader] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id, {_HEADER_COLUMNS} FROM docs WHERE id IN ({marks})"
            for row in self.connection.execute(sql, chunk):
                found[row[0]] = ArticleHeader(*row[1:])
        return found

    def streams(self, ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
        """The stored term streams (title, body, source) of these articles."""
        found: dict[int, tuple[str, str, str]] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id, title, body, source FROM streams WHERE id IN ({marks})"
            for row in self.connection.execute(sql, chunk):
                found[row[0]] = (row[1], row[2], row[3])
        return found

    def sync(
        self,
        headers: Iterable[ArticleHeader],
        load: Loader,
        *,
        should_stop: Callable[[], bool] | None = None,
    ) -> SyncReport:
        """Make the index hold exactly the listed articles, re-reading only what changed.

        Args:
            headers: the articles to index (e.g. `load_corpus(...).headers`); headers
                without a file path are skipped.
            load: reads one article's body (`tui.corpus.loader.load_article`).
            should_stop: polled between files; True stops early (progress is kept).
        """
        from tui.search.sync import Sync

        listing: dict[str, list[ArticleHeader]] = {}
        for header in headers:
            if header.path is not None:
                listing.setdefault(header.path, []).append(header)
        return Sync(self, load, should_stop).run(listing)

    def add_file(self, path: str, stamp: Stamp, articles: Sequence[Article]) -> None:
        """Index *articles* as the content of file *path* (replacing what it held)."""
        old = self.connection.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
        if old is not None:
            self._delete_file(int(old[0]))
        cursor = self.connection.execute(
            "INSERT INTO files(path, mtime_ns, size, digest) VALUES (?, ?, ?, ?)", (path, *stamp)
        )
        file_id = cursor.lastrowid
        for article in articles:
            self._add_article(int(file_id or 0), article)

    def remove_file(self, path: str) -> None:
        """Forget file *path* and its articles."""
        old = self.connection.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
        if old is not None:
            self._delete_file(int(old[0]))

    def _add_article(self, file_id: int, article: Article) -> None:
        header = article.header()
        cursor = self.connection.execute(
            f"INSERT INTO docs(file_id, {_HEADER_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                file_id,
                header.title,
                header.date,
                header.published,
                header.source,
                header.url,
                header.path,
                header.position,
                header.format,
                header.encoding,
                header.identity,
            ),
        )
        view = article_view(article)
        row = (cursor.lastrowid, " ".join(view.title), " ".join(view.body), " ".join(view.source))
        for table in ("streams(id", "fts(rowid"):
            sql = f"INSERT INTO {table}, title, body, source) VALUES (?, ?, ?, ?)"
            self.connection.execute(sql, row)
        self._register_names({*view.title, *view.body})

    def _register_names(self, seen: set[str]) -> None:
        """Record which name keys each new term may stand for (see `tui.search.names`)."""
        if not self._names:
            return
        if self._registered is None:
            self._registered = {
                r[0] for r in self.connection.execute("SELECT DISTINCT term FROM name_terms")
            }
        rows: list[tuple[str, str]] = []
        for item in seen - self._registered:
            self._registered.add(item)
            if item == analysis.BOUNDARY or analysis.decode(item).stem.isdigit():
                continue
            try:
                rows.extend((key, item) for key in term_keys(item))
            except EntitiesUnavailable:
                self._names = False
                return
        sql = "INSERT OR IGNORE INTO name_terms(key, term) VALUES (?, ?)"
        self.connection.executemany(sql, rows)

    def _delete_file(self, file_id: int) -> None:
        sql = "SELECT id FROM docs WHERE file_id = ?"
        docs = [row[0] for row in self.connection.execute(sql, (file_id,))]
        for chunk in _chunks(docs):
            marks = ",".join("?" * len(chunk))
            self.connection.execute(
                "INSERT INTO fts(fts, rowid, title, body, source) "
                f"SELECT 'delete', id, title, body, source FROM streams WHERE id IN ({marks})",
                chunk,
            )
            self.connection.execute(f"DELETE FROM streams WHERE id IN ({marks})", chunk)
            self.connection.execute(f"DELETE FROM mention_grams WHERE doc IN ({marks})", chunk)
            self.connection.execute(f"DELETE FROM docs WHERE id IN ({marks})", chunk)
        self.connection.execute("DELETE FROM files WHERE id = ?", (file_id,))


def _chunks(items: Sequence[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _prepare(connection: sqlite3.Connection) -> sqlite3.Connection:
    """Set pragmas, and create or (on any mismatch) recreate the schema."""
    connection.isolation_level = None
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA temp_store = MEMORY")
    connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    fingerprint = analysis_fingerprint()
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        row = connection.execute("SELECT value FROM meta WHERE key = 'analysis'").fetchone()
        if row is not None and row[0] == fingerprint:
            return connection
    _drop_everything(connection)
    connection.execute("BEGIN")
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute("INSERT INTO meta(key, value) VALUES ('analysis', ?)", (fingerprint,))
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.execute("COMMIT")
    return connection


def _drop_everything(connection: sqlite3.Connection) -> None:
    rows = connection.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'fts_%'"
    ).fetchall()
    for kind, name in rows:
        connection.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
