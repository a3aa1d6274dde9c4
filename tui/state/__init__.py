"""Reader state kept across sessions: read marks, bookmarks, reading positions, settings."""

from __future__ import annotations

from tui.state.database import SCHEMA_VERSION
from tui.state.store import ReaderState, StateNotice, state_path

__all__ = ["SCHEMA_VERSION", "ReaderState", "StateNotice", "state_path"]
