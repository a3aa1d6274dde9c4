"""Grouping mentions into entities: spelling variants and short forms of one name together."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from tui.entities.mention import EntityGroup, EntityType, Mention


def _merge_target(short: str, long_keys: list[str], sizes: Counter[str]) -> str | None:
    """The full name a one-word person key stands for, if the text gives one.

    A surname (``لافروف``) matches a full name ending with it; failing that, a name
    beginning with it (East Asian order: ``كيم`` → ``كيم جونغ أون``). Several candidates:
    the most mentioned, then the first seen.
    """
    for position in (-1, 0):
        candidates = [key for key in long_keys if key.split()[position] == short]
        if candidates:
            return max(candidates, key=lambda key: sizes[key])
    return None


def group_mentions(mentions: Iterable[Mention]) -> list[EntityGroup]:
    """Group *mentions* by type and key, folding a person's surname into the full name.

    Groups are ordered by their first mention in the input order; each group's canonical
    name is its fullest spelling (most words, then most frequent, then first seen).
    """
    ordered = list(mentions)
    members: dict[tuple[EntityType, str], list[Mention]] = defaultdict(list)
    for mention in ordered:
        members[(mention.type, mention.key)].append(mention)
    sizes: Counter[str] = Counter()
    for (kind, key), group in members.items():
        if kind is EntityType.PERSON:
            sizes[key] += len(group)
    long_keys = [
        key for (kind, key) in members if kind is EntityType.PERSON and len(key.split()) > 1
    ]
    target_of: dict[tuple[EntityType, str], tuple[EntityType, str]] = {}
    for kind, key in members:
        if kind is EntityType.PERSON and len(key.split()) == 1:
            target = _merge_target(key, long_keys, sizes)
            if target is not None:
                target_of[(kind, key)] = (kind, target)
    merged: dict[tuple[EntityType, str], list[Mention]] = defaultdict(list)
    for mention in ordered:
        ident = (mention.type, mention.key)
        merged[target_of.get(ident, ident)].append(mention)
    groups = [
        EntityGroup(_canonical(group, key), kind, key, tuple(group))
        for (kind, key), group in merged.items()
    ]
    return groups


def _canonical(group: list[Mention], key: str) -> str:
    """The fullest spelling among the group's mentions that carry the group's own key."""
    own = [mention.canonical for mention in group if mention.key == key] or [
        mention.canonical for mention in group
    ]
    counts = Counter(own)
    first_seen = {name: i for i, name in reversed(list(enumerate(own)))}
    return max(counts, key=lambda name: (len(name.split()), counts[name], -first_seen[name]))
