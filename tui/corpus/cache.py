"""A SQLite cache of parsed articles, so a warm start reads headers and never re-parses.

Entries are keyed by (absolute path, mtime_ns, size): a file that changed is parsed again.
Article bodies are kept only for large files (`BODY_CACHE_MIN_BYTES`); a smaller article is
parsed again when opened, which is faster than a cold start writing every body.
The cache also remembers files that hold no article ("binary file"), so a warm start does
not re-read them either. It is never needed for correctness: a corrupt or unreadable cache
file is deleted and rebuilt, and if even that fails the corpus loads without a cache.
The cache is also dropped whole when the code that parses articles changes (its
fingerprint is a hash of the corpus and sanitiser modules' source).

It also keeps, per set of corpus folders, the listing the last full load produced, so a
reader can show a large corpus at once and check it against the files afterwards; only the
`LISTINGS_KEPT` used last, as each is a copy of every header of its folders.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from tui.corpus.article import Article, ArticleHeader
from tui.corpus.cache_rows import (
    HEADER_FIELDS,
    CachedFile,
    CachedHeader,
    FileKey,
    FileRows,
    ParsedFile,
    cached_header,
    content_key,
    listed_file,
    stored_article,
    stored_problems,
)
from tui.corpus.cache_rows import rows_of as _rows_of
from tui.paths import cache_dir

__all__ = [
    "ArticleCache",
    "CachedFile",
    "CachedHeader",
    "FileKey",
    "FileRows",
    "ParsedFile",
    "caches_body",
    "content_key",
    "listed_file",
    "rows_of",
]

CACHE_FILE = "corpus.sqlite3"
#: Bodies are cached for files at least this large. Re-parsing a smaller file on open takes
#: under about 2 ms (cleaning runs at roughly 60 µs per KB), and not writing every body
#: halves the cost of a cold start.
BODY_CACHE_MIN_BYTES = 32 * 1024
#: Bump when the tables below change shape.
SCHEMA_VERSION = 4
#: Remembered listings kept (one per set of folders a reader was started on; one of
#: 10,000 articles takes megabytes): those stored or read last, the others are dropped.
LISTINGS_KEPT = 8
#: How long a reader or writer waits for another akhbar process holding the database.
BUSY_TIMEOUT_SECONDS = 5.0
#: Modules whose source decides what a parsed article looks like — and the order a
#: remembered listing is stored in (`tui/listing.py`), which a quick start trusts.
_PARSER_SOURCES = ("corpus", "text/sanitize.py", "text/normalize.py", "listing.py")

_META = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, problem TEXT,
    entry_problems TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS headers (
    path TEXT NOT NULL, position INTEGER NOT NULL, title TEXT NOT NULL, date TEXT,
    published TEXT, source TEXT, url TEXT, format TEXT NOT NULL, encoding TEXT,
    identity TEXT NOT NULL, content_key TEXT NOT NULL, PRIMARY KEY (path, position)
);
CREATE TABLE IF NOT EXISTS bodies (
    path TEXT NOT NULL, position INTEGER NOT NULL, paragraphs TEXT NOT NULL,
    dropped TEXT NOT NULL, PRIMARY KEY (path, position)
);
CREATE TABLE IF NOT EXISTS listings (
    roots TEXT PRIMARY KEY, digest TEXT NOT NULL, ordering TEXT NOT NULL, headers TEXT NOT NULL,
    used INTEGER NOT NULL
);
"""
_TABLES = ("files", "headers", "bodies", "listings")
_HEADER_COLUMNS = ", ".join((*HEADER_FIELDS, "content_key"))
_HEADER_VALUES = ", ".join("?" * (len(HEADER_FIELDS) + 1))
#: The next value of `listings.used`: a counter, not a clock (clocks go back, and two
#: uses in the same tick must still be ordered).
_NEXT_USE = "(SELECT COALESCE(MAX(used), 0) + 1 FROM listings)"


def caches_body(size: int) -> bool:
    """Whether the articles of a file of *size* bytes have their bodies cached."""
    return size >= BODY_CACHE_MIN_BYTES


def rows_of(parsed: ParsedFile) -> FileRows:
    """The rows that store *parsed* (its bodies only if `caches_body`)."""
    return _rows_of(parsed, with_bodies=caches_body(parsed.key.size))


def cache_path() -> Path:
    """The cache database file."""
    return cache_dir() / CACHE_FILE


