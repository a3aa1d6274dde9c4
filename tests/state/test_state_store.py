"""ReaderState in one process: round-trips, toggles, positions, settings, read-only sessions."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.paths import data_dir
from tui.state import ReaderState, state_path
from tui.state import database as db_module

ARABIC_ID = "url:https://www.aljazeera.net/news/2024/1/1/أخبار"


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()}


def test_default_location_is_the_data_dir() -> None:
    assert state_path() == data_dir() / "state.sqlite3"
    with ReaderState.open() as state:
        state.set_read("x", True)
    assert state_path().is_file()


def test_everything_survives_a_reopen(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    with ReaderState.open(db) as state:
        state.set_read("sha:1", True)
        state.set_read(ARABIC_ID, True)
        state.set_read("sha:2", True)
        state.set_read("sha:2", False)
        assert state.toggle_bookmark(ARABIC_ID) is True
        state.set_position(ARABIC_ID, 1234)
        state.set_setting("theme", "textual-light")
        state.set_setting("sort", "title")
        assert state.notice is None
    with ReaderState.open(db) as state:
        assert state.read_identities() == {"sha:1", ARABIC_ID}
        assert state.is_read(ARABIC_ID) and not state.is_read("sha:2")
        assert state.bookmarked_identities() == {ARABIC_ID}
        assert state.position(ARABIC_ID) == 1234
        assert state.position("sha:1") is None
        assert state.setting("theme") == "textual-light"
        assert state.setting("sort") == "title"
        assert state.setting("missing", "fallback") == "fallback"


def test_toggles_return_the_new_state(tmp_path: Path) -> None:
    with ReaderState.open(tmp_path / "s.sqlite3") as state:
        assert state.toggle_read("a") is True
        assert state.is_read("a")
        assert state.toggle_read("a") is False
        assert not state.is_read("a")
        assert state.toggle_bookmark("a") is True
        assert state.toggle_bookmark("a") is False
        assert state.bookmarked_identities() == frozenset()


def test_set_read_many_and_unmark_many(tmp_path: Path) -> None:
    with ReaderState.open(tmp_path / "s.sqlite3") as state:
        state.set_read_many([f"id{i}" for i in range(300)], True)
        assert len(state.read_identities()) == 300
        state.set_read_many([f"id{i}" for i in range(0, 300, 2)], False)
        assert state.read_identities() == {f"id{i}" for i in range(1, 300, 2)}


def test_marking_twice_is_harmless_and_bookmark_setters_are_idempotent(tmp_path: Path) -> None:
    with ReaderState.open(tmp_path / "s.sqlite3") as state:
        state.set_read("a", True)
        state.set_read("a", True)
        state.set_bookmark("a", True)
        state.set_bookmark("a", True)
        assert state.read_identities() == {"a"}
        assert state.bookmarked_identities() == {"a"}
        state.set_bookmark("a", False)
        state.set_bookmark("a", False)
        assert not state.is_bookmarked("a")


def test_position_is_overwritten_and_validated(tmp_path: Path) -> None:
    with ReaderState.open(tmp_path / "s.sqlite3") as state:
        state.set_position("a", 10)
        state.set_position("a", 0)
        assert state.position("a") == 0
        with pytest.raises(ValueError, match="logical offset"):
            state.set_position("a", -1)
        assert state.position("a") == 0


def test_setting_none_removes_it(tmp_path: Path) -> None:
    with ReaderState.open(tmp_path / "s.sqlite3") as state:
        state.set_setting("sidebar", "hidden")
        state.set_setting("sidebar", None)
        assert state.setting("sidebar") is None


def test_database_is_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    with ReaderState.open(db) as state:
        state.set_read("a", True)
        assert (tmp_path / "s.sqlite3-wal").exists()  # WAL in use while open
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == db_module.SCHEMA_VERSION
    raw.close()


def test_a_write_that_cannot_get_the_lock_keeps_the_old_value_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.sqlite3"
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_SECONDS", 0.05)
    state = ReaderState.open(db)
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another instance holds the write lock
    try:
        assert state.toggle_bookmark("a") is False  # unchanged: the write failed
        notice = state.take_notice()
        assert notice is not None and notice.msg_id == "state.write_failed"
        assert "locked" in str(notice)
        assert state.take_notice() is None  # shown once
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert not state.is_bookmarked("a")
    assert state.toggle_bookmark("a") is True  # works again once the lock is free
    state.close()


def test_identities_with_awkward_characters(tmp_path: Path) -> None:
    with ReaderState.open(tmp_path / "s.sqlite3") as state:
        state.set_read("a\x00b", True)
        state.set_read("\ud800 lone surrogate", True)  # cannot be stored: a notice, no crash
        assert state.is_read("a\x00b") and not state.is_read("a")
        assert state.notice is not None and state.notice.msg_id == "state.write_failed"


def test_read_only_session_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    with ReaderState.open(db) as state:
        state.set_read("kept", True)
        state.set_position("kept", 5)
    before = _snapshot(tmp_path)
    with ReaderState.open(db, read_only=True) as state:
        assert state.persistent is False and state.notice is None
        assert state.is_read("kept") and state.position("kept") == 5  # existing state is shown
        assert state.toggle_bookmark("new") is True  # and changes work for the session
        state.set_read("kept", False)
        assert not state.is_read("kept")
    assert _snapshot(tmp_path) == before
    with ReaderState.open(db) as state:
        assert state.is_read("kept") and not state.is_bookmarked("new")


def test_read_only_session_alongside_a_writer_sees_its_commits(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    writer = ReaderState.open(db)
    writer.set_read("fresh", True)  # committed, still only in the -wal file
    before = _snapshot(tmp_path)
    with ReaderState.open(db, read_only=True) as reader:
        assert reader.is_read("fresh")
        reader.set_read("other", True)
    assert _snapshot(tmp_path) == before
    writer.close()


def test_read_only_session_creates_no_file_or_folder(tmp_path: Path) -> None:
    db = tmp_path / "not-yet" / "s.sqlite3"
    with ReaderState.open(db, read_only=True) as state:
        state.set_read("a", True)
        assert state.is_read("a")
    assert not (tmp_path / "not-yet").exists()


class _Model:
    """The obvious in-memory meaning of the store's operations."""

    def __init__(self) -> None:
        self.read: set[str] = set()
        self.bookmarks: set[str] = set()
        self.positions: dict[str, int] = {}


