"""Opening the state database safely: WAL, schema migrations, damage detection, moving aside.

`tui.state.store` builds `ReaderState` on these; nothing here knows about read marks.
Opening raises one of three `OpenProblem`s the store turns into a notice:
`Damaged` (move the file aside, start afresh), `Unwritable` (work on an in-memory copy) and
`NewerSchema` (written by a newer akhbar: never touch it).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote

SCHEMA_VERSION = 1
BUSY_TIMEOUT_SECONDS = 5.0
#: Pause between two tries to open a database another process holds.
BUSY_RETRY_SECONDS = 0.05
CORRUPT_INFIX = ".corrupt-"
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")
SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite primary result codes (https://sqlite.org/rescode.html).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_CORRUPT = 11
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
_PRIMARY_CODE_MASK = 0xFF

#: MIGRATIONS[i] takes a database from schema version i to i + 1 (PRAGMA user_version).
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE read_marks (identity TEXT PRIMARY KEY, marked_at REAL NOT NULL)"
        " WITHOUT ROWID",
        "CREATE TABLE bookmarks (identity TEXT PRIMARY KEY, added_at REAL NOT NULL) WITHOUT ROWID",
        "CREATE TABLE positions (identity TEXT PRIMARY KEY,"
        " logical_offset INTEGER NOT NULL CHECK (logical_offset >= 0),"
        " updated_at REAL NOT NULL) WITHOUT ROWID",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    ),
)


class OpenProblem(Exception):
    """Why the state database could not be used as it is (message fit for a user)."""


class Damaged(OpenProblem):
    """The file is not a usable database: move it aside."""


class Unwritable(OpenProblem):
    """The file may be fine but this process cannot write it."""


class NewerSchema(OpenProblem):
    """The database was written by a newer akhbar."""

    def __init__(self, version: int) -> None:
        super().__init__(f"schema version {version}")
        self.version = version


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One short write transaction; BEGIN IMMEDIATE takes the write lock up front.

    Taking the lock first (instead of upgrading a read lock) is what lets the busy timeout
    serialise two instances' read-modify-write without a deadlock error.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            with suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
        raise


def connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    """An autocommit connection (each statement or `transaction` commits on its own)."""
    return sqlite3.connect(
        target,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
        uri=uri,
    )


def classify(error: sqlite3.Error, path: Path) -> OpenProblem:
    """Turn an SQLite error met while opening *path* into `Damaged` or `Unwritable`.

    Only corruption, "not a database" and an unreadable file count as damage; a busy or
    read-only database must never be moved aside (that would hide the user's state).
    """
    code = getattr(error, "sqlite_errorcode", 0) & _PRIMARY_CODE_MASK
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return Damaged(str(error))
    if code == SQLITE_CANTOPEN:
        # CANTOPEN also means "cannot create -wal/-shm here": only an unreadable file is damage.
        try:
            with path.open("rb") as handle:
                handle.read(len(SQLITE_HEADER))
        except OSError as unreadable:
            return Damaged(f"cannot read the file: {unreadable.strerror or unreadable}")
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return Unwritable(f"locked by another process: {error}")
    return Unwritable(str(error))


def open_database(path: Path) -> sqlite3.Connection:
    """Open, check and migrate the database at *path* in WAL mode with synchronous=FULL.

    Another akhbar opening the same database at the same moment can make a step answer
    "locked" at once, without SQLite's busy timeout (switching a fresh database to WAL
    needs it to itself): that is retried for up to `BUSY_TIMEOUT_SECONDS` before the
    state is declared unwritable.

    Raises:
        Damaged, Unwritable, NewerSchema: see the module docstring.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise Unwritable(f"cannot create {path.parent}: {error.strerror or error}") from error
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            return _open_once(path)
        except _Busy as busy:
            if time.monotonic() >= deadline:
                raise busy.problem from busy
            time.sleep(BUSY_RETRY_SECONDS)


