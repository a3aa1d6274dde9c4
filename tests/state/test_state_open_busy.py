"""Opening the state database while another akhbar holds it: retried, not given up at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui.state import database
from tui.state.database import Unwritable, open_database


def _locked() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("database is locked")
    error.sqlite_errorcode = database.SQLITE_BUSY  # type: ignore[attr-defined]
    return error


def test_a_database_busy_while_opening_is_opened_once_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_connect = database.connect
    refusals = []

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        if len(refusals) < 2:  # the other process holds it for the first two tries
            refusals.append(1)
            raise _locked()
        return real_connect(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(database, "connect", connect)
    monkeypatch.setattr(database, "BUSY_RETRY_SECONDS", 0.001)
    connection = open_database(tmp_path / "state.sqlite3")
    try:
        assert len(refusals) == 2
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        connection.close()


def test_a_database_busy_for_longer_than_the_timeout_is_unwritable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise _locked()

    monkeypatch.setattr(database, "connect", connect)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.05)
    monkeypatch.setattr(database, "BUSY_RETRY_SECONDS", 0.01)
    with pytest.raises(Unwritable, match="locked by another process"):
        open_database(tmp_path / "state.sqlite3")
    assert not (tmp_path / "state.sqlite3").exists()  # nothing moved aside, nothing made
