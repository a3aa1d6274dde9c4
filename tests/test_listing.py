"""Sidebar ordering: sort keys, Arabic-aware titles, grouping by source, next/previous unread."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from tui.corpus.article import ArticleHeader
from tui.listing import (
    SORT_KEYS,
    UnreadJump,
    count_unread,
    group_by_source,
    listed_date,
    next_unread,
    only_bookmarked,
    sort_headers,
    title_key,
)


def header(
    title: str,
    *,
    published: str | None = None,
    source: str | None = None,
    path: str | None = None,
    position: int = 0,
    identity: str | None = None,
) -> ArticleHeader:
    """A header; the identity defaults to one derived from every other field."""
    return ArticleHeader(
        title=title,
        date=published,
        published=published,
        source=source,
        url=None,
        path=path,
        position=position,
        format="txt",
        encoding="utf-8",
        identity=identity or f"id:{title}:{published}:{source}:{path}:{position}",
    )


def titles(headers: tuple[ArticleHeader, ...] | list[ArticleHeader]) -> list[str]:
    return [h.title for h in headers]


def test_date_newest_first_unknown_and_garbage_dates_last() -> None:
    items = [
        header("old", published="2023-05-01"),
        header("undated"),
        header("new", published="2024-02-10"),
        header("garbage date", published="yesterday"),
        header("middle", published="2023-12-31"),
    ]
    assert titles(sort_headers(items, "date")) == [
        "new",
        "middle",
        "old",
        "garbage date",  # undated ones by title: g < u
        "undated",
    ]


def test_same_date_is_ordered_by_title() -> None:
    items = [header("ب", published="2024-01-01"), header("أ", published="2024-01-01")]
    assert titles(sort_headers(items, "date")) == ["أ", "ب"]


def test_title_sort_ignores_hamza_forms_and_leading_quotes() -> None:
    items = [
        header("ثورة"),
        header("«إعلان» جديد"),
        header("اتفاق"),
        header("بيان"),
        header("أمطار"),
    ]
    # Folded: اعلان, اتفاق, امطار, بيان, ثوره → alef-initial words first, by their next letter:
    # ات < اع < ام.
    assert titles(sort_headers(items, "title")) == [
        "اتفاق",
        "«إعلان» جديد",
        "أمطار",
        "بيان",
        "ثورة",
    ]


def test_title_key_folds_what_the_normaliser_folds() -> None:
    assert title_key("  «أحمد") == title_key("احمد") == "احمد"
    assert title_key("«إعلان» مشترك") == "اعلان» مشترك"  # only leading marks are skipped
    assert title_key("Breaking") == "breaking"


def test_source_sort_groups_spellings_and_puts_unknown_last() -> None:
    items = [
        header("a", source="رويترز", published="2024-01-01"),
        header("b", source=None, published="2024-03-01"),
        header("c", source="الجزيرة", published="2024-01-02"),
        header("d", source="الجزيره", published="2024-01-05"),
        header("e", source="   ", published="2024-01-01"),
    ]
    ordered = titles(sort_headers(items, "source"))
    # الجزيرة/الجزيره are one source (newest first within it), رويترز next, blank/None last.
    assert ordered[:3] == ["d", "c", "a"]
    assert set(ordered[3:]) == {"b", "e"}
    assert ordered[3] == "b"  # unknown sources still newest first


def test_path_sort_is_natural() -> None:
    items = [
        header("x", path="feeds/f10.xml", position=0),
        header("y", path="feeds/f2.xml", position=1),
        header("z", path="feeds/f2.xml", position=0),
    ]
    assert titles(sort_headers(items, "path")) == ["z", "y", "x"]


def test_unknown_sort_key_is_an_error() -> None:
    try:
        sort_headers([], "size")  # type: ignore[arg-type]
    except ValueError as error:
        assert "date, source, title, path" in str(error)
    else:
        raise AssertionError("expected ValueError")


def test_group_by_source_labels_keep_the_common_spelling() -> None:
    items = [
        header("1", source="الجزيرة"),
        header("2", source=None),
        header("3", source="الجزيره"),
        header("4", source="الجزيرة"),
        header("5", source="BBC عربي"),
    ]
    groups = group_by_source(items)
    assert [g.source for g in groups] == ["BBC عربي", "الجزيرة", None]
    assert [titles(list(g.headers)) for g in groups] == [["5"], ["1", "3", "4"], ["2"]]
    assert groups[-1].label("en") == "Unknown source"
    assert groups[-1].label("ar") == "مصدر غير معروف"
    assert groups[1].label("ar") == "الجزيرة"


UNREAD_LIST = [header(str(i), identity=str(i)) for i in range(6)]


def test_next_unread_forward_and_wrapping() -> None:
    read = {"0", "2", "3", "5"}  # unread: 1 and 4
    assert next_unread(UNREAD_LIST, read, 1) == UnreadJump(4, False)
    assert next_unread(UNREAD_LIST, read, 4) == UnreadJump(1, True)
    assert next_unread(UNREAD_LIST, read, None) == UnreadJump(1, False)


def test_previous_unread_backwards_and_wrapping() -> None:
    read = {"0", "2", "3", "5"}
    assert next_unread(UNREAD_LIST, read, 4, backwards=True) == UnreadJump(1, False)
    assert next_unread(UNREAD_LIST, read, 1, backwards=True) == UnreadJump(4, True)
    assert next_unread(UNREAD_LIST, read, None, backwards=True) == UnreadJump(4, False)


def test_next_unread_never_returns_the_current_article() -> None:
    read = {"0", "1", "2", "3", "5"}  # only 4 is unread
    assert next_unread(UNREAD_LIST, read, 4) is None
    assert next_unread(UNREAD_LIST, read, 0) == UnreadJump(4, False)
    assert next_unread(UNREAD_LIST, {h.identity for h in UNREAD_LIST}, None) is None
    assert next_unread([], set(), None) is None


def test_counts_and_bookmark_filter() -> None:
    assert count_unread(UNREAD_LIST, {"1", "2"}) == 4
    assert titles(only_bookmarked(UNREAD_LIST, {"5", "2", "missing"})) == ["2", "5"]


HEADERS = st.lists(
    st.builds(
        header,
        st.text(max_size=8),
        published=st.one_of(st.none(), st.dates().map(str), st.text(max_size=5)),
        source=st.one_of(st.none(), st.sampled_from(["الجزيرة", "الجزيره", "BBC", " "])),
        path=st.one_of(st.none(), st.text("ab12/", max_size=6)),
        position=st.integers(0, 3),
    ),
    max_size=12,
    # The loader lists each identity once (it deduplicates articles).
    unique_by=lambda h: h.identity,
)


@given(HEADERS, st.sampled_from(SORT_KEYS))
def test_sorting_is_a_deterministic_permutation(items: list[ArticleHeader], key: str) -> None:
    once = sort_headers(items, key)  # type: ignore[arg-type]
    assert sorted(map(id, once)) == sorted(map(id, items))
    assert sort_headers(reversed(items), key) == once  # type: ignore[arg-type]


@given(HEADERS)
def test_grouping_partitions_the_list(items: list[ArticleHeader]) -> None:
    groups = group_by_source(items)
    flat = [h for g in groups for h in g.headers]
    assert sorted(map(id, flat)) == sorted(map(id, items))
    assert all(g.headers for g in groups)
    assert [g.source for g in groups].count(None) <= 1


@given(
    st.lists(st.booleans(), max_size=10),
    st.one_of(st.none(), st.integers(0, 9)),
    st.booleans(),
)
def test_next_unread_finds_an_unread_other_than_start_if_there_is_one(
    flags: list[bool], start: int | None, backwards: bool
) -> None:
    items = [header(str(i), identity=str(i)) for i in range(len(flags))]
    read = {str(i) for i, is_read in enumerate(flags) if is_read}
    if start is not None and items:
        start = min(start, len(items) - 1)
    jump = next_unread(items, read, start, backwards=backwards)
    candidates = {i for i, is_read in enumerate(flags) if not is_read and i != start}
    if not candidates:
        assert jump is None
        return
    assert jump is not None and jump.index in candidates
    # It is the nearest one in the direction of travel (distance measured round the list).
    n = len(items)
    origin = (-1 if not backwards else n) if start is None else start

    def distance(i: int) -> int:
        return ((origin - i) if backwards else (i - origin)) % n or n

    assert distance(jump.index) == min(distance(i) for i in candidates)


def test_the_sidebar_shows_the_iso_day_when_the_date_was_read() -> None:
    stated = replace(header("خبر", published="2023-10-19"), date="19th, October 2023 GMT")
    assert listed_date(stated) == "2023-10-19"
    timed = header("خبر", published="2024-10-30T08:15:00+03:00")
    assert listed_date(timed) == "2024-10-30"


def test_a_date_that_could_not_be_read_is_shown_as_stated() -> None:
    unread = replace(header("خبر"), date="الأربعاء الماضي")
    assert listed_date(unread) == "الأربعاء الماضي"
    assert listed_date(header("خبر")) is None
