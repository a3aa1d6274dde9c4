"""The message catalogue: both languages everywhere, same placeholders, Arabic plural forms."""

from __future__ import annotations

import re
import unicodedata

import pytest

from tui.i18n import (
    ACTION_IDS,
    LANGS,
    MESSAGES,
    PLURAL_CATEGORIES,
    Plural,
    Text,
    action_description,
    placeholders,
    plural_category,
    t,
)

#: The Arabic block: letters, and signs such as ٪ (a percentage has no letters to check).
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")

#: The binding descriptions the task lists, by action id.
REQUIRED_ACTIONS = {
    "quit",
    "help",
    "command_palette",
    "focus_next",
    "focus_previous",
    "open",
    "cursor_down",
    "cursor_up",
    "first",
    "last",
    "page_down",
    "page_up",
    "half_page_down",
    "half_page_up",
    "next_article",
    "previous_article",
    "toggle_read",
    "toggle_bookmark",
    "next_unread",
    "previous_unread",
    "search",
    "next_hit",
    "previous_hit",
    "toggle_entities",
    "entity_panel",
    "next_mention",
    "previous_mention",
    "filter_entity",
    "toggle_sidebar",
    "toggle_bidi",
    "refresh_feeds",
    "sort",
    "copy",
}


def _forms(entry: Text | Plural, lang: str) -> list[str]:
    value = getattr(entry, lang)
    return list(value.values()) if isinstance(entry, Plural) else [value]


@pytest.mark.parametrize("msg_id", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(msg_id: str) -> None:
    entry = MESSAGES[msg_id]
    used = {lang: frozenset().union(*map(placeholders, _forms(entry, lang))) for lang in LANGS}
    if isinstance(entry, Plural):
        for lang in LANGS:
            assert set(getattr(entry, lang)) == set(PLURAL_CATEGORIES[lang]), lang
        # A form may spell the count out (مقال واحد) but none may invent a placeholder.
        used = {lang: names - {"n"} for lang, names in used.items()}
    assert used["en"] == used["ar"]
    for lang in LANGS:
        for form in _forms(entry, lang):
            assert form.strip() == form and form, (msg_id, lang)


@pytest.mark.parametrize("msg_id", sorted(MESSAGES))
def test_arabic_is_arabic_and_english_is_not(msg_id: str) -> None:
    entry = MESSAGES[msg_id]
    for form in _forms(entry, "ar"):
        assert ARABIC_LETTER.search(form), form
    for form in _forms(entry, "en"):
        assert not ARABIC_LETTER.search(form), form


@pytest.mark.parametrize("msg_id", sorted(MESSAGES))
def test_catalogue_is_logical_text(msg_id: str) -> None:
    """No presentation forms, bidi controls or other format characters: layout adds those."""
    for lang in LANGS:
        for form in _forms(MESSAGES[msg_id], lang):
            for char in form:
                assert not 0xFB50 <= ord(char) <= 0xFEFF, (msg_id, hex(ord(char)))
                assert unicodedata.category(char) not in {"Cf", "Cc"}, (msg_id, hex(ord(char)))


@pytest.mark.parametrize(
    ("count", "category"),
    [
        (0, "zero"),
        (1, "one"),
        (2, "two"),
        (3, "few"),
        (10, "few"),
        (11, "many"),
        (26, "many"),
        (99, "many"),
        (100, "other"),
        (101, "other"),
        (102, "other"),
        (103, "few"),
        (111, "many"),
        (1000, "other"),
    ],
)
def test_arabic_plural_categories_follow_cldr(count: int, category: str) -> None:
    assert plural_category(count, "ar") == category


def test_english_plural_categories() -> None:
    assert [plural_category(n, "en") for n in (0, 1, 2, 21)] == ["other", "one", "other", "other"]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "لا مقالات"),
        (1, "مقال واحد"),
        (2, "مقالان"),
        (5, "5 مقالات"),
        (11, "11 مقالًا"),
        (100, "100 مقال"),
        (105, "105 مقالات"),
    ],
)
def test_counted_arabic_messages_agree_with_the_number(count: int, expected: str) -> None:
    assert t("count.articles", "ar", n=count) == expected


def test_translation_with_placeholders() -> None:
    assert t("count.articles", "en", n=1) == "1 article"
    assert t("count.articles", "en", n=3) == "3 articles"
    assert t("status.hit", "en", n=2, total=7) == "hit 2 of 7"
    assert t("status.hit", "ar", n=2, total=7) == "النتيجة 2 من 7"
    assert t("sidebar.title", "ar") == "المقالات"
    assert t("sidebar.title") == "Articles"


def test_misuse_is_reported() -> None:
    with pytest.raises(KeyError):
        t("no.such.message", "en")
    with pytest.raises(ValueError, match="en, ar"):
        t("sidebar.title", "fr")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        t("status.hit", "en", n=1)  # total missing
    with pytest.raises(TypeError):
        t("count.articles", "en", n="3")


def test_every_listed_binding_has_a_description() -> None:
    assert set(ACTION_IDS) >= REQUIRED_ACTIONS
    assert action_description("toggle_bookmark", "en") == "Bookmark"
    assert action_description("quit", "ar") == "خروج"
