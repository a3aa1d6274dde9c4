"""The values the entity tagger hands out: entity types, mentions and groups of mentions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EntityType(StrEnum):
    """The three kinds of names a reader follows across stories."""

    PERSON = "PERSON"
    LOCATION = "LOCATION"
    ORGANIZATION = "ORGANIZATION"


#: ANERcorp's tag suffixes (``B-PERS``…) for each entity type, and back.
CORPUS_LABELS: dict[EntityType, str] = {
    EntityType.PERSON: "PERS",
    EntityType.LOCATION: "LOC",
    EntityType.ORGANIZATION: "ORG",
}
TYPE_OF_LABEL: dict[str, EntityType] = {label: kind for kind, label in CORPUS_LABELS.items()}


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a name in a text.

    Attributes:
        start: offset of the first character of the name in the tagged text.
        end: offset just past its last character (half-open, so ``text[start:end]``).
        type: what the name denotes.
        text: the characters ``text[start:end]`` exactly as written (proclitics such as
            و/ب/ل are outside the span).
        canonical: the name this mention is grouped under, e.g. ``سيرغي لافروف`` for a
            bare ``لافروف``, ``الأمم المتحدة`` for ``للأمم المتحدة``.
        key: `entity_key` of the canonical name: equal for spelling variants.
    """

    start: int
    end: int
    type: EntityType
    text: str
    canonical: str
    key: str


@dataclass(frozen=True, slots=True)
class EntityGroup:
    """All mentions of one entity, under the name a reader would recognise it by.

    Attributes:
        canonical: the fullest spelling seen (``سيرغي لافروف`` rather than ``لافروف``).
        type: the entity's type.
        key: `entity_key` of the canonical name.
        mentions: the mentions, in text order.
    """

    canonical: str
    type: EntityType
    key: str
    mentions: tuple[Mention, ...]
