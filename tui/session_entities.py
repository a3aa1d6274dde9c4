"""The reader session's entities: tagged articles remembered, and a missing model told once.

`ReaderSession` owns one `SessionEntities` and forwards its entity questions to it; the
workers that tag articles and the UI thread that draws them share it, so every change
happens under its lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.corpus.article import Problem

if TYPE_CHECKING:
    from tui.corpus.article import Article
    from tui.entities import EntityGroup

#: Articles whose entities are remembered by the session (recently opened or got ready).
GROUPS_KEPT = 64
#: The problem listed when the entity model is missing (a broken install).
ENTITIES_OFF = "no entity model, so names are not highlighted; `akhbar ner-train` recreates it"


@dataclass
class SessionEntities:
    """Entity groups of recently tagged articles, and whether the tagger's model is missing.

    Thread-safe: workers tag and warm up, the UI thread asks what is known.
    """

    _groups: dict[str, list[EntityGroup]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _off: Problem | None = None
    _told: bool = False

    @property
    def off(self) -> bool:
        """Whether the model was found missing this session (no tagger to ask)."""
        return self._off is not None

    def warm_up(self) -> None:
        """Load the tagger's model, so opening the first article is quick (worker thread);
        a missing model is remembered rather than raised."""
        from tui.entities import ModelMissing
        from tui.entities import warm_up as warm_up_entities

        if self._off is None:
            try:
                warm_up_entities()
            except ModelMissing:
                self.missing()

    def groups(self, article: Article) -> list[EntityGroup]:
        """The article's entities, grouped (can take a few ms: call from a worker).

        A broken install without the model file gives no entities rather than an error;
        the model is looked for once a session, not again for every article
        (`take_problem` says why there are none).
        """
        from tui.entities import ModelMissing, group_mentions, tag_article

        if self._off is not None:
            return []
        try:
            groups = group_mentions(tag_article(article))
        except ModelMissing:
            self.missing()
            return []
        with self._lock:
            self._groups[article.identity] = groups
            while len(self._groups) > GROUPS_KEPT:
                del self._groups[next(iter(self._groups))]
        return groups

    def missing(self) -> None:
        """Remember for the session that the entity model is missing: not looked for again."""
        from tui.entities.model import shipped_model_path

        with self._lock:
            if self._off is None:
                self._off = Problem(str(shipped_model_path()), ENTITIES_OFF)

    def take_problem(self) -> Problem | None:
        """Why names are not highlighted (the entity model is missing), the first time it
        is asked once that was found, so the user is told once; None otherwise."""
        with self._lock:
            if self._off is None or self._told:
                return None
            self._told = True
            return self._off

    def known(self, identity: str) -> list[EntityGroup] | None:
        """The entities of article *identity* if `groups` found them recently."""
        with self._lock:
            return self._groups.get(identity)