IDENTITIES = st.sampled_from(["sha:0", "sha:1", "url:https://x/1", ARABIC_ID, ""])
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("read"), IDENTITIES, st.booleans()),
        st.tuples(st.just("toggle_read"), IDENTITIES, st.none()),
        st.tuples(st.just("toggle_bookmark"), IDENTITIES, st.none()),
        st.tuples(st.just("position"), IDENTITIES, st.integers(0, 2**62)),
    ),
    max_size=25,
)


@settings(max_examples=40, deadline=None)
@given(OPERATIONS)
def test_store_matches_a_simple_model_after_reopening(
    operations: list[tuple[str, str, object]],
) -> None:
    model = _Model()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "s.sqlite3"
        with ReaderState.open(db) as state:
            for name, identity, value in operations:
                if name == "read":
                    state.set_read(identity, bool(value))
                    (model.read.add if value else model.read.discard)(identity)
                elif name == "toggle_read":
                    assert state.toggle_read(identity) is (identity not in model.read)
                    model.read ^= {identity}
                elif name == "toggle_bookmark":
                    assert state.toggle_bookmark(identity) is (identity not in model.bookmarks)
                    model.bookmarks ^= {identity}
                else:
                    assert isinstance(value, int)
                    state.set_position(identity, value)
                    model.positions[identity] = value
        with ReaderState.open(db) as state:
            assert state.read_identities() == model.read
            assert state.bookmarked_identities() == model.bookmarks
            for identity, offset in model.positions.items():
                assert state.position(identity) == offset
