"""The reader's model without Textual: listing, opening, read marks, positions, search."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.corpus.article import ArticleHeader
from tui.reader_session import ReaderSession, SessionOptions
from tui.state.store import ReaderState

ARTICLES = Path(__file__).resolve().parents[1] / "articles"


@dataclass
class Entry:
    header: ArticleHeader | None


@pytest.fixture
def state(tmp_path: Path) -> ReaderState:
    return ReaderState.open(tmp_path / "state.sqlite3")


def session(state: ReaderState, **options: object) -> ReaderSession:
    model = ReaderSession(SessionOptions((ARTICLES,), **options), state)  # type: ignore[arg-type]
    model.load()
    return model


def listed(model: ReaderSession) -> list[ArticleHeader]:
    return [h for h, _, _ in model.entries("en") if h is not None]


def test_entries_sorted_by_date_newest_first_then_undated(state: ReaderState) -> None:
    model = session(state)
    headers = listed(model)
    assert len(headers) == 5
    dated = [h.published for h in headers if h.published]
    assert dated == sorted(dated, reverse=True)
    assert all(h.published for h in headers[: len(dated)])


def test_group_by_source_adds_headings_and_keeps_every_article(state: ReaderState) -> None:
    model = session(state)
    model.group_by_source = True
    entries = model.entries("ar")
    headings = [label for h, label, _ in entries if h is None]
    assert "الشرق الأوسط" in headings
    assert len([h for h, _, _ in entries if h is not None]) == 5


def test_opening_marks_read_and_positions_are_saved_on_flush(state: ReaderState) -> None:
    model = session(state)
    first = listed(model)[0]
    article = model.open(first)
    assert article is not None and first.identity in model.read
    assert model.position_of(article) == 0
    model.note_position(article.identity, 120, at_end=False)
    assert state.position(article.identity) is None  # not written on every scroll step
    model.flush_position()
    assert state.position(article.identity) == 120
    # A new session (a relaunch) finds it.
    again = session(state)
    assert again.position_of(article) == 120


def test_mark_read_at_end_only_when_scrolled_to_the_end(state: ReaderState) -> None:
    model = session(state, mark_read="end")
    header = listed(model)[0]
    model.open(header)
    assert header.identity not in model.read
    assert model.note_position(header.identity, 10, at_end=False) is False
    assert model.note_position(header.identity, 900, at_end=True) is True
    assert header.identity in model.read


def test_neighbour_and_next_unread_follow_the_listed_order(state: ReaderState) -> None:
    model = session(state)
    entries = [Entry(h) for h in listed(model)]
    model.open(entries[1].header)  # type: ignore[arg-type]
    assert model.neighbour(1, entries) == entries[2].header
    assert model.neighbour(-1, entries) == entries[0].header
    assert model.next_unread(entries, 1, forward=True) == entries[2].header.identity  # type: ignore[union-attr]
    for entry in entries[2:]:
        model.toggle_read(entry.header.identity)  # type: ignore[union-attr]
    # Forward from 1: 2, 3, 4 are read, so it wraps round to 0.
    assert model.next_unread(entries, 1, forward=True) == entries[0].header.identity  # type: ignore[union-attr]


def test_query_filters_ranks_and_explains_errors(state: ReaderState) -> None:
    model = session(state)
    model.prepare_search()
    message = model.set_query("زاخاروفا", "en")
    assert message == "2 results"
    hits = [hits for h, _, hits in model.entries("en") if h is not None]
    assert len(hits) == 2 and hits == sorted(hits, reverse=True)
    assert model.set_query('"زاخاروفا', "en").lower().count("quote") == 1
    assert len(listed(model)) == 5  # a query that does not parse filters nothing
    assert model.set_query("", "en") == ""


def test_bars(state: ReaderState) -> None:
    model = session(state)
    identities = [h.identity for h in listed(model)]
    model.open(listed(model)[2])
    left, right = model.title_bar(identities, "en")
    assert left.endswith("3/5") and right == "5 articles · 4 unread"
    model.hit_position = (3, 12)
    title, status = model.status_line("app", "en")
    assert title == listed(model)[2].title and status == "hit 3 of 12 · bidi: app"
