"""Shared fixtures: every test runs with its own data, cache and config folders."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "articles"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point akhbar's data/cache/config folders into the test's tmp dir; never touch ~."""
    home = tmp_path / "akhbar-home"
    for name in ("DATA", "CACHE", "CONFIG"):
        folder = home / name.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(f"AKHBAR_{name}_DIR", str(folder))
    monkeypatch.delenv("PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE", raising=False)
    return home


@pytest.fixture
def seed_paths() -> list[Path]:
    """The five shipped articles, in file-name order."""
    return sorted(ARTICLES.glob("*.txt"))