class _Busy(Exception):
    """Another process held the database while it was being opened."""

    def __init__(self, problem: OpenProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _open_once(path: Path) -> sqlite3.Connection:
    check_header(path)
    try:
        connection = connect(str(path))
    except sqlite3.Error as error:
        raise _problem(error, path) from error
    try:
        # Read-only checks first: a damaged or newer file must not be written to at all.
        check(connection)
        if user_version(connection) > len(MIGRATIONS):
            raise NewerSchema(user_version(connection))
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise Unwritable(f"cannot switch to the WAL journal (got {mode})")
        connection.execute("PRAGMA synchronous = FULL")
        migrate(connection)
        probe_writable(connection)
    except sqlite3.Error as error:
        connection.close()
        raise _problem(error, path) from error
    except BaseException:
        connection.close()
        raise
    return connection


def _problem(error: sqlite3.Error, path: Path) -> OpenProblem | _Busy:
    """`classify`, with a busy database marked for another try."""
    code = getattr(error, "sqlite_errorcode", 0) & _PRIMARY_CODE_MASK
    problem = classify(error, path)
    return _Busy(problem) if code in (SQLITE_BUSY, SQLITE_LOCKED) else problem


def check_header(path: Path) -> None:
    """Raise `Damaged` if *path* is not a regular file starting with the SQLite header.

    Checked before SQLite opens the file: on a file that is not a database SQLite may still
    delete a -wal/-shm it finds beside it, and those must be kept with the damaged file.
    An empty or missing file is fine (SQLite makes it a new database).
    """
    if not path.exists():
        return
    if not path.is_file():
        raise Damaged("not a regular file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise Damaged(f"cannot read the file: {error.strerror or error}") from error
    if header and header != SQLITE_HEADER:
        raise Damaged("not an SQLite database")


def check(connection: sqlite3.Connection) -> None:
    """Raise `Damaged` unless SQLite's quick_check passes (cheap at this database's size)."""
    rows = connection.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        raise Damaged(f"integrity check failed: {rows[0][0] if rows else 'no answer'}")


def probe_writable(connection: sqlite3.Connection) -> None:
    """Rewrite the schema version in place to prove the file can be written.

    SQLite opens a read-only file without complaint and only refuses the first write; that
    refusal must come now, at open, not on the user's first keystroke.
    """
    with transaction(connection):
        connection.execute(f"PRAGMA user_version = {user_version(connection)}")


def user_version(connection: sqlite3.Connection) -> int:
    """The schema version recorded in the database header."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    connection: sqlite3.Connection, migrations: tuple[tuple[str, ...], ...] = MIGRATIONS
) -> None:
    """Bring the schema up to ``len(migrations)``, one version per transaction.

    The version is re-read inside each write transaction, so two instances creating the
    same fresh database do not both run a migration.

    Raises:
        NewerSchema: the database is already past the newest version known here.
    """
    while True:
        with transaction(connection):
            version = user_version(connection)
            if version > len(migrations):
                raise NewerSchema(version)
            if version == len(migrations):
                return
            for statement in migrations[version]:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version + 1}")


def fresh_memory_database() -> sqlite3.Connection:
    """An empty in-memory database with the current schema."""
    connection = connect(":memory:")
    migrate(connection)
    return connection


def copy_into_memory(path: Path) -> sqlite3.Connection:
    """A migrated in-memory copy of the database at *path*, writing nothing on disk.

    Without a -wal file the database is opened ``immutable`` (``mode=ro`` would create
    -wal/-shm files); with one, ``mode=ro`` also reads the committed changes it holds.
    A missing file gives an empty database.

    Raises:
        OpenProblem: the file could not be copied (damaged, unreadable, newer schema).
    """
    if not path.is_file():
        return fresh_memory_database()
    wal = path.with_name(path.name + "-wal")
    flag = "mode=ro" if wal.exists() else "immutable=1"
    memory = connect(":memory:")
    try:
        source = connect(f"file:{quote(path.resolve().as_posix())}?{flag}", uri=True)
        try:
            check(source)
            source.backup(memory)
        finally:
            source.close()
        migrate(memory)
    except sqlite3.Error as error:
        memory.close()
        raise classify(error, path) from error
    except BaseException:
        memory.close()
        raise
    return memory


def move_aside(path: Path) -> Path:
    """Rename *path* (and its -wal/-shm/-journal) to ``<name>.corrupt-<UTC time>[-n]``.

    The damaged file is kept, never deleted: the user (or a bug report) may still need it.

    Raises:
        OSError: the folder does not allow renaming.
    """
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    base = f"{path.name}{CORRUPT_INFIX}{stamp}"
    aside = path.with_name(base)
    attempt = 1
    while any(Path(f"{aside}{suffix}").exists() for suffix in ("", *SIDECAR_SUFFIXES)):
        attempt += 1
        aside = path.with_name(f"{base}-{attempt}")
    path.rename(aside)
    for suffix in SIDECAR_SUFFIXES:
        sidecar = Path(f"{path}{suffix}")
        if sidecar.exists():
            sidecar.rename(f"{aside}{suffix}")
    return aside