@functools.cache
def parser_fingerprint() -> str:
    """A hash of the parsing code, so a cache written by other code is not trusted."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}".encode())
    for name in _PARSER_SOURCES:
        target = package / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for file in files:
            with contextlib.suppress(OSError):
                digest.update(file.relative_to(package).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:32]


class ArticleCache:
    """The parsed-article cache. Every method degrades to "no cache" instead of raising."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        """Open lazily; *read_only* never creates, repairs or writes anything."""
        self.path = cache_path() if path is None else path
        self.read_only = read_only
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        for attempt in range(2):
            try:
                self._db = self._open()
                return self._db
            except sqlite3.OperationalError:
                break  # busy, read-only or unopenable: no cache this time, delete nothing
            except sqlite3.DatabaseError:  # not a database, malformed: start over
                self.close()
                if attempt == 0 and not self.read_only:
                    self._delete_files()
            except OSError:
                break
        self._broken = True
        return None

    def _open(self) -> sqlite3.Connection:
        if self.read_only:
            return self._open_read_only()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
        try:
            # The default rollback journal, not WAL: read-only sessions can then read the
            # cache without creating -wal and -shm files next to it.
            db.execute("PRAGMA journal_mode=DELETE")
            # A cache: an application crash is safe with the rollback journal, and a cache
            # damaged by an OS crash is detected and rebuilt; skipping fsync halves cold starts.
            db.execute("PRAGMA synchronous=OFF")
            db.execute(_META)
            row = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
            if row is None or row[0] != parser_fingerprint():
                # Written by other code: its tables may not even have today's columns.
                with db:
                    for table in _TABLES:
                        db.execute(f"DROP TABLE IF EXISTS {table}")
                    db.execute(
                        "INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)",
                        (parser_fingerprint(),),
                    )
            db.executescript(_SCHEMA)
        except BaseException:
            db.close()
            raise
        return db

    def _open_read_only(self) -> sqlite3.Connection:
        """A connection that cannot write; a cache written by other code counts as absent."""
        uri = f"{self.path.absolute().as_uri()}?mode=ro"
        db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
            if row is None or row[0] != parser_fingerprint():
                raise sqlite3.OperationalError("cache written by other code")
        except BaseException:
            db.close()
            raise
        return db

    def _delete_files(self) -> None:
        if self.read_only:
            return
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink()

    def _recover(self, error: sqlite3.Error) -> None:
        """After an error mid-use: if the file is damaged, start over with an empty cache."""
        self.close()
        self._broken = self.read_only
        if not isinstance(error, sqlite3.OperationalError):
            self._delete_files()

    def close(self) -> None:
        """Close the database (the cache reopens it on next use)."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def files(self) -> dict[str, CachedFile]:
        """Every cached file version with its headers, by path (no article bodies)."""
        db = self._connect()
        if db is None:
            return {}
        try:
            keys = {
                path: (FileKey(path, mtime, size), problem, stored_problems(entries))
                for path, mtime, size, problem, entries in db.execute(
                    "SELECT path, mtime_ns, size, problem, entry_problems FROM files"
                )
            }
            headers: dict[str, list[CachedHeader]] = {}
            rows = db.execute(f"SELECT {_HEADER_COLUMNS} FROM headers ORDER BY path, position")
            for row in rows:
                cached = cached_header(row)
                headers.setdefault(cached.header.path or "", []).append(cached)
        except sqlite3.Error as error:
            self._recover(error)
            return {}
        return {
            path: CachedFile(key, tuple(headers.get(path, ())), problem, entries)
            for path, (key, problem, entries) in keys.items()
        }

    def store_rows(self, batch: Sequence[FileRows]) -> None:
        """Replace the entries of the files *batch* holds (one transaction; skipped if the
        database is busy)."""
        db = None if self.read_only else self._connect()
        if db is None or not batch:
            return
        try:
            with db:
                self._write(db, batch)
        except sqlite3.Error as error:  # busy or read-only: the cache is optional
            self._recover(error)

    @staticmethod
    def _write(db: sqlite3.Connection, batch: Sequence[FileRows]) -> None:
        paths = [(rows.file[0],) for rows in batch]
        for table in ("files", "headers", "bodies"):
            db.executemany(f"DELETE FROM {table} WHERE path = ?", paths)
        db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?)", [rows.file for rows in batch])
        db.executemany(
            f"INSERT INTO headers ({_HEADER_COLUMNS}) VALUES ({_HEADER_VALUES})",
            [row for rows in batch for row in rows.headers],
        )
        db.executemany(
            "INSERT INTO bodies VALUES (?, ?, ?, ?)",
            [row for rows in batch for row in rows.bodies],
        )

    def listing(self, roots: str) -> tuple[tuple[ArticleHeader, ...], str] | None:
        """The listing stored for *roots* by `store_listing` and its order, or None.

        A read only: a reader counts a use once it has checked the files (`touch_listing`).
        """
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute(
                "SELECT headers, ordering FROM listings WHERE roots = ?", (roots,)
            ).fetchone()
            if row is None:
                return None
            # JSON, not pickle: a cache file must never be able to run code.
            found = tuple(ArticleHeader(*fields) for fields in json.loads(row[0])), str(row[1])
        except (sqlite3.Error, ValueError, TypeError) as error:
            if isinstance(error, sqlite3.Error):
                self._recover(error)
            return None
        return found

    def touch_listing(self, roots: str) -> None:
        """Count a use of the listing of *roots* (a reader listed it again unchanged)."""
        db = None if self.read_only else self._connect()
        if db is not None:
            self._mark_used(db, roots)

    def _mark_used(self, db: sqlite3.Connection, roots: str) -> None:
        """Count a use of the listing of *roots*; skipped if another process holds the
        database past the busy timeout (the listing read is still good)."""
        try:
            with db:
                db.execute(f"UPDATE listings SET used = {_NEXT_USE} WHERE roots = ?", (roots,))
        except sqlite3.Error as error:
            self._recover(error)

    def store_listing(self, roots: str, headers: Sequence[ArticleHeader], ordering: str) -> None:
        """Keep *headers*, sorted by *ordering*, as the listing of *roots* (rewritten only
        when it changed, marked used either way), and drop all but the `LISTINGS_KEPT`
        listings used last."""
        db = None if self.read_only else self._connect()
        if db is None:
            return
        text = json.dumps(
            [[getattr(h, name) for name in HEADER_FIELDS] for h in headers], ensure_ascii=False
        )
        digest = hashlib.sha256(f"{ordering}\n{text}".encode()).hexdigest()
        try:
            row = db.execute("SELECT digest FROM listings WHERE roots = ?", (roots,)).fetchone()
            if row is not None and row[0] == digest:
                self._mark_used(db, roots)
                return
            with db:
                db.execute(
                    f"INSERT OR REPLACE INTO listings VALUES (?, ?, ?, ?, {_NEXT_USE})",
                    (roots, digest, ordering, text),
                )
                db.execute(
                    "DELETE FROM listings WHERE roots NOT IN"
                    " (SELECT roots FROM listings ORDER BY used DESC LIMIT ?)",
                    (LISTINGS_KEPT,),
                )
        except sqlite3.Error as error:
            self._recover(error)

    def forget_missing(self, present: set[str]) -> None:
        """Drop entries of files that no longer exist (other folders' entries stay)."""
        db = None if self.read_only else self._connect()
        if db is None:
            return
        try:
            cached = [row[0] for row in db.execute("SELECT path FROM files")]
            gone = [(path,) for path in cached if path not in present and not Path(path).exists()]
            if gone:
                with db:
                    for table in ("files", "headers", "bodies"):
                        db.executemany(f"DELETE FROM {table} WHERE path = ?", gone)
        except sqlite3.Error as error:
            self._recover(error)

    def article(self, key: FileKey, position: int) -> Article | None:
        """The cached article at *position* of this file version, or None."""
        db = self._connect()
        if db is None:
            return None
        try:
            found = db.execute(
                "SELECT mtime_ns, size FROM files WHERE path = ?", (key.path,)
            ).fetchone()
            if found is None or (found[0], found[1]) != (key.mtime_ns, key.size):
                return None
            header = db.execute(
                f"SELECT {_HEADER_COLUMNS} FROM headers WHERE path = ? AND position = ?",
                (key.path, position),
            ).fetchone()
            body = db.execute(
                "SELECT paragraphs, dropped FROM bodies WHERE path = ? AND position = ?",
                (key.path, position),
            ).fetchone()
        except sqlite3.Error as error:
            self._recover(error)
            return None
        if header is None or body is None:
            return None
        return stored_article(cached_header(header).header, body[0], body[1])

    def __enter__(self) -> ArticleCache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
