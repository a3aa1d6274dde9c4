"""Damaged state files are moved aside (never deleted); newer or migrating schemas are safe."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui.state import ReaderState
from tui.state.database import (
    MIGRATIONS,
    SCHEMA_VERSION,
    NewerSchema,
    connect,
    migrate,
    move_aside,
    user_version,
)

ROWS_FOR_SEVERAL_PAGES = 2000


def _asides(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".corrupt-" in p.name)


def _populated(db: Path) -> None:
    with ReaderState.open(db) as state:
        state.set_read_many(
            (f"url:https://example.com/{i}" for i in range(ROWS_FOR_SEVERAL_PAGES)), True
        )


def _assert_moved_aside_and_fresh(db: Path, original: bytes | None) -> None:
    state = ReaderState.open(db)
    notice = state.take_notice()
    assert notice is not None and notice.msg_id == "state.moved_aside"
    asides = [p for p in _asides(db.parent) if not p.name.endswith(("-wal", "-shm"))]
    assert len(asides) == 1
    assert str(asides[0]) in notice.message("en")
    assert str(asides[0]) in notice.message("ar")
    if original is not None:
        assert asides[0].read_bytes() == original  # kept byte for byte
    assert state.persistent
    assert state.read_identities() == frozenset()
    state.set_read("after", True)
    state.close()
    with ReaderState.open(db) as again:
        assert again.notice is None
        assert again.read_identities() == {"after"}


def test_garbage_bytes(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    garbage = b"\x89PNG not a database at all " * 300
    db.write_bytes(garbage)
    _assert_moved_aside_and_fresh(db, garbage)


def test_garbage_header_on_a_real_database(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    _populated(db)
    data = bytearray(db.read_bytes())
    data[:16] = b"Definitely-Not!\x00"
    db.write_bytes(bytes(data))
    _assert_moved_aside_and_fresh(db, bytes(data))


def test_truncated_database(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    _populated(db)
    data = db.read_bytes()
    assert len(data) > 8 * 4096  # several pages, so half of it is a broken b-tree
    db.write_bytes(data[: len(data) // 2])
    _assert_moved_aside_and_fresh(db, data[: len(data) // 2])


def test_corrupted_page_inside_the_database(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    _populated(db)
    data = bytearray(db.read_bytes())
    page = 4096
    data[3 * page : 4 * page] = b"\xff" * page  # smash one b-tree page, keep the header
    db.write_bytes(bytes(data))
    _assert_moved_aside_and_fresh(db, bytes(data))


def test_a_folder_in_place_of_the_file(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    db.mkdir()
    (db / "inside.txt").write_text("someone's file")
    _assert_moved_aside_and_fresh(db, None)
    folder = _asides(tmp_path)[0]
    assert (folder / "inside.txt").read_text() == "someone's file"


def test_empty_file_is_just_a_new_database(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    db.write_bytes(b"")
    with ReaderState.open(db) as state:
        assert state.notice is None
        state.set_read("a", True)
    assert _asides(tmp_path) == []


def test_stale_wal_and_shm_move_aside_with_the_file(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    db.write_bytes(b"garbage" * 100)
    (tmp_path / "state.sqlite3-wal").write_bytes(b"old wal")
    (tmp_path / "state.sqlite3-shm").write_bytes(b"old shm")
    with ReaderState.open(db) as state:
        assert state.notice is not None and state.notice.msg_id == "state.moved_aside"
    names = [p.name for p in _asides(tmp_path)]
    assert any(name.endswith("-wal") for name in names)
    assert any(name.endswith("-shm") for name in names)
    wal = next(p for p in _asides(tmp_path) if p.name.endswith("-wal"))
    assert wal.read_bytes() == b"old wal"


def test_move_aside_never_overwrites_an_earlier_one(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    firsts = []
    for round_ in range(3):
        db.write_text(f"broken {round_}")
        firsts.append(move_aside(db))
    assert len(set(firsts)) == 3
    assert sorted(p.read_text() for p in firsts) == ["broken 0", "broken 1", "broken 2"]


def test_newer_schema_is_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    raw = sqlite3.connect(db)
    raw.execute("CREATE TABLE future (x)")
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.commit()
    raw.close()
    before = db.read_bytes()
    with ReaderState.open(db) as state:
        assert state.notice is not None and state.notice.msg_id == "state.newer_schema"
        assert str(SCHEMA_VERSION + 5) in str(state.notice)
        assert not state.persistent
        state.set_read("a", True)
        assert state.is_read("a")
    assert db.read_bytes() == before
    assert _asides(tmp_path) == []


def test_migrations_run_in_order_and_keep_data(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    with ReaderState.open(db) as state:
        state.set_bookmark("kept", True)
    next_version = (*MIGRATIONS, ("ALTER TABLE bookmarks ADD COLUMN note TEXT",))
    connection = connect(str(db))
    migrate(connection, next_version)
    assert user_version(connection) == SCHEMA_VERSION + 1
    assert connection.execute("SELECT identity, note FROM bookmarks").fetchall() == [("kept", None)]
    connection.close()
    with ReaderState.open(db) as state:  # this akhbar is now "older" than the file
        assert state.notice is not None and state.notice.msg_id == "state.newer_schema"


def test_a_failing_migration_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    with ReaderState.open(db) as state:
        state.set_read("kept", True)
    broken = (*MIGRATIONS, ("CREATE TABLE extra (x)", "THIS IS NOT SQL"))
    connection = connect(str(db))
    with pytest.raises(sqlite3.OperationalError):
        migrate(connection, broken)
    assert user_version(connection) == SCHEMA_VERSION
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "extra" not in tables
    connection.close()


def test_newer_schema_error_names_the_version() -> None:
    assert "7" in str(NewerSchema(7))
