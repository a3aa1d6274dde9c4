"""group_mentions: variants and short forms under one entity, in order of first appearance."""

from __future__ import annotations

from tui.entities import EntityType, Mention, entity_key, group_mentions

PERSON = EntityType.PERSON
LOCATION = EntityType.LOCATION


def mention(start: int, name: str, kind: EntityType = PERSON) -> Mention:
    return Mention(start, start + len(name), kind, name, name, entity_key(name))


def test_surname_joins_the_full_name() -> None:
    groups = group_mentions(
        [mention(0, "لافروف"), mention(10, "سيرغي لافروف"), mention(30, "لافروف")]
    )
    assert len(groups) == 1
    assert groups[0].canonical == "سيرغي لافروف"
    assert groups[0].key == entity_key("سيرغي لافروف")
    assert [m.start for m in groups[0].mentions] == [0, 10, 30]


def test_east_asian_family_name_joins_the_full_name() -> None:
    groups = group_mentions([mention(0, "كيم جونغ أون"), mention(20, "كيم")])
    assert [g.canonical for g in groups] == ["كيم جونغ أون"]


def test_spelling_variants_are_one_entity() -> None:
    groups = group_mentions(
        [mention(0, "بيونغ يانغ", LOCATION), mention(20, "بيونج يانج", LOCATION)]
    )
    assert len(groups) == 1
    assert len(groups[0].mentions) == 2


def test_same_name_of_different_types_stays_apart() -> None:
    groups = group_mentions([mention(0, "جورجيا", LOCATION), mention(10, "جورجيا", PERSON)])
    assert [g.type for g in groups] == [LOCATION, PERSON]


def test_groups_come_in_order_of_first_mention() -> None:
    groups = group_mentions(
        [mention(0, "موسكو", LOCATION), mention(10, "بوتين"), mention(20, "موسكو", LOCATION)]
    )
    assert [g.canonical for g in groups] == ["موسكو", "بوتين"]


def test_a_surname_shared_by_two_people_goes_to_the_more_mentioned() -> None:
    groups = group_mentions(
        [
            mention(0, "كيم يونغ هيون"),
            mention(20, "كيم جونغ أون"),
            mention(40, "كيم جونغ أون"),
            mention(60, "كيم"),
        ]
    )
    by_name = {g.canonical: len(g.mentions) for g in groups}
    assert by_name == {"كيم يونغ هيون": 1, "كيم جونغ أون": 3}


def test_no_mentions_no_groups() -> None:
    assert group_mentions([]) == []
