"""Where akhbar keeps things: data (state, fetched news, host key), cache (index), config.

platformdirs decides per platform; `AKHBAR_DATA_DIR`, `AKHBAR_CACHE_DIR` and
`AKHBAR_CONFIG_DIR` override each one (tests and `serve` use them to isolate users).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "akhbar"


def _dir(env: str, kind: str) -> Path:
    override = os.environ.get(env)
    if override:
        return Path(override).expanduser()
    import platformdirs

    getter = getattr(platformdirs, f"user_{kind}_dir")
    return Path(getter(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Reader state, fetched articles, SSH host key."""
    return _dir("AKHBAR_DATA_DIR", "data")


def cache_dir() -> Path:
    """Search index and parsed-article cache: safe to delete."""
    return _dir("AKHBAR_CACHE_DIR", "cache")


def config_dir() -> Path:
    """config.toml."""
    return _dir("AKHBAR_CONFIG_DIR", "config")


def fetched_dir() -> Path:
    """Where `akhbar fetch` writes new articles by default; read alongside `articles/`."""
    return data_dir() / "news"


def shipped_articles_dir() -> Path:
    """The corpus shipped with akhbar: `articles/` of a checkout, else the packaged copy."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "articles"
    if checkout.is_dir():
        return checkout
    return here / "_articles"
