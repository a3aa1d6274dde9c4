"""`ReaderState`: read marks, bookmarks, reading positions and settings in one SQLite file.

Reliability rules (issue #8):

* WAL journal, ``synchronous=FULL``: every change is its own short transaction and is on disk
  when the call returns, so SIGKILL (or a power cut) loses at most the change in flight.
  A change is a keystroke (or a debounced reading position), so one fsync per change is cheap:
  see ``tests/benchmarks/bench_state.py``. ``NORMAL`` would survive SIGKILL too, but in WAL mode
  it may drop the last few commits on power loss, which breaks "at most the last change".
* Read-modify-write (toggles) runs under ``BEGIN IMMEDIATE`` and every connection has a busy
  timeout, so two akhbar instances on one file serialise their writes instead of failing.
* A file that is not a database, is corrupt, is a directory or cannot be read is moved aside to
  ``state.sqlite3.corrupt-<UTC time>`` (with its -wal/-shm) and a fresh database is started;
  the store carries a `StateNotice` for the app to show. Nothing raises out of `open`.
* A database that cannot be written (read-only file or folder, locked) is copied into memory:
  the session works, nothing is saved, a notice says so. One written by a newer akhbar is left
  untouched and the session starts from an empty in-memory state.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tui.i18n import DEFAULT_LANG, Lang, t
from tui.paths import data_dir
from tui.state.database import (
    SCHEMA_VERSION,
    Damaged,
    NewerSchema,
    OpenProblem,
    copy_into_memory,
    fresh_memory_database,
    move_aside,
    open_database,
    transaction,
)

STATE_FILE_NAME = "state.sqlite3"
#: What a read or write may raise at run time (disk full, lock timeout, an identity holding a
#: lone surrogate that UTF-8 cannot encode...): reported through `notice`, never raised.
_STORE_ERRORS = (sqlite3.Error, UnicodeError)

T = TypeVar("T")


def state_path() -> Path:
    """Where the reader state lives by default: ``data_dir()/state.sqlite3``."""
    return data_dir() / STATE_FILE_NAME


@dataclass(frozen=True, slots=True)
class StateNotice:
    """Something the user should be told about their reader state, in either language.

    Attributes:
        msg_id: a ``state.*`` id of the `tui.i18n` catalogue.
        params: the values of its placeholders.
    """

    msg_id: str
    params: tuple[tuple[str, str], ...] = ()

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        """The notice as a sentence in *lang*."""
        return t(self.msg_id, lang, **dict(self.params))

    def __str__(self) -> str:
        return self.message()


class ReaderState:
    """Per-article read marks, bookmarks and reading positions, plus app settings.

    Articles are keyed by `Article.identity` (URL if known, else a content hash), so state
    survives renames and re-fetches. Every method is safe to call from any thread. Database
    errors never escape: a failed write keeps the old value and sets `notice`.
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        *,
        path: Path | None,
        persistent: bool,
        notice: StateNotice | None = None,
    ) -> None:
        """Wrap an open, migrated connection; use `ReaderState.open` instead."""
        self._conn = connection
        self._lock = threading.RLock()
        self.path = path
        self.persistent = persistent
        self._notice = notice

    @classmethod
    def open(cls, path: Path | None = None, *, read_only: bool = False) -> ReaderState:
        """Open (or create) the state database at *path* (default `state_path()`).

        Args:
            path: the database file; `serve` passes one per SSH user.
            read_only: never write anything on disk: existing state is copied into memory and
                changes last only as long as this object.
        """
        target = state_path() if path is None else Path(path)
        if read_only:
            return cls._in_memory(target, None)
        try:
            return cls(open_database(target), path=target, persistent=True)
        except NewerSchema as newer:
            known = str(SCHEMA_VERSION)
            notice = _notice("state.newer_schema", found=str(newer.version), known=known)
        except Damaged as damage:
            try:
                aside = move_aside(target)
                connection = open_database(target)
            except (OSError, OpenProblem) as error:
                notice = _notice("state.not_saved", reason=f"{damage}; {error}")
            else:
                notice = _notice("state.moved_aside", reason=str(damage), path=str(aside))
                return cls(connection, path=target, persistent=True, notice=notice)
        except OpenProblem as problem:
            return cls._in_memory(target, _notice("state.not_saved", reason=str(problem)))
        except OSError as error:  # e.g. a folder on the way that cannot be entered
            notice = _notice("state.not_saved", reason=error.strerror or str(error))
        return cls(fresh_memory_database(), path=target, persistent=False, notice=notice)

    @classmethod
    def _in_memory(cls, path: Path, notice: StateNotice | None) -> ReaderState:
        """A session on an in-memory copy of *path*: nothing it does reaches the disk."""
        try:
            connection = copy_into_memory(path)
        except (OpenProblem, OSError) as problem:
            connection = fresh_memory_database()
            notice = notice or _notice("state.not_saved", reason=str(problem))
        return cls(connection, path=path, persistent=False, notice=notice)

    @property
    def notice(self) -> StateNotice | None:
        """The latest thing to tell the user (damaged file moved aside, write failed...)."""
        return self._notice

    def take_notice(self) -> StateNotice | None:
        """Return the pending notice and clear it, so the app shows each one once."""
        with self._lock:
            notice, self._notice = self._notice, None
        return notice

    def is_read(self, identity: str) -> bool:
        """Whether the article has been read."""
        return self._exists("read_marks", identity)

    def set_read(self, identity: str, read: bool) -> None:
        """Mark the article read or unread."""
        self.set_read_many((identity,), read)

    def set_read_many(self, identities: Iterable[str], read: bool) -> None:
        """Mark many articles at once, in ONE transaction: all of them or none are saved."""
        rows = [(identity,) for identity in identities]
        if read:
            now = time.time()
            sql = "INSERT OR IGNORE INTO read_marks (identity, marked_at) VALUES (?, ?)"
            self._write(lambda c: c.executemany(sql, [(i, now) for (i,) in rows]), None)
        else:
            self._write(
                lambda c: c.executemany("DELETE FROM read_marks WHERE identity = ?", rows), None
            )

    def toggle_read(self, identity: str) -> bool:
        """Flip the read mark; return the new state (the old one if saving failed)."""
        return self._toggle("read_marks", "marked_at", identity)

    def read_identities(self) -> frozenset[str]:
        """Every article identity marked read."""
        return self._identities("read_marks")

    def is_bookmarked(self, identity: str) -> bool:
        """Whether the article is bookmarked."""
        return self._exists("bookmarks", identity)

    def set_bookmark(self, identity: str, bookmarked: bool) -> None:
        """Add or remove a bookmark."""
        if bookmarked:
            sql = "INSERT OR IGNORE INTO bookmarks (identity, added_at) VALUES (?, ?)"
            self._write(lambda c: c.execute(sql, (identity, time.time())), None)
        else:
            sql = "DELETE FROM bookmarks WHERE identity = ?"
            self._write(lambda c: c.execute(sql, (identity,)), None)

    def toggle_bookmark(self, identity: str) -> bool:
        """Flip the bookmark; return the new state (the old one if saving failed)."""
        return self._toggle("bookmarks", "added_at", identity)

    def bookmarked_identities(self) -> frozenset[str]:
        """Every bookmarked article identity."""
        return self._identities("bookmarks")

    def position(self, identity: str) -> int | None:
        """Where the reader stopped: a logical offset into `Article.text`, or None."""
        sql = "SELECT logical_offset FROM positions WHERE identity = ?"
        row = self._read(lambda c: c.execute(sql, (identity,)).fetchone(), None)
        return None if row is None else int(row[0])

    def set_position(self, identity: str, logical_offset: int) -> None:
        """Remember the reading position as an offset into `Article.text` (width-independent).

        Raises:
            ValueError: a negative offset (a caller bug, not user input).
        """
        if logical_offset < 0:
            raise ValueError(f"logical offset must be >= 0, not {logical_offset}")
        sql = (
            "INSERT INTO positions (identity, logical_offset, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (identity) DO UPDATE SET logical_offset = excluded.logical_offset,"
            " updated_at = excluded.updated_at"
        )
        self._write(lambda c: c.execute(sql, (identity, logical_offset, time.time())), None)

    def setting(self, key: str, default: str | None = None) -> str | None:
        """A stored setting (theme, sort order, sidebar visibility...), or *default*."""
        sql = "SELECT value FROM settings WHERE key = ?"
        row = self._read(lambda c: c.execute(sql, (key,)).fetchone(), None)
        return default if row is None else str(row[0])

    def set_setting(self, key: str, value: str | None) -> None:
        """Store a setting; None removes it."""
        if value is None:
            self._write(lambda c: c.execute("DELETE FROM settings WHERE key = ?", (key,)), None)
            return
        sql = (
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
        self._write(lambda c: c.execute(sql, (key, value)), None)

    def close(self) -> None:
        """Close the database (the last connection checkpoints and removes the WAL)."""
        with self._lock, suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> ReaderState:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _exists(self, table: str, identity: str) -> bool:
        sql = f"SELECT 1 FROM {table} WHERE identity = ?"
        return self._read(lambda c: c.execute(sql, (identity,)).fetchone() is not None, False)

    def _identities(self, table: str) -> frozenset[str]:
        sql = f"SELECT identity FROM {table}"
        return self._read(lambda c: frozenset(row[0] for row in c.execute(sql)), frozenset())

    def _toggle(self, table: str, stamp: str, identity: str) -> bool:
        def flip(c: sqlite3.Connection) -> bool:
            if c.execute(f"SELECT 1 FROM {table} WHERE identity = ?", (identity,)).fetchone():
                c.execute(f"DELETE FROM {table} WHERE identity = ?", (identity,))
                return False
            c.execute(
                f"INSERT INTO {table} (identity, {stamp}) VALUES (?, ?)", (identity, time.time())
            )
            return True

        before = self._exists(table, identity)
        return self._write(flip, before)

    def _read(self, query: Callable[[sqlite3.Connection], T], fallback: T) -> T:
        try:
            with self._lock:
                return query(self._conn)
        except _STORE_ERRORS as error:
            self._notice = _notice("state.read_failed", reason=str(error))
            return fallback

    def _write(self, change: Callable[[sqlite3.Connection], T], fallback: T) -> T:
        try:
            with self._lock, transaction(self._conn) as connection:
                return change(connection)
        except _STORE_ERRORS as error:
            self._notice = _notice("state.write_failed", reason=str(error))
            return fallback


def _notice(msg_id: str, **params: str) -> StateNotice:
    return StateNotice(msg_id, tuple(params.items()))
