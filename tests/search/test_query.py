"""The query language parser: every operator, and every malformed query explained, not raised."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.search import error_message, parse_query
from tui.search.query import Clause, Field, Flag, QueryError, StateFilter, Terms


def items(text: str) -> list[tuple[bool, list[tuple[str, tuple[str, ...]]]]]:
    """(negated, [(field, words)…]) per clause, for compact assertions."""
    out = []
    for clause in parse_query(text).clauses:
        alts = []
        for item in clause.items:
            if isinstance(item, StateFilter):
                alts.append(("is", (item.flag.value,)))
            else:
                alts.append((item.field.value, item.words))
        out.append((clause.negated, alts))
    return out


def test_words_are_separate_clauses_all_required() -> None:
    assert items("لافروف موسكو") == [
        (False, [("any", ("لافروف",))]),
        (False, [("any", ("موسكو",))]),
    ]


def test_phrase_keeps_order_and_normalises_words() -> None:
    # Words are prepared: hamza folded, ة → ه, but ى kept for the على/علي guard.
    assert items('"كوريا الشمالية" على') == [
        (False, [("any", ("كوريا", "الشماليه"))]),
        (False, [("any", ("على",))]),
    ]


@pytest.mark.parametrize("quoted", ['"بيونغ يانغ"', "“بيونغ يانغ”", "«بيونغ يانغ»"])
def test_phrase_quote_styles(quoted: str) -> None:
    assert items(quoted) == [(False, [("any", ("بيونغ", "يانغ"))])]


def test_minus_excludes() -> None:
    assert items('روسيا -أوكرانيا -"كوريا الشمالية"') == [
        (False, [("any", ("روسيا",))]),
        (True, [("any", ("اوكرانيا",))]),
        (True, [("any", ("كوريا", "الشماليه"))]),
    ]


@pytest.mark.parametrize("text", ["بيونغ OR بيونج", "بيونغ | بيونج", "بيونغ|بيونج"])
def test_or_joins_alternatives_in_one_clause(text: str) -> None:
    assert items(text) == [(False, [("any", ("بيونغ",)), ("any", ("بيونج",))])]


def test_or_binds_tighter_than_and() -> None:
    assert items("لافروف موسكو OR بكين") == [
        (False, [("any", ("لافروف",))]),
        (False, [("any", ("موسكو",)), ("any", ("بكين",))]),
    ]


def test_lowercase_or_and_words_containing_or_are_words() -> None:
    assert items("or ORACLE") == [(False, [("any", ("or",))]), (False, [("any", ("oracle",))])]


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ("title:لافروف", Field.TITLE, ("لافروف",)),
        ('title:"كوريا الشمالية"', Field.TITLE, ("كوريا", "الشماليه")),
        ("Title:لافروف", Field.TITLE, ("لافروف",)),
        ("source:رويترز", Field.SOURCE, ("رويترز",)),
        ("person:سيرجي", Field.PERSON, ("سيرجي",)),
        ('place:"بيونغ يانغ"', Field.PLACE, ("بيونغ", "يانغ")),
        ("org:الأمم", Field.ORG, ("الامم",)),
        ("عنوان:لافروف", Field.TITLE, ("لافروف",)),
        ("مصدر:رويترز", Field.SOURCE, ("رويترز",)),
        ("شخص:بوتين", Field.PERSON, ("بوتين",)),
        ("مكان:موسكو", Field.PLACE, ("موسكو",)),
        ("منظمة:الناتو", Field.ORG, ("الناتو",)),
    ],
)
def test_field_qualifiers(text: str, field: Field, words: tuple[str, ...]) -> None:
    (clause,) = parse_query(text).clauses
    (item,) = clause.items
    assert isinstance(item, Terms)
    assert (item.field, item.words) == (field, words)


def test_qualifier_keeps_the_raw_name_for_entity_lookup() -> None:
    (clause,) = parse_query('person:"سيرغي لافروف"').clauses
    assert isinstance(clause.items[0], Terms)
    assert clause.items[0].raw == "سيرغي لافروف"


@pytest.mark.parametrize(
    ("text", "flag"),
    [("is:unread", Flag.UNREAD), ("is:read", Flag.READ), ("IS:Bookmarked", Flag.BOOKMARKED)],
)
def test_state_filters(text: str, flag: Flag) -> None:
    query = parse_query(text)
    assert query.flags() == {flag}
    assert query.terms() == ()


def test_negated_filter_and_positive_terms() -> None:
    query = parse_query("-is:read title:موسكو لافروف")
    assert [c.negated for c in query.clauses] == [True, False, False]
    assert [t.words for t in query.terms()] == [("موسكو",), ("لافروف",)]


def test_punctuation_inside_a_word_makes_a_phrase() -> None:
    assert items("كيم-جونغ") == [(False, [("any", ("كيم", "جونغ"))])]


def test_arabic_word_with_colon_is_a_word_not_a_field() -> None:
    assert items("الرئيس: بوتين") == [
        (False, [("any", ("الرئيس",))]),
        (False, [("any", ("بوتين",))]),
    ]


@pytest.mark.parametrize("text", ["", "   ", "، . ؟", "!!!"])
def test_empty_or_punctuation_only_query_is_empty_not_an_error(text: str) -> None:
    assert parse_query(text).is_empty


# (query, error code, position of the character pointed at) — positions counted by hand.
ERRORS = [
    ('"كوريا الشمالية', "unclosed_quote", 0),
    ('روسيا "كوريا', "unclosed_quote", 6),
    ("«بيونغ", "unclosed_quote", 0),
    ('""', "empty_quotes", 0),
    ('title:"  "', "empty_quotes", 0),
    ("-", "lone_minus", 0),
    ("روسيا -", "lone_minus", 6),
    ("روسيا - أوكرانيا", "lone_minus", 6),
    ("--روسيا", "lone_minus", 0),
    ("-،", "lone_minus", 0),
    ("OR روسيا", "or_needs_sides", 0),
    ("روسيا OR", "or_needs_sides", 6),
    ("روسيا OR OR موسكو", "or_needs_sides", 9),
    ("| روسيا", "or_needs_sides", 0),
    ("-روسيا OR موسكو", "minus_in_or", 7),
    ("روسيا OR -موسكو", "minus_in_or", 9),
    ("title:", "empty_field", 0),
    ("روسيا title: موسكو", "empty_field", 6),
    ("person:،", "empty_field", 0),
    ("foo:bar", "unknown_field", 0),
    ("روسيا author:x", "unknown_field", 6),
    ("is:new", "unknown_flag", 0),
    ("is:", "unknown_flag", 0),
]


@pytest.mark.parametrize(("text", "code", "position"), ERRORS)
def test_malformed_queries_are_explained_with_a_position(
    text: str, code: str, position: int
) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert caught.value.code == code
    assert caught.value.position == position
    assert caught.value.message == error_message(code, "en", **caught.value.params)
    assert error_message(code, "ar", **caught.value.params)  # an Arabic message exists


def test_error_messages_name_the_culprit() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query("author:x")
    assert "author:" in caught.value.message
    with pytest.raises(QueryError) as caught:
        parse_query("is:new")
    assert "is:new" in caught.value.message


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab روسيا"«»“”-|:ORtilesponrdg '), max_size=30))
def test_any_text_parses_or_raises_query_error_only(text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError as error:
        assert 0 <= error.position <= len(text)
    else:
        assert all(isinstance(c, Clause) and c.items for c in query.clauses)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_unicode_never_crashes_the_parser(text: str) -> None:
    with contextlib.suppress(QueryError):
        parse_query(text)
