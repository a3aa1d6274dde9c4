"""Named-entity recognition for Arabic news: people, places and organisations in a text.

The public API other layers call: `tag_text`, `tag_article`, `entity_key`, `key_contains`,
`group_mentions`, `warm_up` and the values `EntityType`, `Mention`, `EntityGroup`.
Nothing here imports Textual or Rich; the model loads lazily on the first `tag_text` (or
on `warm_up`, which the app may call in a worker at start-up).
"""

from __future__ import annotations

from tui.entities.grouping import group_mentions
from tui.entities.keys import entity_key, key_contains
from tui.entities.mention import EntityGroup, EntityType, Mention
from tui.entities.model import ModelMissing
from tui.entities.tagger import tag_article, tag_text, warm_up

__all__ = [
    "EntityGroup",
    "EntityType",
    "Mention",
    "ModelMissing",
    "entity_key",
    "group_mentions",
    "key_contains",
    "tag_article",
    "tag_text",
    "warm_up",
]
