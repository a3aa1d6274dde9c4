"""The entity panel's content: an article's entity groups as rows under one heading per type."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.i18n import Lang, t

if TYPE_CHECKING:
    from tui.entities import EntityGroup

#: Entity types in panel order, with the message id of their heading.
TYPE_HEADINGS = {
    "PERSON": "entity.person",
    "LOCATION": "entity.location",
    "ORGANIZATION": "entity.organization",
}


@dataclass(frozen=True, slots=True)
class EntityRow:
    """A row: a type heading (no key) or an entity with the spans of its mentions."""

    kind: str
    label: str
    key: str = ""
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def is_heading(self) -> bool:
        """True for a type heading."""
        return not self.key


def entity_rows(groups: Iterable[EntityGroup], lang: Lang) -> list[EntityRow]:
    """Headings and entities, people first, each group in order of first mention; a single
    "no entities" row when there are none."""
    groups = list(groups)
    rows: list[EntityRow] = []
    for kind, heading in TYPE_HEADINGS.items():
        of_kind = [g for g in groups if str(g.type) == kind]
        if of_kind:
            rows.append(EntityRow(kind, t(heading, lang)))
            rows.extend(
                EntityRow(kind, g.canonical, g.key, tuple((m.start, m.end) for m in g.mentions))
                for g in of_kind
            )
    return rows or [EntityRow("", t("entities.none", lang))]
