"""The shipped CRF model: where it lives, loading it once, and tagging sentences with it.

The model is read lazily on first use (crfsuite loads a few MB in milliseconds) and shared
by all threads behind a lock, since a crfsuite tagger holds per-call state.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from tui.entities.features import sentence_features

#: File name of the model under `tui/entities/data/`.
MODEL_NAME = "ner.crfsuite"


class ModelMissing(RuntimeError):
    """The model file is absent (a broken install); `akhbar ner-train` recreates it."""


def shipped_model_path() -> Path:
    """Where the packaged model is (and where `ner-train` writes by default)."""
    return Path(str(resources.files("tui.entities") / "data" / MODEL_NAME))


class SequenceTagger:
    """A loaded crfsuite model; `tag` turns sentences of words into BIO tags."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        if not path.is_file():
            raise ModelMissing(f"entity model not found at {path}; run `akhbar ner-train`")
        self.path = path
        self._tagger: Any = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._lock = threading.Lock()

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags (ANERcorp labels) for each sentence of tokens as written."""
        result: list[list[str]] = []
        for words in sentences:
            if not words:
                result.append([])
                continue
            features = sentence_features(words)
            with self._lock:
                tags: list[str] = self._tagger.tag(features)
            result.append(tags)
        return result


_loaded: dict[Path, SequenceTagger] = {}
_load_lock = threading.Lock()


def load(path: Path | None = None) -> SequenceTagger:
    """The tagger for *path* (default: the shipped model), loaded once per process."""
    target = path or shipped_model_path()
    with _load_lock:
        tagger = _loaded.get(target)
        if tagger is None:
            tagger = SequenceTagger(target)
            _loaded[target] = tagger
        return tagger


def forget(path: Path | None = None) -> None:
    """Drop a loaded model so the next `load` rereads it (after `ner-train` rewrote it)."""
    with _load_lock:
        _loaded.pop(path or shipped_model_path(), None)
