"""Fixtures shared by the corpus tests."""

from __future__ import annotations

import pytest

from tui.corpus import workers


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two worker processes for any load of two files or more, one file per request."""
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(workers, "CHUNK_FILES", 1)
    monkeypatch.setattr(workers, "worker_count", lambda: 2)
