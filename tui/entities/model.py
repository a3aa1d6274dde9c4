"""The shipped CRF model: where it lives, loading it once, and tagging sentences with it.

The model is read lazily on first use (crfsuite loads a few MB in milliseconds) and shared
by all threads behind a lock, since a crfsuite tagger holds per-call state. When a second
stage lies beside it (`tui.entities.stacking`), it re-tags each document with the first
stage's labels as extra evidence.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from tui.entities.features import FeatureTable, document_features
from tui.entities.stacking import (
    STACKED_FEATURES,
    STACKED_MODEL,
    add_consistency_features,
)
from tui.entities.training import COMMON_FILE, FEATURES_FILE, LEXICON_FILE, UNNAMED_FILE

#: File name of the model under `tui/entities/data/`.
MODEL_NAME = "ner.crfsuite"


class ModelMissing(RuntimeError):
    """The model file is absent (a broken install); `akhbar ner-train` recreates it."""


def shipped_model_path() -> Path:
    """Where the packaged model is (and where `ner-train` writes by default)."""
    return Path(str(resources.files("tui.entities") / "data" / MODEL_NAME))


def _word_list(path: Path) -> frozenset[str]:
    """Entries of a word list written by `ner-train` (empty if the file is absent)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


class SequenceTagger:
    """A loaded crfsuite model and its word lists; `tag` turns sentences into BIO tags.

    Attributes:
        lexicon: stems seen inside names in the training corpus (clitic decisions).
        common: frequent stems almost never inside names (the rules do not spread them).
        unnamed: listed names the training corpus leaves untagged (its conventions).
        table: the features either stage has weights for (built once, used by both).
        stacked: whether a second stage (`tui.entities.stacking`) refines the first.
    """

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        if not path.is_file():
            raise ModelMissing(f"entity model not found at {path}; run `akhbar ner-train`")
        self.path = path
        self._tagger: Any = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._lock = threading.Lock()
        self.lexicon = _word_list(path.parent / LEXICON_FILE)
        self.common = _word_list(path.parent / COMMON_FILE)
        self.unnamed = _word_list(path.parent / UNNAMED_FILE)
        names = _word_list(path.parent / FEATURES_FILE)
        self._stacked: Any = None
        stacked = path.parent / STACKED_MODEL
        if stacked.is_file():
            self._stacked = pycrfsuite.Tagger()
            self._stacked.open(str(stacked))
            # One table for both stages: features are built once per document.
            names = names | _word_list(path.parent / STACKED_FEATURES) if names else names
        self.stacked = self._stacked is not None
        self.table = FeatureTable(names or None)

    def tag(self, document: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags (ANERcorp labels) for each sentence of one document's tokens.

        With a second stage, the first stage's tags of the whole document become
        features of the second (see `tui.entities.stacking`).
        """
        features = document_features(document, self.table)
        tag = self._tagger.tag
        with self._lock:
            first = [tag(sentence) if sentence else [] for sentence in features]
            if self._stacked is None:
                return first
            add_consistency_features(features, document, first)
            second = self._stacked.tag
            return [second(sentence) if sentence else [] for sentence in features]


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
